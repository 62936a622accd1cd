import { createApp } from '../app'
import { openCatalog } from '../db/catalog-db'
import { createMediaStore } from '../media/media-store'
import { percentile, type Measurement } from './measure'

// Latency of Gumnut cursor pages, in-process: the first page against a page whose cursor sits
// `depth` (default 90%) of the way into the same listing. With seek pagination both should cost
// the same; an OFFSET would make the deep one thousands of times slower.

interface Listing {
  name: string
  query: string
  /** The photo ids in list order, as SQL that yields the row at an offset (measurement setup only). */
  nthSql: string
  nthArgs: (number | string)[]
  count: number
}

export async function measurePhotoCursors(
  dataDir: string,
  options: { runs?: number; username?: string; depth?: number; limit?: number } = {},
): Promise<Measurement[]> {
  const runs = options.runs ?? 200
  const username = options.username ?? 'alice'
  const depth = options.depth ?? 0.9
  const limit = options.limit ?? 100
  const catalog = openCatalog(dataDir)
  const app = createApp({ db: catalog, media: createMediaStore(catalog) })
  const headers = { authorization: `Bearer demo-${username}` }
  const db = catalog.sqlite
  const user = catalog.userByName(username)
  if (!user) throw new Error(`No user ${username} in ${dataDir}`)
  const results: Measurement[] = []
  try {
    const listings: Listing[] = []
    const ownerCount = (db.prepare('SELECT count(*) AS n FROM photos WHERE owner_id = ?').get(user.id) as { n: number })
      .n
    listings.push({
      name: `all of ${username}'s photos`,
      query: '',
      nthSql: `SELECT id FROM photos WHERE owner_id = ? ORDER BY local_datetime DESC, id DESC LIMIT 1 OFFSET ?`,
      nthArgs: [user.id],
      count: ownerCount,
    })
    const library = db
      .prepare(
        'SELECT l.id, count(p.id) AS n FROM photo_libraries l JOIN photos p ON p.library_id = l.id WHERE l.owner_id = ? GROUP BY l.id ORDER BY n DESC LIMIT 1',
      )
      .get(user.id) as { id: number; n: number } | undefined
    if (library) {
      listings.push({
        name: 'library_id (largest library)',
        query: `library_id=${catalog.ids.photo('library', library.id)}`,
        nthSql: `SELECT id FROM photos WHERE library_id = ? ORDER BY local_datetime DESC, id DESC LIMIT 1 OFFSET ?`,
        nthArgs: [library.id],
        count: library.n,
      })
    }
    // The most photographed person and the largest album: both list their photos from a table
    // of their own (faces, album items) whose key column is the list's parameter.
    const groups = [
      {
        name: 'person_id (most photographed)',
        key: 'person_id',
        kind: 'person',
        table: 'photo_people',
        items: 'photo_faces',
      },
      {
        name: 'album_id (largest album)',
        key: 'album_id',
        kind: 'album',
        table: 'photo_albums',
        items: 'photo_album_items',
      },
    ] as const
    for (const { name, key, kind, table, items } of groups) {
      const largest = db
        .prepare(`SELECT id, asset_count AS n FROM ${table} WHERE owner_id = ? ORDER BY asset_count DESC LIMIT 1`)
        .get(user.id) as { id: number; n: number } | undefined
      if (!largest) continue
      listings.push({
        name,
        query: `${key}=${catalog.ids.photo(kind, largest.id)}`,
        nthSql: `SELECT photo_id AS id FROM ${items} WHERE ${key} = ? ORDER BY local_datetime DESC, photo_id DESC LIMIT 1 OFFSET ?`,
        nthArgs: [largest.id],
        count: largest.n,
      })
    }

    for (const listing of listings) {
      const at = Math.floor(listing.count * depth)
      const cursorRow = db.prepare(listing.nthSql).get(...listing.nthArgs, at - 1) as { id: number } | undefined
      const variants: [string, string][] = [['first page', '']]
      if (cursorRow)
        variants.push([
          `cursor at ${at.toLocaleString('en')}`,
          `starting_after_id=${catalog.ids.photo('asset', cursorRow.id)}`,
        ])
      for (const [label, cursor] of variants) {
        const query = [listing.query, cursor, `limit=${limit}`].filter(Boolean).join('&')
        const url = `/api/gumnut/api/assets?${query}`
        const timed = async (): Promise<number> => {
          const started = performance.now()
          const res = await app.request(url, { headers })
          const body = (await res.json()) as { data?: unknown[] }
          const ms = performance.now() - started
          if (res.status !== 200 || body.data?.length !== Math.min(limit, listing.count - (cursor ? at : 0))) {
            throw new Error(`${url} answered ${res.status} with ${body.data?.length} items`)
          }
          return ms
        }
        const coldMs = await timed()
        const samples: number[] = []
        for (let i = 0; i < runs; i++) samples.push(await timed())
        samples.sort((a, b) => a - b)
        results.push({
          name: `${listing.name} (${listing.count.toLocaleString('en')}): ${label}`,
          query,
          coldMs,
          p50Ms: percentile(samples, 50),
          p99Ms: percentile(samples, 99),
          total: listing.count,
        })
      }
    }
  } finally {
    catalog.close()
  }
  return results
}
