import { describe, expect, it } from 'vitest'
import {
  countInSpan,
  emptySelection,
  isSelected,
  selectAll,
  selectRange,
  selectedCount,
  selectedSpans,
  setSpan,
  toggle,
} from '../../src/grid/selection'

describe('grid selection', () => {
  it('selects a Shift range across indexes whose items are not loaded, and counts all of it', () => {
    const start = toggle(emptySelection, 10, 'k10')
    const range = selectRange(start, 4009)
    expect(selectedCount(range)).toBe(4000)
    // No key is known for index 2500 yet; the range alone says it is selected.
    expect(isSelected(range, 2500, undefined)).toBe(true)
    expect(isSelected(range, 4010, 'k4010')).toBe(false)
    expect(selectedSpans(range)).toEqual([[10, 4009]])
  })

  it('toggles single items on and off, inside and outside a range', () => {
    let s = toggle(emptySelection, 3, 'a')
    s = toggle(s, 7, 'b')
    expect(selectedCount(s)).toBe(2)
    s = toggle(s, 3, 'a')
    expect(selectedCount(s)).toBe(1)
    expect(isSelected(s, 3, 'a')).toBe(false)
    // The range starts where the last toggle was (3), and takes in 'b' at 7.
    s = selectRange(s, 20)
    expect(selectedCount(s)).toBe(18)
    s = toggle(s, 12, 'c')
    expect(isSelected(s, 12, 'c')).toBe(false)
    expect(selectedCount(s)).toBe(17)
    expect(selectedSpans(s)).toEqual([[3, 20]])
  })

  it('extends from the last toggled item, merging overlapping ranges', () => {
    let s = toggle(emptySelection, 50, 'x')
    s = selectRange(s, 40)
    s = selectRange(s, 60)
    expect(selectedCount(s)).toBe(21)
    expect(selectedSpans(s)).toEqual([[40, 60]])
  })

  it('clears to nothing', () => {
    const s = selectRange(toggle(emptySelection, 0, 'a'), 99)
    expect(selectedCount(s)).toBe(100)
    expect(selectedCount(emptySelection)).toBe(0)
    expect(isSelected(emptySelection, 5, 'a')).toBe(false)
  })

  it('counts and sets a whole group’s span over ranges and single toggles', () => {
    // 0–9 by range, 4 toggled off inside it, 15 toggled on outside it.
    let s = selectRange(toggle(emptySelection, 0, 'k0'), 9)
    s = toggle(s, 4, 'k4')
    s = toggle(s, 15, 'k15')
    expect(countInSpan(s, 0, 9)).toBe(9)
    expect(countInSpan(s, 5, 19)).toBe(6)
    expect(countInSpan(s, 20, 29)).toBe(0)

    // Selecting the group 5–19 takes in everything there and keeps what is outside.
    const on = setSpan(s, 5, 19, true)
    expect(countInSpan(on, 5, 19)).toBe(15)
    expect(isSelected(on, 4, 'k4')).toBe(false)
    expect(selectedCount(on)).toBe(19)
    // Spans list candidates; 4 stays toggled off within them.
    expect(selectedSpans(on)).toEqual([[0, 19]])

    // Unselecting it cuts the range and drops the single toggles inside.
    const off = setSpan(on, 2, 16, false)
    expect(countInSpan(off, 2, 16)).toBe(0)
    expect(selectedSpans(off)).toEqual([
      [0, 1],
      [17, 19],
    ])
    expect(selectedCount(off)).toBe(5)
    expect(isSelected(off, 15, 'k15')).toBe(false)
  })
})

describe('select all', () => {
  it('selects every index of a list of known length, loaded or not', () => {
    const all = selectAll(5000)
    expect(selectedCount(all)).toBe(5000)
    expect(isSelected(all, 4999, undefined)).toBe(true)
    expect(isSelected(all, 5000, undefined)).toBe(false)
    expect(selectAll(0)).toEqual(emptySelection)
  })

  it('runs to the end of a list whose length is not known yet, however far that is', () => {
    const all = selectAll(240, false)
    expect(selectedCount(all)).toBe(Infinity)
    expect(isSelected(all, 1_000_000, undefined)).toBe(true)
    expect(selectedSpans(all)).toEqual([[0, Infinity]])
    // One item toggled off inside it stays off.
    const but = toggle(all, 7, 'k7')
    expect(isSelected(but, 7, 'k7')).toBe(false)
    expect(isSelected(but, 8, 'k8')).toBe(true)
  })
})
