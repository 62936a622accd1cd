import type { ImageStatus } from '../../../dialects/project-types'
import { STATUS_LABELS } from '../format'

const styles: Record<ImageStatus, string> = {
  // Waiting in line: a hollow clock face, still.
  pending:
    'border border-amber-700 bg-amber-50 text-amber-900 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100',
  // Being made: filled and with a spinning mark (still under prefers-reduced-motion).
  processing: 'bg-sky-700 text-white dark:bg-sky-400 dark:text-sky-950',
  completed: 'bg-emerald-700 text-white dark:bg-emerald-400 dark:text-emerald-950',
  failed: 'bg-red-700 text-white dark:bg-red-400 dark:text-red-950',
}

const marks: Record<ImageStatus, string> = { pending: '◷', processing: '◌', completed: '✓', failed: '!' }

/**
 * An image's generation status; pending and processing differ in shape, colour and motion.
 * `labelClassName` can hide the word where there is no room for it (the mark stays).
 */
export function StatusBadge({
  status,
  className = '',
  labelClassName = '',
}: {
  status: ImageStatus
  className?: string
  labelClassName?: string
}) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ${styles[status]} ${className}`}
    >
      <span
        aria-hidden="true"
        className={status === 'processing' ? 'inline-block motion-safe:animate-spin' : 'inline-block'}
      >
        {marks[status]}
      </span>
      <span className={labelClassName}>{STATUS_LABELS[status]}</span>
    </span>
  )
}
