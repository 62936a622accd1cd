import { randomUUID } from 'node:crypto'
import type { Hono } from 'hono'
import {
  slugify,
  validateVipanyaCreate,
  videoEmbedFor,
  VIPANYA_SCOPES,
  type VipanyaAsset,
  type VipanyaAssetBody,
  type VipanyaAssetsPage,
} from '../../../shared/vipanya'
import { vipanyaAssetsParams } from '../../../shared/vipanya-params'
import { bearerToken, requireScope, type AuthEnv } from '../../core/auth'
import { wallClock, type Clock } from '../../core/clock'
import { createDialectApp, endpoint } from '../../core/dialect'
import { Refusal, vipanyaBody, vipanyaErrors } from '../../core/errors'
import { canSee, segmentsFor, type Viewer } from '../../core/visibility'
import type { Catalog } from '../../db/catalog-db'
import type { VipanyaRow } from '../../db/schema-vipanya'
import { VISIBILITY_CODES } from '../../db/schema'
import { totalsOf } from '../../db/totals'
import { LruCache } from '../../lru'
import type { MediaStore } from '../../media/media-store'
import { markRenderAhead } from '../../media/render-ahead'
import { previewField } from '../../media/preview-color'
import {
  VIPANYA_FILE_KINDS,
  vipanyaFile,
  vipanyaFileKind,
  vipanyaSampleBytes,
  vipanyaSampleFor,
} from '../../media/vipanya-files'

// Vipanya assets API (seed 003), mounted at /api/vipanya. Lists show published assets only;
// a private (is_public = false) asset is its owner's alone, which the core's visibility rules
// decide as for any private row.

const SORT_COLUMNS = {
  created_at: 'created_at',
  updated_at: 'updated_at',
  title: 'title COLLATE NOCASE',
} as const

const visibilityOf = (row: Pick<VipanyaRow, 'is_public'>) =>
  row.is_public ? VISIBILITY_CODES.public : VISIBILITY_CODES.private

const madeSizes = new LruCache<string, number>(20_000)

/** The size of a made PDF or document, which depends only on these fields: worked out once per set of them. */
function madeSize(row: VipanyaRow): number {
  const key = `${row.asset_type}\n${row.page_count}\n${row.title}\n${row.asset_type === 'document' ? row.description : ''}`
  let size = madeSizes.get(key)
  if (size === undefined) {
    size = vipanyaFile(row)?.bytes.length ?? 0
    madeSizes.set(key, size)
  }
  return size
}

/**
 * Where an asset's file downloads from, and its size and type as served. Images are drawn by the
 * media routes, PDFs and documents are made from the row, video and audio are shipped clips (see
 * vipanya-files.ts); an asset created through the API has no file (the seed's upload endpoint is
 * "coming soon").
 */
function fileOf(row: VipanyaRow, media: MediaStore): Pick<VipanyaAsset, 'file_path' | 'file_size' | 'mime_type'> {
  const type = row.asset_type
  if (row.file_path === null) return { file_path: null, file_size: null, mime_type: row.mime_type }
  if (type === 'image')
    return { file_path: media.url('original', row.uuid), file_size: row.file_size, mime_type: row.mime_type }
  const kind = vipanyaFileKind(row)
  if (!kind) return { file_path: null, file_size: null, mime_type: row.mime_type }
  const played = vipanyaSampleFor(row)
  const size = played ? vipanyaSampleBytes(played.format).length : madeSize(row)
  const { contentType } = VIPANYA_FILE_KINDS[kind]
  return {
    file_path: media.url(kind, row.uuid),
    file_size: size,
    mime_type: contentType.split(';')[0] ?? contentType,
  }
}

function toVipanyaAsset(row: VipanyaRow, media: MediaStore): VipanyaAsset {
  const type = row.asset_type
  const asset: VipanyaAsset = {
    id: row.uuid,
    title: row.title,
    slug: row.slug,
    description: row.description,
    asset_type: type,
    ...fileOf(row, media),
    thumbnail_path: row.has_thumbnail ? media.url('thumb-small', row.uuid) : null,
    ...previewField('preview_color', row.has_thumbnail ? media.previewColor(row.uuid) : undefined),
    download_count: row.download_count,
    is_public: row.is_public === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
  if (type === 'pdf' || type === 'document') {
    asset.page_count = row.page_count
    asset.word_count = row.word_count
  }
  // A clip's length and frame size are its own, whatever an older catalog row says.
  const clip = vipanyaSampleFor(row)?.sample
  if (type === 'image' || type === 'video') {
    asset.width = clip ? clip.width : row.width
    asset.height = clip ? clip.height : row.height
  }
  if (type === 'video' || type === 'audio') asset.duration_seconds = clip?.durationSeconds ?? row.duration_seconds
  if (type === 'external_video' || type === 'link' || type === 'git') asset.external_url = row.external_url
  if (type === 'external_video') asset.video_embed = row.video_embed
  return asset
}

/** SQL over (owner_id, is_public) for the rows the core lets `viewer` see. */
function visibilitySql(catalog: Catalog, viewer: Viewer): { sql: string; args: Record<string, number> } {
  const segments = segmentsFor(catalog, viewer, 'all').filter(
    (s) => s.visibility === VISIBILITY_CODES.public || s.visibility === VISIBILITY_CODES.private,
  )
  const args: Record<string, number> = {}
  const pairs = segments.map((s, i) => {
    args[`o${i}`] = s.owner
    args[`v${i}`] = s.visibility
    return `(@o${i}, @v${i})`
  })
  if (pairs.length === 0) return { sql: '0', args }
  return {
    sql: `(owner_id, CASE WHEN is_public = 1 THEN ${VISIBILITY_CODES.public} ELSE ${VISIBILITY_CODES.private} END)
      IN (VALUES ${pairs.join(', ')})`,
    args,
  }
}

export interface VipanyaApiDeps {
  db: Catalog
  media: MediaStore
  /** Timestamps of created assets. */
  now?: Clock | undefined
}

export function createVipanyaApi(deps: VipanyaApiDeps): Hono<AuthEnv> {
  const { db: catalog, media } = deps
  const now = deps.now ?? wallClock
  const api = createDialectApp({ catalog, errors: vipanyaErrors, credentials: [bearerToken] })
  const byUuid = catalog.statement('SELECT * FROM vipanya_assets WHERE uuid = ?')
  const slugTaken = catalog.statement('SELECT 1 FROM vipanya_assets WHERE slug = ?')
  const insert = catalog.statement(
    `INSERT INTO vipanya_assets (uuid, owner_id, title, slug, description, asset_type, has_thumbnail, external_url,
       video_embed, is_public, is_published, created_via_api, created_at, updated_at)
     VALUES (@uuid, @owner_id, @title, @slug, @description, @asset_type, 1, @external_url, @video_embed, @is_public,
       1, 1, @created_at, @created_at)`,
  )

  const totals = totalsOf(catalog)
  const countOf = (filter: string, args: Record<string, unknown>): number =>
    totals.total(`vipanya-assets|${filter}|${JSON.stringify(args)}`, () => {
      const row = catalog.statement(`SELECT count(*) AS n FROM vipanya_assets WHERE ${filter}`).get(args) as {
        n: number
      }
      return row.n
    })

  api.get(
    '/api/v1/assets',
    requireScope(VIPANYA_SCOPES.read),
    endpoint({
      rules: vipanyaAssetsParams,
      query: (q, c) => {
        const visible = visibilitySql(catalog, c.get('caller').user)
        const where = ['is_published = 1', visible.sql]
        const args: Record<string, unknown> = { ...visible.args }
        if (q.asset_type) {
          where.push('asset_type = @type')
          args.type = q.asset_type
        }
        if (q.search) {
          where.push(`(instr(lower(title), @search) > 0 OR instr(lower(description), @search) > 0)`)
          args.search = q.search.toLowerCase()
        }
        const filter = where.join(' AND ')
        const total = countOf(filter, args)
        const dir = q.order === 'asc' ? 'ASC' : 'DESC'
        const offset = (q.page - 1) * q.per_page
        const rows =
          offset < total
            ? (catalog
                .statement(
                  `SELECT * FROM vipanya_assets WHERE ${filter}
                    ORDER BY ${SORT_COLUMNS[q.sort]} ${dir}, id ${dir} LIMIT @limit OFFSET @offset`,
                )
                .all({ ...args, limit: q.per_page, offset }) as VipanyaRow[])
            : []
        return { total, rows }
      },
      project: ({ total, rows }, q, c): VipanyaAssetsPage => {
        markRenderAhead(
          c,
          rows.filter((r) => r.has_thumbnail).map((r) => r.uuid),
        )
        return {
          success: true,
          data: rows.map((r) => toVipanyaAsset(r, media)),
          pagination: { page: q.page, per_page: q.per_page, total, total_pages: Math.ceil(total / q.per_page) },
        }
      },
    }),
  )

  api.get('/api/v1/assets/:id', requireScope(VIPANYA_SCOPES.read), (c) => {
    const id = c.req.param('id')
    const row = byUuid.get(id) as VipanyaRow | undefined
    const viewer = c.get('caller').user
    const mayRead =
      row !== undefined &&
      canSee(catalog, viewer, { owner_id: row.owner_id, visibility: visibilityOf(row) }) &&
      (row.is_published === 1 || row.owner_id === viewer?.id)
    if (!mayRead) throw Refusal.notFound(`Asset ${id}`)
    const body: VipanyaAssetBody = { success: true, data: toVipanyaAsset(row, media) }
    return c.json(body)
  })

  api.post('/api/v1/assets', requireScope(VIPANYA_SCOPES.write), async (c) => {
    let json: unknown
    try {
      json = await c.req.json()
    } catch {
      throw Refusal.reply({
        status: 400,
        body: vipanyaBody('Validation failed', 'Request body must be a JSON object', 'body'),
      })
    }
    const result = validateVipanyaCreate(json)
    if (!result.ok)
      throw Refusal.reply({ status: 400, body: vipanyaBody('Validation failed', result.message, result.field) })
    const caller = c.get('caller').user
    if (!caller) throw Refusal.forbidden(VIPANYA_SCOPES.write)
    const b = result.body
    const base = slugify(b.title)
    let slug = base
    for (let n = 2; slugTaken.get(slug) !== undefined; n++) slug = `${base}-${n}`
    const uuid = randomUUID()
    insert.run({
      uuid,
      owner_id: caller.id,
      title: b.title,
      slug,
      description: b.description ?? '',
      asset_type: b.asset_type,
      external_url: b.external_url ?? null,
      video_embed: b.asset_type === 'external_video' && b.external_url ? (videoEmbedFor(b.external_url) ?? null) : null,
      is_public: b.is_public ? 1 : 0,
      created_at: now().toISOString(),
    })
    catalog.invalidate()
    const body: VipanyaAssetBody = { success: true, data: toVipanyaAsset(byUuid.get(uuid) as VipanyaRow, media) }
    return c.json(body, 201)
  })

  return api
}
