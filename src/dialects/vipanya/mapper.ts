import {
  VIDEO_EMBED_ORIGINS,
  type VipanyaAsset,
  type VipanyaAssetType,
  type VipanyaAssetsPage,
  type VipanyaErrorBody,
} from '../../shared/vipanya'
import { ApiError, statusMessage } from '../http'
import { numberedPage } from '../page-numbers'
import { safeHttpUrl } from '../safe-url'
import { previewColor } from '../thumb-hints'
import { defined, isObject, num, str } from '../wire'
import type { Asset, AssetKind, AssetPage } from '../types'

const KINDS: Record<VipanyaAssetType, AssetKind> = {
  pdf: 'pdf',
  document: 'document',
  image: 'image',
  video: 'video',
  external_video: 'video',
  audio: 'audio',
  link: 'link',
  collection: 'collection',
  git: 'git',
}

const EMBED_ORIGINS: ReadonlySet<string> = new Set(VIDEO_EMBED_ORIGINS)

/** `owner/name` of a repository URL (`https://github.com/owner/name.git`), else its last segment. */
function repoNameOf(url: string): string | undefined {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean)
    const clean = segments.map((s) => s.replace(/\.git$/, ''))
    if (clean.length >= 2) return `${clean[0]}/${clean[1]}`
    return clean[0]
  } catch {
    return undefined
  }
}

/** An embed URL is only used on a known player's origin (the ones the CSP frames): it goes in an iframe. */
function safeEmbed(value: unknown): string | undefined {
  const url = safeHttpUrl(value)
  return url && EMBED_ORIGINS.has(new URL(url).origin) ? url : undefined
}

/** Wire → uniform asset. `base` resolves the host-relative `file_path` and `thumbnail_path`. */
export function mapVipanyaAsset(wire: VipanyaAsset, base: string): Asset {
  const kind = KINDS[wire.asset_type] ?? 'document'
  const file = safeHttpUrl(wire.file_path, base)
  const thumbnail = safeHttpUrl(wire.thumbnail_path, base)
  const external = safeHttpUrl(wire.external_url)
  const isImage = kind === 'image'
  return {
    id: wire.id,
    kind,
    name: typeof wire.title === 'string' ? wire.title : '',
    thumbnailUrl: thumbnail ?? (isImage ? (file ?? null) : null),
    previewUrl: isImage ? (file ?? thumbnail ?? null) : (thumbnail ?? null),
    preview: previewColor(wire.preview_color),
    originalUrl: file ?? external ?? '',
    width: num(wire.width) ?? null,
    height: num(wire.height) ?? null,
    createdAt: wire.created_at,
    createdBy: '',
    tags: [],
    visibility: wire.is_public ? 'public' : 'private',
    note: str(wire.description) ?? null,
    detections: [],
    project: null,
    details: defined({
      type: wire.asset_type,
      description: str(wire.description),
      mimeType: str(wire.mime_type),
      sizeBytes: num(wire.file_size),
      pageCount: num(wire.page_count),
      wordCount: num(wire.word_count),
      durationSeconds: num(wire.duration_seconds),
      externalUrl: external,
      host: external ? new URL(external).hostname.replace(/^www\./, '') : undefined,
      repoName: kind === 'git' && external ? repoNameOf(external) : undefined,
      embedUrl: wire.asset_type === 'external_video' ? safeEmbed(wire.video_embed) : undefined,
      downloadUrl: file,
      downloadCount: num(wire.download_count),
      updatedAt: str(wire.updated_at),
    }),
  }
}

function isAssetsPage(body: unknown): body is VipanyaAssetsPage {
  return isObject(body) && Array.isArray(body.data) && isObject(body.pagination)
}

export function mapVipanyaPage(body: unknown, base: string): AssetPage<number> {
  if (!isAssetsPage(body)) throw new ApiError('Vipanya answered with something that is not a list of assets.', 200)
  const { page, per_page, total, total_pages } = body.pagination
  const items = body.data.map((a) => mapVipanyaAsset(a, base))
  return numberedPage(items, { page, perPage: per_page, total, hasNext: page < total_pages, hasPrev: true })
}

/** One asset: `{success, data}` as the list wraps its items, or the bare asset. */
export function mapVipanyaAssetBody(body: unknown, base: string): Asset {
  const wrapped = (body as { data?: unknown } | null)?.data
  const asset = (isObject(wrapped) ? wrapped : body) as Partial<VipanyaAsset> | null
  if (!asset || typeof asset.id !== 'string' || typeof asset.asset_type !== 'string') {
    throw new ApiError('Vipanya answered with something that is not an asset.', 200)
  }
  return mapVipanyaAsset(asset as VipanyaAsset, base)
}

export function vipanyaError(status: number, body: unknown, sourceName: string): ApiError {
  const b = body as Partial<VipanyaErrorBody> | null
  const message = str(b?.message)
  const field = str(b?.field)
  if (status === 400) return new ApiError(message ?? `${sourceName} rejected the request.`, status, [], field)
  if (status === 403 && message) {
    return new ApiError(`${sourceName} refused: ${message}.`, status, [message])
  }
  return new ApiError(statusMessage(status, sourceName), status, message ? [message] : [])
}
