import { useEffect } from 'react'
import type { FilterControl } from '../dialects/filter-types'

// Fields that take typed text: `/` belongs to them. A focused checkbox or button does not.
const TEXT_ENTRY =
  'textarea, select, [contenteditable="true"], input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]):not([type="reset"]):not([type="range"])'

/** Whether a view's filters have a search field: only then does `/` go anywhere, or `?` list it. */
export const hasSearchField = (controls: readonly FilterControl[]): boolean =>
  controls.some((control) => control.kind === 'search')

/** Keeps nothing open on views whose search field is always on screen. */
export const NO_DRAWER = (): void => {}

/**
 * `/` jumps to the view's search field (`[data-filter-search]`) from anywhere but a text field or a dialog; on narrow
 * screens it opens the filter drawer first (`openDrawer`). Off (`enabled` false) where the view has no search field.
 */
export function useSearchKey(openDrawer: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey) return
      const target = e.target as HTMLElement
      if (target.closest(TEXT_ENTRY)) return
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return
      e.preventDefault()
      if (!globalThis.matchMedia?.('(min-width: 64rem)').matches) openDrawer()
      requestAnimationFrame(() => {
        const inputs = document.querySelectorAll<HTMLInputElement>('[data-filter-search]')
        // The drawer's field when the drawer is open, else the one on screen.
        const visible =
          document.querySelector<HTMLInputElement>('[role="dialog"] [data-filter-search]') ??
          Array.from(inputs).find((el) => el.offsetParent !== null) ??
          inputs[0]
        visible?.focus()
      })
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [openDrawer, enabled])
}
