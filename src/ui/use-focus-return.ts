import { useCallback, useLayoutEffect, useRef } from 'react'

/**
 * Where focus goes when a dialog closes: back to what was focused when it opened (the button,
 * the tile a key was pressed on). Radix returns focus to a `Dialog.Trigger`, and to nothing
 * (the page's body) for a dialog opened without one, by a key or by state, after which no view
 * key works until the user clicks. Pass the handler as `onCloseAutoFocus`.
 */
export function useFocusReturn(open: boolean): (event: Event) => void {
  const opener = useRef<HTMLElement | null>(null)
  // A layout effect runs before the dialog's own (passive) effect moves focus inside it.
  useLayoutEffect(() => {
    if (!open) return
    const active = document.activeElement
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null
  }, [open])
  return useCallback((event: Event) => {
    const target = opener.current
    if (!target?.isConnected) return
    event.preventDefault()
    target.focus({ preventScroll: true })
  }, [])
}
