import type { ProjectImage, ProjectInfo } from '../../../dialects/project-types'
import type { ListWindowHandle } from '../../../grid/use-list-window'
import { formatCount, formatNumber } from '../format'
import { REVIEWED_RULE, type ReviewCounts } from '../review-queue'

interface ReviewProgressProps {
  list: ListWindowHandle<ProjectImage>
  /** `reviewCounts` of the list, with the pending writes. */
  counts: ReviewCounts
  project: ProjectInfo
  filtered: boolean
  /** The review view's slim line: the bar and the counts, without the notes under them. */
  compact?: boolean
}

/**
 * How far the review has got over the images the list holds: reviewed, approved, to retouch, of
 * the total, as a bar and in words. Says when the counts cover only part of the project.
 */
export function ReviewProgress({ list, counts, project, filtered, compact = false }: ReviewProgressProps) {
  if (list.initialLoading) {
    return (
      <p className="text-sm font-medium" data-testid="review-progress">
        Loading…
      </p>
    )
  }
  const shown = list.count
  const whole = !filtered && shown === project.totalImages && counts.known === shown
  const pct = (n: number) => (counts.known > 0 ? (n / counts.known) * 100 : 0)
  const others = counts.reviewed - counts.approved - counts.retouch
  const of = whole
    ? `of ${formatNumber(shown)}`
    : counts.known < shown
      ? `of the ${formatCount(counts.known, 'image')} loaded (${formatNumber(shown)} shown)`
      : `of the ${formatCount(shown, 'image')} shown`
  return (
    <div className={`flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm ${compact ? 'text-neutral-100' : ''}`}>
      <div
        aria-hidden="true"
        title={REVIEWED_RULE}
        className={`flex h-2 w-28 shrink-0 overflow-hidden rounded-full sm:w-40 ${compact ? 'bg-neutral-700' : 'bg-neutral-300 dark:bg-neutral-700'}`}
      >
        <span className="bg-emerald-600 dark:bg-emerald-400" style={{ width: `${pct(counts.approved)}%` }} />
        <span className="bg-amber-500 dark:bg-amber-400" style={{ width: `${pct(counts.retouch)}%` }} />
        <span className="bg-indigo-500 dark:bg-indigo-400" style={{ width: `${pct(others)}%` }} />
      </div>
      <p className="font-medium" data-testid="review-progress" title={REVIEWED_RULE}>
        {formatNumber(counts.reviewed)} {of} reviewed · {formatNumber(counts.approved)} approved ·{' '}
        {formatNumber(counts.retouch)} to retouch
      </p>
      {!compact && <p className="text-xs text-neutral-700 dark:text-neutral-300">{REVIEWED_RULE}</p>}
    </div>
  )
}
