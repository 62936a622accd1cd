import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_SCROLLER_HEIGHT,
  anchorAt,
  columnRows,
  anchoredTop,
  contentTop,
  follow,
  rebase,
  gridScale,
  rowAt,
  rowOffset,
  rowTop,
  seek,
  type GridShape,
  type Position,
  type Scale,
} from '../../src/grid/position-model'

const phone: GridShape = { count: 665_344, columns: 2, rowHeight: 183, gap: 6, padding: 8, footer: 68, viewport: 780 }

const shapes = fc.record({
  count: fc.integer({ min: 0, max: 3_000_000 }),
  columns: fc.integer({ min: 1, max: 12 }),
  rowHeight: fc.integer({ min: 40, max: 400 }),
  gap: fc.integer({ min: 0, max: 12 }),
  padding: fc.integer({ min: 0, max: 16 }),
  footer: fc.integer({ min: 0, max: 80 }),
  viewport: fc.integer({ min: 200, max: 1400 }),
  cap: fc.constantFrom(MAX_SCROLLER_HEIGHT, 20_000, 5_000),
})

/** Scroll moves as a user makes them: wheel and touch steps, screens, and jumps. */
const moves = fc.array(
  fc.oneof(
    fc.integer({ min: -200, max: 200 }),
    fc.integer({ min: -900, max: 900 }),
    fc.double({ min: 0, max: 1, noNaN: true }).map((share) => ({ to: share })),
  ),
  { maxLength: 60 },
)

function scrollBy(scale: Scale, position: Position, move: number | { to: number }): Position {
  const target = typeof move === 'number' ? position.scrollTop + move : move.to * scale.maxScroll
  return follow(scale, position, Math.min(scale.maxScroll, Math.max(0, target)))
}

describe('position model', () => {
  it('is 1:1 while the content fits under the cap', () => {
    const scale = gridScale({ ...phone, count: 10_000 })
    expect(scale.scaled).toBe(false)
    expect(scale.height).toBe(scale.content)
    const at = follow(scale, { scrollTop: 0, base: 0 }, 123_456)
    expect(at).toEqual({ scrollTop: 123_456, base: 0 })
    expect(seek(scale, at, 5_000)).toEqual({ scrollTop: 5_000, base: 0 })
  })

  it('keeps a million-asset phone grid under the cap and reaches its last row at the end', () => {
    const scale = gridScale(phone)
    expect(scale.content).toBeGreaterThan(60_000_000)
    expect(scale.height).toBe(MAX_SCROLLER_HEIGHT)
    const end = follow(scale, { scrollTop: 0, base: 0 }, scale.maxScroll)
    expect(contentTop(end)).toBe(scale.maxContent)
    expect(rowAt(scale, contentTop(end) + phone.viewport - 1)).toBe(scale.rows - 1)
    expect(contentTop(follow(scale, end, 0))).toBe(0)
  })

  it('moves small scrolls from the top 1:1 for two thirds of the scroller, however large the scale', () => {
    for (const count of [665_344, 2_000_000, 10_000_000]) {
      const scale = gridScale({ ...phone, count })
      let at: Position = { scrollTop: 0, base: 0 }
      while (at.scrollTop < (scale.maxScroll * 2) / 3 - 500) {
        const next = follow(scale, at, at.scrollTop + 500)
        expect(contentTop(next) - contentTop(at)).toBeCloseTo(500, 6)
        at = next
      }
    }
  })

  it('moves small scrolls 1:1 after a jump to the middle', () => {
    const scale = gridScale(phone)
    const middle = follow(scale, { scrollTop: 0, base: 0 }, scale.maxScroll / 2)
    expect(contentTop(middle)).toBeCloseTo(scale.maxContent / 2, 3)
    let at = middle
    for (let step = 0; step < 50; step++) {
      const next = follow(scale, at, at.scrollTop + 120)
      expect(contentTop(next) - contentTop(at)).toBeCloseTo(120, 6)
      at = next
    }
  })

  it('seeks a near row 1:1 and a far one through the scale', () => {
    const scale = gridScale(phone)
    const middle = follow(scale, { scrollTop: 0, base: 0 }, scale.maxScroll / 2)
    const near = seek(scale, middle, contentTop(middle) + 780)
    expect(near.base).toBe(middle.base)
    expect(near.scrollTop - middle.scrollTop).toBeCloseTo(780, 6)
    const last = seek(scale, middle, rowOffset(scale, scale.rows - 1, 'start', phone.viewport))
    expect(last.scrollTop).toBe(scale.maxScroll)
    expect(contentTop(last)).toBe(scale.maxContent)
  })

  it('moves the thumb back under the scale when scrolling pauses, keeping the content', () => {
    const scale = gridScale(phone)
    let at: Position = { scrollTop: 0, base: 0 }
    for (let step = 0; step < 100; step++) at = follow(scale, at, at.scrollTop + 400)
    expect(at.base).toBe(0)
    const rebased = rebase(scale, at)
    expect(contentTop(rebased)).toBeCloseTo(contentTop(at), 6)
    expect(rebased.scrollTop).toBeCloseTo((contentTop(at) * scale.maxScroll) / scale.maxContent, 6)
    const small = gridScale({ ...phone, count: 100 })
    expect(rebase(small, { scrollTop: 500, base: 0 })).toEqual({ scrollTop: 500, base: 0 })
  })

  it('places rows at the top, centred, or just in view', () => {
    const scale = gridScale({ ...phone, count: 100 })
    expect(rowOffset(scale, 0, 'start', 780)).toBe(0)
    expect(rowTop(scale, 3)).toBe(8 + 3 * 189)
    expect(rowOffset(scale, 10, 'center', 780)).toBe(rowTop(scale, 10) - (780 - 183) / 2)
    expect(rowOffset(scale, 1, 'nearest', 780, 0)).toBe(0)
    expect(rowOffset(scale, 10, 'nearest', 780, 0)).toBe(rowTop(scale, 10) + 183 - 780 + 8)
  })

  it('refuses shapes that cannot be laid out', () => {
    expect(() => gridScale({ ...phone, columns: 0 })).toThrow(/columns/)
    expect(() => gridScale({ ...phone, rowHeight: Number.NaN })).toThrow(/rowHeight/)
    expect(() => gridScale({ ...phone, cap: 1000 })).toThrow(/cap/)
  })

  it('never makes a scroller taller than the cap, and its end shows the last row', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        fc.pre(shape.cap >= 2 * shape.viewport)
        const scale = gridScale(shape)
        expect(scale.height).toBeLessThanOrEqual(shape.cap)
        expect(scale.scaled).toBe(scale.content > shape.cap)
        const end = follow(scale, { scrollTop: 0, base: 0 }, scale.maxScroll)
        expect(contentTop(end)).toBeCloseTo(scale.maxContent, 3)
        if (scale.rows > 0) expect(rowAt(scale, contentTop(end) + shape.viewport - 1)).toBe(scale.rows - 1)
      }),
    )
  })

  it('keeps every place within the content, with the first row at 0 and the last at the end', () => {
    fc.assert(
      fc.property(shapes, moves, (shape, steps) => {
        fc.pre(shape.cap >= 2 * shape.viewport)
        const scale = gridScale(shape)
        let at: Position = { scrollTop: 0, base: 0 }
        for (const move of steps) {
          const next = scrollBy(scale, at, move)
          const content = contentTop(next)
          expect(content).toBeGreaterThanOrEqual(-1e-6)
          expect(content).toBeLessThanOrEqual(scale.maxContent + 1e-6)
          if (next.scrollTop === 0) expect(content).toBe(0)
          if (next.scrollTop === scale.maxScroll) expect(content).toBeCloseTo(scale.maxContent, 3)
          // Below the cap scrolling is 1:1; above it, a small scroll never goes backwards.
          if (!scale.scaled) expect(content).toBe(next.scrollTop)
          const delta = next.scrollTop - at.scrollTop
          if (Math.abs(delta) <= scale.jump) expect(Math.sign(content - contentTop(at)) * Math.sign(delta)).not.toBe(-1)
          at = next
        }
      }),
    )
  })

  it('walks by small scrolls down to the last row and back up to the first', () => {
    for (const cap of [5_000, 20_000]) {
      const scale = gridScale({ ...phone, count: 400, cap })
      expect(scale.scaled).toBe(true)
      const ratio = scale.maxContent / scale.maxScroll
      const lastSeen: number[] = []
      let at: Position = { scrollTop: 0, base: 0 }
      for (const direction of [1, -1]) {
        for (;;) {
          const next = follow(scale, at, at.scrollTop + direction * 100)
          if (next.scrollTop === at.scrollTop) break
          // Near an end the band steers the content there faster than 1:1, never wildly.
          const moved = (contentTop(next) - contentTop(at)) * direction
          expect(moved).toBeGreaterThan(0)
          expect(moved).toBeLessThanOrEqual(100 * (ratio + scale.slope) + 1e-6)
          at = next
        }
        lastSeen.push(rowAt(scale, contentTop(at) + (direction > 0 ? phone.viewport - 1 : 0)))
      }
      expect(lastSeen).toEqual([scale.rows - 1, 0])
      expect(contentTop(at)).toBe(0)
    }
  })

  it('seeks to any place and shows it exactly', () => {
    fc.assert(
      fc.property(shapes, moves, fc.double({ min: 0, max: 1, noNaN: true }), (shape, steps, share) => {
        fc.pre(shape.cap >= 2 * shape.viewport)
        const scale = gridScale(shape)
        let at: Position = { scrollTop: 0, base: 0 }
        for (const move of steps) at = scrollBy(scale, at, move)
        const y = share * scale.maxContent
        const sought = seek(scale, at, y)
        expect(contentTop(sought)).toBeCloseTo(y, 3)
        expect(sought.scrollTop).toBeGreaterThanOrEqual(0)
        expect(sought.scrollTop).toBeLessThanOrEqual(scale.maxScroll + 1e-6)
        // The scroll event that follows a seek keeps it.
        expect(contentTop(follow(scale, sought, sought.scrollTop))).toBeCloseTo(y, 3)
      }),
    )
  })
})

describe('a new tile size keeps what the user looks at', () => {
  const desktop = (columns: number, rowHeight: number): Scale =>
    gridScale({ count: 3000, columns, rowHeight, gap: 8, padding: 12, footer: 68, viewport: 800 })
  const before = desktop(7, 176)
  const after = desktop(14, 88)

  /** Where `index`'s row top is on screen (px below the scroller's top) with `y` at the top. */
  const onScreen = (scale: Scale, columns: number, index: number, y: number) =>
    rowTop(scale, Math.floor(index / columns)) - y

  it('keeps the focused tile at its place on screen', () => {
    const y = 20_000
    const focused = Math.floor((y + 300) / before.pitch) * 7 + 3
    const anchor = anchorAt(before, { rows: columnRows(7, 3000), count: 3000, y, viewport: 800, focused })
    expect(anchor?.index).toBe(focused)
    const top = anchoredTop(after, columnRows(14, 3000), anchor)
    expect(onScreen(after, 14, focused, top)).toBeCloseTo(onScreen(before, 7, focused, y))
  })

  it('keeps the centre tile when the focused one is off screen or nothing has focus', () => {
    const y = 20_000
    for (const focused of [null, 5]) {
      const anchor = anchorAt(before, { rows: columnRows(7, 3000), count: 3000, y, viewport: 800, focused })
      const centreRow = rowAt(before, y + 400)
      expect(anchor?.index).toBe(centreRow * 7 + 3)
      const top = anchoredTop(after, columnRows(14, 3000), anchor)
      expect(onScreen(after, 14, anchor!.index, top)).toBeCloseTo(onScreen(before, 7, anchor!.index, y))
    }
  })

  it('stays at the top of the list', () => {
    expect(anchorAt(before, { rows: columnRows(7, 3000), count: 3000, y: 0, viewport: 800, focused: null })).toBeNull()
    expect(anchoredTop(after, columnRows(14, 3000), null)).toBe(0)
  })

  it('carries a place from the unmeasured rows by its first row', () => {
    const fallback = gridScale({
      count: 3000,
      columns: 1,
      rowHeight: 200,
      gap: 0,
      padding: 0,
      footer: 0,
      viewport: 600,
    })
    const anchor = anchorAt(fallback, {
      rows: columnRows(1, 3000),
      count: 3000,
      y: 450 * 200,
      viewport: 600,
      focused: null,
      prefer: 'first',
    })
    expect(anchor).toEqual({ index: 450, offset: 0 })
    expect(anchoredTop(before, columnRows(7, 3000), anchor)).toBe(rowTop(before, Math.floor(450 / 7)))
  })

  it('takes the first row mostly on screen, not one mostly scrolled away', () => {
    const scale = gridScale({ count: 100, columns: 5, rowHeight: 100, gap: 0, padding: 0, footer: 0, viewport: 300 })
    const rows = columnRows(5, 100)
    expect(anchorAt(scale, { rows, count: 100, y: 1040, viewport: 300, focused: null, prefer: 'first' })).toEqual({
      index: 50,
      offset: -40,
    })
    expect(anchorAt(scale, { rows, count: 100, y: 1060, viewport: 300, focused: null, prefer: 'first' })).toEqual({
      index: 55,
      offset: 40,
    })
  })

  it('never anchors past the last item of a short last row', () => {
    const scale = gridScale({ count: 10, columns: 4, rowHeight: 100, gap: 0, padding: 0, footer: 0, viewport: 100 })
    const anchor = anchorAt(scale, { rows: columnRows(4, 10), count: 10, y: 200, viewport: 100, focused: null })
    expect(anchor?.index).toBe(9)
  })
})
