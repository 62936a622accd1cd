import type Database from 'better-sqlite3'
import { slugify, videoEmbedFor, type VipanyaAssetType } from '../../shared/vipanya'
import { VIPANYA_INDEXES_DDL, VIPANYA_TABLES_DDL, type VipanyaRow } from '../db/schema-vipanya'
import {
  VIPANYA_FILE_KINDS,
  VIPANYA_SAMPLES,
  vipanyaSampleBytes,
  type VipanyaSampleFormat,
} from '../media/vipanya-files'
import { HOSTILE_DESCRIPTIONS, HOSTILE_TITLES } from './hostile'
import type { IdCodec } from '../ids/codec'
import { createRandom, type Random, type Weighted } from '../random'
import { userIdsByName } from './users'

// A Vipanya digital library for the demo catalog: handbooks and reports (pdf), office files,
// photos, recorded and hosted videos, podcasts, bookmarks, collections and repositories, some
// still unpublished. Deterministic in (seed, count); runs on a new or an existing catalog, and
// never touches rows created through the API.

/** Library assets for a catalog of `assets` PiktID assets: one in twenty, at least 80. */
export function vipanyaCountFor(assets: number): number {
  return assets <= 0 ? 0 : Math.max(80, Math.round(assets / 20))
}

const TYPE_WEIGHTS: Weighted<VipanyaAssetType> = [
  ['pdf', 24],
  ['document', 15],
  ['image', 20],
  ['video', 9],
  ['external_video', 9],
  ['audio', 7],
  ['link', 8],
  ['collection', 4],
  ['git', 4],
]

const OWNER_WEIGHTS: Weighted<string> = [
  ['platform', 20],
  ['alice', 35],
  ['bob', 25],
  ['carol', 20],
]

const TOPICS = [
  'Product Guide',
  'Brand Book',
  'Onboarding Handbook',
  'Quarterly Report',
  'Security Policy',
  'Release Notes',
  'Style Guide',
  'Pricing Sheet',
  'Case Study',
  'Roadmap',
  'Sales Playbook',
  'Research Summary',
  'Field Manual',
  'Workshop Notes',
  'Annual Review',
  'Support FAQ',
  'Design System',
  'Architecture Overview',
  'Hiring Plan',
  'Event Recap',
] as const

const QUALIFIERS = [
  '2023',
  '2024',
  '2025',
  'Q1',
  'Q2',
  'Q3',
  'Q4',
  'EMEA',
  'APAC',
  'Americas',
  'Internal',
  'Partner',
  'Draft',
  'v2',
  'v3',
  'Summary',
  'Full',
] as const

const LEADS = [
  'Everything a new teammate needs to know about',
  'A practical overview of',
  'Figures, charts and commentary on',
  'Step-by-step walkthrough of',
  'Notes and decisions from',
  'Reference material covering',
  'A short introduction to',
  'The official source of truth for',
] as const

const SUBJECT_AREAS = [
  'our products and services',
  'customer onboarding',
  'the design language',
  'platform security',
  'regional sales',
  'the developer platform',
  'support processes',
  'the brand identity',
  'infrastructure costs',
  'the partner programme',
] as const

const DOCUMENT_FORMATS = [
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', true],
  ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', true],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
  ['odt', 'application/vnd.oasis.opendocument.text', true],
  ['md', 'text/markdown', true],
  ['txt', 'text/plain', true],
] as const

const IMAGE_FORMATS = [
  ['jpg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
] as const

const IMAGE_SIZES = [
  [1920, 1080],
  [1080, 1080],
  [1200, 630],
  [3000, 2000],
  [2048, 1536],
  [800, 1200],
  [4032, 3024],
] as const

/** Formats of the shipped clips (vipanya-files.ts) video and audio assets play. */
const VIDEO_FORMATS = ['mp4', 'webm'] as const satisfies readonly VipanyaSampleFormat[]
const AUDIO_FORMATS = ['mp3', 'm4a', 'wav', 'ogg'] as const satisfies readonly VipanyaSampleFormat[]

const LINK_HOSTS = [
  'https://developer.mozilla.org/en-US/docs/Web/HTTP',
  'https://www.w3.org/WAI/standards-guidelines/wcag/',
  'https://en.wikipedia.org/wiki/Digital_asset_management',
  'https://docs.github.com/en/rest',
  'https://www.figma.com/community',
  'https://blog.example.com/posts/launch-week',
  'https://news.ycombinator.com/item?id=4200',
  'https://www.notion.so/templates',
] as const

const GIT_REPOS = [
  'vitrine/design-tokens',
  'vitrine/brand-assets',
  'studio/press-kit',
  'north/field-guides',
  'platform/api-examples',
  'studio/icon-set',
  'platform/docs-site',
  'north/trail-maps',
] as const

const VIDEO_HOSTS: readonly ((id: string, n: number) => string)[] = [
  (id) => `https://www.youtube.com/watch?v=${id}`,
  (id) => `https://youtu.be/${id}`,
  (_id, n) => `https://vimeo.com/${100_000_000 + n}`,
  (id) => `https://www.youtube.com/watch?v=${id}&t=42s`,
  (_id, n) => `https://video.example.org/watch/${n}`,
]

const DAY_MS = 24 * 3600 * 1000
const SPAN_MS = 730 * DAY_MS

/** The file fields of a video or audio row that plays the shipped clip of `format`: its real size, type, length and frame. */
function clipFields(format: VipanyaSampleFormat) {
  const clip = VIPANYA_SAMPLES[format]
  return {
    file_path: format,
    file_size: vipanyaSampleBytes(format).length,
    mime_type: VIPANYA_FILE_KINDS[clip.kind].contentType,
    width: clip.width,
    height: clip.height,
    duration_seconds: clip.durationSeconds,
  }
}

function youtubeId(r: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let id = ''
  for (let i = 0; i < 11; i++) id += alphabet[r.int(0, alphabet.length - 1)]
  return id
}

export interface FillVipanyaOptions {
  seed: string
  count: number
  end: number
  /** The catalog's id codec, which names the assets. */
  ids: IdCodec
}

export interface FillVipanyaResult {
  assets: number
  filled: boolean
}

/** What the generator decides for one row; the rest (ids, owner, slug, counters, dates) is filled around it. */
type LibraryRow = Omit<
  VipanyaRow,
  'id' | 'uuid' | 'owner_id' | 'slug' | 'download_count' | 'is_public' | 'is_published' | 'created_at' | 'updated_at'
>

/** Fills the Vipanya table of `db` with generated rows unless it already holds some. */
export function fillVipanya(db: Database.Database, options: FillVipanyaOptions): FillVipanyaResult {
  db.exec(VIPANYA_TABLES_DDL)
  const existing = (
    db.prepare('SELECT count(*) AS n FROM vipanya_assets WHERE created_via_api = 0').get() as { n: number }
  ).n
  if (existing > 0) {
    db.exec(VIPANYA_INDEXES_DDL)
    return { assets: existing, filled: false }
  }
  const users = userIdsByName(db)
  const owners = OWNER_WEIGHTS.filter(([name]) => users.has(name)).map(
    ([name, w]) => [users.get(name) as number, w] as const,
  )
  const count = Math.max(0, Math.floor(options.count))
  const r = createRandom(`${options.seed}:vipanya:${count}`)
  const start = options.end - SPAN_MS
  const latest = options.end - 1000

  // Rows created through the API keep their slugs; generated ones must not collide with them.
  const slugs = new Set((db.prepare('SELECT slug FROM vipanya_assets').all() as { slug: string }[]).map((s) => s.slug))
  const uniqueSlug = (title: string): string => {
    const base = slugify(title)
    let slug = base
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`
    slugs.add(slug)
    return slug
  }
  const firstFreeId = ((db.prepare('SELECT max(id) AS m FROM vipanya_assets').get() as { m: number | null }).m ?? 0) + 1

  const insert = db.prepare(
    `INSERT INTO vipanya_assets (id, uuid, owner_id, title, slug, description, asset_type, file_path, file_size,
       mime_type, has_thumbnail, page_count, word_count, width, height, duration_seconds, external_url, video_embed,
       download_count, is_public, is_published, created_via_api, created_at, updated_at)
     VALUES (@id, @uuid, @owner_id, @title, @slug, @description, @asset_type, @file_path, @file_size, @mime_type,
       @has_thumbnail, @page_count, @word_count, @width, @height, @duration_seconds, @external_url, @video_embed,
       @download_count, @is_public, @is_published, 0, @created_at, @updated_at)`,
  )

  const describe = (): string => `${r.pick(LEADS)} ${r.pick(SUBJECT_AREAS)}.`
  const titled = (topic: string): string => `${topic} ${r.pick(QUALIFIERS)}`

  const libraryRow = (type: VipanyaAssetType, n: number): LibraryRow => {
    const empty = {
      file_path: null,
      file_size: null,
      mime_type: null,
      has_thumbnail: 1,
      page_count: null,
      word_count: null,
      width: null,
      height: null,
      duration_seconds: null,
      external_url: null,
      video_embed: null,
    }
    switch (type) {
      case 'pdf': {
        const pages = Math.max(1, Math.round(r.next() ** 2 * 320) + 1)
        return {
          ...empty,
          title: titled(r.pick(TOPICS)),
          description: describe(),
          asset_type: type,
          file_path: 'pdf',
          file_size: pages * r.int(30_000, 160_000),
          mime_type: 'application/pdf',
          page_count: pages,
          word_count: pages * r.int(120, 420),
        }
      }
      case 'document': {
        const [ext, mime, paged] = r.pick(DOCUMENT_FORMATS)
        const pages = r.int(1, 60)
        return {
          ...empty,
          title: titled(r.pick(TOPICS)),
          description: describe(),
          asset_type: type,
          file_path: ext,
          file_size: pages * r.int(8_000, 90_000),
          mime_type: mime,
          page_count: paged ? pages : null,
          word_count: paged ? pages * r.int(150, 450) : null,
        }
      }
      case 'image': {
        const [ext, mime] = r.pick(IMAGE_FORMATS)
        const [width, height] = r.pick(IMAGE_SIZES)
        return {
          ...empty,
          title: `${r.pick(['Team photo', 'Hero banner', 'Office', 'Product shot', 'Event', 'Logo lockup', 'Social card'])} ${r.pick(QUALIFIERS)}`,
          description: describe(),
          asset_type: type,
          file_path: ext,
          file_size: Math.round(width * height * (ext === 'png' ? 1.4 : 0.35) * (0.7 + r.next() * 0.6)),
          mime_type: mime,
          width,
          height,
        }
      }
      case 'video': {
        const format = r.pick(VIDEO_FORMATS)
        return {
          ...empty,
          title: `${r.pick(['Webinar', 'Product demo', 'All-hands', 'Tutorial', 'Customer interview', 'Teaser'])}: ${r.pick(TOPICS)}`,
          description: describe(),
          asset_type: type,
          ...clipFields(format),
        }
      }
      case 'external_video': {
        const url = r.pick(VIDEO_HOSTS)(youtubeId(r), n)
        return {
          ...empty,
          title: `${r.pick(['Keynote', 'Launch video', 'Conference talk', 'Explainer', 'Behind the scenes'])}: ${r.pick(TOPICS)}`,
          description: describe(),
          asset_type: type,
          external_url: url,
          video_embed: videoEmbedFor(url) ?? null,
        }
      }
      case 'audio': {
        const format = r.pick(AUDIO_FORMATS)
        return {
          ...empty,
          title: `${r.pick(['Podcast', 'Interview', 'Jingle', 'Voice memo', 'Briefing'])} ${r.int(1, 120)}: ${r.pick(TOPICS)}`,
          description: describe(),
          asset_type: type,
          ...clipFields(format),
        }
      }
      case 'link':
        return {
          ...empty,
          title: `${r.pick(['Reading', 'Reference', 'Bookmark', 'Useful link'])}: ${r.pick(TOPICS)}`,
          description: describe(),
          asset_type: type,
          has_thumbnail: r.chance(0.5) ? 1 : 0,
          external_url: r.pick(LINK_HOSTS),
        }
      case 'collection':
        return {
          ...empty,
          title: `${r.pick(['Collection', 'Kit', 'Bundle', 'Pack'])}: ${r.pick(TOPICS)} ${r.pick(QUALIFIERS)}`,
          description: describe(),
          asset_type: type,
        }
      case 'git': {
        const repo = r.pick(GIT_REPOS)
        return {
          ...empty,
          title: `Repository ${repo}`,
          description: describe(),
          asset_type: type,
          external_url: `https://github.com/${repo}`,
        }
      }
    }
  }

  const load = db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = firstFreeId + i
      const hostile = i < HOSTILE_TITLES.length
      const type: VipanyaAssetType = hostile
        ? ((['pdf', 'document', 'link', 'image', 'pdf'] as const)[i] ?? 'pdf')
        : r.weighted(TYPE_WEIGHTS)
      const base = libraryRow(type, i)
      if (hostile) {
        base.title = HOSTILE_TITLES[i] ?? base.title
        base.description = HOSTILE_DESCRIPTIONS[i] ?? base.description
      }
      const owner = r.weighted(owners)
      let created = hostile ? latest - (i + 1) * 3_600_000 : start + Math.floor(r.next() * (SPAN_MS - DAY_MS))
      created -= created % 1000
      const updated = r.chance(0.3) ? Math.min(latest, created + r.int(1, 60 * 24 * 90) * 60_000) : created
      const slug = uniqueSlug(base.title)
      const extension = base.file_path
      insert.run({
        id,
        uuid: options.ids.vipanyaUuid(id),
        owner_id: owner,
        ...base,
        slug,
        file_path: extension ? `/uploads/assets/${slug}.${extension}` : null,
        download_count: Math.floor(r.next() ** 3 * 4000),
        is_public: hostile || r.chance(0.6) ? 1 : 0,
        is_published: hostile || r.chance(0.86) ? 1 : 0,
        created_at: new Date(created).toISOString(),
        updated_at: new Date(updated).toISOString(),
      })
    }
  })
  load()
  db.exec(VIPANYA_INDEXES_DDL)
  return { assets: count, filled: true }
}
