import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_SCROLLER_HEIGHT,
  contentTop,
  follow,
  gridScale,
  rowAt,
  rowOffset,
  rowTop,
  rowTrack,
  seek,
  type Position,
  type RowScale,
} from '../../src/grid/position-model'

// Rows of different heights: a grouped grid's headers between its rows of tiles.

/** Groups of a header and some rows of tiles, as a grouped grid stacks them. */
const groupedHeights = fc
  .record({
    header: fc.integer({ min: 30, max: 120 }),
    row: fc.integer({ min: 40, max: 400 }),
    groups: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 60 }),
  })
  .map(({ header, row, groups }) => groups.flatMap((rows) => [header, ...Array<number>(rows).fill(row)]))

const anyHeights = fc.array(fc.double({ min: 1, max: 500, noNaN: true }), { maxLength: 800 })

const trackShapes = fc.record({
  heights: fc.oneof(groupedHeights, anyHeights),
  gap: fc.integer({ min: 0, max: 12 }),
  padding: fc.integer({ min: 0, max: 16 }),
  footer: fc.integer({ min: 0, max: 80 }),
  viewport: fc.integer({ min: 200, max: 1400 }),
  cap: fc.constantFrom(MAX_SCROLLER_HEIGHT, 20_000, 5_000),
})

function scaleOf(shape: TrackCase): RowScale {
  return gridScale({ ...shape, track: rowTrack(shape.heights, shape.gap) })
}

interface TrackCase {
  heights: number[]
  gap: number
  padding: number
  footer: number
  viewport: number
  cap: number
}

/** Scroll moves as a user makes them: wheel and touch steps, screens, and jumps. */
const moves = fc.array(
  fc.oneof(
    fc.integer({ min: -200, max: 200 }),
    fc.integer({ min: -900, max: 900 }),
    fc.double({ min: 0, max: 1, noNaN: true }).map((share) => ({ to: share })),
  ),
  { maxLength: 40 },
)

function scrollBy(scale: RowScale, position: Position, move: number | { to: number }): Position {
  const target = typeof move === 'number' ? position.scrollTop + move : move.to * scale.maxScroll
  return follow(scale, position, Math.min(scale.maxScroll, Math.max(0, target)))
}

describe('position model over rows of different heights', () => {
  it('stacks rows by their heights and finds the row at any offset', () => {
    const track = rowTrack([40, 200, 200, 40, 200], 8)
    expect([0, 1, 2, 3, 4, 5].map(track.top)).toEqual([0, 48, 256, 464, 512, 720])
    expect([0, 47, 48, 255, 256, 463, 464, 511, 512, 10_000, -5].map(track.at)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 0,
    ])
    expect(track.height(3)).toBe(40)
    const scale = gridScale({ track, gap: 8, padding: 8, footer: 60, viewport: 600 })
    expect(scale.content).toBe(8 + 712 + 8 + 60)
    expect(rowTop(scale, 4)).toBe(520)
    expect(rowAt(scale, 519)).toBe(3)
    expect(rowOffset(scale, 4, 'center', 600)).toBe(520 - (600 - 200) / 2)
  })

  it('refuses a row height that cannot be stacked', () => {
    expect(() => rowTrack([40, Number.NaN])).toThrow(/Row 1/)
    expect(() => rowTrack([40, -1])).toThrow(/Row 1/)
    expect(() => rowTrack([40], Number.POSITIVE_INFINITY)).toThrow(/gap/)
  })

  it('places rows of one height exactly as the uniform grid does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 40, max: 400 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom(MAX_SCROLLER_HEIGHT, 20_000, 5_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, rowHeight, gap, cap, share) => {
          const common = { gap, padding: 8, footer: 60, viewport: 800, cap }
          const uniform = gridScale({ ...common, count: rows, columns: 1, rowHeight })
          const track = gridScale({ ...common, track: rowTrack(Array<number>(rows).fill(rowHeight), gap) })
          expect(track.content).toBeCloseTo(uniform.content, 6)
          expect(track.height).toBeCloseTo(uniform.height, 6)
          expect(track.scaled).toBe(uniform.scaled)
          const y = share * uniform.content
          expect(rowAt(track, y)).toBe(rowAt(uniform, y))
          const row = rowAt(uniform, y)
          expect(rowTop(track, row)).toBeCloseTo(rowTop(uniform, row), 6)
        },
      ),
    )
  })

  it('maps every row to its offset and back, and every offset to the row holding it', () => {
    fc.assert(
      fc.property(trackShapes, fc.double({ min: 0, max: 1, noNaN: true }), (shape, share) => {
        fc.pre(shape.cap >= 2 * shape.viewport)
        const scale = scaleOf(shape)
        for (let row = 0; row < scale.rows; row++) expect(rowAt(scale, rowTop(scale, row))).toBe(row)
        if (scale.rows === 0) return
        const y = shape.padding + share * (rowTop(scale, scale.rows) - shape.padding)
        const row = rowAt(scale, y)
        expect(rowTop(scale, row)).toBeLessThanOrEqual(y + 1e-6)
        if (row < scale.rows - 1) expect(rowTop(scale, row + 1)).toBeGreaterThan(y - 1e-6)
      }),
    )
  })

  it('never makes a scroller taller than the cap; its top shows the first row and its end the last', () => {
    fc.assert(
      fc.property(trackShapes, moves, (shape, steps) => {
        fc.pre(shape.cap >= 2 * shape.viewport)
        const scale = scaleOf(shape)
        expect(scale.height).toBeLessThanOrEqual(shape.cap)
        expect(scale.scaled).toBe(scale.content > shape.cap)
        let at: Position = { scrollTop: 0, base: 0 }
        for (const move of steps) at = scrollBy(scale, at, move)
        const end = follow(scale, at, scale.maxScroll)
        expect(contentTop(end)).toBeCloseTo(scale.maxContent, 3)
        const top = follow(scale, end, 0)
        expect(contentTop(top)).toBe(0)
        if (scale.rows === 0) return
        // The last row is on screen at the end, the first at the top.
        const last = scale.rows - 1
        expect(rowTop(scale, last)).toBeLessThan(contentTop(end) + shape.viewport)
        expect(rowTop(scale, last) + scale.track.height(last)).toBeGreaterThan(contentTop(end))
        expect(rowAt(scale, contentTop(top))).toBe(0)
      }),
    )
  })

  it('seeks any row to the top from anywhere, scaled or not, and the scroll event after keeps it', () => {
    fc.assert(
      fc.property(trackShapes, moves, fc.double({ min: 0, max: 1, noNaN: true }), (shape, steps, share) => {
        fc.pre(shape.cap >= 2 * shape.viewport)
        const scale = scaleOf(shape)
        fc.pre(scale.rows > 0)
        let at: Position = { scrollTop: 0, base: 0 }
        for (const move of steps) at = scrollBy(scale, at, move)
        const row = Math.min(scale.rows - 1, Math.floor(share * scale.rows))
        const wanted = rowOffset(scale, row, 'start', shape.viewport)
        const sought = seek(scale, at, wanted)
        expect(sought.scrollTop).toBeGreaterThanOrEqual(0)
        expect(sought.scrollTop).toBeLessThanOrEqual(scale.maxScroll + 1e-6)
        const shown = contentTop(sought)
        expect(shown).toBeCloseTo(Math.min(wanted, scale.maxContent), 3)
        // At the top, or (near the end, where the content cannot go further) on screen.
        if (wanted <= scale.maxContent) expect(rowAt(scale, shown + shape.padding + 1e-6)).toBe(row)
        else expect(rowTop(scale, row)).toBeLessThan(shown + shape.viewport)
        expect(contentTop(follow(scale, sought, sought.scrollTop))).toBeCloseTo(shown, 3)
      }),
    )
  })

  it('keeps a large grouped library under the cap and walks from its first row to its last by small scrolls', () => {
    // 4,000 projects of 1 to 60 rows under 41 px headers: about 23M px of content.
    const heights: number[] = []
    for (let g = 0; g < 4000; g++) heights.push(41, ...Array<number>(1 + ((g * 37) % 60)).fill(191))
    const viewport = 780
    const scale = gridScale({ track: rowTrack(heights), gap: 0, padding: 0, footer: 68, viewport })
    expect(scale.content).toBeGreaterThan(MAX_SCROLLER_HEIGHT)
    expect(scale.height).toBe(MAX_SCROLLER_HEIGHT)
    let at: Position = { scrollTop: 0, base: 0 }
    while (at.scrollTop < scale.maxScroll) {
      const next = follow(scale, at, at.scrollTop + 500)
      expect(contentTop(next)).toBeGreaterThan(contentTop(at))
      at = next
    }
    expect(rowAt(scale, contentTop(at) + viewport - 69)).toBe(scale.rows - 1)
    while (at.scrollTop > 0) at = follow(scale, at, at.scrollTop - 500)
    expect(contentTop(at)).toBe(0)
  })
})
