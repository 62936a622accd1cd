import { VIPANYA_ASSET_TYPES, type VipanyaAssetType } from '../../shared/vipanya'
import { vipanyaAssetsParams } from '../../shared/vipanya-params'
import type { LenientValues } from '../../shared/query-rules'
import { filterSchema, pickRules, ruleReaders, searchControl, sortControl } from '../filter-rules'

/** Every filter, in the order it is written to URLs and requests; pagination stays out of URLs. */
const filterRules = pickRules(vipanyaAssetsParams, ['asset_type', 'search', 'sort', 'order'])

/** Vipanya list filters, named as seed 003 names its query parameters. Absent = the API default. */
export type VipanyaFilters = LenientValues<typeof filterRules>

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
export const { parse: parseVipanyaFilters, toSearch: vipanyaFiltersToSearch } = ruleReaders(filterRules)

export const vipanyaFilterSchema = filterSchema<VipanyaFilters>({
  parse: parseVipanyaFilters,
  toSearch: vipanyaFiltersToSearch,
  controls: [
    searchControl(filterRules, 'search', 'Title or description'),
    {
      kind: 'select',
      key: 'asset_type',
      label: 'Type',
      options: VIPANYA_ASSET_TYPES.map((value) => ({ value, label: VIPANYA_TYPE_LABELS[value] })),
    },
    sortControl(filterRules, 'sort', 'order', {
      created_at: { label: 'Created', common: 'created' },
      updated_at: { label: 'Updated', common: 'updated' },
      title: { label: 'Title', common: 'name' },
    }),
  ],
})
