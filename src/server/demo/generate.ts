import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { catalogPath, checkSharedSecret, createIndexes, createSchema } from '../db/catalog-file'
import { COUNTS_REBUILD_SQL, FTS_REBUILD_SQL, SCHEMA_VERSION } from '../db/schema'
import { MEDIA_CACHE_DIR } from '../media/media-store'
import { buildGallery } from './gallery'
import { fillPhotoLibrary } from './photos'
import { createIdCodec, newIdSecret } from '../ids/codec'
import { fillLibraries } from './libraries'
import { createRandom } from '../random'
import { CATALOG_END, makeProjects, writeAssets } from './piktid-assets'
import { DEMO_TOKENS, DEMO_USERS } from './users'

export const DEFAULT_SEED = 'vitrine-demo-1'

export interface BuildCatalogOptions {
  dataDir: string
  assets: number
  seed?: string
  /** Photos in the Gumnut photo libraries; defaults to `assets`. */
  photos?: number
  /** Who owns the photos, [username, weight]; defaults to alice, bob and carol. */
  photoOwners?: readonly (readonly [string, number])[]
  /**
   * The deployment's shared secret (VITRINE_SECRET), if any: the catalog's id key is derived from
   * it, so catalogs built with the same one give the same ids. Without it the key is random.
   */
  secret?: string | undefined
  /** The id key itself (meta `id_secret`), instead of one made as `secret` says. */
  idSecret?: string
}

export interface BuildCatalogResult {
  assets: number
  projects: number
  /** Scenario generations and Vipanya library assets, sized from `assets`. */
  scenarioAssets: number
  vipanyaAssets: number
  galleryImages: number
  photos: number
  faces: number
  path: string
  insertMs: number
  indexMs: number
  totalMs: number
}

/**
 * Builds a demo catalog of `assets` rows into `dataDir`, replacing any catalog there. The same
 * (seed, size) always yields the same rows; their public ids follow the catalog's id key (see
 * ids.ts), and the media signing secret is random.
 */
export function buildCatalog(options: BuildCatalogOptions): BuildCatalogResult {
  const building: { path?: string; db?: Database.Database } = {}
  try {
    return buildCatalogFile(options, building)
  } catch (err) {
    // A build cut short (a full disk, an error) leaves nothing behind, and frees its space at once
    // (an open handle would keep the deleted file's blocks).
    if (building.db?.open) building.db.close()
    if (building.path) rmSync(building.path, { force: true })
    throw err
  }
}

function buildCatalogFile(
  options: BuildCatalogOptions,
  building: { path?: string; db?: Database.Database },
): BuildCatalogResult {
  const started = performance.now()
  checkSharedSecret(options.secret)
  const idSecret = options.idSecret ?? newIdSecret(options.secret)
  const seed = options.seed ?? DEFAULT_SEED
  const ids = createIdCodec(idSecret, seed)
  const total = Math.max(0, Math.floor(options.assets))
  mkdirSync(options.dataDir, { recursive: true })
  const finalPath = catalogPath(options.dataDir)
  const buildPath = `${finalPath}.building-${process.pid}`
  rmSync(buildPath, { force: true })
  building.path = buildPath

  const db = new Database(buildPath)
  building.db = db
  // Nothing reads this file until it is complete and renamed, so durability is irrelevant here.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -262144')
  createSchema(db)

  const random = createRandom(`${seed}:${total}`)
  const projectCount = Math.min(240, Math.max(8, Math.round(total / 400)))
  const projects = makeProjects(random, projectCount)

  const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
  const insertUser = db.prepare('INSERT INTO users (id, username, group_name) VALUES (?, ?, ?)')
  const insertToken = db.prepare('INSERT INTO tokens (token, user_id, scopes) VALUES (?, ?, ?)')
  const insertProject = db.prepare(
    'INSERT INTO projects (id, name, key, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
  )

  const load = db.transaction(() => {
    insertMeta.run('schema_version', String(SCHEMA_VERSION))
    insertMeta.run('seed', seed)
    insertMeta.run('asset_count', String(total))
    insertMeta.run('media_secret', randomBytes(32).toString('base64url'))
    insertMeta.run('id_secret', idSecret)
    for (const u of DEMO_USERS) insertUser.run(u.id, u.username, u.group)
    for (const t of DEMO_TOKENS) insertToken.run(t.token, t.userId, t.scopes)
    for (const p of projects) {
      insertProject.run(p.id, p.name, p.key, p.ownerId, new Date(p.createdAt).toISOString())
    }

    writeAssets(db, random, total, projects, ids)
  })
  load()
  const gallery = db.transaction(() => buildGallery(db, seed, ids))()
  const libraries = fillLibraries(db, { seed, assets: total, end: CATALOG_END, ids })
  const loaded = performance.now()

  createIndexes(db)
  const photoCount = Math.max(0, Math.floor(options.photos ?? total))
  const photos = fillPhotoLibrary(db, {
    photos: photoCount,
    seed,
    ...(options.photoOwners ? { owners: options.photoOwners } : {}),
  })
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('photo_count', String(photos.photos))
  db.exec(FTS_REBUILD_SQL)
  db.exec(COUNTS_REBUILD_SQL)
  db.exec('ANALYZE')
  db.pragma('journal_mode = DELETE')
  db.close()
  const indexed = performance.now()

  // Swap the finished file in, dropping the previous catalog's WAL files and rendered media.
  for (const suffix of ['-wal', '-shm']) rmSync(`${finalPath}${suffix}`, { force: true })
  rmSync(join(options.dataDir, MEDIA_CACHE_DIR), { recursive: true, force: true })
  if (existsSync(finalPath)) rmSync(finalPath)
  renameSync(buildPath, finalPath)

  return {
    assets: total,
    projects: projects.length + gallery.projects - projects.filter((p) => p.ownerId !== 1).length,
    galleryImages: gallery.images,
    photos: photos.photos,
    faces: photos.faces,
    scenarioAssets: libraries.scenario.assets,
    vipanyaAssets: libraries.vipanya.assets,
    path: finalPath,
    insertMs: loaded - started,
    indexMs: indexed - loaded,
    totalMs: performance.now() - started,
  }
}
