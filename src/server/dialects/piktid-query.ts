import type { Context } from 'hono'
import { parseIsoTimestamp } from '../../shared/iso-time'
import { PIKTID_TAGS, type PiktidOrder, type PiktidOwnership, type PiktidSortField } from '../../shared/piktid'
import { piktidAssetsParams } from '../../shared/piktid-params'
import type { FieldIssue } from '../../shared/query-rules'
import { parseQuery } from '../core/params'

// Seed 000's query contract, read strictly with the shared rule table (src/shared/piktid-params)
// and turned into what the catalog queries take.

interface PiktidAssetsParams {
  page: number
  perPage: number
  order: PiktidOrder
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

export type ParseResult = { ok: true; params: PiktidAssetsParams } | { ok: false; issues: FieldIssue[] }

function tagMask(tags: readonly string[] | undefined): number {
  let mask = 0
  for (const tag of tags ?? []) {
    const bit = (PIKTID_TAGS as readonly string[]).indexOf(tag)
    if (bit >= 0) mask |= 1 << bit
  }
  return mask
}

const canonicalTime = (value: string | undefined) => (value === undefined ? undefined : parseIsoTimestamp(value))

export function parsePiktidAssetsQuery(c: Context): ParseResult {
  const parsed = parseQuery(c, piktidAssetsParams)
  if (!parsed.ok) return parsed
  const q = parsed.values
  return {
    ok: true,
    params: {
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
    },
  }
}
