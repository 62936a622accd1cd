import { lenientQuery } from '../../shared/query-rules'
import {
  VIPANYA_ASSET_TYPES,
  VIPANYA_DEFAULT_ORDER,
  VIPANYA_DEFAULT_SORT,
  type VipanyaAssetType,
  type VipanyaOrder,
  type VipanyaSortField,
} from '../../shared/vipanya'
import { vipanyaAssetsParams } from '../../shared/vipanya-params'
import { commonFilters, pickRules, searchOf } from '../filter-rules'
import type { RawSearch } from '../types'
import type { CommonFilters, FilterControl, FilterSchema } from '../filter-types'

/** Vipanya list filters, named as seed 003 names its query parameters. Absent = the API default. */
export interface VipanyaFilters {
  asset_type?: VipanyaAssetType
  search?: string
  sort?: VipanyaSortField
  order?: VipanyaOrder
}

/** Every filter, in the order it is written to URLs and requests; pagination stays out of URLs. */
const filterRules = pickRules(vipanyaAssetsParams, ['asset_type', 'search', 'sort', 'order'])

export const VIPANYA_TYPE_LABELS: Record<VipanyaAssetType, string> = {
  pdf: 'PDF',
  document: 'Document',
  image: 'Image',
  video: 'Video',
  external_video: 'Hosted video',
  audio: 'Audio',
  link: 'Link',
  collection: 'Collection',
  git: 'Git repository',
}

/** URL search → filters with the server's own rule table, leniently: bad values and defaults are dropped. */
export function parseVipanyaFilters(raw: Readonly<Record<string, unknown>>): VipanyaFilters {
  return lenientQuery(filterRules, raw)
}

/** The filters as URL search params / API query params, in one fixed order, defaults omitted. */
export function vipanyaFiltersToSearch(filters: VipanyaFilters): RawSearch {
  return searchOf(filterRules, filters)
}

const sort = {
  kind: 'sort',
  fieldKey: 'sort',
  orderKey: 'order',
  label: 'Sort',
  fields: [
    { value: 'created_at', label: 'Created' },
    { value: 'updated_at', label: 'Updated' },
    { value: 'title', label: 'Title' },
  ],
  defaultField: VIPANYA_DEFAULT_SORT,
  defaultOrder: VIPANYA_DEFAULT_ORDER,
} as const satisfies FilterControl

const VIPANYA_COMMON_SORT = { created_at: 'created', updated_at: 'updated', title: 'name' } as const satisfies Record<
  VipanyaSortField,
  CommonFilters['sort']
>

export const vipanyaFilterSchema: FilterSchema<VipanyaFilters> = {
  parse: parseVipanyaFilters,
  toSearch: vipanyaFiltersToSearch,
  ...commonFilters(sort, VIPANYA_COMMON_SORT, parseVipanyaFilters, 'search'),
  controls: [
    {
      kind: 'search',
      key: 'search',
      label: 'Search',
      placeholder: 'Title or description',
      maxLength: vipanyaAssetsParams.search.maxLength,
    },
    {
      kind: 'select',
      key: 'asset_type',
      label: 'Type',
      options: VIPANYA_ASSET_TYPES.map((value) => ({ value, label: VIPANYA_TYPE_LABELS[value] })),
    },
    sort,
  ],
}
