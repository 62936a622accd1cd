import type Database from 'better-sqlite3'
import { scenarioKindOf, type ScenarioAssetType, type ScenarioKind } from '../../shared/scenario'
import { SCENARIO_INDEXES_DDL, SCENARIO_PRIVACY_CODES, SCENARIO_TABLES_DDL } from '../db/schema-scenario'
import { HOSTILE_TITLES } from './hostile'
import type { IdCodec } from '../ids/codec'
import { createRandom, type Random, type Weighted } from '../random'
import { userIdsByName } from './users'

// Scenario-style generations for the demo catalog: sessions of one author with one model, each
// an inference with 1–4 outputs, some of them edited afterwards (upscaled, background removed,
// vectorized …) into parent → child chains; uploads that seed img2img and video; textures,
// skyboxes, 3D, audio. Deterministic in (seed, count); runs on a new or an existing catalog.

/** Scenario generations for a catalog of `assets` PiktID assets: a quarter, at least 150. */
export function scenarioCountFor(assets: number): number {
  return assets <= 0 ? 0 : Math.max(150, Math.round(assets / 4))
}

const SCENARIO_TAGS = [
  'character',
  'fantasy',
  'sci-fi',
  'portrait',
  'landscape',
  'isometric',
  'pixel-art',
  'weapon',
  'armor',
  'potion',
  'dungeon',
  'forest',
  'castle',
  'robot',
  'spaceship',
  'creature',
  'dragon',
  'ui',
  'icon',
  'concept-art',
  'environment',
  'prop',
  'seamless',
  'stylized',
  'realistic',
  'anime',
  'cartoon',
  'low-poly',
  'hdri',
  'sky',
  'night',
  'sunset',
  'medieval',
  'cyberpunk',
  'steampunk',
  'desert',
  'ice',
  'lava',
  'water',
  'stone',
  'wood',
  'metal',
  'fabric',
  'game-asset',
  'background',
  'card-art',
  'avatar',
  'logo',
  'mascot',
  'vehicle',
  'tree',
  'flower',
  'food',
  'interior',
  'hero',
  'villain',
  'npc',
  'loot',
  'tileset',
  'splash-art',
] as const

const MODEL_NAMES = [
  ['Flux.1 Dev', 1],
  ['SDXL Base 1.0', 1],
  ['Isometric Buildings', 1],
  ['Pixel Heroes', 1],
  ['Painterly Portraits', 1],
  ['Seamless Materials', 1],
  ['Skybox Studio', 1],
  ['Cartoon Props', 1],
  ['Dark Fantasy Items', 2],
  ['Studio Mascot v3', 2],
  ['Card Frames', 2],
  ['Cozy Interiors', 3],
  ['Neon City', 3],
  ['Runic Weapons', 3],
  ['North Trails Scenery', 4],
  ['Arctic Creatures', 4],
  ['Field Guide Icons', 4],
] as const

const SUBJECTS = [
  'a knight in ornate armor',
  'a floating castle above clouds',
  'a cozy tavern interior',
  'a cyberpunk street market',
  'a friendly robot mascot',
  'a treasure chest full of gems',
  'a dragon perched on a cliff',
  'a potion bottle with glowing liquid',
  'an isometric blacksmith shop',
  'a pixel art forest tileset',
  'a rusty spaceship hangar',
  'a snow fox in a pine forest',
  'a desert oasis at sunset',
  'a magic staff with runes',
  'a steampunk airship',
  'a stylized mushroom village',
  'an ancient stone golem',
  'a lava cave entrance',
  'a mossy stone wall texture',
  'a hero portrait for a card game',
] as const

const STYLES = [
  'concept art',
  'hand-painted',
  'cel shaded',
  'photorealistic',
  'low poly',
  '16-bit pixel art',
  'watercolor',
  'isometric game asset',
  'studio lighting',
  'ghibli-like soft colors',
] as const

const DETAILS = [
  'highly detailed',
  'centered, white background',
  'dramatic rim light',
  'soft ambient occlusion',
  'trending color palette',
  'front view',
  'three-quarter view',
  'seamless, tileable',
  'volumetric fog',
  '8k',
] as const

const GENERATION_TYPES: Weighted<ScenarioAssetType> = [
  ['inference-txt2img', 46],
  ['inference-txt2img-ip-adapter', 5],
  ['inference-txt2img-texture', 3],
  ['inference-controlnet', 6],
  ['inference-reference', 4],
  ['txt2img', 3],
]

/** Generation types that start from an input image, which becomes the parent. */
const IMAGE_INPUT_TYPES: Weighted<ScenarioAssetType> = [
  ['inference-img2img', 40],
  ['inference-img2img-ip-adapter', 6],
  ['inference-img2img-texture', 3],
  ['inference-inpaint', 10],
  ['inference-inpaint-ip-adapter', 3],
  ['inference-reference-texture', 3],
  ['inference-controlnet-ip-adapter', 4],
  ['inference-controlnet-img2img', 8],
  ['inference-controlnet-reference', 3],
  ['inference-controlnet-inpaint', 4],
  ['inference-controlnet-inpaint-ip-adapter', 2],
  ['inference-controlnet-texture', 2],
  ['img2img', 4],
]

const EDIT_TYPES: Weighted<ScenarioAssetType> = [
  ['upscale', 40],
  ['background-removal', 20],
  ['vectorization', 5],
  ['pixelization', 5],
  ['reframe', 5],
  ['restyle', 5],
  ['generative-fill', 5],
  ['image-prompt-editing', 5],
  ['segment', 2],
  ['segmentation-image', 1],
  ['segmentation-mask', 1],
  ['detection', 2],
  ['patch', 2],
  ['canvas', 1],
  ['canvas-export', 3],
  ['canvas-drawing', 1],
  ['video2img', 1],
  ['unknown', 1],
]

type SessionKind = 'generate' | 'img2img' | 'upload' | 'video' | 'audio' | '3d' | 'texture' | 'skybox'

const SESSION_KINDS: Weighted<SessionKind> = [
  ['generate', 58],
  ['img2img', 12],
  ['upload', 9],
  ['video', 6],
  ['audio', 3],
  ['3d', 4],
  ['texture', 5],
  ['skybox', 3],
]

const AUTHOR_WEIGHTS: Weighted<string> = [
  ['platform', 15],
  ['alice', 35],
  ['bob', 30],
  ['carol', 20],
]

const IMAGE_SIZES = [
  [1024, 1024],
  [1024, 1024],
  [768, 1344],
  [1344, 768],
  [1536, 640],
  [512, 512],
  [896, 1152],
] as const

const DAY_MS = 24 * 3600 * 1000
const SPAN_MS = 730 * DAY_MS

interface Created {
  id: number
  rootId: number | null
  width: number | null
  height: number | null
  privacy: number
  time: number
  tags: number[]
}

export interface FillScenarioOptions {
  seed: string
  count: number
  /** Every timestamp falls in the two years before this instant. */
  end: number
  /** The catalog's id codec, which names assets, inferences and models. */
  ids: IdCodec
}

export interface FillScenarioResult {
  assets: number
  tags: number
  models: number
  /** False when the catalog already held Scenario assets and nothing was written. */
  filled: boolean
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

/** Fills the Scenario tables of `db` unless they already hold assets. */
export function fillScenario(db: Database.Database, options: FillScenarioOptions): FillScenarioResult {
  db.exec(SCENARIO_TABLES_DDL)
  const existing = (db.prepare('SELECT count(*) AS n FROM scenario_assets').get() as { n: number }).n
  if (existing > 0) {
    const tags = (db.prepare('SELECT count(*) AS n FROM scenario_tags').get() as { n: number }).n
    const models = (db.prepare('SELECT count(*) AS n FROM scenario_models').get() as { n: number }).n
    db.exec(SCENARIO_INDEXES_DDL)
    return { assets: existing, tags, models, filled: false }
  }

  const users = userIdsByName(db)
  const authors = AUTHOR_WEIGHTS.filter(([name]) => users.has(name)).map(
    ([name, w]) => [users.get(name) as number, w] as const,
  )
  const platformId = users.get('platform')
  const count = Math.max(0, Math.floor(options.count))
  const r = createRandom(`${options.seed}:scenario:${count}`)
  const start = options.end - SPAN_MS
  const latest = options.end - 1000

  const insertModel = db.prepare(
    'INSERT INTO scenario_models (id, public_id, name, author_id, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const insertTag = db.prepare('INSERT INTO scenario_tags (id, name) VALUES (?, ?)')
  const insertAsset = db.prepare(
    `INSERT INTO scenario_assets (id, public_id, author_id, type, kind, privacy, name, prompt, model_id,
       inference_id, parent_id, root_id, mime_type, width, height, size, duration, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertAssetTag = db.prepare('INSERT OR IGNORE INTO scenario_asset_tags (tag_id, asset_id) VALUES (?, ?)')

  const models = MODEL_NAMES.map(([name, authorIndex], i) => {
    const authorName = ['platform', 'alice', 'bob', 'carol'][authorIndex - 1] ?? 'platform'
    return { id: i + 1, name, authorId: users.get(authorName) ?? platformId ?? 1 }
  })
  const modelsFor = (authorId: number) =>
    models.filter((m) => m.authorId === authorId || (platformId !== undefined && m.authorId === platformId))

  let row = 0
  let inferences = 0
  const iso = (t: number): string => new Date(Math.min(Math.max(t, start), latest)).toISOString()

  const add = (a: {
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
  }): Created | undefined => {
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
      options.ids.scenarioAsset(row),
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
  const nextInference = (): string => options.ids.scenarioInference(++inferences)

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

  const load = db.transaction(() => {
    models.forEach((m) => {
      insertModel.run(
        m.id,
        options.ids.scenarioModel(m.id),
        m.name,
        m.authorId,
        new Date(start - r.int(10, 200) * DAY_MS).toISOString(),
      )
    })
    SCENARIO_TAGS.forEach((name, i) => insertTag.run(i + 1, name))

    // A few public uploads named to break naive rendering, recent so they show on page one.
    const alice = users.get('alice') ?? authors[0]?.[0] ?? 1
    HOSTILE_TITLES.forEach((title, i) => {
      add({
        author: alice,
        type: 'uploaded',
        privacy: SCENARIO_PRIVACY_CODES.public,
        time: latest - (i + 1) * 3_600_000,
        name: title,
        width: 1024,
        height: 1024,
        tags: [1 + i],
      })
    })

    while (row < count) {
      const author = r.weighted(authors)
      const kind = r.weighted(SESSION_KINDS)
      const tags = sessionTags()
      let time = start + Math.floor(r.next() * (SPAN_MS - DAY_MS))
      time -= time % 1000
      const privacy =
        author === platformId
          ? SCENARIO_PRIVACY_CODES.public
          : r.weighted([
              [SCENARIO_PRIVACY_CODES.private, 55],
              [SCENARIO_PRIVACY_CODES.unlisted, 15],
              [SCENARIO_PRIVACY_CODES.public, 30],
            ] as const)
      const own = modelsFor(author)
      const model = own.length > 0 ? r.pick(own) : undefined
      const [w, h] = r.pick<readonly [number, number]>(IMAGE_SIZES)

      const upload = (type: ScenarioAssetType, name: string, extra: { duration?: number } = {}) =>
        add({ author, type, privacy, time, name, width: w, height: h, tags: someOf(tags), ...extra })

      const generate = (type: ScenarioAssetType, parent: Created | null, sizeW = w, sizeH = h): Created[] => {
        const inference = nextInference()
        const text = prompt()
        const outputs: Created[] = []
        const n = r.weighted([
          [1, 25],
          [2, 20],
          [4, 55],
        ] as const)
        time += r.int(20, 600) * 1000
        for (let i = 0; i < n; i++) {
          const made = add({
            author,
            type,
            privacy,
            time: time + i * 1000,
            prompt: text,
            modelId: model?.id ?? null,
            inferenceId: inference,
            parent,
            width: sizeW,
            height: sizeH,
            tags: someOf(tags),
          })
          if (made) outputs.push(made)
        }
        return outputs
      }

      switch (kind) {
        case 'generate':
          for (const out of generate(r.weighted(GENERATION_TYPES), null)) edits(out, author, tags)
          break
        case 'img2img': {
          const input = upload(r.chance(0.9) ? 'uploaded' : 'uploaded-avatar', `sketch-${r.int(1, 999)}.png`)
          if (input) for (const out of generate(r.weighted(IMAGE_INPUT_TYPES), input)) edits(out, author, tags)
          break
        }
        case 'upload':
          for (let i = r.int(1, 3); i > 0; i--) {
            time += r.int(5, 90) * 1000
            upload(r.chance(0.85) ? 'uploaded' : 'uploaded-avatar', `reference-${r.int(1, 9999)}.jpg`)
          }
          break
        case 'video': {
          const variant = r.int(0, 4)
          const duration = r.int(3, 10)
          if (variant === 0) {
            upload('uploaded-video', `clip-${r.int(1, 999)}.mp4`, { duration })
          } else if (variant === 1) {
            add({
              author,
              type: 'txt2video',
              privacy,
              time,
              prompt: prompt(),
              width: 1280,
              height: 720,
              duration,
              tags,
            })
          } else {
            const still = generate('inference-txt2img', null, 1344, 768)[0]
            if (!still) break
            time += r.int(2, 30) * 60_000
            const clip = add({
              author,
              type: 'img2video',
              privacy,
              time,
              prompt: prompt(),
              parent: still,
              width: 1280,
              height: 720,
              duration,
              tags,
            })
            if (clip && variant === 4) {
              time += r.int(2, 30) * 60_000
              add({
                author,
                type: r.chance(0.5) ? 'upscale-video' : 'video2video',
                privacy,
                time,
                parent: clip,
                width: 1920,
                height: 1080,
                duration,
                tags,
              })
            }
          }
          break
        }
        case 'audio': {
          const duration = r.int(5, 60)
          const first = r.chance(0.3)
            ? upload('uploaded-audio', `voice-${r.int(1, 999)}.wav`, { duration })
            : add({ author, type: 'txt2audio', privacy, time, prompt: prompt(), duration, tags })
          if (first && r.chance(0.3)) {
            time += r.int(1, 20) * 60_000
            add({ author, type: 'audio2audio', privacy, time, parent: first, duration, tags })
          }
          break
        }
        case '3d': {
          const still = r.chance(0.5) ? generate('inference-txt2img', null, 1024, 1024)[0] : undefined
          time += r.int(2, 30) * 60_000
          const mesh = still
            ? add({ author, type: 'img23d', privacy, time, parent: still, tags })
            : r.chance(0.3)
              ? upload('uploaded-3d', `prop-${r.int(1, 999)}.glb`)
              : add({ author, type: 'txt23d', privacy, time, prompt: prompt(), tags })
          if (mesh && r.chance(0.5)) {
            time += r.int(2, 30) * 60_000
            const texture = r.pick<ScenarioAssetType>(['3d23d-texture', '3d-texture', '3d23d'])
            const textured = add({ author, type: texture, privacy, time, parent: mesh, tags })
            if (textured && texture === '3d-texture') {
              for (const map of [
                '3d-texture-albedo',
                '3d-texture-normal',
                '3d-texture-roughness',
                '3d-texture-metallic',
                '3d-texture-mtl',
              ] as const) {
                add({
                  author,
                  type: map,
                  privacy,
                  time: time + 1000,
                  parent: textured,
                  width: 2048,
                  height: 2048,
                  tags,
                })
              }
            }
          }
          break
        }
        case 'texture': {
          const base = generate('texture', null, 1024, 1024)[0]
          if (!base) break
          time += r.int(1, 10) * 60_000
          const maps = ['texture-albedo', 'texture-normal', 'texture-height', 'texture-ao'] as const
          const extra = r.chance(0.4) ? (['texture-smoothness', 'texture-metallic', 'texture-edge'] as const) : []
          for (const map of [...maps, ...extra]) {
            add({ author, type: map, privacy, time, parent: base, width: 1024, height: 1024, tags })
          }
          if (r.chance(0.3)) {
            add({
              author,
              type: 'upscale-texture',
              privacy,
              time: time + 60_000,
              parent: base,
              width: 2048,
              height: 2048,
              tags,
            })
          }
          break
        }
        case 'skybox': {
          const sky = generate('skybox-base-360', null, 2048, 1024)[0]
          if (!sky) break
          time += r.int(1, 20) * 60_000
          if (r.chance(0.6))
            add({ author, type: 'upscale-skybox', privacy, time, parent: sky, width: 4096, height: 2048, tags })
          if (r.chance(0.5))
            add({ author, type: 'skybox-hdri', privacy, time, parent: sky, width: 4096, height: 2048, tags })
          if (r.chance(0.2)) add({ author, type: 'skybox-3d', privacy, time, parent: sky, tags })
          break
        }
      }
    }
  })
  load()
  db.exec(SCENARIO_INDEXES_DDL)
  return { assets: row, tags: SCENARIO_TAGS.length, models: models.length, filled: true }
}
