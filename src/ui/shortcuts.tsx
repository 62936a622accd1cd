import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react'
import { useFocusReturn } from './use-focus-return'
import { useOpenedOnce } from './use-opened-once'

/** One key (or key combination) a view answers to, as the user reads it. */
export interface Shortcut {
  /** Each alternative as its keys, e.g. `[['Ctrl', 'Home']]` or `[['←'], ['→']]`. */
  keys: readonly (readonly string[])[]
  description: string
}

export interface Scope {
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

const ShortcutsDialog = lazy(() => import('./shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })))

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

  const returnFocus = useFocusReturn(overlayOpen)
  // The list's code (a modal dialog) loads the first time it opens.
  if (!useOpenedOnce(overlayOpen)) return null
  return (
    <Suspense fallback={null}>
      <ShortcutsDialog
        scopes={scopes}
        open={overlayOpen}
        onOpenChange={setOverlayOpen}
        onCloseAutoFocus={returnFocus}
      />
    </Suspense>
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
