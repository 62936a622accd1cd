import { Link, useParams } from '@tanstack/react-router'
import { useContext } from 'react'
import type { ProjectImage } from '../../../../dialects/project-types'
import type { RawSearch } from '../../../../dialects/types'
import { markOnly, wordy } from '../review-badges'
import { withCompare } from './compare-search'
import { versionsOf } from './versions'
import { VersionsContext } from './versions-context'

/**
 * "v3 · 3 versions" on a tile whose image index has other versions in the grid's list (the
 * project's or the gallery's, from `VersionsContext`; see versions.ts): a link that opens the review on this image with its versions side by side.
 * Out of the tab order, as the tile's select toggle is: the review's C and V reach the same.
 */
export function VersionBadge({ image }: { image: ProjectImage }) {
  const known = useContext(VersionsContext)
  const sourceId = useParams({ strict: false, select: (p) => p.source })
  if (!known || sourceId === undefined) return null
  const { images, complete } = versionsOf(known.list, image, known.scope)
  if (images.length < 2) return null
  const count = `${images.length}${complete ? '' : '+'} versions`
  return (
    <Link
      to="/$source/projects/$projectId/$imageKey"
      params={{ source: sourceId, projectId: image.project.id, imageKey: image.key }}
      // The project page's filters stay: the review goes over the same list.
      search={(prev) => withCompare(known.fromGallery ?? (prev as RawSearch), 'versions')}
      state={(prev) => ({ ...prev, fromGrid: true, ...(known.fromGallery && { fromGallery: true }) })}
      tabIndex={-1}
      title={complete ? undefined : 'Part of the list is not loaded: there may be more versions.'}
      data-versions={images.length}
      className="absolute bottom-7 left-1.5 max-w-[calc(100%-0.75rem)] truncate @max-[5rem]:hidden rounded bg-indigo-700 px-1.5 py-0.5 text-xs font-semibold text-white shadow hover:bg-indigo-600"
    >
      {/* On a small tile (the tile is a size container) the words give way to "×3"; on the smallest
          the badge is left out, as it would cover the middle a tap opens the review by. */}
      <span className={wordy}>
        v{image.version} · {count}
      </span>
      <span aria-hidden="true" className={markOnly}>
        ×{images.length}
        {complete ? '' : '+'}
      </span>
      <span className="sr-only">: compare the versions of {image.name}</span>
    </Link>
  )
}
