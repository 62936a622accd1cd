/** Shown while a view's first data loads (after a short delay, so fast loads never flash it). */
export function PendingPage() {
  return (
    <div
      role="status"
      className="flex flex-1 items-center justify-center p-10 text-sm text-neutral-600 dark:text-neutral-400"
    >
      <span
        className="mr-2 inline-block h-4 w-4 animate-spin rounded-full border-2 border-neutral-300 border-t-indigo-600 motion-reduce:animate-none"
        aria-hidden="true"
      />
      Loading…
    </div>
  )
}
