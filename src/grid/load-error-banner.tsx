import { useState } from 'react'
import { ErrorPanel } from '../ui/error-panel'
import type { ListWindowHandle } from './use-list-window'

/** A failed page load, over the grid's bottom edge, that clears itself once loading works again. */
export function LoadErrorBanner<TItem>({ list }: { list: ListWindowHandle<TItem> }) {
  const failed = list.error !== null
  const [dismissed, setDismissed] = useState(false)
  if (!failed && dismissed) setDismissed(false)
  if (!failed || dismissed) return null
  return (
    // note: a footer error would sit after the last of thousands of rows; this stays in view.
    <div className="pointer-events-none absolute inset-x-0 bottom-4 flex justify-center px-4">
      <div className="pointer-events-auto flex items-start gap-1 rounded-lg border border-red-200 bg-white shadow-lg dark:border-red-900 dark:bg-neutral-900">
        <div>
          <ErrorPanel error={list.error} onRetry={list.retry} compact />
          <p className="px-4 pb-3 text-xs text-neutral-600 dark:text-neutral-400">Retrying by itself meanwhile.</p>
        </div>
        <button
          type="button"
          className="m-2 rounded px-2 py-1 text-sm text-neutral-700 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800"
          aria-label="Dismiss"
          onClick={() => setDismissed(true)}
        >
          ✕
        </button>
      </div>
    </div>
  )
}
