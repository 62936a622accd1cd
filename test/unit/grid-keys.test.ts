import { describe, expect, it } from 'vitest'
import { moveInRows, moveTarget } from '../../src/grid/grid-keys'

const g = { index: 13, count: 100, columns: 6, rowsPerScreen: 4 }

describe('grid keys', () => {
  it('moves by a cell, a row and a screen, clamped to the list', () => {
    expect(moveTarget({ key: 'ArrowRight' }, g)).toBe(14)
    expect(moveTarget({ key: 'ArrowUp' }, g)).toBe(7)
    expect(moveTarget({ key: 'ArrowDown' }, g)).toBe(19)
    expect(moveTarget({ key: 'PageDown' }, g)).toBe(37)
    expect(moveTarget({ key: 'PageUp' }, g)).toBe(0)
    expect(moveTarget({ key: 'ArrowDown' }, { ...g, index: 98 })).toBe(99)
  })

  it('goes to the row ends with Home/End and the list ends with Ctrl', () => {
    expect(moveTarget({ key: 'Home' }, g)).toBe(12)
    expect(moveTarget({ key: 'End' }, g)).toBe(17)
    expect(moveTarget({ key: 'Home', ctrlKey: true }, g)).toBe(0)
    expect(moveTarget({ key: 'End', ctrlKey: true }, g)).toBe(99)
  })

  it('ignores other keys', () => {
    expect(moveTarget({ key: 'a' }, g)).toBeUndefined()
  })
})

describe('keys over rows of different lengths', () => {
  // Rows of 3, 5 and 2 items; each item 100 px wide except where a row is uneven.
  const rows = [
    [0, 3],
    [3, 8],
    [8, 10],
  ] as const
  const lefts = [0, 200, 300, 0, 80, 160, 240, 320, 0, 250]
  const widths = [200, 100, 100, 80, 80, 80, 80, 80, 250, 150]
  const at = (index: number, rowsPerScreen = 1) => ({
    index,
    count: 10,
    rowsPerScreen,
    rows: rows.length,
    rowOf: (i: number) => rows.findIndex(([start, end]) => i >= start && i < end),
    itemsOf: (row: number) => ({ start: rows[row]![0], end: rows[row]![1] }),
    spanOf: (i: number) => ({ left: lefts[i]!, right: lefts[i]! + widths[i]! }),
  })

  it('goes up and down to the item under or over this one’s centre', () => {
    expect(moveInRows({ key: 'ArrowDown' }, at(1))).toBe(6) // centre 250 → 240..320
    expect(moveInRows({ key: 'ArrowDown' }, at(0))).toBe(4) // centre 100 → 80..160
    expect(moveInRows({ key: 'ArrowUp' }, at(9))).toBe(7) // centre 325 → 320..400
    expect(moveInRows({ key: 'ArrowDown' }, at(5))).toBe(8)
  })

  it('goes past the first and last rows to the ends of the list', () => {
    expect(moveInRows({ key: 'ArrowUp' }, at(2))).toBe(0)
    expect(moveInRows({ key: 'ArrowDown' }, at(8))).toBe(9)
    expect(moveInRows({ key: 'PageDown' }, at(1, 5))).toBe(9)
    expect(moveInRows({ key: 'PageUp' }, at(9, 2))).toBe(2) // centre 325 → 300..400
  })

  it('moves along a row, to its ends, and to the list ends with Ctrl', () => {
    expect(moveInRows({ key: 'ArrowRight' }, at(2))).toBe(3)
    expect(moveInRows({ key: 'ArrowLeft' }, at(0))).toBe(0)
    expect(moveInRows({ key: 'Home' }, at(5))).toBe(3)
    expect(moveInRows({ key: 'End' }, at(5))).toBe(7)
    expect(moveInRows({ key: 'End', ctrlKey: true }, at(5))).toBe(9)
    expect(moveInRows({ key: 'x' }, at(5))).toBeUndefined()
  })

  it('is the even grid’s rule for rows of the same length', () => {
    for (const key of ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', 'ArrowLeft', 'ArrowRight'])
      for (let index = 0; index < 100; index += 7) {
        const even = { index, count: 100, columns: 6, rowsPerScreen: 3 }
        const expected = Math.max(0, Math.min(99, evenRule(key, even)))
        expect(moveTarget({ key }, even), `${key} from ${index}`).toBe(expected)
      }
  })
})

/** The even grid's keys written out once more, as plain arithmetic, to check the general rule by. */
function evenRule(key: string, g: { index: number; columns: number; rowsPerScreen: number }): number {
  const { index, columns } = g
  const rowStart = index - (index % columns)
  const moves: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + columns,
    ArrowUp: index - columns,
    PageDown: index + columns * g.rowsPerScreen,
    PageUp: index - columns * g.rowsPerScreen,
    Home: rowStart,
    End: rowStart + columns - 1,
  }
  return moves[key] as number
}
