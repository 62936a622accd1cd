import type { Asset } from '../../../dialects/types'
import { assetFile, assetLink } from '../asset-file'
import { KIND_LABELS, KindIcon, playerOf } from './typed-tile'

const linkClass =
  'inline-flex items-center gap-2 rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-300'

/**
 * What the viewer shows for an asset that is not a plain image: a hosted video's player in a
 * sandboxed frame, a file's own player or a download, a link's target. Titles and descriptions
 * are text only (they come from the API and may hold markup); their direction is isolated.
 */
export function TypedPreview({ asset }: { asset: Asset }) {
  const d = asset.details ?? {}
  const kind = asset.kind ?? 'document'
  const player = playerOf(asset)
  const file = assetFile(asset)
  const link = assetLink(asset)
  const title = asset.name || 'Untitled'

  let stage: React.ReactNode
  if (player === 'embed') {
    stage = (
      <iframe
        src={d.embedUrl}
        title={`Video player: ${title}`}
        sandbox="allow-scripts allow-same-origin allow-presentation"
        referrerPolicy="strict-origin-when-cross-origin"
        allow="fullscreen; picture-in-picture"
        allowFullScreen
        className="aspect-video w-full max-w-4xl rounded-md border-0 bg-black"
      />
    )
  } else if (player === 'video') {
    stage = (
      // note: the API has no captions for these files; the description below is the text alternative.
      // eslint-disable-next-line jsx-a11y/media-has-caption
      <video
        src={d.downloadUrl}
        poster={asset.thumbnailUrl ?? undefined}
        controls
        preload="metadata"
        className="max-h-[60vh] w-full max-w-4xl rounded-md bg-black"
        aria-label={title}
      />
    )
  } else if (player === 'audio') {
    stage = (
      <div className="flex w-full max-w-xl flex-col items-center gap-4">
        {asset.thumbnailUrl && (
          <img src={asset.thumbnailUrl} alt="" className="max-h-[35vh] max-w-full rounded-md object-contain" />
        )}
        {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the API has no transcripts; see the description. */}
        <audio src={d.downloadUrl} controls preload="metadata" className="w-full" aria-label={title} />
      </div>
    )
  } else if (asset.previewUrl ?? asset.thumbnailUrl) {
    stage = (
      <img
        src={asset.previewUrl ?? asset.thumbnailUrl ?? undefined}
        alt=""
        className="max-h-[50vh] max-w-full rounded-md object-contain"
      />
    )
  } else {
    stage = (
      <span className="flex h-40 w-40 items-center justify-center rounded-xl bg-neutral-800 text-neutral-300">
        <KindIcon kind={kind} className="h-20 w-20" />
      </span>
    )
  }

  return (
    <div
      className="flex h-full w-full flex-col items-center justify-center-safe gap-4 overflow-y-auto p-2 text-center"
      data-testid="typed-preview"
    >
      {stage}
      <p className="text-sm text-neutral-300">
        {KIND_LABELS[kind]}
        {d.type && d.type !== kind ? <span className="text-neutral-400"> · {d.type}</span> : null}
      </p>
      <div className="flex flex-wrap items-center justify-center gap-3">
        {link && (
          <a href={link} target="_blank" rel="noopener noreferrer" className={linkClass}>
            Open {d.repoName ?? d.host ?? 'link'} <span aria-hidden="true">↗</span>
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        )}
        {file && (
          <a href={file.url} download={file.name} className={linkClass}>
            Download {KIND_LABELS[kind].toLowerCase()}
          </a>
        )}
      </div>
    </div>
  )
}
