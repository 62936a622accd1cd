import type Database from 'better-sqlite3'
import { VISIBILITY_CODES } from '../db/schema'
import type { GalleryJobType } from '../db/schema-gallery'
import type { IdCodec } from '../ids/codec'
import { createRandom, type Random, type Weighted } from '../random'
import { pad } from './format'
import {
  BACKDROPS,
  COLOURS,
  FABRICS,
  MODEL_NAMES,
  MODEL_VIEWS,
  PROJECT_KINDS,
  PROJECT_THEMES,
  SEASONS,
} from './vocabulary'

// The demo catalog's PiktID generation projects (seed 002): every project of alice, bob and
// carol gets jobs of generated images, and more projects are added until there are at least
// GALLERY_MIN_PROJECTS. A pure function of the seed and the projects already in the catalog,
// so a new catalog and an upgraded one (migration v3) hold the same gallery.

const GALLERY_MIN_PROJECTS = 210
const GALLERY_MIN_IMAGES = 3
const GALLERY_MAX_IMAGES = 1500
/** Gallery timestamps end here, like the assets' (see piktid-assets.ts). */
const GALLERY_END = Date.UTC(2025, 5, 1, 0, 0, 0)
const DAY_MS = 24 * 3600 * 1000

const GARMENTS = ['dress', 'shirt', 'blazer', 'trousers', 'skirt', 'coat', 'knit', 'jumpsuit'] as const
const POSES = ['standing front', 'three-quarter', 'walking', 'seated', 'hand on hip', 'back view'] as const
const ERRORS = [
  'Face not detected in the model reference',
  'Garment mask could not be extracted from the flat-lay',
  'Generation timed out after 120 s',
  'Input image below the minimum resolution of 512 px',
  'Input rejected by the content policy check',
] as const
const COMMENTS = [
  'Sleeve length reads right, keep.',
  'Hands look off, regenerate.',
  'Colour drifted warmer than the sample.',
  'Great drape, use for the hero slot.',
  'Pattern scale too small compared to the flat-lay.',
  'Collar lost its shape.',
  'Pose works, background too busy.',
] as const

/**
 * Output sizes (width × height, 1536 px on the long side) and how often a job asks for each:
 * portrait crops for product pages mostly, some square and a few landscape banners. Every image
 * of a job shares its size.
 */
const OUTPUT_SIZES: Weighted<readonly [number, number]> = [
  [[1024, 1536], 40],
  [[1152, 1536], 20],
  [[1229, 1536], 15],
  [[1536, 1536], 12],
  [[1536, 1024], 8],
  [[864, 1536], 5],
]

/**
 * A job's output size, from a stream of its own (so the sizes leave every other value of the
 * gallery as it was before sizes were kept).
 */
function outputSizeOf(seed: string, jobId: string): readonly [number, number] {
  return createRandom(`${seed}:gallery-output:${jobId}`).weighted(OUTPUT_SIZES)
}

interface ProjectRow {
  id: number
  created_by: number
  created_at: string
}

export interface GalleryBuildResult {
  projects: number
  images: number
}

/** Project sizes spread evenly on a log scale, so a few projects are far above the cap. */
function projectSize(r: Random): number {
  const min = Math.log(GALLERY_MIN_IMAGES)
  const max = Math.log(GALLERY_MAX_IMAGES + 1)
  return Math.min(GALLERY_MAX_IMAGES, Math.floor(Math.exp(min + r.next() * (max - min))))
}

function iso(ms: number): string {
  return new Date(Math.min(ms, GALLERY_END - 1000)).toISOString()
}

/** Builds the generation gallery's demo projects and images; job ids come from the catalog's `ids`. */
export function buildGallery(db: Database.Database, seed: string, ids: IdCodec): GalleryBuildResult {
  const r = createRandom(`${seed}:gallery`)
  const users = db.prepare(`SELECT id, username FROM users ORDER BY id`).all() as { id: number; username: string }[]
  const creators = users.filter((u) => u.username !== 'platform')
  const usernames = new Map(users.map((u) => [u.id, u.username]))
  if (creators.length === 0) return { projects: 0, images: 0 }

  const existing = db.prepare(`SELECT id, created_by, created_at FROM projects ORDER BY id`).all() as ProjectRow[]
  const setVisibility = db.prepare(`UPDATE projects SET visibility = ? WHERE id = ?`)
  const insertProject = db.prepare(
    `INSERT INTO projects (id, name, key, created_by, created_at, visibility) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  // note: migration step 3 builds the gallery before step 9 adds the output sizes: there every
  // output keeps the columns' default size, as outputs were drawn then.
  const sized = db.prepare(`SELECT 1 FROM pragma_table_info('gallery_images') WHERE name = 'output_width'`).get()
  const insertImage = db.prepare(
    `INSERT INTO gallery_images (project_id, job_id, job_type, image_index, group_index, version,
       original_filename, input_count, input_description, status, quality_score, processing_time,
       error_message, feedback, feedback_comment, review_status, review_annotations, retouch_claim, created_at
       ${sized ? ', output_width, output_height' : ''})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${sized ? ', ?, ?' : ''})`,
  )

  const pickVisibility = () => (r.chance(0.45) ? VISIBILITY_CODES.private : VISIBILITY_CODES.shared)
  const generation: ProjectRow[] = []
  for (const p of existing) {
    if (usernames.get(p.created_by) === 'platform') {
      // Platform projects only hold default assets; shared within the platform group.
      setVisibility.run(VISIBILITY_CODES.shared, p.id)
      continue
    }
    setVisibility.run(pickVisibility(), p.id)
    generation.push(p)
  }
  let nextId = existing.reduce((max, p) => Math.max(max, p.id), 0) + 1
  while (generation.length < GALLERY_MIN_PROJECTS) {
    const id = nextId++
    const season = r.pick(SEASONS)
    const [theme, code] = r.pick(PROJECT_THEMES)
    const kind = r.pick(['AI Lookbook', 'Model Swap', 'Flat to Model', ...PROJECT_KINDS])
    const owner = r.pick(creators).id
    const createdAt = iso(GALLERY_END - 700 * DAY_MS + Math.floor(r.next() * 690 * DAY_MS))
    const seasonCode = season.replace(/[^A-Za-z0-9]/g, '').toUpperCase()
    insertProject.run(
      id,
      `${season} ${theme} ${kind}`,
      `${seasonCode}-${code}-G${pad(id, 3)}`,
      owner,
      createdAt,
      pickVisibility(),
    )
    generation.push({ id, created_by: owner, created_at: createdAt })
  }

  let images = 0
  let jobNumber = 0
  for (const project of generation) {
    const size = projectSize(r)
    const projectStart = Date.parse(project.created_at)
    // The newest projects are still being generated: more pending and processing images.
    const fresh = projectStart > GALLERY_END - 30 * DAY_MS
    let made = 0
    while (made < size) {
      jobNumber += 1
      const jobId = ids.galleryJob(jobNumber)
      const jobType: GalleryJobType = r.chance(0.6) ? 'flat_2_model' : 'model_swap'
      const jobStart = projectStart + Math.floor(r.next() * 40 * DAY_MS)
      const imageCount = r.int(1, 8)
      const groups = r.int(1, 3)
      const model = r.pick(MODEL_NAMES)
      const background = r.pick(BACKDROPS)
      const outputSize = sized ? outputSizeOf(seed, jobId) : []
      for (let imageIndex = 0; imageIndex < imageCount && made < size; imageIndex++) {
        const garment = `${r.pick(COLOURS)} ${r.pick(FABRICS)} ${r.pick(GARMENTS)}`
        const filename =
          jobType === 'flat_2_model'
            ? `sku-${r.int(10000, 99999)}-flatlay.png`
            : `look-${pad(r.int(1, 9999), 4)}-${r.pick(MODEL_VIEWS)}.jpg`
        const inputCount = 1 + (r.chance(jobType === 'flat_2_model' ? 0.6 : 0.5) ? 1 : 0) + (r.chance(0.22) ? 1 : 0)
        const description =
          jobType === 'flat_2_model'
            ? { garment, model, pose: r.pick(POSES), background }
            : { source: filename, target_model: model, keep: 'garment and pose', background }
        for (let groupIndex = 0; groupIndex < groups && made < size; groupIndex++) {
          made += 1
          const status = r.weighted<string>(
            fresh
              ? [
                  ['completed', 45],
                  ['failed', 6],
                  ['processing', 22],
                  ['pending', 27],
                ]
              : [
                  ['completed', 86],
                  ['failed', 8],
                  ['processing', 2],
                  ['pending', 4],
                ],
          )
          const completed = status === 'completed'
          const quality = completed ? Math.round((0.35 + 0.64 * Math.sqrt(r.next())) * 1000) / 1000 : null
          const time = completed || status === 'failed' ? Math.round((4 + r.next() * 86) * 100) / 100 : null
          const verdict = completed
            ? r.weighted<string | null>([
                ['like', 24],
                ['dislike', 9],
                [null, 67],
              ])
            : null
          const comment = verdict !== null && r.chance(0.3) ? r.pick(COMMENTS) : null
          let reviewStatus: string | null = null
          let annotations: string | null = null
          let claim: string | null = null
          if (verdict !== null && r.chance(0.4)) {
            reviewStatus = verdict === 'like' ? 'approved' : 'needs_retouch'
            if (reviewStatus === 'needs_retouch') {
              annotations = JSON.stringify([
                { x: Math.round(r.next() * 100) / 100, y: Math.round(r.next() * 100) / 100, note: r.pick(COMMENTS) },
              ])
              if (r.chance(0.5)) {
                claim = JSON.stringify({
                  claimed_by: r.pick(creators).username,
                  claimed_at: iso(jobStart + DAY_MS + Math.floor(r.next() * 5 * DAY_MS)),
                })
              }
            }
          }
          insertImage.run(
            project.id,
            jobId,
            jobType,
            imageIndex,
            groupIndex,
            r.chance(0.15) ? r.int(2, 3) : 1,
            filename,
            inputCount,
            JSON.stringify(description),
            status,
            quality,
            time,
            status === 'failed' ? r.pick(ERRORS) : null,
            verdict,
            comment,
            reviewStatus,
            annotations,
            claim,
            iso(jobStart + (imageIndex * groups + groupIndex) * 7000),
            ...outputSize,
          )
        }
      }
    }
    images += made
  }
  return { projects: generation.length, images }
}
