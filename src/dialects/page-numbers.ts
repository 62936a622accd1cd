import { queryOf } from './http'
import type { Asset, AssetPage, RawSearch } from './types'

// Paging by page number from 1, with `page` and `per_page` parameters: PiktID's assets and
// gallery and Vipanya's assets page this way, and a page number can jump anywhere in a list.

/**
 * An adapter's listing of such a list, `pageSize` items a page, from `fetchPage` (page `page` of
 * `perPage` items): its pages, and the one asset at an index, as a page of one.
 */
export function numberedListing<F>(
  pageSize: number,
  fetchPage: (filters: F, page: number, perPage: number, signal: AbortSignal) => Promise<AssetPage<number>>,
) {
  return {
    initialPageParam: 1,
    pageParamForIndex: (index: number) => Math.floor(index / pageSize) + 1,
    pageSize,
    listAssets: (filters: F, page: number, signal: AbortSignal) => fetchPage(filters, page, pageSize, signal),
    assetAt: async (filters: F, index: number, signal: AbortSignal) =>
      (await fetchPage(filters, index + 1, 1, signal)).items[0],
  }
}

/** The query for page `page` of `perPage` items: `search`, then `page` and `per_page`. */
export function pageQuery(search: RawSearch, page: number, perPage: number): URLSearchParams {
  const query = queryOf(search)
  query.set('page', String(page))
  query.set('per_page', String(perPage))
  return query
}

/** Page `page` of such a list of `total` items, `perPage` a page, as the API says it is placed. */
export function numberedPage(
  items: Asset[],
  at: { page: number; perPage: number; total: number; hasNext: boolean; hasPrev: boolean },
): AssetPage<number> {
  return {
    items,
    offset: (at.page - 1) * at.perPage,
    total: at.total,
    nextPageParam: at.hasNext ? at.page + 1 : undefined,
    prevPageParam: at.hasPrev && at.page > 1 ? at.page - 1 : undefined,
  }
}
