import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { buildCatalog } from '../../src/server/demo/generate'
import { openCatalog, type Catalog } from '../../src/server/db/catalog-db'
import { createMediaStore } from '../../src/server/media/media-store'
import { startServer } from '../../src/server/server'
import type { GumnutAsset, GumnutPage, GumnutPerson } from '../../src/shared/gumnut'
import type { PiktidAssetsPage } from '../../src/shared/piktid'
import { getJson } from './fixture'

// Public ids are keyed by each catalog's own id key: nobody can count through them or work them
// out from the source, a catalog's ids mean nothing to another one, and catalogs created from
// one shared secret (a deployment's instances) agree.

const ASSETS = 60
const SHARED = 'the deployment secret of this test'
let work: string
const dirs = { a: '', b: '', sharedA: '', sharedB: '' }

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vitrine-ids-'))
  for (const name of Object.keys(dirs) as (keyof typeof dirs)[]) {
    dirs[name] = join(work, name)
    buildCatalog({ dataDir: dirs[name], assets: ASSETS, ...(name.startsWith('shared') ? { secret: SHARED } : {}) })
  }
  // note: each build writes the whole generation gallery (some 60,000 images), seconds apiece.
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Every id the demo generators stored, in row order, by kind. */
function storedIds(catalog: Catalog): Record<string, string[]> {
  const column = (sql: string) => catalog.sqlite.prepare(sql).pluck().all() as string[]
  return {
    assets: column(`SELECT public_id FROM assets ORDER BY id`),
    jobs: column(`SELECT job_id FROM gallery_images ORDER BY id`),
    scenarioAssets: column(`SELECT public_id FROM scenario_assets ORDER BY id`),
    inferences: column(`SELECT inference_id FROM scenario_assets WHERE inference_id IS NOT NULL ORDER BY id`),
    models: column(`SELECT public_id FROM scenario_models ORDER BY id`),
    vipanya: column(`SELECT uuid FROM vipanya_assets ORDER BY id`),
  }
}

/** Row 1 to 50 of each photo-library kind, as the catalog names them. */
function photoIds(catalog: Catalog): string[] {
  const kinds = ['asset', 'face', 'person', 'album', 'library'] as const
  return kinds.flatMap((kind) => Array.from({ length: 50 }, (_, i) => catalog.ids.photo(kind, i + 1)))
}

function withCatalogs<T>(dataDirs: string[], fn: (...catalogs: Catalog[]) => T): T {
  const catalogs = dataDirs.map((dataDir) => openCatalog(dataDir))
  try {
    return fn(...catalogs)
  } finally {
    for (const c of catalogs) c.close()
  }
}

const appOf = (catalog: Catalog): Hono => createApp({ db: catalog, media: createMediaStore(catalog) })

describe('public ids', { timeout: 60_000 }, () => {
  it('differ between two catalogs created without a shared secret, for every row', () => {
    withCatalogs([dirs.a, dirs.b], (a, b) => {
      const idsA = storedIds(a as Catalog)
      const idsB = storedIds(b as Catalog)
      for (const kind of Object.keys(idsA)) {
        const listA = idsA[kind] ?? []
        const listB = idsB[kind] ?? []
        expect(listA.length, kind).toBeGreaterThan(0)
        expect(listB, kind).toHaveLength(listA.length)
        // note: the same rows (same seed and size), none of them under the same id.
        listA.forEach((id, row) => expect(id, `${kind} row ${row}`).not.toBe(listB[row]))
      }
      const photosA = photoIds(a as Catalog)
      const photosB = photoIds(b as Catalog)
      photosA.forEach((id, i) => expect(id).not.toBe(photosB[i]))
      expect(a?.sqlite.prepare(`SELECT filename FROM assets ORDER BY id`).pluck().all()).toEqual(
        b?.sqlite.prepare(`SELECT filename FROM assets ORDER BY id`).pluck().all(),
      )
    })
  })

  it('agree between catalogs created with the same shared secret, whatever secret they are served with later', () => {
    withCatalogs([dirs.sharedA, dirs.sharedB, dirs.a], (sharedA, sharedB, a) => {
      expect(storedIds(sharedA as Catalog)).toEqual(storedIds(sharedB as Catalog))
      expect(photoIds(sharedA as Catalog)).toEqual(photoIds(sharedB as Catalog))
      expect(storedIds(sharedA as Catalog).assets).not.toEqual(storedIds(a as Catalog).assets)
    })
    // The id key was fixed at creation: another signing secret later changes links, not ids.
    const resigned = openCatalog(dirs.sharedA, { secret: 'a different secret, set after creation' })
    try {
      withCatalogs([dirs.sharedA], (sharedA) => expect(photoIds(resigned)).toEqual(photoIds(sharedA as Catalog)))
    } finally {
      resigned.close()
    }
  })

  it('follow VITRINE_SECRET in the server’s own demo build and in the seed command', async () => {
    const served = join(work, 'served-shared')
    const server = await startServer({ port: 0, dataDir: served, demoAssets: ASSETS, secret: SHARED })
    await server.close()
    const seeded = join(work, 'seeded')
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/server/seed-cli.ts', '--assets', String(ASSETS), '--data-dir', seeded],
      { cwd: resolve(import.meta.dirname, '../..'), env: { ...process.env, VITRINE_SECRET: SHARED } },
    )
    withCatalogs([dirs.sharedA, served, seeded], (built, fromServer, fromSeed) => {
      expect(storedIds(fromServer as Catalog)).toEqual(storedIds(built as Catalog))
      expect(storedIds(fromSeed as Catalog)).toEqual(storedIds(built as Catalog))
    })
  })

  it('of another catalog are not found, in every dialect', async () => {
    const a = openCatalog(dirs.a)
    const b = openCatalog(dirs.b)
    try {
      const appA = appOf(a)
      const appB = appOf(b)

      const photos = await getJson<GumnutPage<GumnutAsset>>(appA, '/api/gumnut/api/assets?limit=1')
      const photo = photos.body.data[0] as GumnutAsset
      expect((await getJson(appA, `/api/gumnut/api/assets/${photo.id}`)).status).toBe(200)
      expect((await getJson(appB, `/api/gumnut/api/assets/${photo.id}`)).status).toBe(404)

      const people = await getJson<GumnutPage<GumnutPerson>>(appA, '/api/gumnut/api/people?limit=1')
      const person = people.body.data[0] as GumnutPerson
      expect((await getJson(appA, `/api/gumnut/api/people/${person.id}`)).status).toBe(200)
      expect((await getJson(appB, `/api/gumnut/api/people/${person.id}`)).status).toBe(404)
      // As a filter, the other catalog's person is no one of yours either.
      expect((await getJson(appB, `/api/gumnut/api/assets?person_id=${person.id}`)).status).toBe(404)

      const assets = await getJson<PiktidAssetsPage>(appA, '/api/piktid/assets?per_page=1')
      const asset = assets.body.assets[0]?.id ?? ''
      expect((await getJson(appA, `/api/piktid/assets/${asset}`)).status).toBe(200)
      expect((await getJson(appB, `/api/piktid/assets/${asset}`)).status).toBe(404)

      const generations = await getJson<{ assets: { id: string }[] }>(appA, '/api/scenario/v1/assets?pageSize=1')
      const generation = generations.body.assets[0]?.id ?? ''
      expect((await getJson(appA, `/api/scenario/v1/assets/${generation}`)).status).toBe(200)
      expect((await getJson(appB, `/api/scenario/v1/assets/${generation}`)).status).toBe(404)

      const documents = await getJson<{ data: { id: string }[] }>(appA, '/api/vipanya/api/v1/assets?per_page=1')
      const document = documents.body.data[0]?.id ?? ''
      expect((await getJson(appA, `/api/vipanya/api/v1/assets/${document}`)).status).toBe(200)
      expect((await getJson(appB, `/api/vipanya/api/v1/assets/${document}`)).status).toBe(404)
    } finally {
      a.close()
      b.close()
    }
  })

  it('are the same on the request workers as on the main thread', async () => {
    const server = await startServer({ port: 0, dataDir: join(work, 'served'), demoAssets: ASSETS, workers: 1 })
    try {
      const headers = { authorization: 'Bearer demo-alice' }
      // A list page runs on a worker, a lookup by id on the main thread (http/offload.ts).
      const page = (await (await fetch(`${server.url}/api/gumnut/api/assets?limit=3`, { headers })).json()) as {
        data: { id: string }[]
      }
      expect(page.data).toHaveLength(3)
      for (const { id } of page.data) {
        const res = await fetch(`${server.url}/api/gumnut/api/assets/${id}`, { headers })
        expect(res.status).toBe(200)
        expect(((await res.json()) as { id: string }).id).toBe(id)
      }
    } finally {
      await server.close()
    }
  })
})
