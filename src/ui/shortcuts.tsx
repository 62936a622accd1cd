import { Dialog } from 'radix-ui'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useFocusReturn } from './use-focus-return'

/** One key (or key combination) a view answers to, as the user reads it. */
export interface Shortcut {
  /** Each alternative as its keys, e.g. `[['Ctrl', 'Home']]` or `[['←'], ['→']]`. */
  keys: readonly (readonly string[])[]
  description: string
}

interface Scope {
  id: number
  title: string
  entries: readonly Shortcut[]
}

interface ShortcutsRegistry {
  scopes: readonly Scope[]
  register: (scope: Scope) => () => void
  overlayOpen: boolean
  setOverlayOpen: (open: boolean) => void
}

const Registry = createContext<ShortcutsRegistry | null>(null)

let nextId = 1

/** Holds the keys the mounted views declare, and the `?` overlay that lists them. */
export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const [scopes, setScopes] = useState<readonly Scope[]>([])
  const [overlayOpen, setOverlayOpen] = useState(false)
  const register = useCallback((scope: Scope) => {
    setScopes((all) => [...all.filter((s) => s.id !== scope.id), scope].sort((a, b) => a.id - b.id))
    return () => setScopes((all) => all.filter((s) => s.id !== scope.id))
  }, [])
  const value = useMemo(() => ({ scopes, register, overlayOpen, setOverlayOpen }), [scopes, register, overlayOpen])
  return <Registry.Provider value={value}>{children}</Registry.Provider>
}

function useRegistry(): ShortcutsRegistry {
  const registry = useContext(Registry)
  if (!registry) throw new Error('useShortcuts needs a ShortcutsProvider above it.')
  return registry
}

/**
 * Declares the keys a view answers to while it is mounted, under a heading (`'Grid'`,
 * `'Viewer'`). The view still handles the keys itself; this is what the `?` overlay lists.
 */
export function useShortcuts(title: string, entries: readonly Shortcut[]): void {
  const { register } = useRegistry()
  // Ids grow with mount order, so the overlay can list the latest view (the viewer) first.
  const [id] = useState(() => nextId++)
  // Entries are usually written inline; compare their content, not their identity.
  const signature = JSON.stringify(entries)
  useEffect(() => {
    return register({ id, title, entries: JSON.parse(signature) as Shortcut[] })
  }, [register, id, title, signature])
}

/** Opens and closes the `?` overlay from anywhere (a view's own "Keyboard shortcuts" button). */
function useShortcutsOverlay(): { open: () => void } {
  const { setOverlayOpen } = useRegistry()
  return useMemo(() => ({ open: () => setOverlayOpen(true) }), [setOverlayOpen])
}

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest(
      'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]), textarea, select, [contenteditable="true"]',
    ) !== null
  )
}

/** The `?` overlay: every key of the views on screen, topmost view first. Mount it once. */
export function ShortcutsOverlay() {
  const { scopes, overlayOpen, setOverlayOpen } = useRegistry()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return
      e.preventDefault()
      setOverlayOpen(true)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [setOverlayOpen])

  const shown = [...scopes].reverse()
  const returnFocus = useFocusReturn(overlayOpen)
  return (
    <Dialog.Root open={overlayOpen} onOpenChange={setOverlayOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <Dialog.Content
          aria-describedby={undefined}
          aria-modal="true"
          onCloseAutoFocus={returnFocus}
          className="fixed top-1/2 left-1/2 z-50 max-h-[85vh] w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 text-neutral-900 shadow-xl dark:bg-neutral-900 dark:text-neutral-100"
        >
          <div className="mb-3 flex items-center justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold">Keyboard shortcuts</Dialog.Title>
            <Dialog.Close className="btn">Close</Dialog.Close>
          </div>
          {shown.length === 0 && <p>This view has no keyboard shortcuts.</p>}
          {shown.map((scope) => (
            <section key={scope.id} className="mt-4 first-of-type:mt-0" aria-labelledby={`shortcuts-${scope.id}`}>
              <h3
                id={`shortcuts-${scope.id}`}
                className="mb-2 text-sm font-semibold tracking-wide text-neutral-700 uppercase dark:text-neutral-300"
              >
                {scope.title}
              </h3>
              <dl className="grid grid-cols-[minmax(0,13rem)_1fr] gap-x-4 gap-y-2 text-sm">
                {scope.entries.map((entry) => (
                  <ShortcutRow key={entry.description} entry={entry} />
                ))}
              </dl>
            </section>
          ))}
          <p className="mt-4 text-sm text-neutral-700 dark:text-neutral-300">
            Press <Key>?</Key> to show this list, <Key>Esc</Key> to close it.
          </p>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function ShortcutRow({ entry }: { entry: Shortcut }) {
  return (
    <>
      <dt className="flex flex-wrap items-center gap-1">
        {entry.keys.map((combo, i) => (
          <span key={combo.join('+')} className="flex items-center gap-1 whitespace-nowrap">
            {i > 0 && <span className="text-neutral-700 dark:text-neutral-300">or</span>}
            {combo.map((key, j) => (
              <span key={key} className="flex items-center gap-1">
                {j > 0 && <span aria-hidden="true">+</span>}
                <Key>{key}</Key>
              </span>
            ))}
          </span>
        ))}
      </dt>
      <dd>{entry.description}</dd>
    </>
  )
}

function Key({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded border border-neutral-300 bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-900 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100">
      {children}
    </kbd>
  )
}

/** The visible, labelled way to the same overlay. */
export function ShortcutsButton({ className = 'btn' }: { className?: string }) {
  const { open } = useShortcutsOverlay()
  return (
    <button type="button" className={className} onClick={open} aria-keyshortcuts="Shift+?">
      Keyboard shortcuts
    </button>
  )
}
