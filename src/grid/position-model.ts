/**
 * Where a grid's rows sit in its scroller: list index ↔ scroll offset for lists of any length.
 *
 * Browsers clamp an element's height (Chromium near 33.5M CSS px, less at a device pixel ratio
 * of 2; Firefox near 17.9M), so a scroller as tall as its rows stops short of a big list's end.
 * Here the scroller is never taller than `MAX_SCROLLER_HEIGHT`. Below that, a scroll offset is
 * a content offset (1:1). Above it, the content offset is the scroll offset plus a base:
 * - a jump (scrollbar drag, a seek far away) re-bases through the scale, so the thumb's place
 *   is the list's place: the top is the first row, the end the last;
 * - a small scroll (wheel, touch, Page Down, arrows) keeps the base, so the content moves 1:1
 *   under the finger, while the base stays within a band around the scaled base that narrows
 *   to nothing at both ends: scrolling on always arrives at the first row at 0 and at the last
 *   at the scroller's end, without a jump.
 */

/** The tallest scroller a grid makes; under every browser's clamp at device pixel ratios 1–2. */
export const MAX_SCROLLER_HEIGHT = 15_000_000

/**
 * How fast the band around the scaled base widens away from the ends, per pixel scrolled, at
 * least: the larger, the longer small scrolls stay 1:1 before the band steers them to an end
 * (at up to the scale plus this many px per px). Twice the scaled base's own drift at most, so
 * small scrolls from either end stay 1:1 for two thirds of the scroller.
 */
const BAND_SLOPE = 8

export interface GridShape {
  count: number
  columns: number
  /** One row's height, without the gap. */
  rowHeight: number
  /** Between rows. */
  gap: number
  /** Above the first row and below the last. */
  padding: number
  /** Below the rows (the end-of-list line). */
  footer: number
  /** The scroller's visible height. */
  viewport: number
  /** The scroller height not to pass; `MAX_SCROLLER_HEIGHT` unless a test asks for less. */
  cap?: number
}

/** Far below a pixel, far above floating-point rounding of offsets in the millions. */
export const ROUNDING = 1e-6

/**
 * Rows of different heights, stacked from the first row's top: group headers between tile rows.
 * Built by `rowTrack`; a uniform grid's rows are one too (see `gridScale`).
 */
export interface RowTrack {
  rows: number
  /** A row's top from the first row's top; `top(rows)` is past the last row and its gap. */
  top: (row: number) => number
  /** A row's height, without the gap. */
  height: (row: number) => number
  /** The row whose step (its height and the gap below) holds `y` (from the first row's top), within the track. */
  at: (y: number) => number
}

/** Rows of `heights` with `gap` between them; tops are summed once, `at` is a binary search. */
export function rowTrack(heights: ArrayLike<number>, gap = 0): RowTrack {
  const rows = heights.length
  if (!Number.isFinite(gap) || gap < 0) throw new RangeError(`Row gap must be a finite number ≥ 0: ${gap}`)
  const tops = new Float64Array(rows + 1)
  for (let row = 0; row < rows; row++) {
    const height = heights[row] as number
    if (!Number.isFinite(height) || height < 0)
      throw new RangeError(`Row ${row}'s height must be a finite number ≥ 0: ${height}`)
    tops[row + 1] = (tops[row] as number) + height + gap
  }
  return {
    rows,
    top: (row) => tops[clamp(Math.floor(row), 0, rows)] as number,
    height: (row) => (heights[clamp(Math.floor(row), 0, Math.max(0, rows - 1))] ?? 0) as number,
    at: (y) => {
      // The last row whose top is at or above y, within a rounding error: a row's own top,
      // after adding and taking away a padding, still finds it.
      const at = y + ROUNDING
      let low = 0
      let high = rows - 1
      while (low < high) {
        const middle = (low + high + 1) >> 1
        if ((tops[middle] as number) <= at) low = middle
        else high = middle - 1
      }
      return Math.max(0, low)
    },
  }
}

function uniformTrack(rows: number, rowHeight: number, gap: number): RowTrack {
  const pitch = rowHeight + gap
  return {
    rows,
    top: (row) => clamp(Math.floor(row), 0, rows) * pitch,
    height: () => rowHeight,
    at: (y) => (rows === 0 || pitch === 0 ? 0 : clamp(Math.floor(y / pitch), 0, rows - 1)),
  }
}

/** A grid of rows of any heights (`track`) in a scroller: `gridScale`'s other shape. */
export interface TrackShape {
  track: RowTrack
  /** Between rows, as the track was built with: none below the last row. */
  gap: number
  padding: number
  footer: number
  viewport: number
  cap?: number
}

/** Where the rows of a track sit in the scroller, and how scroll offsets map to content offsets. */
export interface RowScale {
  rows: number
  track: RowTrack
  padding: number
  /** Height of everything: padding, rows, footer. */
  content: number
  /** The scroller's height: `content`, or the cap. */
  height: number
  /** Largest scroll offset. */
  maxScroll: number
  /** Largest content offset (the content's top at the scroller's top). */
  maxContent: number
  /** Taller than the cap: positions are re-based. */
  scaled: boolean
  /** A scroll move larger than this is a jump (one screen). */
  jump: number
  /** How fast the band widens away from the ends. */
  slope: number
}

/** The scale of a uniform grid: every row as tall. */
export interface Scale extends RowScale {
  rowHeight: number
  /** Row height plus gap: one row's step. */
  pitch: number
}

/** A scroll place: the scroller's offset, and the content offset at its top is `scrollTop + base`. */
export interface Position {
  scrollTop: number
  base: number
}

export function gridScale(shape: GridShape): Scale
export function gridScale(shape: TrackShape): RowScale
export function gridScale(shape: GridShape | TrackShape): RowScale {
  if ('track' in shape) return trackScale(shape)
  const { count, columns, rowHeight, gap } = shape
  for (const [name, value] of Object.entries({ count, rowHeight })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`Grid ${name} must be a finite number ≥ 0: ${value}`)
  }
  if (!Number.isInteger(columns) || columns < 1)
    throw new RangeError(`Grid columns must be a whole number ≥ 1: ${columns}`)
  const track = uniformTrack(Math.ceil(count / columns), rowHeight, gap)
  const scale: Scale = { ...trackScale({ ...shape, track }), rowHeight, pitch: rowHeight + gap }
  return scale
}

function trackScale(shape: TrackShape): RowScale {
  const cap = shape.cap ?? MAX_SCROLLER_HEIGHT
  const { track, gap, padding, footer, viewport } = shape
  for (const [name, value] of Object.entries({ gap, padding, footer, viewport, cap })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`Grid ${name} must be a finite number ≥ 0: ${value}`)
  }
  if (cap < 2 * viewport) throw new RangeError(`Grid height cap ${cap} must be at least two screens (${viewport} each)`)
  const { rows } = track
  const content = rows === 0 ? footer : 2 * padding + track.top(rows) - gap + footer
  const height = Math.min(content, cap)
  const maxScroll = Math.max(0, height - viewport)
  const maxContent = Math.max(0, content - viewport)
  const drift = maxScroll === 0 ? 0 : maxContent / maxScroll - 1
  return {
    rows,
    track,
    padding,
    content,
    height,
    maxScroll,
    maxContent,
    scaled: content > cap,
    jump: Math.max(1, viewport),
    slope: Math.max(BAND_SLOPE, 2 * drift),
  }
}

/** The content offset at the scroller's top. */
export function contentTop(position: Position): number {
  return position.scrollTop + position.base
}

/** The base a jump to `scrollTop` takes: the scroll offset's share of the content. */
function scaledBase(scale: RowScale, scrollTop: number): number {
  return scale.maxScroll === 0 ? 0 : (scrollTop * scale.maxContent) / scale.maxScroll - scrollTop
}

/** How far the base may stray from the scaled one at `scrollTop`: nothing at either end. */
function band(scale: RowScale, scrollTop: number): number {
  return scale.slope * Math.max(0, Math.min(scrollTop, scale.maxScroll - scrollTop))
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}

/** Keeps `base` within the band at `scrollTop` and the content within its bounds. */
function settle(scale: RowScale, scrollTop: number, base: number): Position {
  const ideal = scaledBase(scale, scrollTop)
  const slack = band(scale, scrollTop)
  const banded = clamp(base, ideal - slack, ideal + slack)
  return { scrollTop, base: clamp(banded, -scrollTop, scale.maxContent - scrollTop) }
}

/** The place after the user scrolled from `previous` to `scrollTop`. */
export function follow(scale: RowScale, previous: Position, scrollTop: number): Position {
  const top = clamp(scrollTop, 0, scale.maxScroll)
  if (!scale.scaled) return { scrollTop: top, base: 0 }
  const jumped = Math.abs(top - previous.scrollTop) > scale.jump
  return settle(scale, top, jumped ? scaledBase(scale, top) : previous.base)
}

/**
 * The place that shows content offset `y` at the scroller's top: a 1:1 move from `previous`
 * where its base allows one there, else through the scale.
 */
export function seek(scale: RowScale, previous: Position, y: number): Position {
  const target = clamp(y, 0, scale.maxContent)
  if (!scale.scaled) return { scrollTop: target, base: 0 }
  const near = target - previous.base
  if (near >= 0 && near <= scale.maxScroll) {
    const kept = settle(scale, near, previous.base)
    if (kept.base === previous.base) return kept
  }
  return scaledPosition(scale, target)
}

/** The place showing content offset `y` with the thumb where the scale puts it. */
function scaledPosition(scale: RowScale, y: number): Position {
  const scrollTop = scale.maxContent === 0 ? 0 : (y * scale.maxScroll) / scale.maxContent
  return { scrollTop, base: y - scrollTop }
}

/**
 * The same content with the thumb moved back to where the scale puts it, for when scrolling
 * pauses: the next gesture starts with the whole band to move 1:1 in.
 */
export function rebase(scale: RowScale, position: Position): Position {
  if (!scale.scaled) return position
  return scaledPosition(scale, clamp(contentTop(position), 0, scale.maxContent))
}

/** Content offset of a row's top. */
export function rowTop(scale: RowScale, row: number): number {
  return scale.padding + scale.track.top(row)
}

/** The row at content offset `y`, within the list. */
export function rowAt(scale: RowScale, y: number): number {
  return scale.track.at(y - scale.padding)
}

/** The content offset that shows `row` at the top, centred, or just in view from `current`. */
export function rowOffset(
  scale: RowScale,
  row: number,
  align: 'start' | 'center' | 'nearest',
  viewport: number,
  current = 0,
): number {
  const top = rowTop(scale, row)
  const height = scale.track.height(row)
  if (align === 'start') return top - scale.padding
  if (align === 'center') return top - (viewport - height) / 2
  if (top < current) return top - scale.padding
  if (top + height > current + viewport) return top + height - viewport + scale.padding
  return current
}

/** Which row each item is in: a grid's even columns (`columnRows`), or a justified layout's rows. */
export interface ItemRows {
  /** The row holding item `index`. */
  rowOf: (index: number) => number
  /** The items of `row`: its first index and one past its last. */
  itemsOf: (row: number) => { start: number; end: number }
}

/** The rows of an even grid of `columns` cells a row. */
export function columnRows(columns: number, count: number): ItemRows {
  return {
    rowOf: (index) => Math.floor(index / columns),
    itemsOf: (row) => ({ start: row * columns, end: Math.min(count, (row + 1) * columns) }),
  }
}

/** An item kept at the same distance from the scroller's top while the rows change shape. */
export interface Anchor {
  index: number
  /** Its row's top minus the content offset at the scroller's top, in px. */
  offset: number
}

/** Where a grid is when its rows are about to change shape. */
export interface AnchorSource {
  /** The items' rows as they are now. */
  rows: ItemRows
  count: number
  /** The content offset at the scroller's top. */
  y: number
  viewport: number
  /** The focused item's index, if a tile has focus. */
  focused: number | null
  /** `'first'` while nothing is measured yet: the place is a row, not what the user sees. */
  prefer?: 'centre' | 'first'
}

/**
 * What to keep in place when the rows change shape (tile size, columns, the first measure, a
 * justified block laid out): the focused item while its row is on screen, else the item at the
 * screen's centre (or the first row on screen, with `prefer: 'first'`). Null at the top of the
 * list: it stays there.
 */
export function anchorAt(scale: RowScale, at: AnchorSource): Anchor | null {
  const { rows, count, y, viewport, focused } = at
  if (scale.rows === 0) return null
  if (focused !== null && focused < count) {
    const row = rows.rowOf(focused)
    const top = rowTop(scale, row)
    if (top + scale.track.height(row) > y && top < y + viewport) return { index: focused, offset: top - y }
  }
  if (y <= 0) return null
  let row = rowAt(scale, at.prefer === 'first' ? y : y + viewport / 2)
  // The first row is the first mostly on screen, as a kept place counts it: a row mostly scrolled
  // away would carry its items, not the ones in view, when the rows change shape.
  if (at.prefer === 'first' && row + 1 < scale.rows && rowTop(scale, row) + scale.track.height(row) / 2 < y) row++
  const { start, end } = rows.itemsOf(row)
  const index = at.prefer === 'first' ? start : Math.min(count - 1, start + Math.floor((end - start) / 2))
  return { index, offset: rowTop(scale, row) - y }
}

/** The content offset to show at the top so that `anchor` is where it was, on the new rows. */
export function anchoredTop(scale: RowScale, rows: ItemRows, anchor: Anchor | null): number {
  if (anchor === null) return 0
  return rowTop(scale, rows.rowOf(anchor.index)) - anchor.offset
}
