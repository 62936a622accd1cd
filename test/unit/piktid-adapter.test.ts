import { describe, expect, it } from 'vitest'
import { parsePiktidFilters, piktidFiltersToSearch } from '../../src/dialects/piktid/filters'
import { mapPiktidAssetBody, mapPiktidPage, piktidError } from '../../src/dialects/piktid/mapper'
import { buildAssetUrl, buildAssetsUrl } from '../../src/dialects/piktid/request'
import type { SourceConfig } from '../../src/dialects/types'
import { wireAsset, wirePage } from '../fixtures/piktid'

const source: SourceConfig = {
  id: 'piktid',
  name: 'PiktID demo',
  dialect: 'piktid',
  baseUrl: 'http://host.test/api/piktid',
  credentials: { token: 't' },
}

describe('PiktID request builder', () => {
  it('puts every filter under its seed 000 name, then page and per_page', () => {
    const url = buildAssetsUrl(
      source,
      {
        search: 'linen',
        include_tags: ['model', 'product'],
        exclude_tags: ['background'],
        ownership: 'shared',
        created_by: 'bob',
        created_after: '2025-01-01',
        created_before: '2025-06-30T12:00:00Z',
        sort_by: 'filename',
        order: 'asc',
      },
      3,
      100,
    )
    expect(url.origin + url.pathname).toBe('http://host.test/api/piktid/assets')
    expect(url.search).toBe(
      '?search=linen&include_tags=model,product&exclude_tags=background&ownership=shared&created_by=bob' +
        '&created_after=2025-01-01&created_before=2025-06-30T12%3A00%3A00Z&sort_by=filename&order=asc&page=3&per_page=100',
    )
  })

  it('leaves API defaults out of the request', () => {
    const url = buildAssetsUrl(source, { sort_by: 'created_at', order: 'desc' }, 1, 20)
    expect(url.search).toBe('?page=1&per_page=20')
  })

  it('keeps the base URL path and escapes the asset id', () => {
    expect(buildAssetUrl(source, 'a/b c').toString()).toBe('http://host.test/api/piktid/assets/a%2Fb%20c')
  })
})

describe('PiktID filters from the URL', () => {
  it('drops values outside the seed enums and ranges instead of failing', () => {
    expect(
      parsePiktidFilters({ order: 'sideways', sort_by: 'size', ownership: 'everyone', per_page: 'abc', page: '4' }),
    ).toEqual({})
  })

  it('drops defaults so they never reach the URL', () => {
    expect(parsePiktidFilters({ order: 'desc', sort_by: 'created_at' })).toEqual({})
    expect(parsePiktidFilters({ order: 'asc', sort_by: 'filename' })).toEqual({ order: 'asc', sort_by: 'filename' })
  })

  it('keeps only known tags, in documented order, and lets include win over exclude', () => {
    expect(parsePiktidFilters({ include_tags: 'product,bogus,MODEL', exclude_tags: 'model,other' })).toEqual({
      include_tags: ['model', 'product'],
      exclude_tags: ['other'],
    })
  })

  it('accepts ISO 8601 dates and rejects other strings', () => {
    expect(parsePiktidFilters({ created_after: '2025-02-03', created_before: '2025-02-30x' })).toEqual({
      created_after: '2025-02-03',
    })
    expect(parsePiktidFilters({ created_after: '2025-02-03T10:00:00+02:00' }).created_after).toBe(
      '2025-02-03T10:00:00+02:00',
    )
  })

  it('trims search text and ignores blank or oversized values', () => {
    expect(parsePiktidFilters({ search: '  linen  ' })).toEqual({ search: 'linen' })
    expect(parsePiktidFilters({ search: '   ' })).toEqual({})
    expect(parsePiktidFilters({ search: 'x'.repeat(201) })).toEqual({})
  })

  it('turns numbers the router parsed back into strings', () => {
    expect(parsePiktidFilters({ search: 412 })).toEqual({ search: '412' })
  })

  it('round-trips through the URL form', () => {
    const raw = {
      search: 'look',
      include_tags: 'model',
      exclude_tags: 'background,other',
      sort_by: 'filename',
      order: 'asc',
    }
    expect(piktidFiltersToSearch(parsePiktidFilters(raw))).toEqual(raw)
  })
})

describe('PiktID response mapper', () => {
  it('maps every wire field to the uniform asset', () => {
    const asset = mapPiktidAssetBody(wireAsset(4), 'http://host.test')
    expect(asset).toEqual({
      id: 'as00004',
      name: 'look-0004-front.jpg',
      thumbnailUrl: 'http://host.test/media/thumb-small/as00004.webp?s=sig',
      previewUrl: 'http://host.test/media/thumb-big/as00004.webp?s=sig',
      thumbnailSrcSet:
        'http://host.test/media/thumb-small/as00004.webp?s=sig 213w, http://host.test/media/thumb-big/as00004.webp?s=sig 853w',
      originalUrl: 'http://host.test/media/original/as00004.jpg?s=sig',
      width: 2000,
      height: 3000,
      createdAt: wireAsset(4).created_at,
      createdBy: 'alice',
      tags: ['model', 'product'],
      visibility: 'shared',
      note: 'Tuck the shirt, roll sleeves twice.',
      detections: [{ label: 'person', confidence: 0.97, box: [0.2, 0.1, 0.5, 0.8] }],
      project: { id: '7', name: 'Spring Linen', key: 'SPR-LIN' },
    })
  })

  it('tolerates the nulls the seed allows', () => {
    const asset = mapPiktidAssetBody(
      wireAsset(1, {
        thumbnail_small: null,
        thumbnail_big: null,
        dimensions: null,
        detected: null,
        project: undefined,
      }),
      'http://host.test',
    )
    expect(asset.thumbnailUrl).toBeNull()
    expect(asset.previewUrl).toBeNull()
    expect(asset.width).toBeNull()
    expect(asset.detections).toEqual([])
    expect(asset.project).toBeNull()
  })

  it('derives the offset and page params from the pagination envelope', () => {
    const middle = mapPiktidPage(wirePage(3, 100, 1000), 100, 'http://host.test')
    expect(middle.offset).toBe(200)
    expect(middle.total).toBe(1000)
    expect(middle.nextPageParam).toBe(4)
    expect(middle.prevPageParam).toBe(2)
    const last = mapPiktidPage(wirePage(10, 100, 1000), 100, 'http://host.test')
    expect(last.nextPageParam).toBeUndefined()
    expect(mapPiktidPage(wirePage(1, 100, 1000), 100, 'http://host.test').prevPageParam).toBeUndefined()
  })

  it('refuses a body that is not an assets page', () => {
    expect(() => mapPiktidPage({ items: [] }, 20, 'http://host.test')).toThrow(/not a list of assets/)
  })

  it('lists every bad field of a PiktID error envelope', () => {
    const error = piktidError(
      400,
      {
        error: 'Invalid request',
        detail: [
          { field: 'per_page', message: 'must be at most 100', position: 'query' },
          { field: null, message: 'bad', position: 'query' },
        ],
      },
      'PiktID demo',
    )
    expect(error.status).toBe(400)
    expect(error.details).toEqual(['per_page: must be at most 100', 'bad'])
    expect(piktidError(401, null, 'PiktID demo').message).toMatch(/token/)
  })
})
