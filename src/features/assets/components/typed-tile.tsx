import type { ReactNode } from 'react'
import type { Asset, AssetKind } from '../../../dialects/types'
import type { ThumbLoading } from '../../../grid/tiles'
import { formatBytes, formatCount, formatDuration } from '../format'

export const KIND_LABELS: Record<AssetKind, string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  pdf: 'PDF',
  document: 'Document',
  link: 'Link',
  collection: 'Collection',
  git: 'Git repository',
  '3d': '3D model',
}

/**
 * The player the viewer has for an asset, if any: a hosted video's frame, or a native player for
 * its own video or audio file. A tile shows its play mark only then.
 */
export function playerOf(asset: Asset): 'embed' | 'video' | 'audio' | undefined {
  const d = asset.details ?? {}
  const mime = d.mimeType ?? ''
  if (asset.kind === 'video' && d.embedUrl) return 'embed'
  if (asset.kind === 'video' && d.downloadUrl && mime.startsWith('video/')) return 'video'
  if (asset.kind === 'audio' && d.downloadUrl && mime.startsWith('audio/')) return 'audio'
  return undefined
}

/** The short facts a tile shows under its type: pages and size, duration, host, repository. */
export function tileFacts(asset: Asset): string[] {
  const d = asset.details ?? {}
  const facts: string[] = []
  switch (asset.kind) {
    case 'pdf':
    case 'document':
      if (d.pageCount !== undefined) facts.push(formatCount(d.pageCount, 'page'))
      if (d.sizeBytes !== undefined) facts.push(formatBytes(d.sizeBytes))
      break
    case 'video':
    case 'audio':
      if (d.durationSeconds !== undefined) facts.push(formatDuration(d.durationSeconds))
      else if (d.host) facts.push(d.host)
      break
    case 'link':
      if (d.host) facts.push(d.host)
      break
    case 'git':
      if (d.repoName) facts.push(d.repoName)
      else if (d.host) facts.push(d.host)
      break
    case '3d':
      if (d.sizeBytes !== undefined) facts.push(formatBytes(d.sizeBytes))
      break
    default:
      break
  }
  return facts
}

/**
 * The face of a tile for a non-image asset: its thumbnail when the API has one, else a large
 * type icon; a type badge, a play mark when the viewer the tile opens can play it, the title
 * (inert text, direction isolated) and the facts that matter for the type.
 */
export function TypedTileFace({
  asset,
  onThumbLoad,
  loaded,
  loading,
}: {
  asset: Asset
  onThumbLoad: () => void
  loaded: boolean
  /** How the thumbnail loads (a grid's first row at once, see `thumbLoading`). */
  loading: ThumbLoading
}) {
  const kind = asset.kind ?? 'document'
  const facts = tileFacts(asset)
  return (
    <>
      {asset.thumbnailUrl ? (
        <img
          src={asset.thumbnailUrl}
          alt=""
          {...loading}
          decoding="async"
          draggable={false}
          onLoad={onThumbLoad}
          className={`h-full w-full object-cover transition-opacity duration-200 ${loaded ? 'opacity-100' : 'opacity-0'}`}
        />
      ) : (
        <span
          aria-hidden="true"
          className="absolute inset-0 flex items-center justify-center pb-10 text-neutral-500 dark:text-neutral-400"
        >
          <KindIcon kind={kind} className="h-1/3 w-1/3" />
        </span>
      )}
      {playerOf(asset) && (
        <span
          aria-hidden="true"
          className="absolute top-1/2 left-1/2 flex h-10 w-10 -translate-x-1/2 -translate-y-[70%] items-center justify-center rounded-full bg-black/65 text-white"
          data-testid="play-badge"
        >
          <svg viewBox="0 0 20 20" width="18" height="18" fill="currentColor">
            <path d="M6 4l10 6-10 6z" />
          </svg>
        </span>
      )}
      <span className="absolute top-1.5 left-1.5 rounded bg-black/70 px-1.5 py-0.5 text-[11px] font-medium text-white">
        {KIND_LABELS[kind]}
      </span>
      <span className="absolute inset-x-0 bottom-0 bg-black/75 px-2 py-1 text-xs text-white">
        <span className="block truncate font-medium" dir="auto" title={asset.name}>
          {asset.name || 'Untitled'}
        </span>
        {facts.length > 0 && (
          <span className="block truncate text-neutral-200" data-testid="tile-facts">
            {facts.map((fact, i) => (
              <span key={fact}>
                {i > 0 && ' · '}
                <bdi>{fact}</bdi>
              </span>
            ))}
          </span>
        )}
      </span>
    </>
  )
}

/** A page with lines: PDFs and other documents. */
const PAGE_ICON = <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h6" />

/** Each kind's line icon: what its 24×24 outline draws. */
const KIND_ICON_PARTS: Readonly<Record<AssetKind, ReactNode>> = {
  image: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <circle cx="9" cy="9" r="2" />
      <path d="M21 15l-5-5L5 21" />
    </>
  ),
  pdf: PAGE_ICON,
  document: PAGE_ICON,
  video: (
    <>
      <rect x="3" y="5" width="14" height="14" rx="2" />
      <path d="M17 10l4-2v8l-4-2" />
    </>
  ),
  audio: (
    <>
      <path d="M9 18V5l11-2v13" />
      <circle cx="6" cy="18" r="3" />
      <circle cx="17" cy="16" r="3" />
    </>
  ),
  link: (
    <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" />
  ),
  collection: (
    <>
      <rect x="3" y="7" width="14" height="13" rx="2" />
      <path d="M7 4h12a2 2 0 0 1 2 2v11" />
    </>
  ),
  git: (
    <>
      <circle cx="6" cy="6" r="2.5" />
      <circle cx="6" cy="18" r="2.5" />
      <circle cx="18" cy="8" r="2.5" />
      <path d="M6 8.5v7M18 10.5c0 4-6 3-10.5 6" />
    </>
  ),
  '3d': <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5" />,
}

/** A simple line icon per kind. */
export function KindIcon({ kind, className }: { kind: AssetKind; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
    >
      {KIND_ICON_PARTS[kind]}
    </svg>
  )
}
