import { columnRows } from './position-model'

// Where a key press moves the focus in a grid of `columns` cells a row. Independent of the
// scroller, so a grouped grid (rows of N cells under headers) can use the same keys.

export interface GridGeometry {
  index: number
  count: number
  columns: number
  /** Whole rows on one screen, for PageUp/PageDown. */
  rowsPerScreen: number
}

export interface KeyPress {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
}

/** The index a navigation key moves to (clamped to the list), or undefined for other keys. */
export function moveTarget(press: KeyPress, g: GridGeometry): number | undefined {
  const { columns, count } = g
  return moveInRows(press, {
    ...g,
    ...columnRows(columns, count),
    rows: Math.ceil(count / columns),
    spanOf: (index) => ({ left: index % columns, right: (index % columns) + 1 }),
  })
}

/** Rows of items of any lengths (a justified layout): where each item sits, for the keys. */
export interface RowGeometry {
  index: number
  count: number
  rowsPerScreen: number
  /** Rows in the list. */
  rows: number
  rowOf: (index: number) => number
  itemsOf: (row: number) => { start: number; end: number }
  /** An item's left and right edges, in px (any unit, the same for every item). */
  spanOf: (index: number) => { left: number; right: number }
}

/**
 * The index a navigation key moves to in rows of any lengths: up and down go to the item of the
 * next row under (or over) this one's centre, or the nearest to it across a gap (an even grid's
 * column, where rows are uneven); past the first or last row, to the first or last item, as in an
 * even grid.
 */
export function moveInRows(press: KeyPress, g: RowGeometry): number | undefined {
  const { index, count } = g
  if (count === 0) return undefined
  const row = g.rowOf(index)
  const { start, end } = g.itemsOf(row)
  const toEnd = press.ctrlKey || press.metaKey
  const rowsBy: Record<string, number> = {
    ArrowDown: 1,
    ArrowUp: -1,
    PageDown: g.rowsPerScreen,
    PageUp: -g.rowsPerScreen,
  }
  const by = rowsBy[press.key]
  if (by !== undefined) {
    const target = row + by
    if (target < 0) return 0
    if (target >= g.rows) return count - 1
    const here = g.spanOf(index)
    const centre = (here.left + here.right) / 2
    const away = (i: number) => {
      const { left, right } = g.spanOf(i)
      return Math.max(0, left - centre, centre - right)
    }
    const items = g.itemsOf(target)
    let best = items.start
    for (let i = items.start + 1; i < items.end; i++) if (away(i) < away(best)) best = i
    return best
  }
  const moves: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    Home: toEnd ? 0 : start,
    End: toEnd ? count - 1 : end - 1,
  }
  const target = moves[press.key]
  if (target === undefined) return undefined
  return Math.max(0, Math.min(count - 1, target))
}
