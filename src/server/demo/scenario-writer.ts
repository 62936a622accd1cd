import type Database from 'better-sqlite3'
import { scenarioKindOf, type ScenarioAssetType, type ScenarioKind } from '../../shared/scenario'
import { SCENARIO_PRIVACY_CODES } from '../db/schema-scenario'
import type { IdCodec } from '../ids/codec'
import type { Random } from '../random'
import { DETAILS, EDIT_TYPES, SCENARIO_TAGS, STYLES, SUBJECTS } from './scenario-vocabulary'

// Writes the Scenario assets one row at a time, numbering them and working out what follows from
// an asset's type (kind, size, MIME type, last update), up to the fill's count; and draws the
// pieces every session uses (tags, prompts, inference ids, chains of edits).

/** A written asset, as the rows made from it see it. */
export interface Created {
  id: number
  rootId: number | null
  width: number | null
  height: number | null
  privacy: number
  time: number
  tags: number[]
}

/** One asset to write; its kind, byte size, MIME type and update time are worked out from it. */
interface ScenarioAssetInput {
  author: number
  type: ScenarioAssetType
  privacy: number
  time: number
  name?: string | null
  prompt?: string | null
  modelId?: number | null
  inferenceId?: string | null
  parent?: Created | null
  width?: number | null
  height?: number | null
  duration?: number | null
  tags: number[]
}

export interface ScenarioWriter {
  /** Writes the asset and its tags; undefined once the fill's count is reached. */
  add(a: ScenarioAssetInput): Created | undefined
  /** Assets written so far. */
  written(): number
  /** A session's tags: up to four, the popular ones (low ids) most often. */
  sessionTags(): number[]
  /** Most of a session's tags, for one of its assets. */
  someOf(tags: number[]): number[]
  prompt(): string
  /** The public id of the next inference. */
  nextInference(): string
  /** Follows some outputs with a chain of one to three edits (upscale, background removal …). */
  edits(output: Created, author: number, tags: number[]): void
}

interface WriterOptions {
  ids: IdCodec
  r: Random
  /** Assets to write in all. */
  count: number
  /** Every timestamp is clamped to [start, latest]. */
  start: number
  latest: number
}

function mimeFor(kind: ScenarioKind, type: ScenarioAssetType, r: Random): string {
  switch (kind) {
    case 'video':
      return 'video/mp4'
    case 'audio':
      return r.chance(0.7) ? 'audio/mpeg' : 'audio/wav'
    case '3d':
      return 'model/gltf-binary'
    case 'image-hdr':
      return 'image/vnd.radiance'
    case 'text':
      return 'text/plain'
    default:
      if (type === 'vectorization') return 'image/svg+xml'
      if (type.startsWith('uploaded')) return r.chance(0.5) ? 'image/jpeg' : 'image/png'
      return r.chance(0.85) ? 'image/png' : 'image/webp'
  }
}

export function createScenarioWriter(db: Database.Database, options: WriterOptions): ScenarioWriter {
  const { ids, r, count, start, latest } = options
  const insertAsset = db.prepare(
    `INSERT INTO scenario_assets (id, public_id, author_id, type, kind, privacy, name, prompt, model_id,
       inference_id, parent_id, root_id, mime_type, width, height, size, duration, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertAssetTag = db.prepare('INSERT OR IGNORE INTO scenario_asset_tags (tag_id, asset_id) VALUES (?, ?)')

  let row = 0
  let inferences = 0
  const iso = (t: number): string => new Date(Math.min(Math.max(t, start), latest)).toISOString()

  const add = (a: ScenarioAssetInput): Created | undefined => {
    if (row >= count) return undefined
    row += 1
    const kind = scenarioKindOf(a.type)
    const width = kind === 'image' || kind === 'image-hdr' || kind === 'video' ? (a.width ?? 1024) : null
    const height = width === null ? null : (a.height ?? 1024)
    const pixels = (width ?? 512) * (height ?? 512)
    const size =
      kind === 'video'
        ? Math.round((a.duration ?? 5) * (600_000 + r.next() * 900_000))
        : kind === 'audio'
          ? Math.round((a.duration ?? 20) * (16_000 + r.next() * 16_000))
          : kind === '3d'
            ? r.int(800_000, 24_000_000)
            : kind === 'text'
              ? r.int(300, 4000)
              : Math.round(pixels * (0.6 + r.next() * 1.1))
    const updated = r.chance(0.22) ? a.time + r.int(60, 60 * 24 * 40) * 60_000 : a.time
    const rootId = a.parent ? (a.parent.rootId ?? a.parent.id) : null
    insertAsset.run(
      row,
      ids.scenarioAsset(row),
      a.author,
      a.type,
      kind,
      a.privacy,
      a.name ?? null,
      a.prompt ?? null,
      a.modelId ?? null,
      a.inferenceId ?? null,
      a.parent?.id ?? null,
      rootId,
      mimeFor(kind, a.type, r),
      width,
      height,
      size,
      a.duration ?? null,
      iso(a.time),
      iso(Math.max(updated, a.time)),
    )
    for (const tag of a.tags) insertAssetTag.run(tag, row)
    return { id: row, rootId, width, height, privacy: a.privacy, time: a.time, tags: a.tags }
  }

  const sessionTags = (): number[] => {
    const n = r.weighted([
      [0, 12],
      [1, 20],
      [2, 30],
      [3, 25],
      [4, 13],
    ] as const)
    const out = new Set<number>()
    // Low ids are the popular tags: a skewed pick gives the long tail a real vocabulary has.
    for (let i = 0; i < n; i++) out.add(1 + Math.floor(r.next() ** 2 * SCENARIO_TAGS.length))
    return [...out]
  }
  const someOf = (tags: number[]): number[] => tags.filter(() => r.chance(0.85))
  const prompt = (): string => `${r.pick(SUBJECTS)}, ${r.pick(STYLES)}, ${r.pick(DETAILS)}`
  const nextInference = (): string => ids.scenarioInference(++inferences)

  const edits = (output: Created, author: number, tags: number[]): void => {
    if (!r.chance(0.38)) return
    let parent = output
    let time = output.time
    const n = r.int(1, 3)
    for (let i = 0; i < n; i++) {
      time += r.int(1, 180) * 60_000
      const type = r.weighted(EDIT_TYPES)
      const factor = type === 'upscale' ? r.pick([2, 2, 4]) : 1
      const made = add({
        author,
        type,
        privacy: r.chance(0.9) ? parent.privacy : SCENARIO_PRIVACY_CODES.public,
        time,
        prompt: type === 'image-prompt-editing' || type === 'generative-fill' ? prompt() : null,
        parent,
        width: (parent.width ?? 1024) * factor,
        height: (parent.height ?? 1024) * factor,
        tags: someOf(tags),
      })
      if (!made) return
      // Most edits chain (upscale the background-removed image); some branch from the output.
      if (r.chance(0.6)) parent = made
    }
  }

  return { add, written: () => row, sessionTags, someOf, prompt, nextInference, edits }
}
