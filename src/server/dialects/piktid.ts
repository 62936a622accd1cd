import { Hono, type Context } from 'hono'
import {
  PIKTID_TAGS,
  type PiktidAsset,
  type PiktidAssetsPage,
  type PiktidDetection,
  type PiktidErrorBody,
  type PiktidErrorDetail,
  type PiktidOwnership,
} from '../../shared/piktid'
import type { Catalog, CatalogUser } from '../db/catalog-db'
import { createAssetQueries, type AssetRow, type Segment } from '../db/asset-query'
import { VISIBILITY_CODES, VISIBILITY_NAMES } from '../db/schema'
import type { MediaStore } from '../media/media-store'
import { parsePiktidAssetsQuery } from './piktid-query'

// PiktID v2 assets API (seed 000), mounted at /api/piktid.

type Env = { Variables: { caller: CatalogUser } }

export const PLATFORM_USERNAME = 'platform'

function errorBody(error: string, detail: PiktidErrorDetail[]): PiktidErrorBody {
  return { error, detail }
}

export function piktidError(c: Context, status: 400 | 401 | 404 | 500, error: string, detail: PiktidErrorDetail[]) {
  return c.json(errorBody(error, detail), status)
}

function parseDetections(json: string | null): PiktidDetection[] | null {
  if (json === null) return null
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? (parsed as PiktidDetection[]) : null
  } catch {
    return null
  }
}

export function toPiktidAsset(row: AssetRow, media: MediaStore): PiktidAsset {
  const tags: string[] = []
  PIKTID_TAGS.forEach((tag, bit) => {
    if (row.tags & (1 << bit)) tags.push(tag)
  })
  return {
    id: row.public_id,
    filename: row.filename,
    url: media.url('original', row.public_id),
    created_at: row.created_at,
    created_by: row.created_by,
    tags,
    visibility: VISIBILITY_NAMES[row.visibility] ?? 'private',
    thumbnail_big: media.url('thumb-big', row.public_id),
    thumbnail_small: media.url('thumb-small', row.public_id),
    styling_note: row.styling_note,
    detected: parseDetections(row.detected),
    dimensions: { width: row.width, height: row.height },
    project:
      row.project_id !== null && row.project_name !== null && row.project_key !== null
        ? { project_id: row.project_id, project_name: row.project_name, project_key: row.project_key }
        : null,
  }
}

/** Which (owner, visibility) segments a caller may see for an ownership filter. */
export function segmentsFor(catalog: Catalog, caller: CatalogUser, ownership: PiktidOwnership | undefined): Segment[] {
  const { private: priv, shared, public: pub } = VISIBILITY_CODES
  const teammates = catalog.groupMembers(caller.group).filter((u) => u.id !== caller.id)
  const mine: Segment[] = [
    { owner: caller.id, visibility: priv },
    { owner: caller.id, visibility: shared },
    { owner: caller.id, visibility: pub },
  ]
  const fromTeammates = teammates.flatMap((u) => [
    { owner: u.id, visibility: shared },
    { owner: u.id, visibility: pub },
  ])
  const platform = catalog.userByName(PLATFORM_USERNAME)
  switch (ownership) {
    case 'mine':
      return mine
    case 'shared':
      return fromTeammates
    case 'default':
      return platform ? [{ owner: platform.id, visibility: pub }] : []
    case undefined: {
      const everyonesPublic = catalog
        .users()
        .filter((u) => u.id !== caller.id)
        .map((u) => ({ owner: u.id, visibility: pub }))
      const teammatesShared = teammates.map((u) => ({ owner: u.id, visibility: shared }))
      return [...mine, ...teammatesShared, ...everyonesPublic]
    }
  }
}

export function canSee(catalog: Catalog, caller: CatalogUser, row: AssetRow): boolean {
  if (row.visibility === VISIBILITY_CODES.public || row.owner_id === caller.id) return true
  if (row.visibility !== VISIBILITY_CODES.shared) return false
  return catalog.userById(row.owner_id)?.group === caller.group
}

export function createPiktidApi(deps: { db: Catalog; media: MediaStore }): Hono<Env> {
  const { db: catalog, media } = deps
  const queries = createAssetQueries(catalog)
  const api = new Hono<Env>()

  api.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    const caller = match?.[1] ? catalog.userByToken(match[1]) : undefined
    if (!caller) {
      return piktidError(c, 401, 'Unauthorized', [
        {
          field: 'Authorization',
          message: header ? 'Token is invalid or expired' : 'Missing bearer token',
          position: 'header',
        },
      ])
    }
    c.set('caller', caller)
    await next()
  })

  api.get('/assets', (c) => {
    const parsed = parsePiktidAssetsQuery(c.req.query())
    if (!parsed.ok) return piktidError(c, 400, 'Invalid request', parsed.detail)
    const p = parsed.params
    const caller = c.get('caller')
    let segments = segmentsFor(catalog, caller, p.ownership)
    if (p.createdBy !== undefined) {
      const uploader = catalog.userByName(p.createdBy)
      segments = uploader ? segments.filter((s) => s.owner === uploader.id) : []
    }
    const filters = {
      segments,
      createdAfter: p.createdAfter,
      createdBefore: p.createdBefore,
      includeTags: p.includeTags,
      excludeTags: p.excludeTags,
      search: p.search,
      tagNames: PIKTID_TAGS,
    }
    const total = queries.count(filters)
    const pages = Math.ceil(total / p.perPage)
    const offset = (p.page - 1) * p.perPage
    const rows = offset < total ? queries.page(filters, p.sortBy, p.order, p.perPage, offset, total) : []
    const body: PiktidAssetsPage = {
      pagination: {
        page: p.page,
        per_page: p.perPage,
        total,
        pages,
        has_next: p.page < pages,
        has_prev: p.page > 1,
      },
      assets: rows.map((row) => toPiktidAsset(row, media)),
    }
    return c.json(body)
  })

  api.get('/assets/:id', (c) => {
    const id = c.req.param('id')
    const row = queries.byPublicId(id)
    if (!row || !canSee(catalog, c.get('caller'), row)) {
      return piktidError(c, 404, 'Not found', [
        { field: 'asset_id', message: `Asset ${id} not found`, position: 'path' },
      ])
    }
    return c.json(toPiktidAsset(row, media))
  })

  api.notFound((c) =>
    piktidError(c, 404, 'Not found', [
      { field: null, message: `No route for ${c.req.method} ${c.req.path}`, position: 'path' },
    ]),
  )

  return api
}
