import { memo, useState } from 'react'
import type { ProjectImage } from '../../../dialects/project-types'
import { SelectableTile, thumbLoading, TILE_BOX, TILE_SHAPE } from '../../../grid/tiles'
import { openingTileProps, type TileRenderArgs } from '../../../grid/grid-tile'
import { LazyTip } from '../../../ui/lazy-tip'
import { effectiveImage, type PendingVerdict } from '../feedback'
import { formatQuality } from '../format'
import { markOnly, ReviewBadges, wordy } from './review-badges'
import { VersionBadge } from './compare/version-badge'
import { StatusBadge } from './status-badge'

interface ImageTileProps extends TileRenderArgs<ProjectImage> {
  href: string
  onOpen: (image: ProjectImage) => void
  /** A verdict given but not yet stored; shown instead of the image's own. */
  pending: PendingVerdict | undefined
}

/** A generated image: its output, status, quality score and verdict (saved or on its way). */
export const ImageTile = memo(function ImageTile({
  item: image,
  index,
  href,
  tileProps,
  onOpen,
  pending,
  // The selection state, for the frame (and the tile's width, not used here).
  ...selection
}: ImageTileProps) {
  const [loaded, setLoaded] = useState(false)
  const verdict = effectiveImage(image, pending).verdict
  const thumb = image.outputThumbnailUrl ?? image.inputs[0]?.thumbnailUrl ?? null
  const link = (
    <a
      {...openingTileProps(tileProps, () => onOpen(image), image.preview)}
      href={href}
      data-image-key={image.key}
      data-verdict={verdict ?? 'none'}
      data-pending={pending ? (pending.retrying ? 'retrying' : 'saving') : undefined}
      className={`@container relative block ${TILE_SHAPE} overflow-hidden rounded-md bg-neutral-200 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-neutral-800`}
    >
      {thumb && (
        <img
          src={thumb}
          alt=""
          {...thumbLoading(index)}
          decoding="async"
          draggable={false}
          onLoad={() => setLoaded(true)}
          className={`h-full w-full object-cover transition-opacity duration-200 ${loaded ? 'opacity-100' : 'opacity-0'} ${image.outputThumbnailUrl ? '' : 'grayscale'}`}
        />
      )}
      <StatusBadge status={image.status} className="absolute top-1.5 right-1.5" labelClassName={wordy} />
      <ReviewBadges image={image} pending={pending} />
      <span className="absolute inset-x-0 bottom-0 flex items-center justify-end gap-1 bg-black/75 px-1.5 py-1 text-xs text-white">
        <span className={`min-w-0 flex-1 truncate ${wordy}`}>{image.name}</span>
        {image.quality !== null && (
          <span title="Quality score" className="font-mono">
            Q{formatQuality(image.quality)}
          </span>
        )}
        {verdict && (
          <span
            className={`rounded px-1 font-semibold ${verdict === 'like' ? 'bg-emerald-700' : 'bg-red-700'} ${pending ? 'outline-1 outline-white outline-dashed' : ''}`}
          >
            <span className={wordy}>{verdict === 'like' ? 'Liked' : 'Disliked'}</span>
            <span aria-hidden="true" className={markOnly}>
              {verdict === 'like' ? '✓' : '✗'}
            </span>
          </span>
        )}
        {!verdict && <span className="sr-only">No verdict</span>}
        {pending && (
          <span className="rounded bg-amber-300 px-1 font-semibold text-amber-950">
            <span className={wordy}>{pending.retrying ? 'Unsaved' : 'Saving'}</span>
            <span aria-hidden="true" className={markOnly}>
              {pending.retrying ? '!' : '…'}
            </span>
          </span>
        )}
      </span>
      {selection.selected && <span className="sr-only">, selected</span>}
    </a>
  )
  return (
    <SelectableTile
      {...selection}
      label={image.name}
      className={`@container ${TILE_BOX}`}
      badges={<VersionBadge image={image} />}
    >
      {image.status === 'failed' && image.error ? <LazyTip label={image.error}>{link}</LazyTip> : link}
    </SelectableTile>
  )
})
