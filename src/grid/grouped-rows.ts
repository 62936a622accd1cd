// Rows of N cells under group headers (a grouped grid): which items each row holds, the lines
// a scroller stacks (each group's header, then its rows), and where the keyboard goes from a
// cell, and the position model's scale over those lines. Independent of the scroller, so it is
// tested on its own.

import { moveInRows, type KeyPress } from './grid-keys'
import { rowAt, rowTop, type RowScale } from './position-model'

export interface GroupSpan {
  start: number
  count: number
}

export interface RowLayout {
  /** Rows under each group. */
  groupCounts: number[]
  /** Item index span [start, end) of each row, rows of all groups in order. */
  rows: { group: number; start: number; end: number }[]
  /** The row holding an item index, or -1. */
  rowOf: (index: number) => number
  /**
   * The lines a scroller stacks, top to bottom: each group's header, then its rows. A line's
   * group, and its row (-1 for a header).
   */
  lines: { group: Int32Array; row: Int32Array }
  /** The line of a group's header. */
  headerLine: (group: number) => number
  /** The line of a row. */
  rowLine: (row: number) => number
}

/** Lays out `groups` (consecutive spans from index 0) in rows of `columns` cells. */
export function layoutRows(groups: readonly GroupSpan[], columns: number): RowLayout {
  const n = Math.max(1, Math.floor(columns))
  const groupCounts: number[] = []
  const rows: RowLayout['rows'] = []
  groups.forEach((group, g) => {
    const count = Math.ceil(group.count / n)
    groupCounts.push(count)
    for (let r = 0; r < count; r++) {
      const start = group.start + r * n
      rows.push({ group: g, start, end: Math.min(group.start + group.count, start + n) })
    }
  })
  const rowOf = (index: number): number => {
    let lo = 0
    let hi = rows.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const row = rows[mid] as RowLayout['rows'][number]
      if (index < row.start) hi = mid - 1
      else if (index >= row.end) lo = mid + 1
      else return mid
    }
    return -1
  }
  const headerLines: number[] = []
  const lineCount = groups.length + rows.length
  const lines = { group: new Int32Array(lineCount), row: new Int32Array(lineCount) }
  let line = 0
  let row = 0
  groupCounts.forEach((count, g) => {
    headerLines.push(line)
    lines.group[line] = g
    lines.row[line++] = -1
    for (let r = 0; r < count; r++) {
      lines.group[line] = g
      lines.row[line++] = row++
    }
  })
  const headerLine = (group: number) => headerLines[group] ?? -1
  const rowLine = (r: number) => {
    const at = rows[r]
    return at ? r + at.group + 1 : -1
  }
  return { groupCounts, rows, rowOf, lines, headerLine, rowLine }
}

/**
 * The index a navigation key moves to in a grouped grid, or undefined for other keys: the keys
 * of rows of any length (grid-keys.ts), each cell one column wide. Up and down keep the column
 * across group headers, taking a shorter row's last cell.
 */
export function moveInGroups(
  press: KeyPress,
  index: number,
  layout: RowLayout,
  rowsPerScreen: number,
): number | undefined {
  const { rows } = layout
  const last = rows[rows.length - 1]
  if (!last || layout.rowOf(index) < 0) return undefined
  return moveInRows(press, {
    index,
    count: last.end,
    rowsPerScreen: Math.max(1, rowsPerScreen),
    rows: rows.length,
    rowOf: layout.rowOf,
    itemsOf: (row) => rows[row] ?? { start: 0, end: 0 },
    spanOf: (i) => {
      const column = i - (rows[layout.rowOf(i)]?.start ?? i)
      return { left: column, right: column + 1 }
    },
  })
}

/** Between tiles and rows, and around them, in px. */
export const GAP = 8
export const PADDING = 8

/** Cells that fit a row of `width` pixels. */
export function columnsFor(width: number, minTileWidth: number): number {
  return Math.max(1, Math.floor((width - 2 * PADDING + GAP) / (minTileWidth + GAP)))
}

/** The position model's scale over the grid's lines (headers and rows), with the rows it was laid out from. */
export type GroupedScale = RowScale & { layout: RowLayout }

/** The line of an index's row, or -1. */
export function lineOf(at: GroupedScale, index: number): number {
  return at.layout.rowLine(at.layout.rowOf(index))
}

/** The items of the rows among lines `first` to `last`: none is `endIndex` -1. */
export function itemsOf(layout: RowLayout, first: number, last: number): { startIndex: number; endIndex: number } {
  let startIndex = 0
  let endIndex = -1
  for (let line = first; line <= last; line++) {
    const row = layout.rows[layout.lines.row[line] ?? -1]
    if (!row) continue
    if (endIndex < 0) startIndex = row.start
    endIndex = row.end - 1
  }
  return { startIndex, endIndex }
}

/**
 * The content offset, in `after`, of what was at `y` in `before`: the same item's row (or the
 * same group's header) as far into it as before.
 */
export function anchorIn(before: GroupedScale, after: GroupedScale, y: number): number {
  if (y <= 0 || before.rows === 0) return y
  const line = rowAt(before, y)
  const within = Math.max(0, y - rowTop(before, line))
  const { lines, rows } = before.layout
  const header = (lines.row[line] ?? -1) < 0
  const row = rows[lines.row[header ? line + 1 : line] ?? -1]
  if (!row) return y
  const now = after.layout
  const rowLine = now.rowLine(now.rowOf(row.start))
  if (rowLine < 0) return y
  // A header stays a header while its group still starts at the same item.
  const to = header && now.lines.row[rowLine - 1] === -1 ? rowLine - 1 : rowLine
  return rowTop(after, to) + Math.min(within, after.track.height(to))
}

/** Every group seen so far, then the slots still to come (of `length`) as one placeholder group. */
export function spansOf(groups: readonly GroupSpan[], length: number): GroupSpan[] {
  const known = groups.map((g) => ({ start: g.start, count: g.count }))
  const last = groups[groups.length - 1]
  const knownEnd = last ? last.start + last.count : 0
  if (length > knownEnd) known.push({ start: knownEnd, count: length - knownEnd })
  return known
}
