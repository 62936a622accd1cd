import { enumRule, integerRule, textRule, withDefault } from './query-rules'
import { SORT_ORDERS } from './sort-order'
import {
  VIPANYA_ASSET_TYPES,
  VIPANYA_DEFAULT_ORDER,
  VIPANYA_DEFAULT_SORT,
  VIPANYA_PER_PAGE,
  VIPANYA_SEARCH_MAX,
  VIPANYA_SORT_FIELDS,
} from './vipanya'

// Seed 003's query parameters for `GET /api/v1/assets`, as one rule table: the server validates
// strictly with it, the client reads its URL leniently with it (src/dialects/vipanya).
// `asset_type` accepts external_video too: the create body documents it, so assets of that type
// exist and can be listed.

export const vipanyaAssetsParams = {
  page: withDefault(integerRule(1), 1),
  per_page: withDefault(integerRule(VIPANYA_PER_PAGE.min, VIPANYA_PER_PAGE.max), VIPANYA_PER_PAGE.default),
  asset_type: enumRule(VIPANYA_ASSET_TYPES),
  search: textRule(VIPANYA_SEARCH_MAX),
  sort: withDefault(enumRule(VIPANYA_SORT_FIELDS), VIPANYA_DEFAULT_SORT),
  order: withDefault(enumRule(SORT_ORDERS), VIPANYA_DEFAULT_ORDER),
}
