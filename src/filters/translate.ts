import { findSource, loadAdapter } from '../dialects/sources'
import type { FilterSchema, RawSearch } from '../dialects/types'

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

/** The assets search for `toId` when switching there from `fromId` with `search` in the URL. */
export async function searchForSwitch(
  fromId: string | undefined,
  toId: string,
  search: Readonly<Record<string, unknown>>,
): Promise<RawSearch> {
  const from = fromId === undefined ? undefined : findSource(fromId)
  const to = findSource(toId)
  if (!from || !to) return {}
  const [fromAdapter, toAdapter] = await Promise.all([loadAdapter(from), loadAdapter(to)])
  return translateSearch(fromAdapter.filters, toAdapter.filters, search)
}
