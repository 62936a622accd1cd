import { parseIsoTimestamp } from './iso-time'
import { PIKTID_OWNERSHIPS, PIKTID_PER_PAGE, PIKTID_SORT_FIELDS, PIKTID_TAGS } from './piktid'
import {
  PIKTID_FEEDBACK_FILTERS,
  PIKTID_GALLERY_OWNERSHIPS,
  PIKTID_GALLERY_SORT_FIELDS,
  PIKTID_IMAGE_STATUSES,
  PIKTID_MAX_IMAGES_PER_PROJECT,
  PIKTID_REVIEW_STATUS_FILTERS,
} from './piktid-gallery'
import {
  checkedTextRule,
  enumRule,
  integerRule,
  nameListRule,
  repeatedEnumRule,
  textRule,
  withDefault,
} from './query-rules'
import { SORT_ORDERS } from './sort-order'

// Seed 000's query parameters for `GET /assets`, as one rule table. The server validates
// requests with it strictly; the client reads its URL with it leniently (src/dialects/piktid).

const timestamp = checkedTextRule(
  parseIsoTimestamp,
  'must be an ISO 8601 timestamp in years 0001–9999, e.g. 2025-01-31T12:00:00Z',
)

const PIKTID_CREATED_BY_MAX = 100
const PIKTID_SEARCH_MAX = 200

export const piktidAssetsParams = {
  page: withDefault(integerRule(1), 1),
  per_page: withDefault(integerRule(PIKTID_PER_PAGE.min, PIKTID_PER_PAGE.max), PIKTID_PER_PAGE.default),
  order: withDefault(enumRule(SORT_ORDERS), 'desc'),
  created_by: textRule(PIKTID_CREATED_BY_MAX),
  created_after: timestamp,
  created_before: timestamp,
  sort_by: withDefault(enumRule(PIKTID_SORT_FIELDS), 'created_at'),
  search: textRule(PIKTID_SEARCH_MAX),
  ownership: enumRule(PIKTID_OWNERSHIPS),
  include_tags: nameListRule(PIKTID_TAGS),
  exclude_tags: nameListRule(PIKTID_TAGS),
}

// Seed 002's query parameters for `GET /gallery/by-project`. `feedback` is repeated
// (`?feedback=like&feedback=dislike`); `order` orders the images inside each project by
// `sort_by`, while projects come newest first.
export const piktidGalleryParams = {
  page: withDefault(integerRule(1), 1),
  per_page: withDefault(integerRule(PIKTID_PER_PAGE.min, PIKTID_PER_PAGE.max), PIKTID_PER_PAGE.default),
  order: withDefault(enumRule(SORT_ORDERS), 'desc'),
  project_id: integerRule(1),
  status: enumRule(PIKTID_IMAGE_STATUSES),
  feedback: repeatedEnumRule(PIKTID_FEEDBACK_FILTERS),
  sort_by: withDefault(enumRule(PIKTID_GALLERY_SORT_FIELDS), 'original_filename'),
  ownership: enumRule(PIKTID_GALLERY_OWNERSHIPS),
  max_images_per_project: withDefault(
    integerRule(PIKTID_MAX_IMAGES_PER_PROJECT.min, PIKTID_MAX_IMAGES_PER_PROJECT.max),
    PIKTID_MAX_IMAGES_PER_PROJECT.default,
  ),
  search: textRule(PIKTID_SEARCH_MAX),
  // Not in the seed (the bundled server's): the images' review status, repeated like `feedback`
  // (`?review_status=approved&review_status=none`); `none` = not reviewed yet.
  review_status: repeatedEnumRule(PIKTID_REVIEW_STATUS_FILTERS),
  // Not in the seed (the bundled server's): skip this many of each project's matching images,
  // so a project larger than the image cap can be read to its last image (with `project_id`).
  images_offset: withDefault(integerRule(0), 0),
}
