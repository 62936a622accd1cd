import { useEffect, useRef } from 'react'
import type { GridPlace } from './use-grid-place'
import type { ListWindowHandle } from './use-list-window'

/**
 * Keeps a grid's place: the first loaded tile at least half on screen (among `tiles`, inside the
 * scroller), read once scrolling pauses or a page lands; not the rendered range, which runs ahead
 * of the viewport and of the DOM. With `withPages`, the window's pages go with it, so a reload
 * deep in a list asks for the pages it had (see `ListWindow.ledger`).
 */
export function useKeptPlace<TItem>(
  scrollerEl: HTMLElement | null,
  list: ListWindowHandle<TItem>,
  place: GridPlace,
  tiles: string,
  withPages: boolean,
): void {
  const { saveFrom } = place
  const listRef = useRef(list)
  const save = useRef(() => {})
  useEffect(() => {
    save.current = () => {
      const el = scrollerEl
      if (!el) return
      saveFrom(() => {
        const index = firstTileOnScreen(el, tiles)
        if (index === null) return null
        const { keyAt, ledger } = listRef.current
        return { index, key: keyAt(index), pages: withPages && index > 0 ? ledger() : undefined }
      })
    }
  }, [scrollerEl, saveFrom, tiles, withPages])
  useEffect(() => {
    listRef.current = list
    save.current()
  }, [list])
  useEffect(() => {
    if (!scrollerEl) return
    const onScroll = () => save.current()
    scrollerEl.addEventListener('scroll', onScroll, { passive: true })
    return () => scrollerEl.removeEventListener('scroll', onScroll)
  }, [scrollerEl])
}

/** The first of `tiles` in `el` at least half on screen; null while the screen shows placeholders. */
function firstTileOnScreen(el: HTMLElement, tiles: string): number | null {
  const top = el.getBoundingClientRect().top
  for (const tile of el.querySelectorAll<HTMLElement>(tiles)) {
    const box = tile.getBoundingClientRect()
    if (box.top + box.height / 2 >= top) return Number(tile.dataset.index)
  }
  return null
}
