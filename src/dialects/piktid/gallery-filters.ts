import { piktidGalleryParams } from '../../shared/piktid-params'
import { PIKTID_MAX_IMAGES_PER_PROJECT } from '../../shared/piktid-gallery'
import { lenientQuery, type LenientValues } from '../../shared/query-rules'
import { pickRules, searchOf } from '../filter-rules'
import type { FilterControl, FilterSchema } from '../filter-types'

// The gallery's filters (seed 002), named as its query parameters, read from the URL with the
// server's own rule table and written back with it (`feedback` is a repeated parameter).

const galleryRules = pickRules(piktidGalleryParams, [
  'search',
  'status',
  'feedback',
  'sort_by',
  'order',
  'ownership',
  'max_images_per_project',
])
const projectRules = pickRules(piktidGalleryParams, ['status', 'feedback', 'sort_by', 'order'])

export type PiktidGalleryFilters = LenientValues<typeof galleryRules>

const status = {
  kind: 'select',
  key: 'status',
  label: 'Status',
  options: [
    { value: 'pending', label: 'Pending' },
    { value: 'processing', label: 'Processing' },
    { value: 'completed', label: 'Completed' },
    { value: 'failed', label: 'Failed' },
  ],
} as const satisfies FilterControl
const feedback = {
  kind: 'multi',
  key: 'feedback',
  label: 'Feedback',
  options: [
    { value: 'like', label: 'Liked' },
    { value: 'dislike', label: 'Disliked' },
    { value: 'none', label: 'No verdict' },
  ],
} as const satisfies FilterControl
const sort = {
  kind: 'sort',
  fieldKey: 'sort_by',
  orderKey: 'order',
  label: 'Sort images by',
  fields: [
    { value: 'original_filename', label: 'Filename' },
    { value: 'quality_score', label: 'Quality score' },
  ],
  defaultField: piktidGalleryParams.sort_by.default,
  defaultOrder: piktidGalleryParams.order.default,
} as const satisfies FilterControl

const perProjectOptions = [10, 25, 100, 200].map((n) => ({ value: String(n), label: String(n) }))

export const piktidGalleryFilterSchema: FilterSchema<PiktidGalleryFilters> = {
  parse: (raw) => lenientQuery(galleryRules, raw),
  toSearch: (filters) => searchOf(galleryRules, filters),
  controls: [
    {
      kind: 'search',
      key: 'search',
      label: 'Search projects',
      placeholder: 'Project name, key or id',
      maxLength: piktidGalleryParams.search.maxLength,
    },
    status,
    feedback,
    sort,
    {
      kind: 'select',
      key: 'ownership',
      label: 'Ownership',
      options: [
        { value: 'mine', label: 'Mine' },
        { value: 'shared', label: 'Shared with my group' },
      ],
    },
    {
      kind: 'select',
      key: 'max_images_per_project',
      label: 'Images per project',
      emptyLabel: `${PIKTID_MAX_IMAGES_PER_PROJECT.default} (default)`,
      options: perProjectOptions,
    },
  ],
}

export const piktidProjectFilterSchema: FilterSchema<PiktidGalleryFilters> = {
  parse: (raw) => lenientQuery(projectRules, raw),
  toSearch: (filters) => searchOf(projectRules, filters),
  controls: [status, feedback, sort],
}
