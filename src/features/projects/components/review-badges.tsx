import type { ProjectImage } from '../../../dialects/project-types'
import { effectiveImage, type PendingVerdict } from '../feedback'
import { formatCount, REVIEW_STATUS_LABELS } from '../format'

// On a small tile (a small tile size) the words give way to marks; screen readers still get them.
export const wordy = '@max-[7.5rem]:sr-only'
export const markOnly = 'hidden @max-[7.5rem]:inline'

const chip =
  'inline-flex items-center gap-0.5 rounded px-1 text-xs font-semibold text-white shadow @max-[7.5rem]:px-0.5'
/** A value given but not stored yet is dashed, as the tile dashes a pending verdict. */
const dashedIf = (pending: boolean) => (pending ? 'outline-1 outline-white outline-dashed' : '')

/**
 * An image's review on its grid tile: its status, how many notes it carries and who holds it for
 * retouch, each as the user sees it (a pending value over the stored one). No hooks: tiles draw
 * by the hundred.
 */
export function ReviewBadges({ image, pending }: { image: ProjectImage; pending: PendingVerdict | undefined }) {
  const { reviewStatus, annotations, claim } = effectiveImage(image, pending)
  if (!reviewStatus && annotations.length === 0 && !claim) return null
  return (
    <span
      // Under the status badge, clear of the select toggle (top left) and of the version stack
      // (bottom left); on a small tile, one row of marks.
      className="pointer-events-none absolute top-8 right-1.5 flex max-w-[calc(100%-0.75rem)] flex-col items-end gap-1 @max-[7.5rem]:top-7 @max-[7.5rem]:flex-row @max-[7.5rem]:gap-0.5"
    >
      {reviewStatus && (
        <span
          data-review-status={reviewStatus}
          className={`${chip} ${reviewStatus === 'approved' ? 'bg-sky-800' : 'bg-orange-700'} ${dashedIf(pending?.reviewStatus !== undefined)}`}
        >
          <span className={wordy}>{REVIEW_STATUS_LABELS[reviewStatus]}</span>
          <span aria-hidden="true" className={markOnly}>
            {reviewStatus === 'approved' ? 'A' : 'R'}
          </span>
        </span>
      )}
      {annotations.length > 0 && (
        <span
          data-testid="annotation-count"
          className={`${chip} bg-neutral-900/85 ${dashedIf(pending?.annotations !== undefined)}`}
        >
          <span className={wordy}>{formatCount(annotations.length, 'note')}</span>
          <span aria-hidden="true" className={markOnly}>
            {annotations.length}
          </span>
        </span>
      )}
      {claim && (
        <span
          data-testid="claim-badge"
          className={`${chip} min-w-0 bg-violet-800 ${dashedIf(pending?.claim !== undefined)}`}
        >
          <span aria-hidden="true">⚑</span>
          <span className="sr-only">{'Held for retouch by '}</span>
          <span className={`truncate ${wordy}`}>{claim.by}</span>
        </span>
      )}
    </span>
  )
}
