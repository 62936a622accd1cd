import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { moveTarget, type KeyPress } from './grid-keys'
import type { GridSelection } from './use-grid-selection'

/** What the keyboard needs from a scroller; a grouped grid supplies its own. */
export interface GridLayout {
  /** Cells in a row now. */
  columns: () => number
  /** Whole rows on one screen. */
  rowsPerScreen: () => number
  /** The rendered, focusable tile for an index. */
  tileAt: (index: number) => HTMLElement | null
  /** Brings an index into view. */
  scrollTo: (index: number) => void
  /**
   * Scrolls a rendered tile just into view, for grids that place their rows themselves (a
   * native scroll would be re-mapped); `scrollIntoView` otherwise.
   */
  reveal?: (index: number) => void
  /**
   * Where a key moves from `index`, for layouts that are not one even grid (rows under group
   * headers); the even-grid rule otherwise.
   */
  move?: (press: KeyPress, index: number, rowsPerScreen: number) => number | undefined
}

/** Spread onto a tile's focusable element (its link or button). */
export interface TileProps {
  'data-index': number
  tabIndex: 0 | -1
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void
  /** Handles selection gestures (Shift, Ctrl/Cmd) and then prevents the default action. */
  onClick: (e: MouseEvent<HTMLElement>) => void
  onFocus: () => void
}

interface NavigationOptions {
  count: number
  /** False while the list's length is not known (`count` then includes a page of placeholders). */
  exact?: boolean
  layout: GridLayout
  keyAt: (index: number) => string | undefined
  selection: GridSelection | null
  /** Rendered index span, for the roving tab stop. */
  rendered: { startIndex: number; endIndex: number }
}

export interface GridNavigation {
  active: number
  focusIndex: (index: number) => void
  tileProps: (index: number) => TileProps
}

/**
 * Keyboard focus, the roving tab stop and selection gestures over any grid of tiles: arrows,
 * PageUp/PageDown, Home/End (Ctrl for the ends), Shift to extend, X to toggle, Ctrl/Cmd+A to
 * select all, Esc to clear.
 */
export function useGridNavigation({
  count,
  exact = true,
  layout,
  keyAt,
  selection,
  rendered,
}: NavigationOptions): GridNavigation {
  const [active, setActive] = useState(0)
  const pendingFocus = useRef<number | null>(null)

  const settled = useRef(0)

  const tryFocus = useCallback(() => {
    const index = pendingFocus.current
    if (index === null) return
    const tile = layout.tileAt(index)
    if (!tile) return
    if (document.activeElement !== tile) {
      // Focus the user moved elsewhere meanwhile is theirs to keep.
      if (settled.current > 0 && document.activeElement !== document.body) {
        pendingFocus.current = null
        return
      }
      tile.focus({ preventScroll: true })
      // note: focus fails while the grid is still inert under a closing viewer; keep trying.
      if (document.activeElement !== tile) return
      if (settled.current === 0) {
        if (layout.reveal) layout.reveal(index)
        else tile.scrollIntoView({ block: 'nearest' })
      }
    }
    // note: a long scroll swaps tiles for scroll-seek placeholders, which drops focus to the
    // body; hold on for a few frames and focus the tile again when it comes back.
    if (++settled.current >= 30) {
      pendingFocus.current = null
      settled.current = 0
    }
  }, [layout])

  const focusIndex = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(count - 1, index))
      setActive(clamped)
      pendingFocus.current = clamped
      settled.current = 0
      if (!layout.tileAt(clamped)) layout.scrollTo(clamped)
      tryFocus()
    },
    [count, layout, tryFocus],
  )

  // A tile asked for focus may appear only after a scroll or a page load.
  useEffect(() => {
    if (pendingFocus.current === null) return
    let frames = 0
    let handle = requestAnimationFrame(function poll() {
      tryFocus()
      if (pendingFocus.current !== null && ++frames < 120) handle = requestAnimationFrame(poll)
    })
    return () => cancelAnimationFrame(handle)
  })

  // Roving tab stop: the active tile, or the first one rendered when it scrolled away.
  const tabbable = active >= rendered.startIndex && active <= rendered.endIndex ? active : rendered.startIndex

  const tileProps = (index: number): TileProps => ({
    'data-index': index,
    tabIndex: index === tabbable ? 0 : -1,
    onFocus: () => setActive(index),
    onClick: (e) => {
      if (!selection) return
      if (e.shiftKey) selection.extendTo(index, active)
      else if (e.ctrlKey || e.metaKey) {
        const key = keyAt(index)
        if (key === undefined) return
        selection.toggle(index, key)
      } else return
      e.preventDefault()
      setActive(index)
    },
    onKeyDown: (e) => {
      const plain = !e.ctrlKey && !e.metaKey && !e.altKey
      if (selection && plain && !e.shiftKey && (e.key === 'x' || e.key === 'X')) {
        const key = keyAt(index)
        if (key !== undefined) selection.toggle(index, key)
        e.preventDefault()
        return
      }
      if (selection && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'a' || e.key === 'A')) {
        selection.selectAll(count, exact)
        e.preventDefault()
        return
      }
      if (selection && e.key === 'Escape' && selection.count > 0) {
        selection.clear()
        e.preventDefault()
        return
      }
      const rowsPerScreen = Math.max(1, layout.rowsPerScreen())
      const target = layout.move
        ? layout.move(e, index, rowsPerScreen)
        : moveTarget(e, { index, count, columns: layout.columns(), rowsPerScreen })
      if (target === undefined) return
      e.preventDefault()
      if (selection && e.shiftKey) selection.extendTo(target, index)
      focusIndex(target)
    },
  })

  return { active, focusIndex, tileProps }
}
