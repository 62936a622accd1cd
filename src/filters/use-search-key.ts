import { useEffect } from 'react'

/**
 * `/` jumps to the view's search field from anywhere but a text field or a dialog; on narrow
 * screens it opens the filter drawer first (`openDrawer`).
 */
export function useSearchKey(openDrawer: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey) return
      const target = e.target as HTMLElement
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return
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
  }, [openDrawer])
}
