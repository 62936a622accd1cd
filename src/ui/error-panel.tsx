import { ApiError } from '../dialects/http'

interface ErrorPanelProps {
  error: unknown
  onRetry?: () => void
  compact?: boolean
}

export function ErrorPanel({ error, onRetry, compact = false }: ErrorPanelProps) {
  const message = error instanceof Error ? error.message : 'Something went wrong.'
  const details = error instanceof ApiError ? error.details : []
  return (
    <div role="alert" className={compact ? 'p-4 text-sm' : 'mx-auto max-w-lg p-8 text-center'}>
      <p className="font-medium text-red-700 dark:text-red-400">{message}</p>
      {details.length > 0 && (
        <ul className="mt-2 list-inside list-disc text-left text-sm text-neutral-600 dark:text-neutral-400">
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry} className="btn mt-4">
          Retry
        </button>
      )}
    </div>
  )
}
