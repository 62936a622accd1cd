import { describe, expect, it } from 'vitest'
import { placeKey, readPlace, savePlace } from '../../src/grid/place'

describe('kept grid place', () => {
  it('comes back for the same history entry and list, and not for another', () => {
    savePlace(placeKey('entry-1', 'piktid/assets'), { index: 1200, key: 'as01200' })
    savePlace(placeKey('entry-2', 'piktid/assets?include_tags=model'), { index: 40 })
    expect(readPlace(placeKey('entry-1', 'piktid/assets'))).toEqual({ index: 1200, key: 'as01200' })
    expect(readPlace(placeKey('entry-2', 'piktid/assets?include_tags=model'))).toEqual({ index: 40, key: undefined })
    expect(readPlace(placeKey('entry-1', 'piktid/assets?include_tags=model'))).toBeNull()
  })

  it('keeps the latest place of an entry', () => {
    const key = placeKey('entry-3', 'list')
    savePlace(key, { index: 10 })
    savePlace(key, { index: 500 })
    expect(readPlace(key)?.index).toBe(500)
  })

  it('ignores damaged storage', () => {
    sessionStorage.setItem('vitrine:places', '{not json')
    expect(readPlace(placeKey('entry-1', 'piktid/assets'))).toBeNull()
    sessionStorage.setItem('vitrine:places', JSON.stringify([['entry-4:list', { index: -3 }]]))
    expect(readPlace('entry-4:list')).toBeNull()
  })

  it('forgets the oldest places beyond two hundred', () => {
    sessionStorage.clear()
    for (let i = 0; i < 210; i++) savePlace(placeKey(`e${i}`, 'list'), { index: i })
    expect(readPlace(placeKey('e0', 'list'))).toBeNull()
    expect(readPlace(placeKey('e209', 'list'))?.index).toBe(209)
  })
})
