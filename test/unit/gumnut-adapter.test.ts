import { afterEach, describe, expect, it, vi } from 'vitest'
import { createGumnutAdapter } from '../../src/dialects/gumnut/adapter'
import { gumnutFiltersToSearch, parseGumnutFilters } from '../../src/dialects/gumnut/filters'
import { gumnutError, mapGumnutAsset, mapGumnutAssetBody, readAssetsPage } from '../../src/dialects/gumnut/mapper'
import { QueryClient } from '@tanstack/react-query'
import { ListWindow } from '../../src/grid/list-window'
import type { GumnutCursor } from '../../src/dialects/gumnut/pagination'
import type { Asset } from '../../src/dialects/types'
import { buildAssetsUrl, buildAssetUrl, buildFacesUrl, buildPeopleUrl } from '../../src/dialects/gumnut/request'
import { ApiError } from '../../src/dialects/http'
import type { SourceConfig } from '../../src/dialects/types'
import type { GumnutAsset } from '../../src/shared/gumnut'
import { gumnutAsset, gumnutFacesPage, gumnutPeoplePage, slimGumnutAsset } from '../fixtures/gumnut'

const source: SourceConfig = {
  id: 'gumnut',
  name: 'Gumnut demo',
  dialect: 'gumnut',
  baseUrl: 'http://localhost/api/gumnut',
  credentials: { token: 'demo-alice' },
}
/** The source's origin: media links that are paths resolve against it. */
const ORIGIN = 'http://localhost'
const resolved = (path: string | null | undefined) => path && new URL(path, ORIGIN).href

describe('mapGumnutAsset', () => {
  it('maps a full photo: file name, capture time, images, size and device', () => {
    const asset = mapGumnutAsset(gumnutAsset, ORIGIN)
    expect(asset.id).toBe('asset_xkt2sknq')
    expect(asset.name).toBe('PXL_20250317_200354149.jpg')
    expect(asset.createdAt).toBe('2025-03-17T20:03:54Z')
    expect(asset.createdBy).toBe('pixel-f8724f31')
    expect(asset.thumbnailUrl).toBe(resolved(gumnutAsset.thumbnail_url))
    expect(asset.originalUrl).toBe(resolved(gumnutAsset.download_url))
    expect([asset.width, asset.height]).toEqual([3072, 4080])
  })

  it('turns pixel face boxes into fractions of the image, with who each face is', () => {
    const faces = mapGumnutAsset(gumnutAsset, ORIGIN).faces ?? []
    expect(faces).toHaveLength(4)
    const [first, second, , last] = faces
    expect(first?.box).toEqual([303 / 3072, 788 / 4080, 340 / 3072, 425 / 4080])
    expect(first?.personId).toBe('person_1ne5e3dd')
    expect(first?.personName).toBe('Rosa')
    // A recognised but unnamed person, and a face not recognised as anyone.
    expect(second?.personId).toBe('person_vdzqdqyd')
    expect(second?.personName).toBeNull()
    expect(last?.personId).toBeNull()
    expect(last?.personName).toBeNull()
    for (const face of faces) {
      const [x, y, w, h] = face.box
      expect(x + w).toBeLessThanOrEqual(1)
      expect(y + h).toBeLessThanOrEqual(1)
    }
  })

  it('lists the people in the photo and its EXIF', () => {
    const asset = mapGumnutAsset(gumnutAsset, ORIGIN)
    expect(asset.people?.map((p) => p.name)).toEqual(['Rosa', null, 'Leon Larsen'])
    expect(asset.people?.[0]?.faceUrl).toMatch(/^http:\/\/localhost\/media\/face\//)
    expect(asset.exif).toMatchObject({ make: 'Google', model: 'Pixel 8', city: 'Melbourne', country: 'Australia' })
    expect(asset.exif?.iso).toBe(gumnutAsset.exif?.iso)
    expect(asset.exif?.exposureTime).toBe(gumnutAsset.exif?.exposure_time)
    expect(asset.exif?.takenAt).toBe('2025-03-17T20:03:54Z')
  })

  it('takes Gumnut’s slimmer shape (no exif, faces, people, thumbnail, size) without breaking', () => {
    const asset = mapGumnutAsset(slimGumnutAsset, ORIGIN)
    expect(asset.name).toBe('IMG_0042.HEIC')
    expect(asset.thumbnailUrl).toBeNull()
    expect(asset.originalUrl).toBe('')
    expect(asset.width).toBeNull()
    expect(asset.faces).toBeUndefined()
    expect(asset.people).toBeUndefined()
    expect(asset.exif).toBeUndefined()
    expect(asset.tags).toEqual([])
    expect(asset.detections).toEqual([])
  })

  it('keeps people but places no boxes when the image size is unknown', () => {
    const { width: _w, height: _h, ...withoutSize } = gumnutAsset
    const asset = mapGumnutAsset(withoutSize as GumnutAsset, ORIGIN)
    expect(asset.faces).toBeUndefined()
    expect(asset.people).toHaveLength(3)
  })

  it('treats exif: null as a photo without EXIF and skips malformed faces', () => {
    const asset = mapGumnutAsset(
      {
        ...gumnutAsset,
        exif: null,
        faces: [...(gumnutAsset.faces ?? []).slice(0, 1), { id: 'face_broken', asset_id: gumnutAsset.id } as never],
      },
      ORIGIN,
    )
    expect(asset.exif).toBeNull()
    expect(asset.faces?.map((f) => f.id)).toEqual([gumnutAsset.faces?.[0]?.id])
  })

  it('refuses a body that is not a photo or not a page', () => {
    expect(() => mapGumnutAssetBody({ nope: true }, ORIGIN)).toThrow(ApiError)
    expect(() => readAssetsPage({ assets: [] })).toThrow(ApiError)
    expect(readAssetsPage({ data: [slimGumnutAsset, 42], has_more: true }).data).toHaveLength(1)
  })
})

describe('request builder', () => {
  it('writes the seed’s parameter names after the base URL’s own path', () => {
    const url = buildAssetsUrl(source, { album_id: 'album_1', person_id: 'person_2' }, 'asset_3', 100)
    expect(url.pathname).toBe('/api/gumnut/api/assets')
    expect(url.search).toBe('?album_id=album_1&person_id=person_2&starting_after_id=asset_3&limit=100')
  })

  it('leaves starting_after_id out of the first page and works against the vendor’s own host', () => {
    const url = buildAssetsUrl({ ...source, baseUrl: 'https://api.gumnut.ai' }, { library_id: 'library_9' }, null, 50)
    expect(url.href).toBe('https://api.gumnut.ai/api/assets?library_id=library_9&limit=50')
    expect(buildAssetUrl(source, 'asset_a/b').pathname).toBe('/api/gumnut/api/assets/asset_a%2Fb')
  })

  it('builds people and faces lists with their filters and cursor', () => {
    expect(buildPeopleUrl(source, { name: ' Ro ', includeHidden: true, after: 'person_1' }).search).toBe(
      '?name=Ro&include_hidden=true&starting_after_id=person_1&limit=100',
    )
    expect(buildPeopleUrl(source).search).toBe('?limit=100')
    expect(buildFacesUrl(source, { personId: 'person_1', limit: 20 }).search).toBe('?person_id=person_1&limit=20')
  })
})

describe('gumnut filters', () => {
  it('keeps library_id, album_id and person_id from the URL and drops the rest', () => {
    expect(
      parseGumnutFilters({ person_id: 'person_2', library_id: 'library_1', limit: '5', starting_after_id: 'x' }),
    ).toEqual({ library_id: 'library_1', person_id: 'person_2' })
    expect(parseGumnutFilters({ album_id: '   ', person_id: 'p'.repeat(101) })).toEqual({})
  })

  it('writes them back in the seed’s order', () => {
    expect(Object.keys(gumnutFiltersToSearch({ person_id: 'p', album_id: 'a', library_id: 'l' }))).toEqual([
      'library_id',
      'album_id',
      'person_id',
    ])
  })
})

describe('cursor pagination', () => {
  afterEach(() => vi.unstubAllGlobals())

  /** A fake Gumnut listing of `total` photos, answering as the API does, recording the URLs asked. */
  function fakeListing(total: number) {
    const ids = Array.from({ length: total }, (_, i) => `asset_${String(i).padStart(8, '0')}`)
    const asked: URL[] = []
    const tokens: (string | null)[] = []
    vi.stubGlobal('fetch', async (input: URL, init?: RequestInit) => {
      const url = new URL(input)
      asked.push(url)
      tokens.push(new Headers(init?.headers).get('authorization'))
      const after = url.searchParams.get('starting_after_id')
      const limit = Number(url.searchParams.get('limit'))
      const start = after ? ids.indexOf(after) + 1 : 0
      const data = ids.slice(start, start + limit).map((id) => ({ ...slimGumnutAsset, id }))
      return new Response(JSON.stringify({ data, has_more: start + limit < total }), {
        headers: { 'content-type': 'application/json' },
      })
    })
    return { ids, asked, tokens }
  }

  it('asks for the next page after the last id of the previous one, with no total', async () => {
    const { ids, asked, tokens } = fakeListing(250)
    const adapter = createGumnutAdapter(source)
    const signal = new AbortController().signal
    const seen: string[] = []
    let param = adapter.initialPageParam
    for (let i = 0; i < 3; i++) {
      const page = await adapter.listAssets({}, param, signal)
      expect(page.total).toBeNull()
      expect(page.offset).toBe(i * 100)
      seen.push(...page.items.map((a) => a.id))
      if (!page.nextPageParam) break
      param = page.nextPageParam
    }
    expect(seen).toEqual(ids)
    expect(asked.map((u) => u.searchParams.get('starting_after_id'))).toEqual([null, ids[99], ids[199]])
    expect(tokens).toEqual(['Bearer demo-alice', 'Bearer demo-alice', 'Bearer demo-alice'])
  })

  it('in the shared grid window, fetches a dropped page again from its own cursor when scrolling back', async () => {
    const { ids, asked } = fakeListing(2000)
    const adapter = createGumnutAdapter(source)
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } })
    const w = new ListWindow<Asset, GumnutCursor>(
      {
        queryKey: ['gumnut-test'],
        initialPageParam: adapter.initialPageParam,
        fetchPage: (param, signal) => adapter.listAssets({ person_id: 'person_1' }, param, signal),
        keyOf: (a) => a.id,
        pageSize: adapter.pageSize,
        budget: 300,
      },
      client,
    )
    w.start()
    try {
      const screen = 40
      const showAndWait = async (start: number) => {
        w.show({ startIndex: start, endIndex: start + screen - 1 })
        await vi.waitFor(() => {
          const state = w.getState()
          if (state.itemAt(start) === undefined || state.itemAt(start + screen - 1) === undefined)
            throw new Error('not yet')
        })
      }
      for (let start = 0; start <= 1200; start += screen) await showAndWait(start)
      expect(w.getState().itemAt(0)).toBeUndefined()
      expect(w.getState().exact).toBe(false)
      for (let start = 1200; start >= 0; start -= screen) await showAndWait(start)
      const state = w.getState()
      expect(Array.from({ length: 100 }, (_, i) => state.itemAt(i)?.id)).toEqual(ids.slice(0, 100))
      const cursors = asked.map((u) => u.searchParams.get('starting_after_id'))
      // The first two pages were fetched twice, the second time from their own cursors.
      expect(cursors.filter((c) => c === null)).toHaveLength(2)
      expect(cursors.filter((c) => c === ids[99])).toHaveLength(2)
      expect(asked.every((u) => u.searchParams.get('person_id') === 'person_1')).toBe(true)
    } finally {
      w.stop()
    }
  })
})

describe('people and faces', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists people with their face crops and counts, and the cursor to the next page', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(gumnutPeoplePage)))
    const page = await createGumnutAdapter(source).people?.listPeople({}, new AbortController().signal)
    const first = gumnutPeoplePage.data[0]
    expect(page?.items[0]).toMatchObject({ id: first?.id, name: first?.name, isFavorite: first?.is_favorite })
    expect(page?.items[0]?.faceUrl).toBe(resolved(first?.thumbnail_face_url))
    expect(page?.items[0]?.photoCount).toBe(first?.asset_count)
    expect(page?.nextCursor).toBe(gumnutPeoplePage.has_more ? gumnutPeoplePage.data.at(-1)?.id : undefined)
  })

  it('lists faces with their pixel boxes', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(gumnutFacesPage)))
    const page = await createGumnutAdapter(source).people?.listFaces({ assetId: 'x' }, new AbortController().signal)
    expect(page?.items.map((f) => f.pixelBox)).toEqual(gumnutFacesPage.data.map((f) => f.bounding_box))
    expect(page?.nextCursor).toBeUndefined()
  })
})

describe('gumnutError', () => {
  it('names each bad field of a 422', () => {
    const error = gumnutError(
      422,
      { detail: [{ loc: ['query', 'limit'], msg: 'must be between 1 and 1000', type: 'value_error' }] },
      'Gumnut demo',
    )
    expect(error.status).toBe(422)
    expect(error.details).toEqual(['limit: must be between 1 and 1000'])
  })

  it('reads FastAPI’s text detail and the {error, message} of a 401', () => {
    expect(gumnutError(404, { detail: 'Asset asset_x not found' }, 'G').details).toEqual(['Asset asset_x not found'])
    const unauthorised = gumnutError(401, { error: 'unauthorized', message: 'Invalid or expired token' }, 'G')
    expect(unauthorised.message).toContain('rejected the credentials')
    expect(unauthorised.details).toEqual(['Invalid or expired token'])
  })
})

describe('filter choices by name', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('names libraries, and walks every page of albums and people, each person with their face', async () => {
    const asked: URL[] = []
    vi.stubGlobal('fetch', async (input: URL) => {
      const url = new URL(input)
      asked.push(url)
      const after = url.searchParams.get('starting_after_id')
      if (url.pathname.endsWith('/libraries')) {
        return new Response(JSON.stringify([{ id: 'library_1', name: "Alice's Photos" }, { id: 'library_2' }]))
      }
      if (url.pathname.endsWith('/people')) {
        const data = after
          ? [
              {
                id: 'person_3',
                name: null,
                is_hidden: false,
                is_favorite: false,
                thumbnail_face_url: '/media/face/f3',
                asset_count: 1,
              },
            ]
          : [
              {
                id: 'person_1',
                name: 'Rosa',
                is_hidden: false,
                is_favorite: true,
                thumbnail_face_url: '/media/face/f1',
                asset_count: 1200,
              },
              { id: 'person_2', name: 'Leon', is_hidden: false, is_favorite: false },
            ]
        return new Response(JSON.stringify({ data, has_more: !after }))
      }
      return new Response(
        JSON.stringify({ data: [{ id: 'album_1', name: 'Road trip', asset_count: 3 }], has_more: false }),
      )
    })
    const adapter = createGumnutAdapter(source)
    const signal = new AbortController().signal
    expect(await adapter.filterOptions?.('library_id', signal)).toEqual([
      { value: 'library_1', label: "Alice's Photos" },
      { value: 'library_2', label: 'library_2' },
    ])
    expect(await adapter.filterOptions?.('person_id', signal)).toEqual([
      { value: 'person_1', label: 'Rosa', imageUrl: 'http://localhost/media/face/f1', detail: '1,200 photos' },
      { value: 'person_2', label: 'Leon', imageUrl: null },
      // Unnamed people are told apart by their faces and photo counts.
      { value: 'person_3', label: 'Unnamed person', imageUrl: 'http://localhost/media/face/f3', detail: '1 photo' },
    ])
    expect(
      asked.filter((u) => u.pathname.endsWith('/people')).map((u) => u.searchParams.get('starting_after_id')),
    ).toEqual([null, 'person_2'])
    expect(await adapter.filterOptions?.('album_id', signal)).toEqual([{ value: 'album_1', label: 'Road trip' }])
    expect(await adapter.filterOptions?.('search', signal)).toEqual([])
  })
})
