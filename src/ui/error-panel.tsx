import { ApiError } from '../dialects/http'

interface ErrorPanelProps {
  error: unknown
  onRetry?: () => void
  /** Shown instead of Retry when the thing is gone: asking again will not bring it back. */
  onBack?: { label: string; onClick: () => void }
  compact?: boolean
  /** `dark` on always-dark surfaces such as the viewer; `auto` follows the page's theme. */
  tone?: 'auto' | 'dark'
}

/** A 404 from any dialect: retrying cannot help. */
function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 410)
}

const tones = {
  auto: {
    message: 'text-red-700 dark:text-red-300',
    details: 'text-neutral-700 dark:text-neutral-300',
    button: 'btn',
  },
  dark: { message: 'text-red-300', details: 'text-neutral-300', button: 'btn-dark px-3' },
}

export function ErrorPanel({ error, onRetry, onBack, compact = false, tone = 'auto' }: ErrorPanelProps) {
  const message = error instanceof Error ? error.message : 'Something went wrong.'
  const details = error instanceof ApiError ? error.details : []
  const colours = tones[tone]
  const gone = isNotFound(error)
  return (
    <div role="alert" className={compact ? 'p-4 text-sm' : 'mx-auto max-w-lg p-8 text-center'}>
      <p className={`font-medium ${colours.message}`}>{message}</p>
      {details.length > 0 && (
        <ul className={`mt-2 list-inside list-disc text-left text-sm ${colours.details}`}>
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {gone && onBack ? (
        <button type="button" onClick={onBack.onClick} className={`${colours.button} mt-4`}>
          {onBack.label}
        </button>
      ) : (
        onRetry &&
        !gone && (
          <button type="button" onClick={onRetry} className={`${colours.button} mt-4`}>
            Retry
          </button>
        )
      )}
    </div>
  )
}
