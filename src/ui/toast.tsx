import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { isTyping, useShortcuts } from './shortcuts'

/** What a toast says, and the action it offers. */
export interface ToastContent {
  message: string
  /** Offers Undo: a button, and Ctrl/⌘+Z while the toast shows. */
  onUndo?: () => void
}

/** How long a toast stays, unless the pointer or focus is on it. */
const TOAST_MS = 10_000

interface Shown extends ToastContent {
  id: number
}

// One toast for the whole app, outside React so any view (or code a view started) can show one.
let current: Shown | null = null
let nextId = 1
const listeners = new Set<() => void>()
const publish = (next: Shown | null) => {
  current = next
  for (const listener of listeners) listener()
}
const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Shows a toast, replacing the one on screen. */
export function showToast(toast: ToastContent): void {
  publish({ ...toast, id: nextId++ })
}

/**
 * Where the toast shows: at the bottom of the screen, in a polite live region, never taking
 * focus. Mount it once, inside the `ShortcutsProvider`.
 */
export function ToastRegion() {
  const toast = useSyncExternalStore(subscribe, () => current)
  const close = useCallback(() => publish(null), [])
  // A toast belongs to the app that showed it: an unmounted app leaves none behind.
  useEffect(() => close, [close])
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-3"
    >
      {toast && <Toast key={toast.id} toast={toast} onClose={close} />}
    </div>
  )
}

function Toast({ toast, onClose }: { toast: ToastContent; onClose: () => void }) {
  // The countdown waits while the user points at the toast or is on its buttons.
  const [held, setHeld] = useState({ hover: false, focus: false })
  const paused = held.hover || held.focus
  useEffect(() => {
    if (paused) return
    const timer = setTimeout(onClose, TOAST_MS)
    return () => clearTimeout(timer)
  }, [paused, onClose])
  const { onUndo } = toast
  const undo = useMemo(
    () =>
      onUndo &&
      (() => {
        onClose()
        onUndo()
      }),
    [onUndo, onClose],
  )
  return (
    <div
      data-testid="toast"
      className="pointer-events-auto flex max-w-xl items-center gap-3 rounded-lg bg-neutral-900 py-2 pr-2 pl-4 text-sm text-white shadow-lg dark:bg-neutral-100 dark:text-neutral-900"
      onPointerEnter={() => setHeld((h) => ({ ...h, hover: true }))}
      onPointerLeave={() => setHeld((h) => ({ ...h, hover: false }))}
      onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld((h) => ({ ...h, focus: false }))
      }}
    >
      <p className="min-w-0 flex-1">{toast.message}</p>
      {undo && <UndoButton undo={undo} />}
      <button
        type="button"
        aria-label="Dismiss"
        className="rounded px-2 py-1 hover:bg-white/15 focus-visible:outline-2 focus-visible:outline-indigo-400 dark:hover:bg-black/10 dark:focus-visible:outline-indigo-600"
        onClick={onClose}
      >
        ✕
      </button>
    </div>
  )
}

/** The Undo button, and Ctrl/⌘+Z for it while it shows (not while typing: text fields keep their own undo). */
function UndoButton({ undo }: { undo: () => void }) {
  useShortcuts('Undo', [
    {
      keys: [
        ['Ctrl', 'Z'],
        ['⌘', 'Z'],
      ],
      description: 'Undo what the message at the bottom offers to undo',
    },
  ])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'z') return
      if (e.defaultPrevented || isTyping(e.target)) return
      e.preventDefault()
      undo()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [undo])
  return (
    <button
      type="button"
      aria-keyshortcuts="Control+Z Meta+Z"
      className="rounded px-2 py-1 font-semibold text-indigo-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-400 dark:text-indigo-700 dark:focus-visible:outline-indigo-600"
      onClick={undo}
    >
      Undo
    </button>
  )
}
