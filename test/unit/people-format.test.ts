import { describe, expect, it } from 'vitest'
import { formatTotal, itemNoun } from '../../src/features/assets/format'
import { peopleCountText, personName, personSortLabel, photoCountText } from '../../src/features/people/format'
import { parsePeopleSearch, peopleSearchToUrl } from '../../src/features/people/search'
import { gumnutFilterSchema } from '../../src/dialects/gumnut/filters'
import { activeFilters } from '../../src/filters/search-values'
import { gumnutPeopleParams } from '../../src/shared/gumnut'
import { strictQuery } from '../../src/shared/query-rules'

describe('counts without a total', () => {
  it('reads "1,200+ photos" while more exist and "1,200 photos" at the end', () => {
    expect(formatTotal(1200, false, itemNoun('gumnut'))).toBe('1,200+ photos')
    expect(formatTotal(1200, true, itemNoun('gumnut'))).toBe('1,200 photos')
    expect(formatTotal(1, true, itemNoun('piktid'))).toBe('1 asset')
  })

  it("counts a person's photos from the API when it counts them, else from the list", () => {
    const walking = { count: 200, exact: false, initialLoading: false }
    expect(photoCountText({ photoCount: null }, walking)).toBe('200+ photos')
    expect(photoCountText({ photoCount: null }, { ...walking, count: 1, exact: true })).toBe('1 photo')
    expect(photoCountText({ photoCount: 374 }, walking)).toBe('374 photos')
    expect(photoCountText({ photoCount: null }, { ...walking, initialLoading: true })).toBeNull()
  })

  it('counts people, and names the unnamed', () => {
    expect(peopleCountText(100, false)).toBe('100+ people')
    expect(peopleCountText(1, true)).toBe('1 person')
    expect(personName({ name: null })).toBe('Unnamed person')
  })
})

describe('people search in the URL', () => {
  it("keeps the server's names, drops what it would refuse, and writes defaults as nothing", () => {
    expect(parsePeopleSearch({ name: '  Ro ', include_hidden: 'true', page: '2' })).toEqual({
      name: 'Ro',
      includeHidden: true,
    })
    expect(parsePeopleSearch({ name: '', include_hidden: 'yes' })).toEqual({})
    expect(peopleSearchToUrl({ name: 'Ro', includeHidden: true })).toEqual({ name: 'Ro', include_hidden: 'true' })
    expect(peopleSearchToUrl({})).toEqual({})
  })

  it('keeps only a name the server searches for: none over its length, none with a control character', () => {
    for (const name of ['x'.repeat(101), `Ro${'\u0000'}sa`, ` ${'é'.repeat(150)} `]) {
      const kept = parsePeopleSearch({ name, include_hidden: 'true' })
      expect(kept).toEqual({ includeHidden: true })
      expect(strictQuery(gumnutPeopleParams, peopleSearchToUrl(kept)).ok).toBe(true)
    }
    expect(parsePeopleSearch({ name: ` ${'x'.repeat(100)} ` })).toEqual({ name: 'x'.repeat(100) })
  })
})

describe('chips of filters chosen by name', () => {
  it('say the name once known, the id before', () => {
    const search = { person_id: 'person_b', album_id: 'album_1' }
    const named = activeFilters(gumnutFilterSchema.controls, search, new Map([['person_id', 'Rosa Silva']]))
    expect(named.map((f) => f.label)).toEqual(['Album: album_1', 'Person: Rosa Silva'])
    expect(named[1]?.remove(search)).toEqual({ album_id: 'album_1' })
  })
})

describe('people scrubber labels', () => {
  it('says favourites first, then photo-count bands falling with the list order', () => {
    const label = (isFavorite: boolean, photoCount: number | null) => personSortLabel({ isFavorite, photoCount })
    expect(label(true, 3)?.text).toBe('Favourites')
    expect(label(false, 1200)?.text).toBe('1,000+ photos')
    expect(label(false, 30)?.text).toBe('25–49 photos')
    expect(label(false, 1)?.text).toBe('1–4 photos')
    expect(label(false, 0)?.text).toBe('No photos')
    expect(label(false, null)).toBeNull()
    const ranks = [label(true, 1), label(false, 1200), label(false, 30), label(false, 0)].map((l) => l?.rank ?? NaN)
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a))
    expect((label(true, 1)?.rank ?? 0) - (label(false, 1200)?.rank ?? 0)).toBe(1)
  })
})
