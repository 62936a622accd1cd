import { queryOf } from './http'
import type { RawSearch } from './types'

// Paging by page number from 1, with `page` and `per_page` parameters: PiktID's assets and
// gallery and Vipanya's assets page this way, and a page number can jump anywhere in a list.

/** An adapter's page params for such a list of `pageSize` items a page. */
export function numberedPages(pageSize: number) {
  return {
    initialPageParam: 1,
    pageParamForIndex: (index: number) => Math.floor(index / pageSize) + 1,
    pageSize,
  }
}

/** The query for page `page` of `perPage` items: `search`, then `page` and `per_page`. */
export function pageQuery(search: RawSearch, page: number, perPage: number): URLSearchParams {
  const query = queryOf(search)
  query.set('page', String(page))
  query.set('per_page', String(perPage))
  return query
}
