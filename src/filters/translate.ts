import type { RawSearch } from '../dialects/types'
import type { FilterSchema } from '../dialects/filter-types'

/**
 * A view's search params for another source: what both dialects mean the same way (free-text
 * search, the sort field and its order) is kept, under the target's own names; everything else
 * (tags, types, ids, dates) is dropped, since it would not mean the same thing there.
 */
export function translateSearch<TFrom, TTo>(
  from: FilterSchema<TFrom>,
  to: FilterSchema<TTo>,
  search: Readonly<Record<string, unknown>>,
): RawSearch {
  // Same dialect: every filter means the same there.
  if ((from as unknown) === to) return to.toSearch(to.parse(search))
  const common = from.common?.(from.parse(search))
  if (!common || !to.fromCommon) return {}
  return to.toSearch(to.fromCommon(common))
}
