import type { PiktidAsset, PiktidAssetsPage, PiktidErrorBody } from '../../shared/piktid'
import { ApiError, statusMessage } from '../http'
import { numberedPage } from '../page-numbers'
import { safeHttpUrl } from '../safe-url'
import { coverSrcSet, previewColor } from '../thumb-hints'
import { isObject } from '../wire'
import type { Asset, AssetPage, Detection } from '../types'

function isDetection(d: unknown): d is Detection {
  return (
    isObject(d) &&
    typeof d.label === 'string' &&
    typeof d.confidence === 'number' &&
    Array.isArray(d.box) &&
    d.box.length === 4
  )
}

/** Wire → uniform asset. `base` resolves host-relative media links (the bundled server's). */
function mapPiktidAsset(wire: PiktidAsset, base: string): Asset {
  const small = safeHttpUrl(wire.thumbnail_small, base)
  const big = safeHttpUrl(wire.thumbnail_big, base)
  return {
    id: wire.id,
    name: wire.filename,
    thumbnailUrl: small ?? big ?? null,
    previewUrl: big ?? null,
    preview: previewColor(wire.preview_color),
    thumbnailSrcSet: coverSrcSet(small, big, wire.dimensions?.width, wire.dimensions?.height),
    originalUrl: safeHttpUrl(wire.url, base) ?? '',
    width: wire.dimensions?.width ?? null,
    height: wire.dimensions?.height ?? null,
    createdAt: wire.created_at,
    createdBy: wire.created_by,
    tags: wire.tags ?? [],
    visibility: wire.visibility ?? null,
    note: wire.styling_note ?? null,
    detections: Array.isArray(wire.detected) ? wire.detected.filter(isDetection) : [],
    project: wire.project
      ? { id: String(wire.project.project_id), name: wire.project.project_name, key: wire.project.project_key }
      : null,
  }
}

function isAssetsPage(body: unknown): body is PiktidAssetsPage {
  return isObject(body) && Array.isArray(body.assets) && isObject(body.pagination)
}

export function mapPiktidPage(body: unknown, perPage: number, base: string): AssetPage<number> {
  if (!isAssetsPage(body)) throw new ApiError('PiktID answered with something that is not a list of assets.', 200)
  const { page, total, has_next, has_prev } = body.pagination
  const items = body.assets.map((wire) => mapPiktidAsset(wire, base))
  return numberedPage(items, { page, perPage, total, hasNext: has_next, hasPrev: has_prev })
}

export function mapPiktidAssetBody(body: unknown, base: string): Asset {
  const b = body as Partial<PiktidAsset> | null
  if (!b || typeof b.id !== 'string' || typeof b.url !== 'string') {
    throw new ApiError('PiktID answered with something that is not an asset.', 200)
  }
  return mapPiktidAsset(b as PiktidAsset, base)
}

export function piktidError(status: number, body: unknown, sourceName: string): ApiError {
  const b = body as Partial<PiktidErrorBody> | null
  const details = Array.isArray(b?.detail)
    ? b.detail.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message))
    : []
  const fields = Array.isArray(b?.detail) ? b.detail.flatMap((d) => (d.field ? [d.field] : [])) : []
  const base =
    status === 400 || status === 422 ? `${sourceName} rejected the request.` : statusMessage(status, sourceName)
  return new ApiError(base, status, details, undefined, undefined, fields)
}
