import {
  PIKTID_TAGS,
  type PiktidOrder,
  type PiktidOwnership,
  type PiktidSortField,
  type PiktidTag,
} from '../../shared/piktid'
import { piktidAssetsParams } from '../../shared/piktid-params'
import { lenientQuery } from '../../shared/query-rules'
import { commonFilters, compactFilters, pickRules, searchOf } from '../filter-rules'
import type { RawSearch } from '../types'
import type { CommonFilters, FilterControl, FilterSchema } from '../filter-types'

/** PiktID list filters, named as seed 000 names its query parameters. Absent = the API default. */
export interface PiktidFilters {
  search?: string
  include_tags?: PiktidTag[]
  exclude_tags?: PiktidTag[]
  ownership?: PiktidOwnership
  created_by?: string
  created_after?: string
  created_before?: string
  sort_by?: PiktidSortField
  order?: PiktidOrder
}

export const PIKTID_DEFAULT_SORT: PiktidSortField = piktidAssetsParams.sort_by.default
export const PIKTID_DEFAULT_ORDER: PiktidOrder = piktidAssetsParams.order.default
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

const sort = {
  kind: 'sort',
  fieldKey: 'sort_by',
  orderKey: 'order',
  label: 'Sort',
  fields: [
    { value: 'created_at', label: 'Upload date' },
    { value: 'filename', label: 'Filename' },
  ],
  defaultField: PIKTID_DEFAULT_SORT,
  defaultOrder: PIKTID_DEFAULT_ORDER,
} as const satisfies FilterControl

const PIKTID_COMMON_SORT = { created_at: 'created', filename: 'name' } as const satisfies Record<
  PiktidSortField,
  CommonFilters['sort']
>

export const piktidFilterSchema: FilterSchema<PiktidFilters> = {
  parse: parsePiktidFilters,
  toSearch: piktidFiltersToSearch,
  ...commonFilters(sort, PIKTID_COMMON_SORT, parsePiktidFilters, 'search'),
  controls: [
    {
      kind: 'search',
      key: 'search',
      label: 'Search',
      placeholder: 'Filename, tag or project',
      maxLength: piktidAssetsParams.search.maxLength,
    },
    { kind: 'tags', includeKey: 'include_tags', excludeKey: 'exclude_tags', label: 'Tags', options: PIKTID_TAGS },
    {
      kind: 'select',
      key: 'ownership',
      label: 'Ownership',
      options: [
        { value: 'mine', label: 'Mine' },
        { value: 'shared', label: 'Shared with my group' },
        { value: 'default', label: 'Platform defaults' },
      ],
    },
    {
      kind: 'text',
      key: 'created_by',
      label: 'Uploader',
      placeholder: 'Username',
      suggestions: PIKTID_UPLOADERS,
      maxLength: piktidAssetsParams.created_by.maxLength,
    },
    { kind: 'date-range', fromKey: 'created_after', toKey: 'created_before', label: 'Created' },
    sort,
  ],
}
