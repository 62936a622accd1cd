// Plain `key=value` search strings, so a view's URL reads like the API request it makes
// (`?include_tags=model,product&order=asc`) rather than the router's JSON encoding. A key written
// more than once (`?feedback=like&feedback=dislike`, a repeated API parameter) reads as a list.
import { redirect, type ParsedLocation } from '@tanstack/react-router'
import type { FilterSchema } from './dialects/filter-types'

export function parseSearch(searchStr: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(searchStr)) {
    const held = out[key]
    out[key] = held === undefined ? value : Array.isArray(held) ? [...held, value] : [held, value]
  }
  return out
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '') continue
    // A list is the same key once per value, in the list's order.
    if (Array.isArray(value)) {
      for (const one of value as unknown[])
        if (one !== undefined && one !== null && one !== '') params.append(key, String(one))
    } else params.set(key, String(value))
  }
  const text = params.toString().replace(/%2C/gi, ',')
  return text ? `?${text}` : ''
}

/**
 * Parses a view's search with its dialect's filter schema, and sends any URL that is not written
 * the canonical way (bad values, defaults, keys in another order) to the one that is.
 *
 * note: the check compares the URL's own text, never the router's `search` object: the router
 * keeps the previous object when the new one holds the same keys and values, so that object can
 * keep an old key order and a check on it would redirect forever.
 */
export function canonicalSearch<TFilters>(
  schema: FilterSchema<TFilters>,
  { search, location }: { search: Record<string, unknown>; location: ParsedLocation },
  /** Parameters of the view's own (not filters) the canonical URL keeps, after the filters. */
  kept: Record<string, string> = {},
): TFilters {
  const filters = schema.parse(search)
  const canonical = stringifySearch({ ...schema.toSearch(filters), ...kept })
  if (canonical !== location.searchStr) {
    const path = location.href.split(/[?#]/)[0] ?? location.pathname
    const hash = location.hash ? `#${location.hash}` : ''
    throw redirect({ href: path + canonical + hash, replace: true })
  }
  return filters
}
