import { isTyping, useShortcuts, type Shortcut } from './shortcuts'

/**
 * One key a view answers to, declared once: the layer handles it and the `?` overlay lists it
 * from the same entry, so the list cannot say anything the keys do not do.
 */
export interface KeyBinding {
  /**
   * The keys, as `KeyboardEvent.key` names: `'ArrowRight'`, `'j'`, `'+'`, `'Escape'`; a shifted
   * letter or named key as `'Shift+F'`. A letter matches either case (Caps Lock), never with Shift.
   */
  keys: readonly string[]
  description: string
  /** Runs on one of `keys` (the one pressed); `false` passes the key on to the next binding of it. */
  run: (key: string) => boolean | void
}

const LABELS: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
}
/** The two faces of one key on most layouts: `=` is an unshifted `+`, `_` a shifted `-`. */
const SAME_KEY: Readonly<Record<string, string>> = { '=': '+', _: '-' }
const SHIFT = 'Shift+'

/** A binding's key as the user reads it: `'Shift+F'` → `['Shift', 'F']`, `'ArrowLeft'` → `['←']`. */
function labelOf(key: string): string[] {
  if (key.startsWith(SHIFT) && key.length > SHIFT.length) return ['Shift', ...labelOf(key.slice(SHIFT.length))]
  return [LABELS[key] ?? (key.length === 1 ? key.toUpperCase() : key)]
}

/** Keys of a binding for a button's tooltip (`'← K'`) and its `aria-keyshortcuts` (`'ArrowLeft K'`). */
export function keyHint(keys: readonly string[]): { shortcut: string; keys: string } {
  return {
    shortcut: keys.map((key) => labelOf(key).join('+')).join(' '),
    keys: keys.map((key) => (key.length === 1 ? key.toUpperCase() : key)).join(' '),
  }
}

/** What the `?` overlay lists for `bindings`, one row each; a binding the user could not read is refused. */
export function shortcutsOf(bindings: readonly KeyBinding[]): Shortcut[] {
  return bindings.map((binding) => {
    if (binding.description.trim() === '') throw new Error(`Key ${binding.keys.join(', ')} has no description.`)
    if (binding.keys.length === 0) throw new Error(`"${binding.description}" has no key.`)
    return { keys: binding.keys.map(labelOf), description: binding.description }
  })
}

interface Press {
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  target: EventTarget | null
  defaultPrevented: boolean
  preventDefault: () => void
}

/** The binding key a press is, or null for one no binding takes (with Ctrl, ⌘ or Alt). */
function keyOf(e: Press): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  const key = SAME_KEY[e.key] ?? e.key
  // A typed symbol (`+`, `?`, `0`) needs Shift on some layouts and none on others: Shift is its own.
  if (key.length === 1 && !/[a-z]/i.test(key)) return key
  const name = key.length === 1 ? key.toLowerCase() : key
  return e.shiftKey ? `${SHIFT}${key.length === 1 ? name.toUpperCase() : name}` : name
}

/**
 * Runs the first binding of the key pressed that takes it, and marks the event handled; true
 * when one did. Keys typed into a field are the field's, except Esc.
 */
export function runKey(bindings: readonly KeyBinding[], e: Press): boolean {
  if (e.defaultPrevented) return false
  const key = keyOf(e)
  if (key === null || (key !== 'Escape' && isTyping(e.target))) return false
  for (const binding of bindings) {
    if (binding.keys.includes(key) && binding.run(key) !== false) {
      e.preventDefault()
      return true
    }
  }
  return false
}

/**
 * A view's keys while it is mounted, under a heading of the `?` overlay (`'Viewer'`). Returns the
 * handler to give the view's `onKeyDown` (and a modal's `onEscapeKeyDown`, for Esc).
 */
export function useKeyLayer(title: string, bindings: readonly KeyBinding[]): (e: Press) => void {
  useShortcuts(title, shortcutsOf(bindings))
  return (e) => void runKey(bindings, e)
}
