import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GumnutAsset, GumnutPage, GumnutValidationError } from '../../src/shared/gumnut'
import { createFixture, getJson, type CatalogFixture } from './fixture'
import { readTruth, walkCursor, type Truth } from './gumnut-truth'

let fx: CatalogFixture
let truth: Truth

beforeAll(() => {
  fx = createFixture(300)
  truth = readTruth(fx.catalog)
})
afterAll(() => fx.close())

const ASSETS = '/api/gumnut/api/assets'
const photosOf = (user: string) => truth.photos.filter((p) => p.owner === user)

describe('GET /api/gumnut/api/assets', () => {
  it('answers {data, has_more} with 100 of the caller’s newest photos by default', async () => {
    const { status, body } = await getJson<GumnutPage<GumnutAsset>>(fx.app, ASSETS)
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['data', 'has_more'])
    expect(body.data).toHaveLength(100)
    expect(body.has_more).toBe(true)
    expect(body.data.map((a) => a.id)).toEqual(
      photosOf('alice')
        .slice(0, 100)
        .map((p) => p.id),
    )
  })

  it.each([1, 7, 33, 100, 1000])(
    'walks every photo once, in capture order, with limit=%i cursors',
    async (limit) => {
      const expected = photosOf('alice').map((p) => p.id)
      const { items, pages } = await walkCursor<GumnutAsset>(fx.app, ASSETS, limit)
      const ids = items.map((a) => a.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids).toEqual(expected)
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)))
    },
    30_000,
  )

  it('keeps newest-first order by local_datetime', async () => {
    const { items } = await walkCursor<GumnutAsset>(fx.app, ASSETS, 50, 'bob')
    for (let i = 1; i < items.length; i++) {
      expect((items[i - 1] as GumnutAsset).local_datetime >= (items[i] as GumnutAsset).local_datetime).toBe(true)
    }
    expect(items.map((a) => a.id)).toEqual(photosOf('bob').map((p) => p.id))
  })

  it('narrows to one library with library_id', async () => {
    const library = truth.libraries.find(
      (l) => l.owner === 'alice' && photosOf('alice').some((p) => p.library === l.id),
    )
    if (!library) throw new Error('alice has no library with photos')
    const { items } = await walkCursor<GumnutAsset>(fx.app, `${ASSETS}?library_id=${library.id}`, 40)
    expect(items.map((a) => a.id)).toEqual(
      photosOf('alice')
        .filter((p) => p.library === library.id)
        .map((p) => p.id),
    )
  })

  it('narrows to one album with album_id, in the same order', async () => {
    const album = truth.albums.filter((a) => a.owner === 'alice').sort((a, b) => b.photos.length - a.photos.length)[0]
    if (!album || album.photos.length === 0) throw new Error('alice has no album with photos')
    const { items } = await walkCursor<GumnutAsset>(fx.app, `${ASSETS}?album_id=${album.id}`, 3)
    expect(items.map((a) => a.id)).toEqual(album.photos)
  })

  it('lists a person’s photos with person_id, each showing that person', async () => {
    const person = truth.people.filter((p) => p.owner === 'alice').sort((a, b) => b.photos - a.photos)[0]
    if (!person) throw new Error('alice has no people')
    const { items } = await walkCursor<GumnutAsset>(fx.app, `${ASSETS}?person_id=${person.id}`, 9)
    const expected = new Set(truth.faces.filter((f) => f.person === person.id).map((f) => f.asset))
    expect(items.map((a) => a.id)).toEqual(
      photosOf('alice')
        .filter((p) => expected.has(p.id))
        .map((p) => p.id),
    )
    for (const asset of items) {
      expect(asset.people?.map((p) => p.id)).toContain(person.id)
      expect(asset.faces?.some((f) => f.person_id === person.id)).toBe(true)
    }
  })

  it('combines album_id and person_id', async () => {
    const album = truth.albums.filter((a) => a.owner === 'alice').sort((a, b) => b.photos.length - a.photos.length)[0]
    if (!album) throw new Error('no album')
    const inAlbum = new Set(album.photos)
    const face = truth.faces.find((f) => f.person !== null && inAlbum.has(f.asset))
    if (!face?.person) throw new Error('no recognised face in the album')
    const withPerson = new Set(truth.faces.filter((f) => f.person === face.person).map((f) => f.asset))
    const { items } = await walkCursor<GumnutAsset>(
      fx.app,
      `${ASSETS}?album_id=${album.id}&person_id=${face.person}`,
      2,
    )
    expect(items.map((a) => a.id)).toEqual(album.photos.filter((id) => withPerson.has(id)))
  })

  it('sends every seed field, with EXIF, faces in the photo’s pixels, people and media URLs', async () => {
    const { body } = await getJson<GumnutPage<GumnutAsset>>(fx.app, `${ASSETS}?limit=1000`)
    const asset = body.data.find((a) => a.exif && (a.faces?.length ?? 0) >= 2)
    if (!asset) throw new Error('no photo with EXIF and two faces')
    for (const field of [
      'id',
      'device_asset_id',
      'device_id',
      'mime_type',
      'original_file_name',
      'file_created_at',
      'file_modified_at',
      'local_datetime',
      'checksum',
      'created_at',
      'updated_at',
      'exif',
      'metrics',
      'download_url',
      'thumbnail_url',
      'faces',
      'people',
    ]) {
      expect(asset, field).toHaveProperty(field)
    }
    expect(asset.id).toMatch(/^asset_[0-9a-z]{8}$/)
    expect(asset.checksum).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(asset.exif?.make).toBeTruthy()
    expect(asset.exif?.iso).toBeGreaterThan(0)
    expect(asset.exif?.original_datetime).toBe(asset.local_datetime)
    expect(Object.keys(asset.exif ?? {})).toHaveLength(25)
    const stored = truth.photos.find((p) => p.id === asset.id)
    for (const face of asset.faces ?? []) {
      const { x, y, w, h } = face.bounding_box
      expect(x).toBeGreaterThanOrEqual(0)
      expect(y).toBeGreaterThanOrEqual(0)
      expect(x + w).toBeLessThanOrEqual(stored?.width ?? 0)
      expect(y + h).toBeLessThanOrEqual(stored?.height ?? 0)
      expect(face.asset_id).toBe(asset.id)
      expect(face.thumbnail_url).toMatch(/^\/media\/face\/face_[0-9a-z]{8}\.webp\?e=\d+&s=/)
    }
    const named = new Set((asset.faces ?? []).map((f) => f.person_id).filter(Boolean))
    expect(new Set(asset.people?.map((p) => p.id))).toEqual(named)
    expect(asset.download_url).toMatch(/^\/media\/original\/asset_/)
    expect(asset.thumbnail_url).toMatch(/^\/media\/thumb-small\/asset_/)
  })

  it('sends exif: null for screenshots, which carry none', async () => {
    const shot = photosOf('alice').find((p) => p.mime === 'image/png')
    if (!shot) throw new Error('no screenshot')
    const { status, body } = await getJson<GumnutAsset>(fx.app, `${ASSETS}/${shot.id}`)
    expect(status).toBe(200)
    expect(body.exif).toBeNull()
    expect(body.faces).toEqual([])
    expect(body.original_file_name).toMatch(/^Screenshot .*\.png$/)
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['starting_after_id=asset_00000000', 'starting_after_id'],
    ['starting_after_id=nonsense', 'starting_after_id'],
    ['album_id=not-an-album', 'album_id'],
  ])('rejects %s with a 422 naming %s', async (query, field) => {
    const { status, body } = await getJson<GumnutValidationError>(fx.app, `${ASSETS}?${query}`)
    expect(status).toBe(422)
    expect(body.detail).toHaveLength(1)
    expect(body.detail[0]?.loc).toEqual(['query', field])
    expect(typeof body.detail[0]?.msg).toBe('string')
    expect(typeof body.detail[0]?.type).toBe('string')
  })

  it('accepts limit=1 and limit=1000, the ends of the range', async () => {
    expect((await getJson<GumnutPage<GumnutAsset>>(fx.app, `${ASSETS}?limit=1`)).body.data).toHaveLength(1)
    const all = await getJson<GumnutPage<GumnutAsset>>(fx.app, `${ASSETS}?limit=1000`)
    expect(all.body.data).toHaveLength(photosOf('alice').length)
    expect(all.body.has_more).toBe(false)
  })

  it('refuses another user’s photo as a cursor with a 422, without revealing it', async () => {
    const bobs = photosOf('bob')[0]
    const { status, body } = await getJson<GumnutValidationError>(fx.app, `${ASSETS}?starting_after_id=${bobs?.id}`)
    expect(status).toBe(422)
    expect(body.detail[0]?.loc).toEqual(['query', 'starting_after_id'])
  })

  it.each([null, 'bad'] as const)('answers 401 {error, message} without a valid token (%s)', async (token) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
    const res = await fx.app.request(ASSETS, { headers })
    expect(res.status).toBe(401)
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['error', 'message'])
  })
})

describe('GET /api/gumnut/api/assets/{id}', () => {
  it('returns the caller’s photo with the fields the list has', async () => {
    const { body: list } = await getJson<GumnutPage<GumnutAsset>>(fx.app, `${ASSETS}?limit=5`)
    const first = list.data[0] as GumnutAsset
    const { status, body } = await getJson<GumnutAsset>(fx.app, `${ASSETS}/${first.id}`)
    expect(status).toBe(200)
    expect(body).toEqual(first)
  })

  it('answers 404 for an unknown id and for another user’s photo', async () => {
    expect((await getJson(fx.app, `${ASSETS}/asset_zzzzzzzz`)).status).toBe(404)
    expect((await getJson(fx.app, `${ASSETS}/nothing-like-an-id`)).status).toBe(404)
    const carols = photosOf('carol')[0]
    const res = await getJson<{ detail: string }>(fx.app, `${ASSETS}/${carols?.id}`, 'bob')
    expect(res.status).toBe(404)
    expect(res.body.detail).toContain('not found')
    expect((await getJson(fx.app, `${ASSETS}/${carols?.id}`, 'carol')).status).toBe(200)
  })
})

describe('visibility', () => {
  it.each(['alice', 'bob', 'carol'] as const)('%s never sees anyone else’s photo, face or person', async (user) => {
    const { items } = await walkCursor<GumnutAsset>(fx.app, ASSETS, 1000, user)
    const own = new Set(photosOf(user).map((p) => p.id))
    const ownPeople = new Set(truth.people.filter((p) => p.owner === user).map((p) => p.id))
    expect(items.length).toBe(own.size)
    for (const asset of items) {
      expect(own.has(asset.id)).toBe(true)
      for (const face of asset.faces ?? []) expect(own.has(face.asset_id)).toBe(true)
      for (const person of asset.people ?? []) expect(ownPeople.has(person.id)).toBe(true)
    }
  })

  it('answers 404 for another user’s library, album or person used as a filter', async () => {
    const library = truth.libraries.find((l) => l.owner === 'bob')
    const album = truth.albums.find((a) => a.owner === 'bob')
    const person = truth.people.find((p) => p.owner === 'bob')
    for (const query of [`library_id=${library?.id}`, `album_id=${album?.id}`, `person_id=${person?.id}`]) {
      const { status, body } = await getJson<{ detail: string }>(fx.app, `${ASSETS}?${query}`)
      expect(status, query).toBe(404)
      expect(body.detail).toMatch(/not found$/)
    }
  })
})
