// The review's compare lives in its URL (`?compare=versions`), so a link opens it and Back leaves
// it. Only the review reads it: the project page under the review ignores it, and leaving the
// review drops it.

/** What compare sets side by side: the output and its inputs, or the versions of its image index. */
export type CompareSet = 'inputs' | 'versions'

const PARAM = 'compare'
const SETS: readonly CompareSet[] = ['inputs', 'versions']

/** The compare a search asks for; null when none, or a value that names none. */
export function compareOf(search: Readonly<Record<string, unknown>>): CompareSet | null {
  const value = search[PARAM]
  return SETS.find((set) => set === value) ?? null
}

/** `search` without the compare parameter: what the project page and its loader go by. */
export function withoutCompare<T extends Readonly<Record<string, unknown>>>(search: T): T {
  if (!(PARAM in search)) return search
  const { [PARAM]: _dropped, ...rest } = search
  return rest as T
}

/** `search` opening `set` (last, as the canonical URL writes it), or closing compare for null. */
export function withCompare<T extends Readonly<Record<string, unknown>>>(search: T, set: CompareSet | null): T {
  const rest = withoutCompare(search)
  return (set === null ? rest : { ...rest, [PARAM]: set }) as T
}

/** The compare parameter a canonical review URL keeps after its filters (none when invalid). */
export function compareSearch(search: Readonly<Record<string, unknown>>): Record<string, string> {
  const set = compareOf(search)
  return set === null ? {} : { [PARAM]: set }
}
