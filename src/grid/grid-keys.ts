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
  const { index, count, columns } = g
  const rowStart = index - (index % columns)
  const toEnd = press.ctrlKey || press.metaKey
  const moves: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + columns,
    ArrowUp: index - columns,
    PageDown: index + columns * g.rowsPerScreen,
    PageUp: index - columns * g.rowsPerScreen,
    Home: toEnd ? 0 : rowStart,
    End: toEnd ? count - 1 : rowStart + columns - 1,
  }
  const target = moves[press.key]
  if (target === undefined) return undefined
  return Math.max(0, Math.min(count - 1, target))
}
