import { z } from 'zod/mini'
import { isStorableText } from './query-rules'
import type { SortOrder } from './sort-order'

// Vipanya assets wire contract (seed 003): names, enums, limits, shapes and the create-body
// rules, shared by the reference server and the client adapter (and its create dialog), so
// both validate a new asset with the same schema. Field names are the vendor's, on purpose.

/** `asset_type` values of the create body (seed 003), which the list filter also accepts. */
export const VIPANYA_ASSET_TYPES = [
  'pdf',
  'document',
  'image',
  'video',
  'external_video',
  'audio',
  'link',
  'collection',
  'git',
] as const
export type VipanyaAssetType = (typeof VIPANYA_ASSET_TYPES)[number]

/** Types whose create body must carry `external_url`. */
export const VIPANYA_URL_TYPES = ['external_video', 'link'] as const satisfies readonly VipanyaAssetType[]

export const VIPANYA_SORT_FIELDS = ['created_at', 'title', 'updated_at'] as const
export type VipanyaSortField = (typeof VIPANYA_SORT_FIELDS)[number]

export const VIPANYA_PER_PAGE = { default: 20, min: 1, max: 100 } as const
export const VIPANYA_DEFAULT_SORT: VipanyaSortField = 'created_at'
export const VIPANYA_DEFAULT_ORDER: SortOrder = 'desc'
const VIPANYA_TITLE_MAX = 500
const VIPANYA_DESCRIPTION_MAX = 10_000
const VIPANYA_URL_MAX = 2048
/** Longest `search` the list accepts. */
export const VIPANYA_SEARCH_MAX = 200

export const VIPANYA_SCOPES = { read: 'read:assets', write: 'write:assets' } as const

export interface VipanyaAsset {
  id: string
  title: string
  slug: string
  description: string
  asset_type: VipanyaAssetType
  file_path: string | null
  file_size: number | null
  mime_type: string | null
  thumbnail_path: string | null
  /** Not in seed 003; the bundled server adds it where the asset has a thumbnail: its colour (`#rrggbb`) until the thumbnail loads. */
  preview_color?: string
  page_count?: number | null
  word_count?: number | null
  width?: number | null
  height?: number | null
  /** Not in seed 003; the bundled server adds it for video and audio so a tile can show it. */
  duration_seconds?: number | null
  external_url?: string | null
  video_embed?: string | null
  download_count: number
  is_public: boolean
  created_at: string
  updated_at: string
}

interface VipanyaPagination {
  page: number
  per_page: number
  total: number
  total_pages: number
}

export interface VipanyaAssetsPage {
  success: true
  data: VipanyaAsset[]
  pagination: VipanyaPagination
}

export interface VipanyaAssetBody {
  success: true
  data: VipanyaAsset
}

export interface VipanyaErrorBody {
  error: string
  message: string
  field?: string
}

/**
 * Where a hosted video's player may come from: the hosts `videoEmbedFor` builds on, YouTube's
 * `www.` host its bare one redirects to, and its no-cookie player. The app frames these and
 * nothing else: the client takes an API's embed URL only on them, and the page's CSP
 * `frame-src` lists exactly them.
 */
export const VIDEO_EMBED_ORIGINS = [
  'https://youtube.com',
  'https://www.youtube.com',
  'https://youtube-nocookie.com',
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
] as const

/**
 * The player URL for a YouTube or Vimeo page URL, as seed 003 shows
 * (`https://youtube.com/watch?v=example` → `https://youtube.com/embed/example`); undefined for
 * other hosts, which have no embed the library knows.
 */
export function videoEmbedFor(externalUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(externalUrl)
  } catch {
    return undefined
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m)\./, '')
  const segments = url.pathname.split('/').filter(Boolean)
  const safeId = (id: string | null | undefined): string | undefined =>
    id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const id =
      segments[0] === 'watch' && segments.length === 1
        ? safeId(url.searchParams.get('v'))
        : segments[0] === 'embed' || segments[0] === 'shorts' || segments[0] === 'live'
          ? safeId(segments[1])
          : undefined
    return id ? `https://youtube.com/embed/${id}` : undefined
  }
  if (host === 'youtu.be') {
    const id = safeId(segments[0])
    return id ? `https://youtube.com/embed/${id}` : undefined
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id = [...segments].reverse().find((s) => /^\d{1,12}$/.test(s))
    return id ? `https://player.vimeo.com/video/${id}` : undefined
  }
  return undefined
}

const httpUrl = z.string({ error: 'External URL must be a string' }).check(
  z.trim(),
  z.maxLength(VIPANYA_URL_MAX, `External URL must be at most ${VIPANYA_URL_MAX} characters`),
  z.refine(isStorableText, 'External URL must not contain NUL or unpaired surrogates'),
  z.refine((value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0
    } catch {
      return false
    }
  }, 'External URL must be an http or https address'),
)

/**
 * `POST /api/v1/assets` body (seed 003). Unknown fields are ignored, as a JSON API does; the
 * first failing rule becomes `{"error":"Validation failed","message","field"}`.
 */
const vipanyaCreateSchema = z
  .object({
    title: z
      .string({ error: (issue) => (issue.input === undefined ? 'Title is required' : 'Title must be a string') })
      .check(
        z.trim(),
        z.minLength(1, 'Title is required'),
        z.maxLength(VIPANYA_TITLE_MAX, `Title must be at most ${VIPANYA_TITLE_MAX} characters`),
        z.refine(isStorableText, 'Title must not contain NUL or unpaired surrogates'),
      ),
    description: z.optional(
      z
        .string({ error: 'Description must be a string' })
        .check(
          z.maxLength(VIPANYA_DESCRIPTION_MAX, `Description must be at most ${VIPANYA_DESCRIPTION_MAX} characters`),
          z.refine(isStorableText, 'Description must not contain NUL or unpaired surrogates'),
        ),
    ),
    asset_type: z.enum(VIPANYA_ASSET_TYPES, {
      error: (issue) =>
        issue.input === undefined
          ? 'Asset type is required'
          : `Asset type must be one of: ${VIPANYA_ASSET_TYPES.join(', ')}`,
    }),
    external_url: z.optional(
      z.pipe(
        z.transform((v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)),
        z.optional(httpUrl),
      ),
    ),
    is_public: z._default(z.boolean({ error: 'is_public must be true or false' }), false),
  })
  .check(
    z.superRefine((body, ctx) => {
      if ((VIPANYA_URL_TYPES as readonly string[]).includes(body.asset_type) && body.external_url === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['external_url'],
          message: `External URL is required for ${body.asset_type} assets`,
        })
      }
    }),
  )

export type VipanyaCreateBody = z.output<typeof vipanyaCreateSchema>

export type VipanyaCreateResult = { ok: true; body: VipanyaCreateBody } | { ok: false; field: string; message: string }

/** Validates a create body: the first failing rule, in field order, with its field name. */
export function validateVipanyaCreate(input: unknown): VipanyaCreateResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, field: 'body', message: 'Request body must be a JSON object' }
  }
  const result = vipanyaCreateSchema.safeParse(input)
  if (result.success) return { ok: true, body: result.data }
  const order = ['title', 'description', 'asset_type', 'external_url', 'is_public']
  const issues = [...result.error.issues].sort(
    (a, b) => order.indexOf(String(a.path[0])) - order.indexOf(String(b.path[0])),
  )
  const first = issues[0]
  return { ok: false, field: String(first?.path[0] ?? 'body'), message: first?.message ?? 'Invalid body' }
}

/** URL-safe slug of a title: lower-case ASCII words joined by hyphens, never empty. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return slug || 'asset'
}
