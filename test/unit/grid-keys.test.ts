import { describe, expect, it } from 'vitest'
import { moveTarget } from '../../src/grid/grid-keys'

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
