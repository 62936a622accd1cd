/**
 * Justified rows: tiles keep their image's aspect, and each row is scaled so its tiles fill the
 * width, near the height the user chose. Pure; the grid turns a list into a `JustifiedTrack`,
 * which `gridScale({ track, ... })` places like any other rows.
 *
 * A million-item list cannot be laid out on every page that arrives, nor can a row be allowed to
 * depend on everything before it: items are laid out in fixed blocks of `LAYOUT_BLOCK`, a row never
 * crosses a block's end, and a block's rows depend on its own items only. A block is laid out once
 * all its aspects are known (and kept in a `LayoutCache`); until then its rows are estimated. So a
 * page arriving changes the rows of its own blocks and the tops after them, nothing before.
 */
import { clamp, ROUNDING, type RowTrack } from './position-model'

export interface JustifiedOptions {
  /** The width rows fill, in px (the grid's inner width, padding excluded). */
  width: number
  /** The row height rows aim for, in px (the tile size the user chose). */
  target: number
  /** Between tiles in a row and between rows, px. */
  gap: number
}

/** Items are laid out in blocks of this many; a row never crosses a block's end. */
export const LAYOUT_BLOCK = 64

/** One laid-out block: relative to its first item. */
export interface BlockRows {
  /** Item count in the block. */
  count: number
  /** First item (relative) of each row; rowStarts[0] = 0. */
  rowStarts: Uint16Array
  /** Each row's height, px. */
  heights: Float32Array
  /** Each item's width, px; each item's left is the sum of the widths and gaps before it in its row. */
  widths: Float32Array
  lefts: Float32Array
}

/** Narrowest and widest aspect a tile takes: a panorama does not make its row a sliver (the tile crops it). */
const MIN_ASPECT = 0.25
const MAX_ASPECT = 4
/** A row closed before the width is reached is never taller than this many targets. */
const MAX_STRETCH = 1.5
/** A block's last row is stretched to the width only if that keeps it within this many targets. */
const MAX_LAST_STRETCH = 1.25

function checkOptions({ width, target, gap }: JustifiedOptions) {
  // note: runs once per block laid out, so plain comparisons, nothing built to loop over.
  if (!(Number.isFinite(width) && width > 0))
    throw new RangeError(`Justified rows' width must be a finite number > 0: ${width}`)
  if (!(Number.isFinite(target) && target > 0))
    throw new RangeError(`Justified rows' target must be a finite number > 0: ${target}`)
  if (!(Number.isFinite(gap) && gap >= 0))
    throw new RangeError(`Justified rows' gap must be a finite number ≥ 0: ${gap}`)
}

/** The shape of an item whose size is unknown: a square tile. */
export const UNKNOWN_ASPECT = 1

/** Width over height as a tile takes it: unknown or broken (not finite, ≤ 0) is square. */
function tileAspect(aspect: number): number {
  return Number.isFinite(aspect) && aspect > 0 ? clamp(aspect, MIN_ASPECT, MAX_ASPECT) : UNKNOWN_ASPECT
}

/**
 * Lays out one block's items (`aspects`, width over height) in rows:
 * - Greedy: a row takes items while their width at the target height, with the gaps, stays under
 *   the width. The item that reaches the width either joins (the row shrinks to fit) or starts the
 *   next row (this one grows to fit), whichever height is nearer the target as a ratio; a row never
 *   grows past 1.5 targets. An item wider than the width on its own is a row by itself.
 * - Every row but the block's last fills the width exactly; a tile's width is its aspect times
 *   its row's height, so each tile keeps its aspect.
 * - The block's last row fills the width too if that keeps it within 1.25 targets; otherwise it
 *   keeps the target height, left-aligned.
 * - Only with gaps too wide for the row to fit (more than a quarter of the target each) may a row
 *   that cannot take the next item be stopped at 1.5 targets, left-aligned, short of the width.
 */
export function layoutBlock(aspects: ArrayLike<number>, options: JustifiedOptions): BlockRows {
  checkOptions(options)
  const { width, target, gap } = options
  const count = aspects.length
  if (count > LAYOUT_BLOCK) throw new RangeError(`A layout block holds at most ${LAYOUT_BLOCK} items: ${count}`)
  const tiles = new Float64Array(count)
  for (let i = 0; i < count; i++) tiles[i] = tileAspect(aspects[i] as number)
  // At most one row per item; trimmed to the rows made at the end.
  const rowStarts = new Uint16Array(count)
  const heights = new Float32Array(count)
  const widths = new Float32Array(count)
  const lefts = new Float32Array(count)
  let rows = 0
  const ratio = (height: number) => Math.abs(Math.log(height / target))
  let start = 0
  while (start < count) {
    let end = start
    let sum = 0
    let height: number
    for (;;) {
      if (end === count) {
        const stretched = (width - (end - start - 1) * gap) / sum
        height = stretched <= MAX_LAST_STRETCH * target ? stretched : target
        break
      }
      const next = sum + (tiles[end] as number)
      const items = end - start + 1
      if (next * target + (items - 1) * gap < width) {
        sum = next
        end++
        continue
      }
      const joined = (width - (items - 1) * gap) / next
      if (items === 1) {
        height = joined
        end++
        break
      }
      const shorter = (width - (items - 2) * gap) / sum
      const mayGrow = shorter <= MAX_STRETCH * target
      // `joined` is at most the target, so never too tall; it is out only when the gaps leave the
      // tiles no width at all.
      if (joined > 0 && (!mayGrow || ratio(joined) <= ratio(shorter))) {
        height = joined
        end++
      } else height = mayGrow ? shorter : MAX_STRETCH * target
      break
    }
    rowStarts[rows] = start
    heights[rows++] = height
    let left = 0
    for (let i = start; i < end; i++) {
      const tileWidth = (tiles[i] as number) * height
      widths[i] = tileWidth
      lefts[i] = left
      left += tileWidth + gap
    }
    start = end
  }
  return { count, rowStarts: rowStarts.slice(0, rows), heights: heights.slice(0, rows), widths, lefts }
}

/** A laid-out block as the cache keeps it. */
interface BlockEntry {
  /** The tile aspects it was laid out from (see `tileAspect`), to tell when the block's items changed. */
  aspects: Float32Array
  /** Their sum, for the mean aspect estimated blocks use. */
  aspectSum: number
  rows: BlockRows
  /** Each row's top from the block's first row's top, and past the last row and its gap. */
  tops: Float64Array
}

/** Keeps laid-out blocks between track builds (a list's blocks are laid out once per options). */
export class LayoutCache {
  #options: JustifiedOptions | undefined
  readonly #blocks = new Map<number, BlockEntry>()
  // note: aspects are kept as 32-bit floats (half the memory over a million items); a block is
  // laid out from the same rounded values it is compared by, so a kept block always matches.
  readonly #scratch = new Float32Array(LAYOUT_BLOCK)

  /** The rows kept for block `block`, if it was laid out with the options last used. */
  blockRows(block: number): BlockRows | undefined {
    return this.#blocks.get(block)?.rows
  }

  /** Forgets every block if `options` differ from those the kept blocks were laid out with. */
  use({ width, target, gap }: JustifiedOptions) {
    const kept = this.#options
    if (kept?.width === width && kept.target === target && kept.gap === gap) return
    this.#options = { width, target, gap }
    this.#blocks.clear()
  }

  /**
   * Block `block` of items `first` to `first + count`, laid out with the options `use` was given,
   * or undefined while an aspect in it is unknown. Laid out again only if its aspects differ from
   * those kept (the list changed).
   */
  entry(block: number, first: number, count: number, aspectAt: (index: number) => number | undefined) {
    const options = this.#options
    if (!options) throw new Error('LayoutCache.use must be given the options before a block is asked for')
    const scratch = this.#scratch
    for (let i = 0; i < count; i++) {
      const aspect = aspectAt(first + i)
      if (aspect === undefined) return undefined
      scratch[i] = tileAspect(aspect)
    }
    const kept = this.#blocks.get(block)
    if (kept && kept.aspects.length === count && kept.aspects.every((aspect, i) => aspect === scratch[i])) return kept
    const aspects = scratch.slice(0, count)
    const rows = layoutBlock(aspects, options)
    const tops = new Float64Array(rows.heights.length + 1)
    rows.heights.forEach((height, row) => (tops[row + 1] = (tops[row] as number) + height + options.gap))
    const entry: BlockEntry = { aspects, aspectSum: aspects.reduce((sum, aspect) => sum + aspect, 0), rows, tops }
    this.#blocks.set(block, entry)
    return entry
  }
}

export interface ItemBox {
  row: number
  left: number
  width: number
}

export interface JustifiedTrack extends RowTrack {
  /** The row holding item `index` (clamped to the list). */
  rowOf(index: number): number
  /** The items of `row`: first index and one past the last. */
  itemsOf(row: number): { start: number; end: number }
  /** Where item `index` sits: its row, its left (from the rows' left edge) and width; its height is the row's. */
  boxOf(index: number): ItemBox
}

/** The last index in `0 … high` whose value is at most `value` (index 0 if none is): values ascend. */
function lastAtMost(values: ArrayLike<number>, value: number, high: number): number {
  let low = 0
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((values[middle] as number) <= value) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * The rows of a list of `count` items: blocks whose every item's aspect is known (aspectAt gives a
 * number) are laid out (once, kept in `cache`); other blocks are estimated as rows of `target`
 * height holding as many items as the mean aspect of the laid-out items so far fits (1 before any).
 *
 * Building costs one `aspectAt` call per unknown block and per item of a known block, and a sum over
 * blocks (15,625 for a million items); every question after is two binary searches, over blocks
 * and within one block's rows.
 */
export function justifiedTrack(
  count: number,
  aspectAt: (index: number) => number | undefined,
  options: JustifiedOptions,
  cache: LayoutCache,
): JustifiedTrack {
  checkOptions(options)
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Item count must be a whole number ≥ 0: ${count}`)
  cache.use(options)
  const { width, target, gap } = options
  const pitch = target + gap
  const blocks = Math.ceil(count / LAYOUT_BLOCK)
  // Per block: its first row, its first row's top, and either its laid-out rows or, estimated,
  // how many items each of its rows holds. Every block has a row, so the firsts strictly ascend.
  const rowBase = new Float64Array(blocks + 1)
  const topBase = new Float64Array(blocks + 1)
  const laid: (BlockEntry | undefined)[] = new Array<BlockEntry | undefined>(blocks)
  const perRow = new Int32Array(blocks)
  let rows = 0
  let bottom = 0
  let aspectSum = 0
  let laidItems = 0
  for (let block = 0; block < blocks; block++) {
    rowBase[block] = rows
    topBase[block] = bottom
    const first = block * LAYOUT_BLOCK
    const items = Math.min(LAYOUT_BLOCK, count - first)
    const entry = cache.entry(block, first, items, aspectAt)
    if (entry) {
      laid[block] = entry
      rows += entry.rows.heights.length
      bottom += entry.tops[entry.rows.heights.length] as number
      aspectSum += entry.aspectSum
      laidItems += items
    } else {
      const mean = laidItems === 0 ? 1 : aspectSum / laidItems
      const fits = Math.max(1, Math.floor((width + gap) / (mean * target + gap)))
      perRow[block] = fits
      rows += Math.ceil(items / fits)
      bottom += Math.ceil(items / fits) * pitch
    }
  }
  rowBase[blocks] = rows
  topBase[blocks] = bottom

  /** The block holding `row` (within the rows) and the row's place in it. */
  const locate = (row: number) => {
    const block = lastAtMost(rowBase, row, blocks - 1)
    return { block, local: row - (rowBase[block] as number) }
  }
  const rowIn = (row: number) => clamp(Math.floor(row), 0, Math.max(0, rows - 1))

  const top = (row: number) => {
    const clamped = clamp(Math.floor(row), 0, rows)
    if (clamped === rows) return bottom
    const { block, local } = locate(clamped)
    const entry = laid[block]
    return (topBase[block] as number) + (entry ? (entry.tops[local] as number) : local * pitch)
  }
  const height = (row: number) => {
    if (rows === 0) return 0
    const { block, local } = locate(rowIn(row))
    return laid[block]?.rows.heights[local] ?? target
  }
  const at = (y: number) => {
    if (rows === 0) return 0
    // As `rowTrack`'s: a row's own top, after adding and taking away a padding, still finds it.
    const near = y + ROUNDING
    const block = lastAtMost(topBase, near, blocks - 1)
    const within = near - (topBase[block] as number)
    const entry = laid[block]
    const blockRows = (rowBase[block + 1] as number) - (rowBase[block] as number)
    const local = entry ? lastAtMost(entry.tops, within, blockRows - 1) : Math.floor(within / pitch)
    return (rowBase[block] as number) + clamp(local, 0, blockRows - 1)
  }
  /** The item `index` clamped to the list, its block and its place in the block. */
  const itemAt = (index: number) => {
    const item = clamp(Math.floor(index), 0, count - 1)
    const block = Math.floor(item / LAYOUT_BLOCK)
    return { item, block, relative: item - block * LAYOUT_BLOCK }
  }
  const rowOf = (index: number) => {
    if (count === 0) return 0
    const { block, relative } = itemAt(index)
    const starts = laid[block]?.rows.rowStarts
    const local = starts
      ? lastAtMost(starts, relative, starts.length - 1)
      : Math.floor(relative / (perRow[block] as number))
    return (rowBase[block] as number) + local
  }
  const itemsOf = (row: number) => {
    if (rows === 0) return { start: 0, end: 0 }
    const { block, local } = locate(rowIn(row))
    const first = block * LAYOUT_BLOCK
    const items = Math.min(LAYOUT_BLOCK, count - first)
    const starts = laid[block]?.rows.rowStarts
    if (starts) return { start: first + (starts[local] as number), end: first + (starts[local + 1] ?? items) }
    const fits = perRow[block] as number
    return { start: first + local * fits, end: first + Math.min(items, (local + 1) * fits) }
  }
  const boxOf = (index: number): ItemBox => {
    if (count === 0) return { row: 0, left: 0, width: 0 }
    const { item, block, relative } = itemAt(index)
    const row = rowOf(item)
    const laidOut = laid[block]?.rows
    if (laidOut) return { row, left: laidOut.lefts[relative] as number, width: laidOut.widths[relative] as number }
    // Estimated rows' tiles share the width equally; a block's last row keeps their width,
    // left-aligned, as a plain grid's last row does.
    const fits = perRow[block] as number
    const cell = (width - (fits - 1) * gap) / fits
    return { row, left: (relative % fits) * (cell + gap), width: cell }
  }
  return { rows, top, height, at, rowOf, itemsOf, boxOf }
}
