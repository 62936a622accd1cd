// Plain `key=value` search strings, so a view's URL reads like the API request it makes
// (`?include_tags=model,product&order=asc`) rather than the router's JSON encoding.

export function parseSearch(searchStr: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(searchStr)) out[key] = value
  return out
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const text = params.toString().replace(/%2C/gi, ',')
  return text ? `?${text}` : ''
}

export function sameSearch(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return stringifySearch(a) === stringifySearch(b)
}
