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
import type { CommonFilters, FilterSchema, RawSearch } from '../types'

/** Vipanya list filters, named as seed 003 names its query parameters. Absent = the API default. */
export interface VipanyaFilters {
  asset_type?: VipanyaAssetType
  search?: string
  sort?: VipanyaSortField
  order?: VipanyaOrder
}

const FILTER_KEYS = ['asset_type', 'search', 'sort', 'order'] as const satisfies readonly (keyof VipanyaFilters)[]

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
  const values = lenientQuery(vipanyaAssetsParams, raw)
  const out: Record<string, unknown> = {}
  for (const key of FILTER_KEYS) if (values[key] !== undefined) out[key] = values[key]
  return out as VipanyaFilters
}

/** The filters as URL search params / API query params, in one fixed order, defaults omitted. */
export function vipanyaFiltersToSearch(filters: VipanyaFilters): RawSearch {
  const out: RawSearch = {}
  for (const key of FILTER_KEYS) {
    const value = filters[key]
    if (value) out[key] = value
  }
  if (out.sort === VIPANYA_DEFAULT_SORT) delete out.sort
  if (out.order === VIPANYA_DEFAULT_ORDER) delete out.order
  return out
}

const VIPANYA_COMMON_SORT = { created_at: 'created', updated_at: 'updated', title: 'name' } as const satisfies Record<
  VipanyaSortField,
  CommonFilters['sort']
>

export const vipanyaFilterSchema: FilterSchema<VipanyaFilters> = {
  parse: parseVipanyaFilters,
  toSearch: vipanyaFiltersToSearch,
  common: (f) => ({
    search: f.search,
    sort: VIPANYA_COMMON_SORT[f.sort ?? VIPANYA_DEFAULT_SORT],
    order: f.order ?? VIPANYA_DEFAULT_ORDER,
  }),
  fromCommon: (c) => {
    const field = (Object.keys(VIPANYA_COMMON_SORT) as VipanyaSortField[]).find(
      (k) => VIPANYA_COMMON_SORT[k] === c.sort,
    )
    return parseVipanyaFilters({ search: c.search, sort: field, order: field ? c.order : undefined })
  },
  controls: [
    { kind: 'search', key: 'search', label: 'Search', placeholder: 'Title or description' },
    {
      kind: 'select',
      key: 'asset_type',
      label: 'Type',
      options: VIPANYA_ASSET_TYPES.map((value) => ({ value, label: VIPANYA_TYPE_LABELS[value] })),
    },
    {
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
    },
  ],
}
