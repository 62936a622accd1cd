import { z } from 'zod'
import {
  PIKTID_ORDERS,
  PIKTID_OWNERSHIPS,
  PIKTID_SORT_FIELDS,
  PIKTID_TAGS,
  type PiktidOrder,
  type PiktidOwnership,
  type PiktidSortField,
  type PiktidTag,
} from '../../shared/piktid'
import type { FilterSchema, RawSearch } from '../types'

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

export const PIKTID_DEFAULT_SORT: PiktidSortField = 'created_at'
export const PIKTID_DEFAULT_ORDER: PiktidOrder = 'desc'
export const PIKTID_UPLOADERS = ['alice', 'bob', 'carol', 'platform'] as const

/** Every filter, in the order it is written to URLs and requests. */
const FILTER_KEYS = [
  'search',
  'include_tags',
  'exclude_tags',
  'ownership',
  'created_by',
  'created_after',
  'created_before',
  'sort_by',
  'order',
] as const satisfies readonly (keyof PiktidFilters)[]

const MAX_TEXT = 200
// ISO 8601 dates as the API accepts them: a calendar date, optionally with a time and zone.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

const text = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1).max(MAX_TEXT))
  .optional()
  .catch(undefined)

const isoDate = z
  .string()
  .trim()
  .regex(ISO_DATE)
  .refine((s) => !Number.isNaN(Date.parse(s)))
  .optional()
  .catch(undefined)

const tagList = z
  .string()
  .transform((s) => {
    const wanted = new Set(s.split(',').map((t) => t.trim().toLowerCase()))
    // Keep the documented order so equal filters give equal URLs and cache keys.
    return PIKTID_TAGS.filter((t) => wanted.has(t))
  })
  .optional()
  .catch(undefined)

function withoutDefault<T extends string>(values: readonly T[], fallback: T) {
  return z
    .enum(values as [T, ...T[]])
    .optional()
    .catch(undefined)
    .transform((v) => (v === fallback ? undefined : v))
}

const schema = z.object({
  search: text,
  include_tags: tagList,
  exclude_tags: tagList,
  ownership: z.enum(PIKTID_OWNERSHIPS).optional().catch(undefined),
  created_by: text,
  created_after: isoDate,
  created_before: isoDate,
  sort_by: withoutDefault(PIKTID_SORT_FIELDS, PIKTID_DEFAULT_SORT),
  order: withoutDefault(PIKTID_ORDERS, PIKTID_DEFAULT_ORDER),
})

export function parsePiktidFilters(raw: Readonly<Record<string, unknown>>): PiktidFilters {
  // note: the router may hand us numbers or booleans for values that look like them.
  const strings: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      strings[key] = String(value)
  }
  const parsed = schema.parse(strings)
  // A tag can't be both required and excluded; requiring wins.
  const include = parsed.include_tags ?? []
  const canonical = { ...parsed, exclude_tags: parsed.exclude_tags?.filter((t) => !include.includes(t)) }
  const filters: Record<string, unknown> = {}
  for (const key of FILTER_KEYS) {
    const value = canonical[key]
    if (value !== undefined && (!Array.isArray(value) || value.length > 0)) filters[key] = value
  }
  return filters as PiktidFilters
}

/** The filters as URL search params / API query params, in one fixed order, defaults omitted. */
export function piktidFiltersToSearch(filters: PiktidFilters): RawSearch {
  const out: RawSearch = {}
  for (const key of FILTER_KEYS) {
    const value = filters[key]
    const text = Array.isArray(value) ? value.join(',') : value
    if (text) out[key] = text
  }
  if (out.sort_by === PIKTID_DEFAULT_SORT) delete out.sort_by
  if (out.order === PIKTID_DEFAULT_ORDER) delete out.order
  return out
}

export const piktidFilterSchema: FilterSchema<PiktidFilters> = {
  parse: parsePiktidFilters,
  toSearch: piktidFiltersToSearch,
  controls: [
    { kind: 'search', key: 'search', label: 'Search', placeholder: 'Filename, tag or project' },
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
    { kind: 'text', key: 'created_by', label: 'Uploader', placeholder: 'Username', suggestions: PIKTID_UPLOADERS },
    { kind: 'date-range', fromKey: 'created_after', toKey: 'created_before', label: 'Created' },
    {
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
    },
  ],
}
