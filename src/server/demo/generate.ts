import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { catalogPath, checkSharedSecret, createIndexes, createSchema } from '../db/catalog-db'
import { COUNTS_REBUILD_SQL, FTS_REBUILD_SQL, SCHEMA_VERSION, VISIBILITY_CODES } from '../db/schema'
import { MEDIA_CACHE_DIR } from '../media/media-store'
import { buildGallery } from './gallery'
import { fillPhotoLibrary } from './photos'
import { createIdCodec, newIdSecret } from '../ids/codec'
import { fillLibraries } from './libraries'
import { createRandom, type Random } from '../random'
import { pad } from './format'
import { DEMO_TOKENS, DEMO_USERS } from './users'
import {
  BACKDROPS,
  COLOURS,
  DETECTION_LABELS,
  DIMENSIONS,
  FABRICS,
  MODEL_NAMES,
  MODEL_VIEWS,
  MOOD_THEMES,
  PRODUCT_SHOTS,
  PROJECT_KINDS,
  PROJECT_THEMES,
  SEASONS,
  STYLING_NOTES,
} from './vocabulary'

export const DEFAULT_SEED = 'vitrine-demo-1'
/** Catalog timestamps fall in the two years before this instant, so every build is identical. */
export const CATALOG_END = Date.UTC(2025, 5, 1, 0, 0, 0)
const TWO_YEARS_MS = 730 * 24 * 3600 * 1000

const TAG_BITS = { model: 1, product: 2, background: 4, other: 8 } as const

type Category = 'model' | 'product' | 'background' | 'other'

interface Project {
  id: number
  name: string
  key: string
  ownerId: number
  createdAt: number
}

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

const OWNER_WEIGHTS = [
  [1, 30],
  [2, 25],
  [3, 25],
  [4, 20],
] as const

const CATEGORY_WEIGHTS = [
  ['model', 40],
  ['product', 30],
  ['background', 12],
  ['other', 18],
] as const satisfies readonly (readonly [Category, number])[]

function makeProjects(random: Random, count: number): Project[] {
  const projects: Project[] = []
  for (let id = 1; id <= count; id++) {
    const season = random.pick(SEASONS)
    const [theme, code] = random.pick(PROJECT_THEMES)
    const kind = random.pick(PROJECT_KINDS)
    const seasonCode = season.replace(/[^A-Za-z0-9]/g, '').toUpperCase()
    projects.push({
      id,
      name: `${season} ${theme} ${kind}`,
      key: `${seasonCode}-${code}-${pad(id, 3)}`,
      ownerId: random.weighted(OWNER_WEIGHTS),
      createdAt: CATALOG_END - TWO_YEARS_MS + Math.floor(random.next() * TWO_YEARS_MS * 0.9),
    })
  }
  return projects
}

function filenameFor(random: Random, category: Category, shoot: ShootState): string {
  switch (category) {
    case 'model': {
      const view = random.pick(MODEL_VIEWS)
      if (shoot.style === 0) return `look-${pad(shoot.look, 4)}-${view}.jpg`
      if (shoot.style === 1) return `${shoot.modelName}-look-${pad(shoot.look % 100, 2)}-${view}.jpg`
      return `editorial-${shoot.season}-${pad(shoot.counter, 3)}.jpg`
    }
    case 'product':
      return `sku-${shoot.sku}-${random.pick(PRODUCT_SHOTS)}.png`
    case 'background':
      return `bg-${shoot.backdrop}-${pad(shoot.counter, 2)}.jpg`
    case 'other': {
      if (shoot.style === 0) return `moodboard-${shoot.mood}-${pad(shoot.counter, 2)}.jpg`
      if (shoot.style === 1) return `swatch-${random.pick(FABRICS)}-${random.pick(COLOURS)}.png`
      return `IMG_${pad(shoot.camera + shoot.counter, 4)}.JPG`
    }
  }
}

function tagsFor(random: Random, category: Category): number {
  if (random.chance(0.07)) return 0
  switch (category) {
    case 'model': {
      let t = TAG_BITS.model
      if (random.chance(0.4)) t |= TAG_BITS.product
      if (random.chance(0.22)) t |= TAG_BITS.background
      if (random.chance(0.05)) t |= TAG_BITS.other
      return t
    }
    case 'product': {
      let t = TAG_BITS.product
      if (random.chance(0.12)) t |= TAG_BITS.other
      if (random.chance(0.08)) t |= TAG_BITS.background
      return t
    }
    case 'background':
      return random.chance(0.9) ? TAG_BITS.background : TAG_BITS.background | TAG_BITS.other
    case 'other':
      return random.chance(0.55) ? TAG_BITS.other : 0
  }
}

function dimensionsFor(random: Random, category: Category): readonly [number, number] {
  const family = random.weighted<keyof typeof DIMENSIONS>(
    category === 'model'
      ? [
          ['portrait23', 55],
          ['portrait34', 35],
          ['square', 10],
        ]
      : category === 'product'
        ? [
            ['square', 55],
            ['portrait34', 35],
            ['landscape', 10],
          ]
        : category === 'background'
          ? [
              ['landscape', 70],
              ['portrait23', 30],
            ]
          : [
              ['square', 30],
              ['landscape', 35],
              ['portrait34', 35],
            ],
  )
  return random.pick<readonly [number, number]>(DIMENSIONS[family])
}

function detectionsFor(random: Random, category: Category): string | null {
  if (category !== 'model' && category !== 'product') return null
  if (!random.chance(category === 'model' ? 0.45 : 0.3)) return null
  const labels = DETECTION_LABELS[category]
  const count = random.int(1, 4)
  const found = []
  for (let i = 0; i < count; i++) {
    const w = 0.15 + random.next() * 0.6
    const h = 0.1 + random.next() * 0.8
    const x = random.next() * (1 - w)
    const y = random.next() * (1 - h)
    found.push({
      label: i === 0 && category === 'model' ? 'person' : random.pick(labels),
      confidence: Math.round((0.55 + random.next() * 0.44) * 1000) / 1000,
      box: [x, y, w, h].map((v) => Math.round(v * 10000) / 10000),
    })
  }
  return JSON.stringify(found)
}

interface ShootState {
  style: number
  look: number
  modelName: string
  season: string
  sku: number
  backdrop: string
  mood: string
  camera: number
  counter: number
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
  const projectsByOwner = new Map<number, Project[]>()
  for (const p of projects) {
    const list = projectsByOwner.get(p.ownerId) ?? []
    list.push(p)
    projectsByOwner.set(p.ownerId, list)
  }

  const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
  const insertUser = db.prepare('INSERT INTO users (id, username, group_name) VALUES (?, ?, ?)')
  const insertToken = db.prepare('INSERT INTO tokens (token, user_id, scopes) VALUES (?, ?, ?)')
  const insertProject = db.prepare(
    'INSERT INTO projects (id, name, key, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const insertAsset = db.prepare(
    `INSERT INTO assets (id, public_id, filename, created_at, created_by, visibility, width, height,
       styling_note, detected, project_id, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

    let row = 0
    while (row < total) {
      const owner = random.weighted(OWNER_WEIGHTS)
      const category = random.weighted(CATEGORY_WEIGHTS)
      const ownProjects = projectsByOwner.get(owner) ?? []
      const project = ownProjects.length > 0 && random.chance(0.85) ? random.pick(ownProjects) : null
      const shootVisibility =
        owner === 1 ? VISIBILITY_CODES.public : random.chance(0.55) ? VISIBILITY_CODES.private : VISIBILITY_CODES.shared
      const size = Math.min(total - row, random.int(1, 36))
      let time = CATALOG_END - TWO_YEARS_MS + Math.floor(random.next() * (TWO_YEARS_MS - 3600_000))
      time -= time % 1000
      const shoot: ShootState = {
        style: random.int(0, 2),
        look: random.int(1, 9999),
        modelName: random.pick(MODEL_NAMES),
        season: random.pick(['ss24', 'aw24', 'ss25', 'aw25']),
        sku: random.int(10000, 99999),
        backdrop: random.pick(BACKDROPS),
        mood: random.pick(MOOD_THEMES),
        camera: random.int(1000, 9000),
        counter: random.int(1, 40),
      }
      for (let k = 0; k < size; k++) {
        row += 1
        // Most frames of a shoot are seconds apart; some share a timestamp (burst mode), which
        // keeps the id tie-break honest.
        if (k > 0 && !random.chance(0.08)) time += random.int(4, 95) * 1000
        if (random.chance(0.3)) shoot.look += 1
        if (category === 'product' && random.chance(0.25)) shoot.sku = random.int(10000, 99999)
        shoot.counter += 1
        let visibility: number = shootVisibility
        if (owner !== 1 && random.chance(0.1)) {
          visibility = visibility === VISIBILITY_CODES.private ? VISIBILITY_CODES.shared : VISIBILITY_CODES.private
        }
        const [width, height] = dimensionsFor(random, category)
        const note = category === 'model' && random.chance(0.3) ? random.pick(STYLING_NOTES) : null
        insertAsset.run(
          row,
          ids.asset(row),
          filenameFor(random, category, shoot),
          new Date(Math.min(time, CATALOG_END - 1000)).toISOString(),
          owner,
          visibility,
          width,
          height,
          note,
          detectionsFor(random, category),
          project && random.chance(0.95) ? project.id : null,
          tagsFor(random, category),
        )
      }
    }
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
