import type { Hono } from 'hono'
import { PIKTID_TAGS, type PiktidAsset, type PiktidAssetsPage, type PiktidDetection } from '../../../shared/piktid'
import { bearerToken, type AuthEnv } from '../../core/auth'
import type { Clock } from '../../core/clock'
import { createDialectApp, endpoint } from '../../core/dialect'
import { piktidErrors, Refusal } from '../../core/errors'
import { canSee, segmentsFor, segmentsOfUploader } from '../../core/visibility'
import type { Catalog } from '../../db/catalog-db'
import { assetQueriesFor, type AssetRow } from '../../db/asset-query'
import { VISIBILITY_NAMES } from '../../db/schema'
import type { MediaStore } from '../../media/media-store'
import { previewField } from '../../media/preview-color'
import { markRenderAhead } from '../../media/render-ahead'
import { piktidAssetsParams } from '../../../shared/piktid-params'
import { registerPiktidGallery } from './gallery'
import { piktidAssetsQuery, piktidPagination } from './query'

// PiktID v2 assets API (seed 000), mounted at /api/piktid; the gallery (seed 002) joins it.

function parseDetections(json: string | null): PiktidDetection[] | null {
  if (json === null) return null
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? (parsed as PiktidDetection[]) : null
  } catch {
    return null
  }
}

function toPiktidAsset(row: AssetRow, media: MediaStore): PiktidAsset {
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
    ...previewField('preview_color', media.previewColor(row.public_id)),
  }
}

export function createPiktidApi(deps: { db: Catalog; media: MediaStore; now?: Clock | undefined }): Hono<AuthEnv> {
  const { db: catalog, media } = deps
  const queries = assetQueriesFor(catalog)
  const api = createDialectApp({ catalog, errors: piktidErrors, credentials: [bearerToken] })

  api.get(
    '/assets',
    endpoint({
      rules: piktidAssetsParams,
      params: piktidAssetsQuery,
      query: (p, c) => {
        let segments = segmentsFor(catalog, c.get('caller').user, p.ownership ?? 'all')
        if (p.createdBy !== undefined) segments = segmentsOfUploader(catalog, segments, p.createdBy)
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
        const offset = (p.page - 1) * p.perPage
        const rows = offset < total ? queries.page(filters, p.sortBy, p.order, p.perPage, offset, total) : []
        return { total, rows }
      },
      project: ({ total, rows }, p, c): PiktidAssetsPage => {
        markRenderAhead(
          c,
          rows.map((row) => row.public_id),
        )
        return {
          pagination: piktidPagination(p.page, p.perPage, total),
          assets: rows.map((row) => toPiktidAsset(row, media)),
        }
      },
    }),
  )

  api.get('/assets/:id', (c) => {
    const id = c.req.param('id')
    const row = queries.byPublicId(id)
    if (!row || !canSee(catalog, c.get('caller').user, row)) throw Refusal.notFound(`Asset ${id}`, 'asset_id')
    return c.json(toPiktidAsset(row, media))
  })

  registerPiktidGallery(api, deps)
  return api
}
