import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { buildCatalog } from '../../src/server/demo/generate'
import { LEGACY_ID_SECRET } from '../../src/server/ids/codec'
import { catalogPath, type SqliteDb } from '../../src/server/db/catalog-file'
import { openCatalog } from '../../src/server/db/catalog-db'
import { CatalogRefusedError, MIGRATIONS } from '../../src/server/db/migrations'
import { SCHEMA_VERSION } from '../../src/server/db/schema'
import { createMediaStore } from '../../src/server/media/media-store'
import { startServer } from '../../src/server/server'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { getJson, type DemoUser } from './fixture'

// A catalog holds users' verdicts, so an older one is migrated in place, never rebuilt, and
// one that cannot be read is refused and left alone.

const dirs: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-migrate-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/**
 * Tables, columns and indexes as SQLite reports them, and the DDL it keeps for each (white space
 * folded): what a catalog's shape is.
 */
function shapeOf(db: SqliteDb): unknown {
  const tables = db
    .prepare(
      `SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string; type: string; sql: string | null }[]
  return tables.map(({ name, type, sql }) => ({
    name,
    type,
    sql: sql?.replace(/\s+/g, ' '),
    columns:
      type === 'table'
        ? db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).all(name)
        : undefined,
    indexed: type === 'index' ? db.prepare(`SELECT name FROM pragma_index_info(?)`).all(name) : undefined,
  }))
}

function withDb<T>(dataDir: string, fn: (db: SqliteDb) => T): T {
  const db = new Database(catalogPath(dataDir))
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

/**
 * A catalog as versions before 7 built it: its ids under the legacy constant keys, and no id key
 * recorded (the downgrades below drop the record).
 */
function buildOld(dataDir: string, assets: number): void {
  buildCatalog({ dataDir, assets, idSecret: LEGACY_ID_SECRET })
}

const PHOTO_TABLES = ['photo_faces', 'photo_people', 'photo_album_items', 'photos', 'photo_albums', 'photo_libraries']

const LIBRARY_TABLES = ['scenario_asset_tags', 'scenario_tags', 'scenario_assets', 'scenario_models', 'vipanya_assets']

/** Turns a new catalog into what schema version 8 looked like: no output sizes. */
function dropOutputSizes(db: SqliteDb): void {
  db.exec(`
    ALTER TABLE gallery_images DROP COLUMN output_width;
    ALTER TABLE gallery_images DROP COLUMN output_height;`)
}

function downgradeToV8(db: SqliteDb): void {
  dropOutputSizes(db)
  db.exec(`UPDATE meta SET value = '8' WHERE key = 'schema_version'`)
}

/** Turns a new catalog into what schema version 4 looked like: no photo, Scenario or Vipanya libraries. */
function dropV5Libraries(db: SqliteDb): void {
  dropOutputSizes(db)
  for (const table of [...PHOTO_TABLES, ...LIBRARY_TABLES]) db.exec(`DROP TABLE IF EXISTS ${table}`)
  db.exec(`DELETE FROM meta WHERE key IN ('photo_count', 'scenario_count', 'vipanya_count')`)
  dropIdKey(db)
}

/** Turns a catalog built by buildOld into what schema version 6 looked like: no id key. */
function dropIdKey(db: SqliteDb): void {
  db.exec(`DELETE FROM meta WHERE key = 'id_secret'`)
}

function downgradeToV6(db: SqliteDb): void {
  dropOutputSizes(db)
  dropIdKey(db)
  db.exec(`UPDATE meta SET value = '6' WHERE key = 'schema_version'`)
}

function downgradeToV4(db: SqliteDb): void {
  dropV5Libraries(db)
  db.exec(`UPDATE meta SET value = '4' WHERE key = 'schema_version'`)
}

/** Turns a new catalog into what schema version 2 looked like: assets only, no gallery. */
function downgradeToV2(db: SqliteDb): void {
  dropV5Libraries(db)
  db.exec(`
    DROP TABLE gallery_images;
    DELETE FROM projects WHERE key LIKE '%-G%';
    ALTER TABLE projects DROP COLUMN visibility;
    UPDATE meta SET value = '2' WHERE key = 'schema_version';
    VACUUM;`)
}

/** Turns a new catalog into what schema version 3 looked like: the gallery without feedback_at. */
function downgradeToV3(db: SqliteDb): void {
  dropV5Libraries(db)
  db.exec(`
    ALTER TABLE gallery_images DROP COLUMN feedback_at;
    UPDATE meta SET value = '3' WHERE key = 'schema_version';`)
}

// note: tens of thousands of rows; compared as JSON text, which is far quicker than a deep equal.
const rowsText = (db: SqliteDb, sql: string) => JSON.stringify(db.prepare(sql).all())

/** Every row of `table`, ordered by all its columns. */
function tableText(db: SqliteDb, table: string): string {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]
  return rowsText(db, `SELECT * FROM ${table} ORDER BY ${columns.map((c) => `"${c}"`).join(', ')}`)
}

const verdicts = (db: SqliteDb) =>
  rowsText(db, `SELECT job_id, image_index, group_index, feedback, feedback_comment FROM gallery_images ORDER BY id`)

describe('catalog migrations', { timeout: 30_000 }, () => {
  it('number their steps consecutively up to SCHEMA_VERSION', () => {
    const versions = MIGRATIONS.map((m) => m.to)
    expect(versions.at(-1)).toBe(SCHEMA_VERSION)
    versions.forEach((v, i) => {
      if (i > 0) expect(v).toBe((versions[i - 1] ?? 0) + 1)
    })
  })

  it('upgrades a version 2 catalog in place to the same shape and gallery as a new one, keeping every asset', () => {
    const fresh = join(freshDir(), 'data')
    buildOld(fresh, 400)
    const old = join(freshDir(), 'data')
    buildOld(old, 400)
    const before = withDb(old, (db) => {
      downgradeToV2(db)
      return {
        assets: rowsText(db, `SELECT * FROM assets ORDER BY id`),
        secret: db.prepare(`SELECT value FROM meta WHERE key = 'media_secret'`).get(),
      }
    })

    const logs: string[] = []
    const catalog = openCatalog(old, { log: (m) => logs.push(m) })
    try {
      expect(logs.join('\n')).toMatch(new RegExp(`from schema 2 to ${SCHEMA_VERSION}`))
      expect(existsSync(`${catalogPath(old)}.v2.bak`)).toBe(true)
      const db = catalog.sqlite
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get()).toEqual({
        value: String(SCHEMA_VERSION),
      })
      expect(rowsText(db, `SELECT * FROM assets ORDER BY id`)).toBe(before.assets)
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'media_secret'`).get()).toEqual(before.secret)
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'id_secret'`).get()).toEqual({ value: LEGACY_ID_SECRET })
      withDb(fresh, (newDb) => {
        expect(shapeOf(db)).toEqual(shapeOf(newDb))
        // The gallery the upgrade builds is a new build's, but for its outputs' sizes: step 3 draws
        // them before step 9 keeps sizes, so every output has the size all outputs had then.
        const gallery = (at: SqliteDb) =>
          rowsText(at, `SELECT * FROM gallery_images ORDER BY id`).replace(
            /,"output_width":\d+,"output_height":\d+/g,
            '',
          )
        expect(gallery(db)).toBe(gallery(newDb))
        expect(rowsText(db, `SELECT DISTINCT output_width, output_height FROM gallery_images`)).toBe(
          JSON.stringify([{ output_width: 1024, output_height: 1536 }]),
        )
        const tables = ['projects', 'users', 'tokens', 'asset_counts', ...PHOTO_TABLES, ...LIBRARY_TABLES]
        for (const table of tables) expect(tableText(db, table), table).toBe(tableText(newDb, table))
      })
    } finally {
      catalog.close()
    }
  })

  it('gives a version 7 catalog the gallery’s review index in place of its status index, as a new build has it', () => {
    const fresh = join(freshDir(), 'data')
    buildOld(fresh, 100)
    const old = join(freshDir(), 'data')
    buildOld(old, 100)
    withDb(old, (db) =>
      db.exec(`
        ALTER TABLE gallery_images DROP COLUMN output_width;
        ALTER TABLE gallery_images DROP COLUMN output_height;
        DROP INDEX gallery_images_by_review;
        CREATE INDEX gallery_images_by_status ON gallery_images(project_id, status, feedback);
        UPDATE meta SET value = '7' WHERE key = 'schema_version';`),
    )
    const before = withDb(old, verdicts)
    const catalog = openCatalog(old)
    try {
      const indexes = catalog.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'gallery_images'`)
        .pluck()
        .all()
      expect(indexes).toContain('gallery_images_by_review')
      expect(indexes).not.toContain('gallery_images_by_status')
      expect(verdicts(catalog.sqlite)).toBe(before)
      withDb(fresh, (newDb) => expect(shapeOf(catalog.sqlite)).toEqual(shapeOf(newDb)))
    } finally {
      catalog.close()
    }
  })

  it('gives a version 8 catalog each output’s size as it was drawn, which it serves and sends', async () => {
    const dataDir = join(freshDir(), 'data')
    buildOld(dataDir, 100)
    const before = withDb(dataDir, (db) => {
      downgradeToV8(db)
      return rowsText(db, `SELECT * FROM gallery_images ORDER BY id`)
    })
    const catalog = openCatalog(dataDir)
    try {
      const db = catalog.sqlite
      const kept = (db.prepare(`SELECT name FROM pragma_table_info('gallery_images')`).pluck().all() as string[])
        .filter((name) => !name.startsWith('output_'))
        .join(', ')
      expect(rowsText(db, `SELECT ${kept} FROM gallery_images ORDER BY id`)).toBe(before)
      expect(rowsText(db, `SELECT DISTINCT output_width, output_height FROM gallery_images`)).toBe(
        JSON.stringify([{ output_width: 1024, output_height: 1536 }]),
      )
      const app = createApp({ db: catalog, media: createMediaStore(catalog) })
      const { body } = await getJson<PiktidGalleryPage>(
        app,
        '/api/piktid/gallery/by-project?status=completed&per_page=1&max_images_per_project=1',
      )
      const image = body.projects[0]?.images[0]
      expect(image?.output_dimensions).toEqual({ width: 1024, height: 1536 })
      const file = await (await app.request(image?.output.full_size as string)).arrayBuffer()
      const { width, height } = await sharp(Buffer.from(file)).metadata()
      expect({ width, height }).toEqual({ width: 1024, height: 1536 })
    } finally {
      catalog.close()
    }
  })

  it('upgrades a catalog of the previous version with verdicts in it, keeping every verdict', async () => {
    const dataDir = join(freshDir(), 'data')
    buildOld(dataDir, 100)
    // Verdicts given through the API, then the catalog as the previous version stored it.
    const catalog = openCatalog(dataDir)
    const app = createApp({ db: catalog, media: createMediaStore(catalog) })
    const targets = catalog.sqlite
      .prepare(
        `SELECT g.job_id, g.image_index, g.group_index FROM gallery_images g JOIN projects p ON p.id = g.project_id
          WHERE p.created_by = 2 ORDER BY g.id LIMIT 25`,
      )
      .all() as { job_id: string; image_index: number; group_index: number }[]
    for (const [i, t] of targets.entries()) {
      const res = await app.request('/api/piktid/gallery/feedback', {
        method: 'POST',
        headers: { authorization: 'Bearer demo-alice', 'content-type': 'application/json' },
        body: JSON.stringify({
          ...t,
          feedback: i % 3 === 0 ? null : i % 2 ? 'like' : 'dislike',
          feedback_comment: `note ${i}`,
        }),
      })
      expect(res.status).toBe(200)
    }
    const given = verdicts(catalog.sqlite)
    catalog.close()
    withDb(dataDir, downgradeToV3)

    const upgraded = openCatalog(dataDir)
    try {
      expect(verdicts(upgraded.sqlite)).toBe(given)
      const app2 = createApp({ db: upgraded, media: createMediaStore(upgraded) })
      const t = targets[1] as (typeof targets)[number]
      const { body } = await getJson<{
        projects: { images: { job_id: string; feedback: string | null; feedback_comment: string | null }[] }[]
      }>(app2, `/api/piktid/gallery/by-project?ownership=mine&feedback=like&per_page=100&max_images_per_project=200`)
      const shown = body.projects
        .flatMap((p) => p.images)
        .filter((i) => i.job_id === t.job_id && i.feedback_comment === 'note 1')
      expect(shown).toHaveLength(1)
      expect(shown[0]?.feedback).toBe('like')
    } finally {
      upgraded.close()
    }
  })

  it('adds the photo, Scenario and Vipanya libraries to a version 4 catalog, the same as a new build’s, and serves them', async () => {
    const fresh = join(freshDir(), 'data')
    buildOld(fresh, 300)
    const old = join(freshDir(), 'data')
    buildOld(old, 300)
    withDb(old, downgradeToV4)
    const catalog = openCatalog(old)
    try {
      withDb(fresh, (newDb) => {
        expect(shapeOf(catalog.sqlite)).toEqual(shapeOf(newDb))
        for (const table of [...PHOTO_TABLES, ...LIBRARY_TABLES]) {
          expect(tableText(catalog.sqlite, table), table).toBe(tableText(newDb, table))
        }
      })
      const app = createApp({ db: catalog, media: createMediaStore(catalog) })
      const { status, body } = await getJson<{ data: unknown[] }>(app, '/api/gumnut/api/assets?limit=5')
      expect(status).toBe(200)
      expect(body.data).toHaveLength(5)
    } finally {
      catalog.close()
    }
  })

  it('keeps the ids a catalog from before id keys has handed out, stored and served', async () => {
    const dataDir = join(freshDir(), 'data')
    buildOld(dataDir, 300)
    withDb(dataDir, downgradeToV6)
    const catalog = openCatalog(dataDir)
    try {
      const db = catalog.sqlite
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'id_secret'`).get()).toEqual({ value: LEGACY_ID_SECRET })
      // What versions before 7 named the first row of each kind, under their constant keys.
      const one = (sql: string) => db.prepare(sql).pluck().get()
      expect(one(`SELECT public_id FROM assets WHERE id = 1`)).toBe('46n6pbva')
      expect(one(`SELECT public_id FROM scenario_assets WHERE id = 1`)).toBe('asset_46n6pbva4kk0')
      expect(one(`SELECT public_id FROM scenario_models WHERE id = 1`)).toBe('model_awxrb9q7')
      expect(one(`SELECT count(*) FROM scenario_assets WHERE inference_id = 'inf_ej2jyash'`)).toBeGreaterThan(0)
      expect(one(`SELECT count(*) FROM gallery_images WHERE job_id = 'job_m115424p'`)).toBeGreaterThan(0)
      expect(one(`SELECT uuid FROM vipanya_assets WHERE id = 1`)).toBe('b04dcf41-6eb9-4e2f-9c54-705df801aae7')

      const app = createApp({ db: catalog, media: createMediaStore(catalog) })
      const ownerOf = (table: string) =>
        catalog.userById(one(`SELECT owner_id FROM ${table} WHERE id = 1`) as number)?.username as DemoUser
      const photo = await getJson<{ id: string }>(app, '/api/gumnut/api/assets/asset_esn2m2na', ownerOf('photos'))
      expect(photo).toMatchObject({ status: 200, body: { id: 'asset_esn2m2na' } })
      const person = await getJson<{ id: string }>(
        app,
        '/api/gumnut/api/people/person_xxf1m8va',
        ownerOf('photo_people'),
      )
      expect(person).toMatchObject({ status: 200, body: { id: 'person_xxf1m8va' } })
    } finally {
      catalog.close()
    }
  })

  it('refuses a catalog it cannot read, naming the file, and never replaces it', async () => {
    const dataDir = join(freshDir(), 'data')
    mkdirSync(dataDir, { recursive: true })
    const garbage = Buffer.from('this is not a database, but it is somebody’s file'.repeat(100))
    writeFileSync(catalogPath(dataDir), garbage)
    expect(() => openCatalog(dataDir)).toThrow(CatalogRefusedError)
    expect(() => openCatalog(dataDir)).toThrow(catalogPath(dataDir))
    await expect(startServer({ port: 0, dataDir, demoAssets: 10 })).rejects.toThrow(
      /Refusing the catalog .*vitrine\.db/,
    )
    expect(readFileSync(catalogPath(dataDir)).equals(garbage)).toBe(true)
  })

  it('refuses a catalog written by a newer version, leaving it untouched', () => {
    const dataDir = join(freshDir(), 'data')
    buildCatalog({ dataDir, assets: 20 })
    withDb(dataDir, (db) => db.exec(`UPDATE meta SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`))
    const bytes = readFileSync(catalogPath(dataDir))
    expect(() => openCatalog(dataDir)).toThrow(/newer than this Vitrine understands/)
    expect(readFileSync(catalogPath(dataDir)).equals(bytes)).toBe(true)
  })
})
