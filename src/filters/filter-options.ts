import { queryOptions, useQueries } from '@tanstack/react-query'
import type { FilterControl, FilterOption, RawSearch } from '../dialects/types'

/** Where the names of id filters come from: a source's `filterOptions`, under its cache identity. */
export interface FilterOptionSource {
  /** The source's identity in the cache (its id and revision). */
  id: readonly unknown[]
  load: (key: string, signal: AbortSignal) => Promise<readonly FilterOption[]>
}

/** One filter's choices; names change rarely, so they are kept for the session. */
export function filterOptionsQuery(source: FilterOptionSource, key: string) {
  return queryOptions({
    queryKey: ['filter-options', ...source.id, key],
    queryFn: ({ signal }) => source.load(key, signal),
    staleTime: 5 * 60_000,
    gcTime: 30 * 60_000,
  })
}

/**
 * The name of each id filter set in `search`, by key, once its choices have loaded; an id no
 * choice has (a hidden person, a deleted album) has no name.
 */
export function useChosenNames(
  source: FilterOptionSource,
  controls: readonly FilterControl[],
  search: RawSearch,
): ReadonlyMap<string, string> {
  const keys = controls.flatMap((c) => (c.kind === 'id-by-name' && search[c.key] ? [c.key] : []))
  const results = useQueries({ queries: keys.map((key) => filterOptionsQuery(source, key)) })
  const names = new Map<string, string>()
  keys.forEach((key, i) => {
    const label = results[i]?.data?.find((o) => o.value === search[key])?.label
    if (label !== undefined) names.set(key, label)
  })
  return names
}
