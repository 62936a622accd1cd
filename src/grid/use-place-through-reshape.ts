import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import { focusedIn, type Layout, type LiveGrid } from './grid-layout'
import { anchorAt, anchoredTop, contentTop, rowOffset, seek, type Position } from './position-model'

/**
 * A place kept from before (a reload, Back) is held by its own item until the user moves: the
 * rows around it are estimated until its page lands, and the first row's first item then is
 * not the item that was first on screen. True while held.
 */
export function useHeldPlace(scrollerEl: HTMLElement | null, initialIndex: number): RefObject<boolean> {
  const holding = useRef(initialIndex > 0)
  useEffect(() => {
    if (!scrollerEl) return
    const moved = () => {
      holding.current = false
    }
    const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const
    for (const type of events) scrollerEl.addEventListener(type, moved, { passive: true })
    return () => {
      for (const type of events) scrollerEl.removeEventListener(type, moved)
    }
  }, [scrollerEl])
  return holding
}

interface ReshapeArgs {
  /** The rows as laid out now. */
  shaped: Layout
  /** The width, tile size and shape the rows are for: a change of it keeps the centre's row. */
  size: string
  /** The grid has been measured (before, the rows have the fallback's size). */
  measured: boolean
  initialIndex: number
  holding: RefObject<boolean>
  live: RefObject<LiveGrid>
  gridEl: RefObject<HTMLElement | null>
  scrollToIndex: (index: number, align: 'start' | 'center') => void
  seekTo: (y: number) => void
  moveTo: (next: Position) => void
}

/**
 * The place kept at mount goes to the top first (rows of the fallback size; the first measure
 * carries it to the real rows). A new scale keeps the content offset that the measure chose
 * (the grid's measure) or that scrolling left, and puts the scroller there now that its height fits.
 * Justified rows change shape by themselves (a block laid out as its page lands, another tile
 * size or width): the focused tile (or the one focused last, while still on screen) stays
 * where it is, else the first row mostly on screen (the centre's, for a change of size).
 */
export function usePlaceThroughReshape({
  shaped,
  size,
  measured,
  initialIndex,
  holding,
  live,
  gridEl,
  scrollToIndex,
  seekTo,
  moveTo,
}: ReshapeArgs): void {
  const previous = useRef<{ layout: Layout; size: string; measured: boolean } | null>(null)
  useLayoutEffect(() => {
    const before = previous.current
    previous.current = { layout: shaped, size, measured }
    if (!before) {
      if (initialIndex > 0) scrollToIndex(initialIndex, 'start')
      return
    }
    if (before.layout.scale === shaped.scale) return
    if (!shaped.justified && !before.layout.justified) return seekTo(contentTop(live.current.position))
    const at = live.current.position
    // The first measure: the rows before it had the fallback's size and no padding, so offsets
    // read from them would shift the place by the padding (the first row flush under the
    // header). The place is the kept one, at the top as `scrollToIndex` puts it.
    if (!before.measured && measured && holding.current === initialIndex > 0) {
      const row = shaped.rows.rowOf(initialIndex)
      return moveTo(seek(shaped.scale, at, initialIndex > 0 ? rowOffset(shaped.scale, row, 'start', 0) : 0))
    }
    const anchor = anchorAt(before.layout.scale, {
      rows: before.layout.rows,
      count: live.current.count,
      y: contentTop(at),
      viewport: live.current.metrics.viewport,
      // The tile with focus, or the one that had it last (focus may be on the tile size control).
      focused: focusedIn(gridEl.current) ?? (holding.current ? initialIndex : live.current.active),
      // Before the first measure, the place is a row (a kept place), not what the user saw.
      prefer: !before.measured || before.size === size ? 'first' : 'centre',
    })
    moveTo(seek(shaped.scale, at, anchoredTop(shaped.scale, shaped.rows, anchor)))
  }, [shaped, size, measured, initialIndex, holding, live, gridEl, scrollToIndex, seekTo, moveTo])
}
