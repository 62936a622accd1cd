import { PIKTID_TAGS, type PiktidSortField } from '../../shared/piktid'
import { piktidAssetsParams } from '../../shared/piktid-params'
import { lenientQuery, type LenientValues } from '../../shared/query-rules'
import type { SortOrder } from '../../shared/sort-order'
import { choices, compactFilters, filterSchema, pickRules, searchControl, searchOf, sortControl } from '../filter-rules'
import type { RawSearch } from '../types'

export const PIKTID_DEFAULT_SORT: PiktidSortField = piktidAssetsParams.sort_by.default
export const PIKTID_DEFAULT_ORDER: SortOrder = piktidAssetsParams.order.default
const PIKTID_UPLOADERS = ['alice', 'bob', 'carol', 'platform'] as const

/** Every filter, in the order it is written to URLs and requests; pagination stays out of URLs. */
const filterRules = pickRules(piktidAssetsParams, [
  'search',
  'include_tags',
  'exclude_tags',
  'ownership',
  'created_by',
  'created_after',
  'created_before',
  'sort_by',
  'order',
])

/** PiktID list filters, named as seed 000 names its query parameters. Absent = the API default. */
export type PiktidFilters = LenientValues<typeof filterRules>

/** Reads the URL with the server's own rules (src/shared/piktid-params), dropping what they refuse. */
export function parsePiktidFilters(raw: Readonly<Record<string, unknown>>): PiktidFilters {
  const parsed: PiktidFilters = lenientQuery(filterRules, raw)
  // A tag can't be both required and excluded; requiring wins.
  const include = parsed.include_tags ?? []
  const exclude = parsed.exclude_tags?.filter((t) => !include.includes(t))
  return compactFilters(filterRules, { ...parsed, exclude_tags: exclude })
}

/** The filters as URL search params / API query params, in one fixed order, defaults omitted. */
export function piktidFiltersToSearch(filters: PiktidFilters): RawSearch {
  return searchOf(filterRules, filters)
}

export const piktidFilterSchema = filterSchema<PiktidFilters>({
  parse: parsePiktidFilters,
  toSearch: piktidFiltersToSearch,
  controls: [
    searchControl(filterRules, 'search', 'Filename, tag or project'),
    { kind: 'tags', includeKey: 'include_tags', excludeKey: 'exclude_tags', label: 'Tags', options: PIKTID_TAGS },
    {
      kind: 'select',
      key: 'ownership',
      label: 'Ownership',
      options: choices({ mine: 'Mine', shared: 'Shared with my group', default: 'Platform defaults' }),
    },
    {
      kind: 'text',
      key: 'created_by',
      label: 'Uploader',
      placeholder: 'Username',
      suggestions: PIKTID_UPLOADERS,
      maxLength: filterRules.created_by.maxLength,
    },
    { kind: 'date-range', fromKey: 'created_after', toKey: 'created_before', label: 'Created' },
    sortControl(filterRules, 'sort_by', 'order', {
      created_at: { label: 'Upload date', common: 'created' },
      filename: { label: 'Filename', common: 'name' },
    }),
  ],
})
