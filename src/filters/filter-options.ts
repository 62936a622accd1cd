import { queryOptions, useQueries } from '@tanstack/react-query'
import type { RawSearch } from '../dialects/types'
import type { FilterControl, FilterOption } from '../dialects/filter-types'
import { one } from './search-values'

/** Where the names of id filters come from: a source's `filterOptions`, under its cache identity. */
export interface FilterOptionSource {
  /** The head of the choices' query keys: `sourceQueryKey('filter-options', source)`. */
  queryKey: readonly unknown[]
  load: (key: string, signal: AbortSignal, scope?: string) => Promise<readonly FilterOption[]>
}

type IdByNameControl = Extract<FilterControl, { kind: 'id-by-name' }>

/**
 * The value a control's choices belong to (the chosen model, for its inferences): undefined for
 * a control listed on its own, null while the filter it depends on is unset.
 */
export function optionScope(control: IdByNameControl, search: RawSearch): string | null | undefined {
  if (!control.within) return undefined
  return one(search, control.within.key) ?? null
}

/** One filter's choices; names change rarely, so they are kept for the session. */
export function filterOptionsQuery(source: FilterOptionSource, key: string, scope?: string | null) {
  return queryOptions({
    queryKey: [...source.queryKey, key, scope ?? null],
    queryFn: ({ signal }) => source.load(key, signal, scope ?? undefined),
    // Nothing to list until the filter it depends on is set.
    enabled: scope !== null,
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
  const chosen = controls.flatMap((c) => (c.kind === 'id-by-name' && search[c.key] ? [c] : []))
  const results = useQueries({
    queries: chosen.map((c) => filterOptionsQuery(source, c.key, optionScope(c, search))),
  })
  const names = new Map<string, string>()
  chosen.forEach((c, i) => {
    const label = results[i]?.data?.find((o) => o.value === search[c.key])?.label
    if (label !== undefined) names.set(c.key, label)
  })
  return names
}
