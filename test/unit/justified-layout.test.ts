import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  LAYOUT_BLOCK,
  LayoutCache,
  justifiedTrack,
  layoutBlock,
  type BlockRows,
  type ItemBox,
  type JustifiedOptions,
  type JustifiedTrack,
} from '../../src/grid/justified-layout'
import { gridScale, rowAt, rowTop, rowTrack } from '../../src/grid/position-model'

/** Aspects as they come from a catalog, and broken ones (a tile takes those as square). */
const anyAspect = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(2 / 3, 3 / 4, 1, 3 / 2, 16 / 9) },
  { weight: 3, arbitrary: fc.double({ min: 0.05, max: 12, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0, -2) },
)
const blockAspects = fc.array(anyAspect, { maxLength: LAYOUT_BLOCK })

/** Grids as the app makes them: gaps of a few px, rows of 48 px and taller, phone to wide screens. */
const gridOptions = fc.record({
  width: fc.double({ min: 10, max: 3000, noNaN: true }),
  target: fc.double({ min: 48, max: 400, noNaN: true }),
  gap: fc.integer({ min: 0, max: 12 }),
})

/** The aspect a tile takes for `aspect`: broken ones square, the rest within 1:4 and 4:1. */
function tileAspect(aspect: number): number {
  return Number.isFinite(aspect) && aspect > 0 ? Math.min(4, Math.max(0.25, aspect)) : 1
}

/** Each row of a block: its first item and one past its last. */
function rowsOf(block: BlockRows): { start: number; end: number }[] {
  return Array.from(block.rowStarts, (start, row) => ({ start, end: block.rowStarts[row + 1] ?? block.count }))
}

/** The right edge of a block row's last tile. */
function rightEdge(block: BlockRows, end: number): number {
  return (block.lefts[end - 1] as number) + (block.widths[end - 1] as number)
}

describe('justified rows of one block', () => {
  it('fills rows to the width, choosing the height nearer the target for the item that reaches it', () => {
    // Five squares reach 1000 px exactly at 200 px; the sixth alone would stretch to 1000 px.
    const squares = layoutBlock([1, 1, 1, 1, 1, 1], { width: 1000, target: 200, gap: 0 })
    expect(Array.from(squares.rowStarts)).toEqual([0, 5])
    expect(Array.from(squares.heights)).toEqual([200, 200])
    expect(Array.from(squares.lefts)).toEqual([0, 200, 400, 600, 800, 0])
    // Two 3:2 tiles make 900 px at 300 px; a third would shrink the row to 222 px, while leaving
    // it out grows it to 333 px: nearer 300 as a ratio, so the third starts the next row.
    const wide = layoutBlock([1.5, 1.5, 1.5], { width: 1000, target: 300, gap: 0 })
    expect(Array.from(wide.rowStarts)).toEqual([0, 2])
    expect(wide.heights[0]).toBeCloseTo(1000 / 3, 3)
    expect(wide.heights[1]).toBe(300)
    expect(wide.widths[2]).toBe(450)
  })

  it('counts the gaps between tiles in the width', () => {
    const block = layoutBlock([1, 1, 1, 1], { width: 424, target: 100, gap: 8 })
    // Four squares and three gaps make 424 px at 100 px.
    expect(Array.from(block.rowStarts)).toEqual([0])
    expect(block.heights[0]).toBeCloseTo(100, 4)
    expect(Array.from(block.lefts)).toEqual([0, 108, 216, 324])
  })

  it('stretches a short last row only a little, and otherwise leaves it at the target, left-aligned', () => {
    // Three squares and a 3:2 tile make 540 px at 120 px: filling 600 px makes them 133 px tall.
    const slightly = layoutBlock([1, 1, 1, 1.5], { width: 600, target: 120, gap: 0 })
    expect(Array.from(slightly.rowStarts)).toEqual([0])
    expect(slightly.heights[0]).toBeCloseTo(600 / 4.5, 3)
    // Two squares after a full row of five would be 300 px tall filling the width: too tall.
    const short = layoutBlock([1, 1, 1, 1, 1, 1, 1], { width: 600, target: 120, gap: 0 })
    expect(Array.from(short.rowStarts)).toEqual([0, 5])
    expect(short.heights[1]).toBe(120)
    expect(rightEdge(short, 7)).toBe(240)
  })

  it('takes broken aspects as square and clamps panoramas and slivers', () => {
    const block = layoutBlock([10, Number.NaN, 0, -3, 0.1], { width: 10_000, target: 100, gap: 0 })
    expect(Array.from(block.widths)).toEqual([400, 100, 100, 100, 25])
  })

  it('puts an item wider than the width on a row of its own, narrower than the target', () => {
    const block = layoutBlock([2, 1, 0.5], { width: 50, target: 100, gap: 4 })
    expect(Array.from(block.rowStarts)).toEqual([0, 1, 2])
    expect(Array.from(block.heights)).toEqual([25, 50, 100])
    expect(Array.from(block.widths)).toEqual([50, 50, 50])
  })

  it('keeps every tile’s aspect, fills every row but the last, and never grows a row past 1.5 targets', () => {
    fc.assert(
      fc.property(blockAspects, gridOptions, (aspects, options) => {
        const { width, target, gap } = options
        const block = layoutBlock(aspects, options)
        expect(block.count).toBe(aspects.length)
        const rows = rowsOf(block)
        expect(rows.length).toBe(block.heights.length)
        // In order and contiguous: each row starts where the one before ended.
        rows.forEach(({ start }, row) => expect(start).toBe(rows[row - 1]?.end ?? 0))
        expect(rows.at(-1)?.end ?? 0).toBe(aspects.length)
        rows.forEach(({ start, end }, row) => {
          expect(end).toBeGreaterThan(start)
          const height = block.heights[row] as number
          expect(height).toBeLessThanOrEqual(1.5 * target * (1 + 1e-6))
          let left = 0
          for (let i = start; i < end; i++) {
            const tile = block.widths[i] as number
            expect(Math.abs(tile / height / tileAspect(aspects[i] as number) - 1)).toBeLessThan(1e-6)
            expect(block.lefts[i]).toBeCloseTo(left, 2)
            left += tile + gap
          }
          const right = rightEdge(block, end)
          expect(right).toBeLessThanOrEqual(width + 0.01)
          if (row < rows.length - 1) expect(Math.abs(right - width)).toBeLessThan(0.01)
          else if (Math.abs(right - width) >= 0.01) expect(height).toBe(Math.fround(target))
          else expect(height).toBeLessThanOrEqual(1.25 * target * (1 + 1e-6))
        })
      }),
    )
  })

  it('never grows a row past 1.5 targets even when gaps leave no room for the next tile', () => {
    fc.assert(
      fc.property(
        blockAspects,
        fc.record({
          width: fc.double({ min: 1, max: 500, noNaN: true }),
          target: fc.double({ min: 1, max: 200, noNaN: true }),
          gap: fc.double({ min: 0, max: 300, noNaN: true }),
        }),
        (aspects, options) => {
          const block = layoutBlock(aspects, options)
          for (const height of block.heights) expect(height).toBeLessThanOrEqual(1.5 * options.target * (1 + 1e-6))
          for (const { end } of rowsOf(block)) expect(rightEdge(block, end)).toBeLessThanOrEqual(options.width + 0.01)
        },
      ),
    )
  })

  it('refuses options it cannot lay out, and more items than a block holds', () => {
    const good: JustifiedOptions = { width: 400, target: 120, gap: 4 }
    for (const bad of [
      { width: 0 },
      { width: -5 },
      { width: Number.NaN },
      { width: Number.POSITIVE_INFINITY },
      { target: 0 },
      { target: Number.NaN },
      { gap: -1 },
      { gap: Number.POSITIVE_INFINITY },
    ]) {
      const options = { ...good, ...bad }
      expect(() => layoutBlock([1], options)).toThrow(RangeError)
      expect(() => justifiedTrack(10, () => 1, options, new LayoutCache())).toThrow(RangeError)
    }
    expect(() => layoutBlock([1], { ...good, width: -5 })).toThrow(/width must be a finite number > 0: -5/)
    expect(() => layoutBlock(Array<number>(LAYOUT_BLOCK + 1).fill(1), good)).toThrow(RangeError)
    expect(() => justifiedTrack(-1, () => 1, good, new LayoutCache())).toThrow(/count/)
    expect(() => justifiedTrack(2.5, () => 1, good, new LayoutCache())).toThrow(RangeError)
  })
})

/** A list of `count` items whose aspects are `aspects` over again, in blocks known or not. */
interface ListCase {
  count: number
  aspects: number[]
  /** Per block: laid out, estimated, or known only in part (estimated too). */
  blocks: ('known' | 'unknown' | 'partial')[]
  options: JustifiedOptions
}

const lists: fc.Arbitrary<ListCase> = fc.record({
  count: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 900 })),
  aspects: fc.array(anyAspect, { minLength: 1, maxLength: 97 }),
  blocks: fc.array(fc.constantFrom('known', 'known', 'unknown', 'partial'), { minLength: 15, maxLength: 15 }),
  options: gridOptions,
})

function aspectsOf({ aspects, blocks }: ListCase): (index: number) => number | undefined {
  return (index) => {
    const known = blocks[Math.floor(index / LAYOUT_BLOCK) % blocks.length]
    if (known === 'unknown' || (known === 'partial' && index % 3 === 1)) return undefined
    return aspects[index % aspects.length]
  }
}

function trackOf(list: ListCase, cache = new LayoutCache()): JustifiedTrack {
  return justifiedTrack(list.count, aspectsOf(list), list.options, cache)
}

describe('a justified track over a list', () => {
  it('puts every item in exactly one row, in order, and finds each row from its items', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const track = trackOf(list)
        let next = 0
        for (let row = 0; row < track.rows; row++) {
          const { start, end } = track.itemsOf(row)
          expect(start).toBe(next)
          expect(end).toBeGreaterThan(start)
          for (let index = start; index < end; index++) {
            expect(track.rowOf(index)).toBe(row)
            expect(track.boxOf(index).row).toBe(row)
          }
          next = end
        }
        expect(next).toBe(list.count)
        if (list.count === 0) {
          expect(track.rows).toBe(0)
          return
        }
        expect(track.rowOf(0)).toBe(0)
        expect(track.rowOf(list.count - 1)).toBe(track.rows - 1)
        expect(track.rowOf(-3)).toBe(0)
        expect(track.rowOf(list.count + 5)).toBe(track.rows - 1)
      }),
    )
  })

  it('stacks rows with the gap below each, and finds the row at any offset as rowTrack does', () => {
    fc.assert(
      fc.property(
        lists,
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { maxLength: 20 }),
        (list, shares) => {
          const track = trackOf(list)
          const { gap } = list.options
          const heights = Array.from({ length: track.rows }, (_, row) => track.height(row))
          const reference = rowTrack(heights, gap)
          for (let row = 0; row < track.rows; row++) {
            expect(track.top(row + 1)).toBeGreaterThan(track.top(row))
            expect(track.top(row + 1) - track.top(row)).toBeCloseTo((heights[row] as number) + gap, 6)
            expect(track.top(row)).toBeCloseTo(reference.top(row), 6)
            expect(track.at(track.top(row))).toBe(row)
            for (const share of shares.slice(0, 3)) {
              expect(track.at(track.top(row) + share * ((heights[row] as number) + gap))).toBe(row)
            }
          }
          expect(track.top(track.rows)).toBeCloseTo(reference.top(track.rows), 6)
          const end = track.top(track.rows)
          for (const share of shares) expect(track.at(share * end)).toBe(reference.at(share * end))
          expect(track.at(-10)).toBe(0)
          expect(track.at(end + 1000)).toBe(Math.max(0, track.rows - 1))
        },
      ),
    )
  })

  it('places known tiles with their aspect at their row’s height, and estimated ones side by side', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const track = trackOf(list)
        const aspectAt = aspectsOf(list)
        const { width, target } = list.options
        const known = (block: number) => {
          const first = block * LAYOUT_BLOCK
          const items = Math.min(LAYOUT_BLOCK, list.count - first)
          return Array.from({ length: items }, (_, i) => aspectAt(first + i)).every((a) => a !== undefined)
        }
        for (let row = 0; row < track.rows; row++) {
          const { start, end } = track.itemsOf(row)
          const laid = known(Math.floor(start / LAYOUT_BLOCK))
          if (!laid) expect(track.height(row)).toBe(target)
          let right = 0
          for (let index = start; index < end; index++) {
            const box = track.boxOf(index)
            expect(box.left).toBeGreaterThanOrEqual(right - 0.01)
            expect(box.width).toBeGreaterThan(0)
            right = box.left + box.width
            const aspect = aspectAt(index)
            if (laid && aspect !== undefined) {
              expect(Math.abs(box.width / track.height(row) / tileAspect(aspect) - 1)).toBeLessThan(1e-6)
            }
          }
          expect(right).toBeLessThanOrEqual(width + 0.01)
        }
      }),
    )
  })

  it('changes only the rows from a block on when the block’s aspects arrive', () => {
    fc.assert(
      fc.property(lists, fc.nat(), (list, pick) => {
        const blocks = Math.ceil(list.count / LAYOUT_BLOCK)
        fc.pre(blocks > 0)
        const changed = pick % Math.min(blocks, list.blocks.length)
        const before = { ...list, blocks: list.blocks.map((b, i) => (i === changed ? 'unknown' : b)) }
        const after = { ...list, blocks: list.blocks.map((b, i) => (i === changed ? 'known' : b)) }
        const cache = new LayoutCache()
        const was = trackOf(before, cache)
        const now = trackOf(after, cache)
        const firstChanged = was.rowOf(changed * LAYOUT_BLOCK)
        expect(now.rowOf(changed * LAYOUT_BLOCK)).toBe(firstChanged)
        for (let row = 0; row <= firstChanged; row++) expect(now.top(row)).toBe(was.top(row))
        for (let row = 0; row < firstChanged; row++) {
          expect(now.itemsOf(row)).toEqual(was.itemsOf(row))
          expect(now.height(row)).toBe(was.height(row))
        }
      }),
    )
  })

  it('estimates unknown blocks as rows of the target height, as many to a row as the mean aspect so far fits', () => {
    const options = { width: 1000, target: 100, gap: 0 }
    // Nothing known: squares, ten to a row; blocks of 64 end with a short row.
    const none = justifiedTrack(200, () => undefined, options, new LayoutCache())
    expect(none.rows).toBe(7 + 7 + 7 + 1)
    expect(none.itemsOf(6)).toEqual({ start: 60, end: 64 })
    expect(none.boxOf(63)).toEqual({ row: 6, left: 300, width: 100 })
    expect(none.top(22)).toBe(2200)
    // The first block known, all 2:1: five to a row after it.
    const first = justifiedTrack(200, (i) => (i < 64 ? 2 : undefined), options, new LayoutCache())
    const laid = first.rowOf(63) + 1
    expect(first.itemsOf(laid)).toEqual({ start: 64, end: 69 })
    expect(first.boxOf(65)).toEqual({ row: laid, left: 200, width: 200 })
    // With gaps, estimated tiles share what the gaps leave.
    const gapped = justifiedTrack(10, () => undefined, { width: 1000, target: 100, gap: 10 }, new LayoutCache())
    expect(gapped.itemsOf(0)).toEqual({ start: 0, end: 9 })
    expect(gapped.boxOf(1).left).toBeCloseTo(1000 / 9 + 10 / 9, 9)
    expect(gapped.top(1)).toBe(110)
  })

  it('answers for an empty list and a list of one', () => {
    const options = { width: 390, target: 120, gap: 6 }
    const empty = justifiedTrack(0, () => 1, options, new LayoutCache())
    expect([empty.rows, empty.top(0), empty.top(5), empty.height(0), empty.at(50), empty.rowOf(0)]).toEqual([
      0, 0, 0, 0, 0, 0,
    ])
    expect(empty.itemsOf(0)).toEqual({ start: 0, end: 0 })
    expect(gridScale({ track: empty, gap: 6, padding: 8, footer: 60, viewport: 800 }).content).toBe(60)
    const one = justifiedTrack(1, () => 1.5, options, new LayoutCache())
    expect(one.rows).toBe(1)
    expect(one.height(0)).toBe(120)
    expect(one.boxOf(0)).toEqual({ row: 0, left: 0, width: 180 })
    expect(one.top(1)).toBe(126)
    // Estimated: three squares fit 390 px, so the one tile takes a third of the width.
    const unknown = justifiedTrack(1, () => undefined, options, new LayoutCache())
    expect(unknown.boxOf(0)).toEqual({ row: 0, left: 0, width: 126 })
  })

  it('builds a million items with 25,000 known without visiting the rest, and reaches the last under the cap', () => {
    const count = 1_000_000
    let asked = 0
    const ratios = [2 / 3, 3 / 4, 1, 3 / 2, 16 / 9]
    const aspectAt = (index: number) => {
      asked++
      return index < 25_000 ? ratios[index % ratios.length] : undefined
    }
    const track = justifiedTrack(count, aspectAt, { width: 1880, target: 220, gap: 8 }, new LayoutCache())
    // One question per block past the known ones, one per known item.
    expect(asked).toBeLessThanOrEqual(25_000 + Math.ceil(count / LAYOUT_BLOCK))
    const scale = gridScale({ track, gap: 8, padding: 12, footer: 60, viewport: 1000 })
    expect(scale.scaled).toBe(true)
    const last = track.rowOf(count - 1)
    expect(last).toBe(track.rows - 1)
    expect(rowAt(scale, rowTop(scale, last))).toBe(last)
    expect(track.itemsOf(last).end).toBe(count)
    expect(rowAt(scale, rowTop(scale, track.rowOf(24_999)))).toBe(track.rowOf(24_999))
  })
})

describe('the layout cache', () => {
  const options = { width: 1200, target: 200, gap: 8 }
  const aspects = Array.from({ length: 300 }, (_, i) => [2 / 3, 1, 16 / 9][i % 3] as number)

  it('lays a block out once, and again only when its items or the options change', () => {
    const cache = new LayoutCache()
    justifiedTrack(300, (i) => aspects[i], options, cache)
    const kept = [0, 1, 2, 3, 4].map((block) => cache.blockRows(block))
    expect(kept.every((rows) => rows !== undefined)).toBe(true)
    justifiedTrack(300, (i) => aspects[i], options, cache)
    expect([0, 1, 2, 3, 4].map((block) => cache.blockRows(block))).toEqual(kept)
    kept.forEach((rows, block) => expect(cache.blockRows(block)).toBe(rows))

    // The list was refiltered: block 1 holds other items now.
    const refiltered = aspects.map((aspect, i) => (i === 70 ? 4 : aspect))
    justifiedTrack(300, (i) => refiltered[i], options, cache)
    expect(cache.blockRows(0)).toBe(kept[0])
    expect(cache.blockRows(1)).not.toBe(kept[1])
    expect(cache.blockRows(2)).toBe(kept[2])

    // A block that is no longer known keeps its rows for when it is again.
    justifiedTrack(300, (i) => (i < 64 ? undefined : refiltered[i]), options, cache)
    expect(cache.blockRows(0)).toBe(kept[0])

    justifiedTrack(300, (i) => aspects[i], { ...options, width: 1201 }, cache)
    expect(cache.blockRows(0)).not.toBe(kept[0])
    expect(cache.blockRows(0)?.widths).not.toEqual(kept[0]?.widths)
  })

  it('gives the same track from kept blocks as from fresh ones', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const cache = new LayoutCache()
        trackOf(list, cache)
        const again = trackOf(list, cache)
        const fresh = trackOf(list)
        expect(again.rows).toBe(fresh.rows)
        for (let row = 0; row <= fresh.rows; row++) expect(again.top(row)).toBe(fresh.top(row))
        const boxes = (track: JustifiedTrack): ItemBox[] => Array.from({ length: list.count }, (_, i) => track.boxOf(i))
        expect(boxes(again)).toEqual(boxes(fresh))
      }),
    )
  })

  it('has nothing for a block not yet known', () => {
    const cache = new LayoutCache()
    justifiedTrack(100, (i) => (i < 64 ? 1 : undefined), options, cache)
    expect(cache.blockRows(0)?.count).toBe(64)
    expect(cache.blockRows(1)).toBeUndefined()
  })
})
