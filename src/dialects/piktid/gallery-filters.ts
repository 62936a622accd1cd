import { piktidGalleryParams } from '../../shared/piktid-params'
import { PIKTID_MAX_IMAGES_PER_PROJECT, type PIKTID_REVIEW_STATUS_FILTERS } from '../../shared/piktid-gallery'
import type { LenientValues } from '../../shared/query-rules'
import { choices, filterSchema, pickRules, ruleReaders, searchControl, sortControl } from '../filter-rules'
import type { FilterControl } from '../filter-types'

// The gallery's filters (seed 002), named as its query parameters, read from the URL with the
// server's own rule table and written back with it (`feedback` and `review_status`, the bundled
// server's own, are repeated parameters).

const galleryRules = pickRules(piktidGalleryParams, [
  'search',
  'status',
  'feedback',
  'review_status',
  'sort_by',
  'order',
  'ownership',
  'max_images_per_project',
])
const projectRules = pickRules(piktidGalleryParams, ['status', 'feedback', 'review_status', 'sort_by', 'order'])

/** Every value of the review_status filter, named as the review view names the statuses. */
const REVIEW_STATUS_FILTER_LABELS: Record<(typeof PIKTID_REVIEW_STATUS_FILTERS)[number], string> = {
  approved: 'Approved',
  needs_retouch: 'Needs retouch',
  none: 'Not reviewed',
}

export type PiktidGalleryFilters = LenientValues<typeof galleryRules>

/** The filters one project's page shares with the gallery: its images', none of the projects'. */
const imageControls: readonly FilterControl[] = [
  {
    kind: 'select',
    key: 'status',
    label: 'Status',
    options: choices({ pending: 'Pending', processing: 'Processing', completed: 'Completed', failed: 'Failed' }),
  },
  {
    kind: 'multi',
    key: 'feedback',
    label: 'Feedback',
    options: choices({ like: 'Liked', dislike: 'Disliked', none: 'No verdict' }),
  },
  { kind: 'multi', key: 'review_status', label: 'Review', options: choices(REVIEW_STATUS_FILTER_LABELS) },
  sortControl(
    projectRules,
    'sort_by',
    'order',
    { original_filename: 'Filename', quality_score: 'Quality score' },
    'Sort images by',
  ),
]

const perProjectOptions = [10, 25, 100, 200].map((n) => ({ value: String(n), label: String(n) }))

export const piktidGalleryFilterSchema = filterSchema<PiktidGalleryFilters>({
  ...ruleReaders(galleryRules),
  controls: [
    searchControl(galleryRules, 'search', 'Project name, key or id', 'Search projects'),
    ...imageControls,
    {
      kind: 'select',
      key: 'ownership',
      label: 'Ownership',
      options: choices({ mine: 'Mine', shared: 'Shared with my group' }),
    },
    {
      kind: 'select',
      key: 'max_images_per_project',
      label: 'Images per project',
      emptyLabel: `${PIKTID_MAX_IMAGES_PER_PROJECT.default} (default)`,
      options: perProjectOptions,
    },
  ],
})

export const piktidProjectFilterSchema = filterSchema<PiktidGalleryFilters>({
  ...ruleReaders(projectRules),
  controls: imageControls,
})
