import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  groupLabels,
  indexAtFraction,
  labelAt,
  letterLabel,
  monthLabel,
  observe,
  qualityLabel,
  refinements,
  samplePositions,
  stepTarget,
  ticks,
  type Known,
  type SortLabel,
} from '../../src/grid/scrubber-model'

const rankLabel = (rank: number): SortLabel => ({ text: `L${rank}`, rank, major: `M${Math.floor(rank / 12)}` })

/** Observes single items of `ranks` at `indexes` (samples) and the run `loaded` [from, to). */
function learn(ranks: readonly number[], indexes: readonly number[], loaded?: [number, number]): Known {
  let known: Known = []
  for (const i of indexes) known = observe(known, i, [rankLabel(ranks[i] as number)])
  if (loaded) known = observe(known, loaded[0], ranks.slice(loaded[0], loaded[1]).map(rankLabel))
  return known
}

describe('labels of a sort key', () => {
  it('names the month and year of a date, ranking consecutive months one apart across a new year', () => {
    const dec = monthLabel('2020-12-31T12:00:00')
    const jan = monthLabel('2021-01-01T12:00:00')
    expect(dec?.text).toBe('Dec 2020')
    expect(jan?.text).toBe('Jan 2021')
    expect(jan?.major).toBe('2021')
    expect((jan?.rank ?? 0) - (dec?.rank ?? 0)).toBe(1)
    expect(monthLabel('not a date')).toBeNull()
    expect(monthLabel(null)).toBeNull()
  })

  it('names a file by its first letter in capitals, digits as one label', () => {
    expect(letterLabel('look-0001.jpg')?.text).toBe('L')
    expect(letterLabel('Look.jpg')?.rank).toBe(letterLabel('look.jpg')?.rank)
    expect(letterLabel('2021 shoot.png')?.text).toBe('0–9')
    expect(letterLabel('9.png')?.rank).toBe(letterLabel('0.png')?.rank)
    expect(letterLabel('  émile')?.text).toBe('é')
    expect(letterLabel('')).toBeNull()
  })

  it('bands quality scores as tiles show them, unscored images last in either order', () => {
    expect(qualityLabel(0.873, 'desc').text).toBe('Q 80–89')
    expect(qualityLabel(0.899, 'desc').text).toBe('Q 90–100')
    expect(qualityLabel(1, 'desc').text).toBe('Q 90–100')
    expect(qualityLabel(0, 'asc').text).toBe('Q 0–9')
    expect(qualityLabel(null, 'desc').rank).toBeLessThan(qualityLabel(0, 'desc').rank)
    expect(qualityLabel(null, 'asc').rank).toBeGreaterThan(qualityLabel(1, 'asc').rank)
  })
})

describe('the label at an index', () => {
  // 1,000 items over months 0..39, falling (newest first).
  const ranks = Array.from({ length: 1000 }, (_, i) => 39 - Math.floor(i / 25))

  it('is exact where loaded and between two samples of one label', () => {
    const known = learn(ranks, [0, 30, 45], [500, 600])
    expect(labelAt(known, 550)).toEqual({ text: 'L17', exact: true })
    expect(labelAt(known, 40)).toEqual({ text: 'L38', exact: true })
  })

  it('is the nearer of two neighbouring labels, not exact', () => {
    const known = learn(ranks, [0, 25])
    expect(labelAt(known, 3)).toEqual({ text: 'L39', exact: false })
    expect(labelAt(known, 20)).toEqual({ text: 'L38', exact: false })
  })

  it('says the range where the known labels are further apart, and asks for its middle', () => {
    const known = learn(ranks, [0, 999])
    expect(labelAt(known, 500)).toEqual({ text: 'L39 – L0', exact: false })
    expect(refinements(known, new Set(), 4)).toEqual([500])
  })

  it('knows nothing past the last known item', () => {
    expect(labelAt(learn(ranks, [], [0, 100]), 150).text).toBeNull()
  })

  it('never lies by more than one label, however samples and pages fall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 400 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 120 }))),
        (steps, falling, picks, page) => {
          let rank = 0
          const sorted = steps.map((s) => (rank += s))
          const list = falling ? sorted.reverse() : sorted
          const samples = picks.map((p) => p % list.length)
          const loaded = page
            ? ([page[0] % list.length, (page[0] % list.length) + page[1]] as [number, number])
            : undefined
          let known = learn(list, samples, loaded)
          // Refining as the scrubber does: until no gap spans more than neighbours.
          const asked = new Set<number>()
          for (let round = 0; round < 20; round++) {
            const more = refinements(known, asked, 8)
            if (more.length === 0) break
            for (const i of more) {
              asked.add(i)
              known = observe(known, i, [rankLabel(list[i] as number)])
            }
          }
          list.forEach((truth, i) => {
            const got = labelAt(known, i)
            if (got.text === null) return
            const ranksShown = got.text.split(' – ').map((t) => Number(t.slice(1)))
            if (got.exact) expect(ranksShown).toEqual([truth])
            else if (ranksShown.length === 1) expect(Math.abs((ranksShown[0] as number) - truth)).toBeLessThanOrEqual(1)
            else {
              const [a, b] = ranksShown as [number, number]
              expect(truth).toBeGreaterThanOrEqual(Math.min(a, b))
              expect(truth).toBeLessThanOrEqual(Math.max(a, b))
            }
          })
          // With both ends known and refined to the end, no range is left.
          if (samples.includes(0) && samples.includes(list.length - 1))
            list.forEach((_, i) => expect(labelAt(known, i).text).not.toContain(' – '))
        },
      ),
    )
  })

  it('reads a list whose labels break the order from its known items only, never as exact', () => {
    let known: Known = observe([], 0, [rankLabel(5)])
    known = observe(known, 10, [rankLabel(1)])
    known = observe(known, 20, [rankLabel(5)])
    expect(labelAt(known, 14)).toEqual({ text: 'L1', exact: false })
    expect(refinements(known, new Set(), 4)).toEqual([])
  })
})

describe('samples, ticks and keys', () => {
  it('spreads samples evenly with both ends', () => {
    expect(samplePositions(1_000_000, 5)).toEqual([0, 250_000, 499_999 + 1, 749_999, 999_999])
    expect(samplePositions(3, 24)).toEqual([0, 1, 2])
    expect(samplePositions(0, 24)).toEqual([])
  })

  it('marks each year where it begins, exactly where loaded, mid-gap where sampled', () => {
    // Months 23..0 (two years, newest first), 10 items a month.
    const ranks = Array.from({ length: 240 }, (_, i) => 23 - Math.floor(i / 10))
    const known = learn(ranks, [0, 100, 239], [110, 130])
    expect(ticks(known)).toEqual([
      { index: 0, text: 'M1', exact: true },
      { index: 120, text: 'M0', exact: true },
    ])
    expect(ticks(learn(ranks, [0, 100, 200]))).toEqual([
      { index: 0, text: 'M1', exact: true },
      { index: 151, text: 'M0', exact: false },
    ])
  })

  it('moves by labels with the arrows, by years with the page keys, to the ends with Home and End', () => {
    const ranks = Array.from({ length: 240 }, (_, i) => 23 - Math.floor(i / 10))
    const known = learn(ranks, [], [0, 240])
    expect(stepTarget(known, 0, 'next', 240)).toBe(10)
    expect(stepTarget(known, 15, 'prev', 240)).toBe(10)
    expect(stepTarget(known, 10, 'prev', 240)).toBe(0)
    expect(stepTarget(known, 0, 'next-major', 240)).toBe(120)
    expect(stepTarget(known, 130, 'prev-major', 240)).toBe(120)
    expect(stepTarget(known, 235, 'next', 240)).toBe(239)
    expect(stepTarget(known, 50, 'last', 240)).toBe(239)
    expect(stepTarget(known, 50, 'first', 240)).toBe(0)
  })

  it('maps the track to items, the bottom to the last', () => {
    expect(indexAtFraction(0, 100)).toBe(0)
    expect(indexAtFraction(0.5, 100)).toBe(50)
    expect(indexAtFraction(1, 100)).toBe(99)
    expect(indexAtFraction(-1, 100)).toBe(0)
  })
})

describe('the labels of a grouped list', () => {
  // Projects newest first: their names follow no order, and two may share one.
  const groups = [
    { start: 0, count: 7, name: 'Summer' },
    { start: 7, count: 3, name: 'Autumn' },
    { start: 10, count: 0, name: 'Empty' },
    { start: 10, count: 5, name: 'Summer' },
  ]
  const known = groupLabels(groups, (g) => g.name)

  it('names every item of a group by it, exactly, and nothing past the groups seen', () => {
    expect(labelAt(known, 0)).toEqual({ text: 'Summer', exact: true })
    expect(labelAt(known, 9)).toEqual({ text: 'Autumn', exact: true })
    expect(labelAt(known, 14)).toEqual({ text: 'Summer', exact: true })
    expect(labelAt(known, 15)).toEqual({ text: null, exact: false })
  })

  it('steps and marks the track group by group, a name met again included', () => {
    expect(stepTarget(known, 0, 'next', 40)).toBe(7)
    expect(stepTarget(known, 7, 'next', 40)).toBe(10)
    expect(stepTarget(known, 12, 'prev', 40)).toBe(10)
    expect(stepTarget(known, 10, 'prev', 40)).toBe(7)
    expect(ticks(known).map((t) => [t.index, t.text, t.exact])).toEqual([
      [0, 'Summer', true],
      [7, 'Autumn', true],
      [10, 'Summer', true],
    ])
  })
})
