import { z } from 'zod'
import {
  PIKTID_ORDERS,
  PIKTID_OWNERSHIPS,
  PIKTID_PER_PAGE,
  PIKTID_SORT_FIELDS,
  PIKTID_TAGS,
  type PiktidErrorDetail,
  type PiktidOrder,
  type PiktidOwnership,
  type PiktidSortField,
} from '../../shared/piktid'
import { parseIsoTimestamp } from '../iso-time'

// Seed 000's query contract. Every field arrives as a string; an empty string means "absent".

const absentIfEmpty = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(absentIfEmpty, schema.optional())

const integer = (min: number, max?: number) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(
      max === undefined
        ? z.number().int().min(min, `must be at least ${min}`).max(Number.MAX_SAFE_INTEGER, 'is too large')
        : z.number().int().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`),
    )

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` })

const timestamp = z.string().transform((value, ctx) => {
  const parsed = parseIsoTimestamp(value)
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 timestamp, e.g. 2025-01-31T12:00:00Z' })
    return z.NEVER
  }
  return parsed
})

const TAG_BIT = new Map<string, number>(PIKTID_TAGS.map((tag, i) => [tag, 1 << i]))

/** Comma-separated tag names to a bitmask; unknown names are a client error. */
const tagList = z.string().transform((value, ctx) => {
  let mask = 0
  const unknown: string[] = []
  for (const raw of value.split(',')) {
    const name = raw.trim()
    if (name === '') continue
    const bit = TAG_BIT.get(name)
    if (bit === undefined) unknown.push(name)
    else mask |= bit
  }
  if (unknown.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `contains an unknown tag ${unknown.map((t) => `'${t}'`).join(', ')}; allowed: ${PIKTID_TAGS.join(', ')}`,
    })
    return z.NEVER
  }
  return mask
})

export const piktidAssetsQuerySchema = z.object({
  page: optional(integer(1)).default(1),
  per_page: optional(integer(PIKTID_PER_PAGE.min, PIKTID_PER_PAGE.max)).default(PIKTID_PER_PAGE.default),
  order: optional(oneOf(PIKTID_ORDERS)).default('desc'),
  created_by: optional(z.string().max(100, 'must be at most 100 characters')),
  created_after: optional(timestamp),
  created_before: optional(timestamp),
  sort_by: optional(oneOf(PIKTID_SORT_FIELDS)).default('created_at'),
  search: optional(z.string().trim().max(200, 'must be at most 200 characters')),
  ownership: optional(oneOf(PIKTID_OWNERSHIPS)),
  include_tags: optional(tagList),
  exclude_tags: optional(tagList),
})

export interface PiktidAssetsParams {
  page: number
  perPage: number
  order: PiktidOrder
  sortBy: PiktidSortField
  createdBy: string | undefined
  createdAfter: string | undefined
  createdBefore: string | undefined
  search: string | undefined
  ownership: PiktidOwnership | undefined
  includeTags: number
  excludeTags: number
}

export type ParseResult = { ok: true; params: PiktidAssetsParams } | { ok: false; detail: PiktidErrorDetail[] }

/** The one place where query validation failures become PiktID error details. */
export function zodIssuesToDetail(error: z.ZodError, position: string): PiktidErrorDetail[] {
  const seen = new Set<string>()
  const detail: PiktidErrorDetail[] = []
  for (const issue of error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : null
    const key = field ?? ''
    if (seen.has(key)) continue
    seen.add(key)
    detail.push({ field, message: field ? `${field} ${issue.message}` : issue.message, position })
  }
  return detail
}

export function parsePiktidAssetsQuery(query: Record<string, string>): ParseResult {
  const result = piktidAssetsQuerySchema.safeParse(query)
  if (!result.success) return { ok: false, detail: zodIssuesToDetail(result.error, 'query') }
  const q = result.data
  return {
    ok: true,
    params: {
      page: q.page,
      perPage: q.per_page,
      order: q.order,
      sortBy: q.sort_by,
      createdBy: q.created_by,
      createdAfter: q.created_after,
      createdBefore: q.created_before,
      search: q.search === '' ? undefined : q.search,
      ownership: q.ownership,
      includeTags: q.include_tags ?? 0,
      excludeTags: q.exclude_tags ?? 0,
    },
  }
}
