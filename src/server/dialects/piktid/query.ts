import { parseIsoTimestamp } from '../../../shared/iso-time'
import { PIKTID_TAGS, type PiktidOwnership, type PiktidPagination, type PiktidSortField } from '../../../shared/piktid'
import type { piktidAssetsParams } from '../../../shared/piktid-params'
import type { StrictValues } from '../../../shared/query-rules'
import type { SortOrder } from '../../../shared/sort-order'

// Seed 000's query contract, read strictly with the shared rule table (src/shared/piktid-params)
// and turned into what the catalog queries take; and the pagination block both PiktID lists
// (assets, seed 000; gallery, seed 002) answer with.

interface PiktidAssetsParams {
  page: number
  perPage: number
  order: SortOrder
  sortBy: PiktidSortField
  createdBy: string | undefined
  /** Canonical UTC ISO strings, as stored. */
  createdAfter: string | undefined
  createdBefore: string | undefined
  search: string | undefined
  ownership: PiktidOwnership | undefined
  /** Tag bitmasks over PIKTID_TAGS. */
  includeTags: number
  excludeTags: number
}

function tagMask(tags: readonly string[] | undefined): number {
  let mask = 0
  for (const tag of tags ?? []) {
    const bit = (PIKTID_TAGS as readonly string[]).indexOf(tag)
    if (bit >= 0) mask |= 1 << bit
  }
  return mask
}

const canonicalTime = (value: string | undefined) => (value === undefined ? undefined : parseIsoTimestamp(value))

export function piktidAssetsQuery(q: StrictValues<typeof piktidAssetsParams>): PiktidAssetsParams {
  return {
    page: q.page,
    perPage: q.per_page,
    order: q.order,
    sortBy: q.sort_by,
    createdBy: q.created_by === '' ? undefined : q.created_by,
    createdAfter: canonicalTime(q.created_after),
    createdBefore: canonicalTime(q.created_before),
    search: q.search === '' ? undefined : q.search,
    ownership: q.ownership,
    includeTags: tagMask(q.include_tags),
    excludeTags: tagMask(q.exclude_tags),
  }
}

/** Page `page` of `perPage` over `total` items. */
export function piktidPagination(page: number, perPage: number, total: number): PiktidPagination {
  const pages = Math.ceil(total / perPage)
  return { page, per_page: perPage, total, pages, has_next: page < pages, has_prev: page > 1 }
}
