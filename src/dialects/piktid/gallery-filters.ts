import { piktidGalleryParams } from '../../shared/piktid-params'
import { PIKTID_MAX_IMAGES_PER_PROJECT } from '../../shared/piktid-gallery'
import { encodeQuery, lenientQuery, type LenientValues } from '../../shared/query-rules'
import type { FilterControl, FilterSchema, RawSearch } from '../types'

// The gallery's filters (seed 002), named as its query parameters, read from the URL with the
// server's own rule table and written back with it (`feedback` is a repeated parameter).

const GALLERY_KEYS = [
  'search',
  'status',
  'feedback',
  'sort_by',
  'order',
  'ownership',
  'max_images_per_project',
] as const
const PROJECT_KEYS = ['status', 'feedback', 'sort_by', 'order'] as const

const pick = <K extends keyof typeof piktidGalleryParams>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, piktidGalleryParams[key]])) as Pick<typeof piktidGalleryParams, K>

const galleryRules = pick(GALLERY_KEYS)
const projectRules = pick(PROJECT_KEYS)

export type PiktidGalleryFilters = LenientValues<typeof galleryRules>

function toSearch(rules: typeof galleryRules | typeof projectRules, filters: PiktidGalleryFilters): RawSearch {
  const out: RawSearch = {}
  for (const [key, value] of encodeQuery(rules, filters)) {
    const held = out[key]
    out[key] = held === undefined ? value : [...(Array.isArray(held) ? held : [held]), value]
  }
  // A repeated parameter stays a list even with one value, so it writes the same way.
  if (typeof out.feedback === 'string') out.feedback = [out.feedback]
  return out
}

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
  toSearch: (filters) => toSearch(galleryRules, filters),
  controls: [
    { kind: 'search', key: 'search', label: 'Search projects', placeholder: 'Project name, key or id' },
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
  toSearch: (filters) => toSearch(projectRules, filters),
  controls: [status, feedback, sort],
}
