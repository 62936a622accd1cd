import type Database from 'better-sqlite3'
import { VISIBILITY_CODES } from '../db/schema'
import type { IdCodec } from '../ids/codec'
import type { Random } from '../random'
import { pad } from './format'
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

// The PiktID assets of the demo catalog and their projects: shoots of one owner, category and
// project, each a burst of frames with file names, sizes, tags and detections that fit the kind.

/** Catalog timestamps fall in the two years before this instant, so every build is identical. */
export const CATALOG_END = Date.UTC(2025, 5, 1, 0, 0, 0)
const TWO_YEARS_MS = 730 * 24 * 3600 * 1000

const TAG_BITS = { model: 1, product: 2, background: 4, other: 8 } as const

type Category = 'model' | 'product' | 'background' | 'other'

export interface Project {
  id: number
  name: string
  key: string
  ownerId: number
  createdAt: number
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

export function makeProjects(random: Random, count: number): Project[] {
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

/** Writes the `total` assets, in shoots, into the projects' owners' catalogs. */
export function writeAssets(
  db: Database.Database,
  random: Random,
  total: number,
  projects: Project[],
  ids: IdCodec,
): void {
  const projectsByOwner = new Map<number, Project[]>()
  for (const p of projects) {
    const list = projectsByOwner.get(p.ownerId) ?? []
    list.push(p)
    projectsByOwner.set(p.ownerId, list)
  }

  const insertAsset = db.prepare(
    `INSERT INTO assets (id, public_id, filename, created_at, created_by, visibility, width, height,
       styling_note, detected, project_id, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )

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
}
