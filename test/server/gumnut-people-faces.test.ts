import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  GumnutAlbum,
  GumnutAsset,
  GumnutFace,
  GumnutLibrary,
  GumnutPage,
  GumnutPerson,
  GumnutValidationError,
} from '../../src/shared/gumnut'
import { createFixture, getJson, type CatalogFixture } from './fixture'
import { readConfig } from '../../src/server/config'
import { readTruth, walkCursor, type Truth } from './gumnut-truth'

let fx: CatalogFixture
let truth: Truth

beforeAll(() => {
  fx = createFixture(300)
  truth = readTruth(fx.catalog)
})
afterAll(() => fx.close())

const API = '/api/gumnut/api'
const peopleOf = (user: string) => truth.people.filter((p) => p.owner === user)

describe('the demo photo libraries', () => {
  it.each(['alice', 'bob', 'carol'])(
    'give %s 40+ people: most named, some unnamed, a few hidden, some favourites',
    (user) => {
      const people = peopleOf(user)
      expect(people.length).toBeGreaterThanOrEqual(40)
      const named = people.filter((p) => p.name !== null).length
      expect(named).toBeGreaterThan(people.length / 2)
      expect(named).toBeLessThan(people.length)
      expect(people.some((p) => p.hidden)).toBe(true)
      expect(people.some((p) => p.favourite)).toBe(true)
      expect(people.every((p) => p.photos > 0)).toBe(true)
    },
  )

  it('have photos with several faces and photos with none', () => {
    const perPhoto = new Map<string, number>()
    for (const f of truth.faces) perPhoto.set(f.asset, (perPhoto.get(f.asset) ?? 0) + 1)
    expect([...perPhoto.values()].some((n) => n >= 3)).toBe(true)
    expect(truth.photos.some((p) => !perPhoto.has(p.id))).toBe(true)
  })
})

describe('GET /api/gumnut/api/people', () => {
  it('lists the caller’s visible people, favourites first, then by photo count', async () => {
    const { items } = await walkCursor<GumnutPerson>(fx.app, `${API}/people`, 7)
    const visible = peopleOf('alice').filter((p) => !p.hidden)
    expect(items.map((p) => p.id).sort()).toEqual(visible.map((p) => p.id).sort())
    const firstOther = items.findIndex((p) => !p.is_favorite)
    expect(items.slice(firstOther).some((p) => p.is_favorite)).toBe(false)
    expect(items.slice(0, firstOther).length).toBe(visible.filter((p) => p.favourite).length)
    for (const p of items) expect(p.asset_count).toBe(truth.people.find((t) => t.id === p.id)?.photos)
    for (let i = firstOther + 1; i < items.length; i++) {
      expect((items[i - 1]?.asset_count ?? 0) >= (items[i]?.asset_count ?? 0)).toBe(true)
    }
  })

  it('includes hidden people with include_hidden=true', async () => {
    const { items } = await walkCursor<GumnutPerson>(fx.app, `${API}/people?include_hidden=true`, 50)
    expect(items).toHaveLength(peopleOf('alice').length)
    expect(items.some((p) => p.is_hidden)).toBe(true)
  })

  it('searches by name, case-insensitively, with name', async () => {
    const someone = peopleOf('alice').find((p) => p.name && !p.hidden)
    const word = (someone?.name ?? '').split(' ')[0] ?? ''
    const { status, body } = await getJson<GumnutPage<GumnutPerson>>(
      fx.app,
      `${API}/people?limit=1000&name=${encodeURIComponent(word.toLowerCase())}`,
    )
    expect(status).toBe(200)
    const expected = peopleOf('alice').filter((p) => !p.hidden && p.name?.toLowerCase().includes(word.toLowerCase()))
    expect(body.data.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort())
  })

  it('lists who is in one photo with asset_id', async () => {
    const face = truth.faces.find((f) => f.person && truth.photos.find((p) => p.id === f.asset)?.owner === 'alice')
    const expected = new Set(truth.faces.filter((f) => f.asset === face?.asset && f.person).map((f) => f.person))
    const { body } = await getJson<GumnutPage<GumnutPerson>>(
      fx.app,
      `${API}/people?asset_id=${face?.asset}&include_hidden=true`,
    )
    expect(new Set(body.data.map((p) => p.id))).toEqual(expected)
  })

  it('points thumbnail_face_url at a real face crop of that person', async () => {
    const { body } = await getJson<GumnutPage<GumnutPerson>>(fx.app, `${API}/people?limit=3`)
    for (const person of body.data) {
      const face = truth.faces.find((f) => f.id === person.thumbnail_face_id)
      expect(face?.person).toBe(person.id)
      const res = await fx.app.request(person.thumbnail_face_url ?? '')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/webp')
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata()
      expect([meta.width, meta.height]).toEqual([256, 256])
    }
  })

  it('rejects a bad limit and an unknown cursor with 422', async () => {
    for (const query of ['limit=0', 'limit=1001', 'starting_after_id=person_00000000', 'include_hidden=yes']) {
      const { status, body } = await getJson<GumnutValidationError>(fx.app, `${API}/people?${query}`)
      expect(status, query).toBe(422)
      expect(body.detail[0]?.loc[0]).toBe('query')
    }
  })

  it('never lists another user’s people', async () => {
    const { items } = await walkCursor<GumnutPerson>(fx.app, `${API}/people?include_hidden=true`, 1000, 'carol')
    const own = new Set(peopleOf('carol').map((p) => p.id))
    expect(items.every((p) => own.has(p.id))).toBe(true)
    expect(items).toHaveLength(own.size)
  })
})

describe('GET /api/gumnut/api/people/{id}', () => {
  it('returns a person, hidden ones too', async () => {
    const hidden = peopleOf('alice').find((p) => p.hidden)
    const { status, body } = await getJson<GumnutPerson>(fx.app, `${API}/people/${hidden?.id}`)
    expect(status).toBe(200)
    expect(body.id).toBe(hidden?.id)
    expect(body.is_hidden).toBe(true)
    expect(body.name).toBe(hidden?.name)
  })

  it('answers 404 for another user’s person', async () => {
    const bobs = peopleOf('bob')[0]
    expect((await getJson(fx.app, `${API}/people/${bobs?.id}`)).status).toBe(404)
    expect((await getJson(fx.app, `${API}/people/${bobs?.id}`, 'bob')).status).toBe(200)
  })
})

describe('GET /api/gumnut/api/faces', () => {
  it('lists one photo’s faces with asset_id, boxes as stored', async () => {
    const counts = new Map<string, number>()
    for (const f of truth.faces) counts.set(f.asset, (counts.get(f.asset) ?? 0) + 1)
    const asset = truth.photos.find((p) => p.owner === 'alice' && (counts.get(p.id) ?? 0) >= 2)
    const { status, body } = await getJson<GumnutPage<GumnutFace>>(fx.app, `${API}/faces?asset_id=${asset?.id}`)
    expect(status).toBe(200)
    const expected = truth.faces.filter((f) => f.asset === asset?.id)
    expect(body.data.map((f) => [f.id, f.bounding_box, f.person_id]).sort()).toEqual(
      expected.map((f) => [f.id, f.box, f.person]).sort(),
    )
  })

  it('walks one person’s faces with person_id at any limit, without repeats', async () => {
    const person = peopleOf('alice').sort((a, b) => b.photos - a.photos)[0]
    const expected = truth.faces.filter((f) => f.person === person?.id).map((f) => f.id)
    for (const limit of [1, 4, 100]) {
      const { items } = await walkCursor<GumnutFace>(fx.app, `${API}/faces?person_id=${person?.id}`, limit)
      expect(items.map((f) => f.id).sort()).toEqual([...expected].sort())
      expect(new Set(items.map((f) => f.id)).size).toBe(items.length)
    }
  })

  it('lists all of the caller’s faces and no one else’s', async () => {
    const { items } = await walkCursor<GumnutFace>(fx.app, `${API}/faces`, 1000, 'bob')
    const own = new Set(truth.photos.filter((p) => p.owner === 'bob').map((p) => p.id))
    expect(items.length).toBe(truth.faces.filter((f) => own.has(f.asset)).length)
    expect(items.every((f) => own.has(f.asset_id))).toBe(true)
  })

  it('answers 404 for another user’s asset_id and 422 for a bad limit', async () => {
    const bobs = truth.photos.find((p) => p.owner === 'bob')
    expect((await getJson(fx.app, `${API}/faces?asset_id=${bobs?.id}`)).status).toBe(404)
    expect((await getJson(fx.app, `${API}/faces?limit=abc`)).status).toBe(422)
  })
})

describe('GET /api/gumnut/api/albums and /libraries', () => {
  it('lists the caller’s albums with counts and covers, paging by cursor', async () => {
    const { items } = await walkCursor<GumnutAlbum>(fx.app, `${API}/albums`, 2)
    const own = truth.albums.filter((a) => a.owner === 'alice')
    expect(items.map((a) => a.id).sort()).toEqual(own.map((a) => a.id).sort())
    for (const album of items) {
      const stored = own.find((a) => a.id === album.id)
      expect(album.asset_count).toBe(stored?.photos.length)
      expect(album.album_cover_asset_id).toBe(stored?.photos[0] ?? null)
    }
  })

  it('narrows albums to a library', async () => {
    const library = truth.libraries.find((l) => l.owner === 'alice')
    const { body } = await getJson<GumnutPage<GumnutAlbum>>(fx.app, `${API}/albums?library_id=${library?.id}`)
    const expected = truth.albums.filter((a) => a.library === library?.id)
    expect(body.data.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort())
  })

  it('lists the caller’s libraries as a plain array', async () => {
    for (const user of ['alice', 'bob', 'carol'] as const) {
      const { status, body } = await getJson<GumnutLibrary[]>(fx.app, `${API}/libraries`, user)
      expect(status).toBe(200)
      expect(body.map((l) => l.id).sort()).toEqual(
        truth.libraries
          .filter((l) => l.owner === user)
          .map((l) => l.id)
          .sort(),
      )
    }
  })
})

describe('face crops and photos under /media', () => {
  async function rgbAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
    const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const i = (Math.round(y) * info.width + Math.round(x)) * info.channels
    return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0]
  }
  const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) < 24)

  it('cuts the crop from the photo at the face box, once, then serves it from the cache', async () => {
    const { body } = await getJson<GumnutPage<GumnutAsset>>(fx.app, `${API}/assets?limit=1000`)
    const asset = body.data.find((a) => (a.faces?.length ?? 0) >= 2)
    const face = asset?.faces?.[1]
    if (!asset || !face?.thumbnail_url) throw new Error('no photo with two faces')
    const rendersBefore = fx.renders.filter((r) => r.kind === 'face').length
    const crop = await fx.app.request(face.thumbnail_url)
    expect(crop.status).toBe(200)
    expect(crop.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/)
    const cropBytes = Buffer.from(await crop.arrayBuffer())
    const again = await fx.app.request(face.thumbnail_url)
    expect(again.status).toBe(200)
    expect(fx.renders.filter((r) => r.kind === 'face').length).toBe(rendersBefore + 1)

    // The crop is centred on the box: its centre shows what the photo shows at the box centre.
    const original = Buffer.from(await (await fx.app.request(asset.download_url ?? '')).arrayBuffer())
    const meta = await sharp(original).metadata()
    const width = asset.width ?? 1
    const scale = (meta.width ?? 0) / width
    const { x, y, w, h } = face.bounding_box
    // A cheek: inside the face, clear of eyes, nose and mouth.
    const cheek = await rgbAt(original, (x + w * 0.25) * scale, (y + h * 0.62) * scale)
    const inCrop = await rgbAt(
      cropBytes,
      128 - (256 / (Math.max(w, h) * 1.6)) * w * 0.25,
      128 + (256 / (Math.max(w, h) * 1.6)) * h * 0.12,
    )
    expect(close(cheek, inCrop)).toBe(true)
  })

  it('draws each face where its row says: skin at every box’s cheeks', async () => {
    const { body } = await getJson<GumnutPage<GumnutAsset>>(fx.app, `${API}/assets?limit=1000`, 'carol')
    const asset =
      body.data.find((a) => (a.faces?.length ?? 0) >= 3) ?? body.data.find((a) => (a.faces?.length ?? 0) >= 2)
    if (!asset) throw new Error('no group photo')
    const original = Buffer.from(await (await fx.app.request(asset.download_url ?? '')).arrayBuffer())
    const meta = await sharp(original).metadata()
    const scale = (meta.width ?? 0) / (asset.width ?? 1)
    const SKIN = [
      [0xf6, 0xd2, 0xb8],
      [0xea, 0xb8, 0x92],
      [0xd3, 0x9b, 0x72],
      [0xb4, 0x7a, 0x53],
      [0x8d, 0x5a, 0x3b],
      [0x6a, 0x41, 0x2a],
      [0x4a, 0x2c, 0x1d],
    ]
    for (const face of asset.faces ?? []) {
      const { x, y, w, h } = face.bounding_box
      for (const fx0 of [0.25, 0.75]) {
        const rgb = await rgbAt(original, (x + w * fx0) * scale, (y + h * 0.62) * scale)
        expect(
          SKIN.some((tone) => close(rgb, tone)),
          `${face.id} at ${fx0}: ${rgb.join(',')}`,
        ).toBe(true)
      }
    }
  })

  it('refuses a face crop with a wrong signature, and a face id under another kind', async () => {
    const { body } = await getJson<GumnutPage<GumnutFace>>(fx.app, `${API}/faces?limit=1`)
    const url = body.data[0]?.thumbnail_url ?? ''
    expect((await fx.app.request(url.replace(/s=.*/, 's=AAAAAAAAAAAAAAAAAAAAAA'))).status).toBe(404)
    const faceId = body.data[0]?.id ?? ''
    expect((await fx.app.request(`/media/face/face_zzzzzzzz.webp?s=x`)).status).toBe(404)
    // A face id names no photo: there is no original of it to sign for.
    expect((await fx.app.request(`/media/original/${faceId}.jpg?s=x`)).status).toBe(404)
  })
})

describe('the default demo catalog (the size npm start builds)', () => {
  it('gives alice hidden people, which only "Show hidden people" (include_hidden=true) lists', async () => {
    const demo = createFixture(readConfig({}).demoAssets)
    try {
      const all = await walkCursor<GumnutPerson>(demo.app, `${API}/people?include_hidden=true`, 100)
      const shown = await walkCursor<GumnutPerson>(demo.app, `${API}/people`, 100)
      const hidden = all.items.filter((p) => p.is_hidden)
      expect(hidden.length).toBeGreaterThanOrEqual(2)
      expect(shown.items).toHaveLength(all.items.length - hidden.length)
      expect(shown.items.some((p) => p.is_hidden)).toBe(false)
      // A hidden person is still someone in the photos, with a face to show.
      expect(hidden.every((p) => (p.asset_count ?? 0) > 0)).toBe(true)
    } finally {
      demo.close()
    }
  }, 60_000)
})
