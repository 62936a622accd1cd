import type { RawSearch } from '../dialects/types'
import type { FilterSchema } from '../dialects/filter-types'

/**
 * How a filter control reports a change: the whole next search, and whether it replaces the
 * history entry (typing: one entry per search) or pushes one (a discrete choice).
 */
export interface FilterChange {
  (next: RawSearch, options: { replace: boolean }): void
}

/**
 * The URL search after a panel change, as the dialect accepts it: `next` is the search with one
 * control changed. Where a dialect ties parameters together (Scenario's dates follow its sort
 * field) its `transition` moves or clears the dependent ones, so the panel never builds a
 * request the API refuses; everything else is parsed and written back canonically.
 */
export function applyFilterChange<TFilters>(
  schema: FilterSchema<TFilters>,
  before: RawSearch,
  next: RawSearch,
): RawSearch {
  const typedNext = schema.parse(next)
  if (!schema.transition) return schema.toSearch(typedNext)
  const typedBefore = schema.parse(before)
  // note: parsing `next` drops values that no longer fit it (dates under the old sort field).
  // A value the user did not touch is handed to `transition` anyway, which may move it.
  const after: Record<string, unknown> = { ...(typedNext as Record<string, unknown>) }
  for (const [key, value] of Object.entries(typedBefore as Record<string, unknown>)) {
    if (key in after || value === undefined) continue
    const raw = schema.toSearch({ [key]: value } as TFilters)
    const untouched = Object.entries(raw).every(([k, v]) => next[k] === v)
    if (untouched && Object.keys(raw).length > 0) after[key] = value
  }
  return schema.toSearch(schema.transition(typedBefore, after as TFilters))
}
