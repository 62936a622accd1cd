import { describe, expect, it } from 'vitest'
import { columnsFor } from '../../src/grid/grouped-rows'
import { layoutRows, moveInGroups } from '../../src/grid/grouped-rows'

// Three projects of 5, 2 and 7 images, 3 to a row:
//   group 0: [0 1 2] [3 4]    group 1: [5 6]    group 2: [7 8 9] [10 11 12] [13]
const layout = layoutRows(
  [
    { start: 0, count: 5 },
    { start: 5, count: 2 },
    { start: 7, count: 7 },
  ],
  3,
)
const key = (k: string, extra: { ctrlKey?: boolean } = {}) => ({ key: k, ...extra })

describe('rows of a grouped grid', () => {
  it('puts each group on rows of its own, N to a row, the last row short', () => {
    expect(layout.groupCounts).toEqual([2, 1, 3])
    expect(layout.rows.map((r) => [r.start, r.end])).toEqual([
      [0, 3],
      [3, 5],
      [5, 7],
      [7, 10],
      [10, 13],
      [13, 14],
    ])
    expect(layout.rowOf(4)).toBe(1)
    expect(layout.rowOf(13)).toBe(5)
    expect(layout.rowOf(14)).toBe(-1)
  })

  it('stacks each group’s header above its rows', () => {
    // header 0, [0 1 2], [3 4], header 1, [5 6], header 2, [7 8 9], [10 11 12], [13]
    expect(Array.from(layout.lines.row)).toEqual([-1, 0, 1, -1, 2, -1, 3, 4, 5])
    expect(Array.from(layout.lines.group)).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 2])
    expect([0, 1, 2].map(layout.headerLine)).toEqual([0, 3, 5])
    expect([0, 1, 2, 3, 4, 5].map(layout.rowLine)).toEqual([1, 2, 4, 6, 7, 8])
    expect(layout.headerLine(3)).toBe(-1)
    expect(layout.rowLine(6)).toBe(-1)
  })

  it('fits as many tiles in a row as the width allows', () => {
    expect(columnsFor(1000, 160)).toBe(5)
    expect(columnsFor(320, 160)).toBe(1)
    expect(columnsFor(100, 160)).toBe(1)
  })

  it('moves down and up across group headers, keeping the column or taking the short row’s last tile', () => {
    expect(moveInGroups(key('ArrowDown'), 1, layout, 3)).toBe(4)
    // From the short row of group 0 to the first row of group 1, same column.
    expect(moveInGroups(key('ArrowDown'), 4, layout, 3)).toBe(6)
    expect(moveInGroups(key('ArrowDown'), 2, layout, 3)).toBe(4)
    expect(moveInGroups(key('ArrowDown'), 6, layout, 3)).toBe(8)
    expect(moveInGroups(key('ArrowUp'), 9, layout, 3)).toBe(6)
    expect(moveInGroups(key('ArrowUp'), 5, layout, 3)).toBe(3)
    // Past the first row, to the first item, as in every grid.
    expect(moveInGroups(key('ArrowUp'), 1, layout, 3)).toBe(0)
    expect(moveInGroups(key('ArrowDown'), 12, layout, 3)).toBe(13)
  })

  it('moves along the list with left and right, and to row and list ends with Home and End', () => {
    expect(moveInGroups(key('ArrowRight'), 4, layout, 3)).toBe(5)
    expect(moveInGroups(key('ArrowLeft'), 5, layout, 3)).toBe(4)
    expect(moveInGroups(key('End'), 10, layout, 3)).toBe(12)
    expect(moveInGroups(key('Home'), 12, layout, 3)).toBe(10)
    expect(moveInGroups(key('End', { ctrlKey: true }), 0, layout, 3)).toBe(13)
    expect(moveInGroups(key('PageDown'), 0, layout, 3)).toBe(7)
    expect(moveInGroups(key('x'), 0, layout, 3)).toBeUndefined()
  })
})
