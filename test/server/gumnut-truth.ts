import type { Hono } from 'hono'
import type { Catalog } from '../../src/server/db/catalog-db'
import type { GumnutPage } from '../../src/shared/gumnut'
import { getJson, type DemoUser } from './fixture'

// Ground truth for the Gumnut contract tests, read straight from SQLite and written without the
// server's query code: who owns what, and each listing's expected order.

interface PhotoTruth {
  id: string
  owner: string
  library: string
  time: string
  rowId: number
  width: number
  height: number
  mime: string
  hasExif: boolean
}

interface FaceTruth {
  id: string
  asset: string
  person: string | null
  box: { x: number; y: number; w: number; h: number }
}

interface PersonTruth {
  id: string
  owner: string
  name: string | null
  hidden: boolean
  favourite: boolean
  photos: number
}

export interface Truth {
  photos: PhotoTruth[]
  faces: FaceTruth[]
  people: PersonTruth[]
  albums: { id: string; owner: string; library: string; photos: string[] }[]
  libraries: { id: string; owner: string }[]
}

export function readTruth(catalog: Catalog): Truth {
  const db = catalog.sqlite
  // The catalog's own codec names the rows, as its API does.
  const { ids } = catalog
  const photos = (
    db
      .prepare(
        `SELECT p.id, u.username AS owner, p.library_id, p.local_datetime AS time, p.width, p.height,
                p.mime_type AS mime, p.has_exif
           FROM photos p JOIN users u ON u.id = p.owner_id`,
      )
      .all() as {
      id: number
      owner: string
      library_id: number
      time: string
      width: number
      height: number
      mime: string
      has_exif: number
    }[]
  ).map((r) => ({
    id: ids.photo('asset', r.id),
    owner: r.owner,
    library: ids.photo('library', r.library_id),
    time: r.time,
    rowId: r.id,
    width: r.width,
    height: r.height,
    mime: r.mime,
    hasExif: r.has_exif === 1,
  }))
  // Newest first; equal times by row id, newest row first.
  photos.sort((a, b) => (a.time === b.time ? b.rowId - a.rowId : a.time < b.time ? 1 : -1))
  const faces = (
    db.prepare('SELECT id, photo_id, person_id, x, y, w, h FROM photo_faces ORDER BY id').all() as {
      id: number
      photo_id: number
      person_id: number | null
      x: number
      y: number
      w: number
      h: number
    }[]
  ).map((f) => ({
    id: ids.photo('face', f.id),
    asset: ids.photo('asset', f.photo_id),
    person: f.person_id === null ? null : ids.photo('person', f.person_id),
    box: { x: f.x, y: f.y, w: f.w, h: f.h },
  }))
  const photoCount = new Map<string, Set<string>>()
  for (const f of faces) {
    if (f.person === null) continue
    const set = photoCount.get(f.person) ?? new Set<string>()
    set.add(f.asset)
    photoCount.set(f.person, set)
  }
  const people = (
    db
      .prepare(
        `SELECT p.id, u.username AS owner, p.name, p.is_hidden, p.is_favorite
           FROM photo_people p JOIN users u ON u.id = p.owner_id`,
      )
      .all() as { id: number; owner: string; name: string | null; is_hidden: number; is_favorite: number }[]
  ).map((p) => {
    const id = ids.photo('person', p.id)
    return {
      id,
      owner: p.owner,
      name: p.name,
      hidden: p.is_hidden === 1,
      favourite: p.is_favorite === 1,
      photos: photoCount.get(id)?.size ?? 0,
    }
  })
  const order = new Map(photos.map((p, i) => [p.id, i]))
  const albums = (
    db
      .prepare('SELECT a.id, u.username AS owner, a.library_id FROM photo_albums a JOIN users u ON u.id = a.owner_id')
      .all() as { id: number; owner: string; library_id: number }[]
  ).map((a) => ({
    id: ids.photo('album', a.id),
    owner: a.owner,
    library: ids.photo('library', a.library_id),
    photos: (
      db.prepare('SELECT photo_id FROM photo_album_items WHERE album_id = ?').all(a.id) as { photo_id: number }[]
    )
      .map((r) => ids.photo('asset', r.photo_id))
      .sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0)),
  }))
  const libraries = (
    db.prepare('SELECT l.id, u.username AS owner FROM photo_libraries l JOIN users u ON u.id = l.owner_id').all() as {
      id: number
      owner: string
    }[]
  ).map((l) => ({ id: ids.photo('library', l.id), owner: l.owner }))
  return { photos, faces, people, albums, libraries }
}

/** Every page of a Gumnut cursor listing, following `starting_after_id` = the last id. */
export async function walkCursor<T extends { id: string }>(
  app: Hono,
  path: string,
  limit: number,
  user: DemoUser = 'alice',
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = []
  let after: string | undefined
  let pages = 0
  for (;;) {
    const sep = path.includes('?') ? '&' : '?'
    const url = `${path}${sep}limit=${limit}${after ? `&starting_after_id=${after}` : ''}`
    const { status, body } = await getJson<GumnutPage<T>>(app, url, user)
    if (status !== 200) throw new Error(`${url} answered ${status}: ${JSON.stringify(body)}`)
    pages += 1
    if (body.data.length > limit) throw new Error(`${url} returned ${body.data.length} items`)
    items.push(...body.data)
    if (!body.has_more) break
    if (body.data.length === 0) throw new Error(`${url} is empty but has_more`)
    after = body.data[body.data.length - 1]?.id
    if (pages > 10_000) throw new Error('runaway walk')
  }
  return { items, pages }
}
