import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCatalog } from '../../src/server/demo/generate'
import { CATALOG_END } from '../../src/server/demo/piktid-assets'
import { LONG_TITLE } from '../../src/server/demo/hostile'
import { createIdCodec, newIdSecret } from '../../src/server/ids/codec'
import { fillLibraries } from '../../src/server/demo/libraries'
import { scenarioCountFor } from '../../src/server/demo/scenario'
import { vipanyaCountFor } from '../../src/server/demo/vipanya'
import { catalogPath } from '../../src/server/db/catalog-file'
import { openCatalog } from '../../src/server/db/catalog-db'
import {
  VIPANYA_FILE_KINDS,
  VIPANYA_SAMPLES,
  vipanyaSampleBytes,
  type VipanyaSampleFormat,
} from '../../src/server/media/vipanya-files'
import { SCENARIO_TYPE_FAMILIES, scenarioTypeFamily, type ScenarioAssetType } from '../../src/shared/scenario'
import { VIPANYA_ASSET_TYPES } from '../../src/shared/vipanya'

const ASSETS = 4000
// note: both builds share a secret, so they share an id key and their ids are the same too.
const SECRET = 'a shared secret for both builds'
let dir: string
let db: Database.Database

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vitrine-libraries-'))
  buildCatalog({ dataDir: join(dir, 'a'), assets: ASSETS, secret: SECRET })
  db = new Database(catalogPath(join(dir, 'a')), { readonly: true })
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

interface ScenarioRow {
  id: number
  public_id: string
  author_id: number
  type: ScenarioAssetType
  kind: string
  privacy: number
  name: string | null
  parent_id: number | null
  root_id: number | null
  model_id: number | null
  inference_id: string | null
  width: number | null
  created_at: string
  updated_at: string
}

const scenarioRows = () => db.prepare('SELECT * FROM scenario_assets ORDER BY id').all() as ScenarioRow[]

function digest(path: string): string {
  const other = new Database(path, { readonly: true })
  try {
    const parts: unknown[] = []
    for (const table of [
      'scenario_models',
      'scenario_tags',
      'scenario_assets',
      'scenario_asset_tags',
      'vipanya_assets',
    ]) {
      parts.push(other.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all())
    }
    return JSON.stringify(parts)
  } finally {
    other.close()
  }
}

describe('Scenario generations in the demo catalog', () => {
  it('are sized from the catalog: a quarter of the assets, at least 150', () => {
    expect(scenarioRows()).toHaveLength(1000)
    expect(scenarioCountFor(ASSETS)).toBe(1000)
    expect(scenarioCountFor(100)).toBe(150)
    expect(scenarioCountFor(0)).toBe(0)
  })

  it('spread over every family of types, generations first', () => {
    const byFamily = new Map<string, number>()
    for (const row of scenarioRows()) {
      const family = scenarioTypeFamily(row.type)
      byFamily.set(family, (byFamily.get(family) ?? 0) + 1)
    }
    for (const family of SCENARIO_TYPE_FAMILIES) expect(byFamily.get(family.id) ?? 0, family.id).toBeGreaterThan(0)
    const generations = byFamily.get('generation') ?? 0
    expect(generations / 1000).toBeGreaterThan(0.35)
    for (const type of [
      'inference-txt2img',
      'inference-img2img',
      'upscale',
      'background-removal',
      'texture',
      'skybox-base-360',
      'uploaded',
      'uploaded-video',
    ] as const) {
      expect(
        scenarioRows().some((r) => r.type === type),
        type,
      ).toBe(true)
    }
  })

  it('chains edits to what they were made from: an upscale’s parent is a generation or another edit', () => {
    const rows = scenarioRows()
    const byId = new Map(rows.map((r) => [r.id, r]))
    const upscales = rows.filter((r) => r.type === 'upscale')
    expect(upscales.length).toBeGreaterThan(10)
    for (const up of upscales) {
      const parent = byId.get(up.parent_id ?? -1)
      expect(parent, up.public_id).toBeDefined()
      expect(parent && scenarioTypeFamily(parent.type)).not.toBe('upload')
      expect(parent && parent.created_at <= up.created_at).toBe(true)
    }
    for (const row of rows) {
      if (row.parent_id === null) {
        expect(row.root_id).toBeNull()
        continue
      }
      const parent = byId.get(row.parent_id)
      expect(parent).toBeDefined()
      // The root is the parent's root, or the parent itself when the parent is a root.
      expect(row.root_id).toBe(parent?.root_id ?? parent?.id)
      expect(row.author_id).toBe(parent?.author_id)
    }
  })

  it('gives every generation an inference and a model, shared by its sibling outputs', () => {
    const rows = scenarioRows().filter((r) => r.type.startsWith('inference-'))
    expect(rows.every((r) => r.inference_id !== null && r.model_id !== null)).toBe(true)
    const byInference = new Map<string, ScenarioRow[]>()
    for (const r of rows) byInference.set(r.inference_id ?? '', [...(byInference.get(r.inference_id ?? '') ?? []), r])
    for (const siblings of byInference.values()) {
      expect(new Set(siblings.map((s) => s.type)).size).toBe(1)
      expect(new Set(siblings.map((s) => s.model_id)).size).toBe(1)
    }
    expect([...byInference.values()].some((s) => s.length === 4)).toBe(true)
  })

  it('uses all three privacies, and platform assets are always public', () => {
    const counts = db.prepare('SELECT privacy, count(*) AS n FROM scenario_assets GROUP BY privacy').all()
    expect(counts.map((c) => (c as { privacy: number }).privacy)).toEqual([0, 1, 2])
    const platformPrivate = db
      .prepare(
        `SELECT count(*) AS n FROM scenario_assets a JOIN users u ON u.id = a.author_id
          WHERE u.username = 'platform' AND a.privacy != 2`,
      )
      .get() as { n: number }
    expect(platformPrivate.n).toBe(0)
  })

  it('tags assets from a real vocabulary, popular tags more often', () => {
    const tags = db
      .prepare(
        `SELECT t.name, count(*) AS n FROM scenario_asset_tags j JOIN scenario_tags t ON t.id = j.tag_id
          GROUP BY t.id ORDER BY n DESC`,
      )
      .all() as { name: string; n: number }[]
    expect(tags.length).toBeGreaterThan(30)
    expect((tags[0]?.n ?? 0) / (tags.at(-1)?.n ?? 1)).toBeGreaterThan(3)
    const untagged = db
      .prepare('SELECT count(*) AS n FROM scenario_assets WHERE id NOT IN (SELECT asset_id FROM scenario_asset_tags)')
      .get() as { n: number }
    expect(untagged.n).toBeGreaterThan(0)
  })

  it('keeps dates inside the catalog window, updated never before created', () => {
    const rows = scenarioRows()
    const end = new Date(CATALOG_END).toISOString()
    expect(rows.every((r) => r.created_at < end && r.updated_at < end && r.updated_at >= r.created_at)).toBe(true)
    expect(rows.filter((r) => r.updated_at > r.created_at).length).toBeGreaterThan(100)
  })

  it('names a few public uploads with hostile text, kept verbatim', () => {
    const names = scenarioRows()
      .filter((r) => r.privacy === 2 && r.name !== null)
      .map((r) => r.name)
    expect(names).toContain('<script>alert("vitrine")</script> Launch checklist')
    expect(names).toContain(LONG_TITLE)
    expect(LONG_TITLE).toHaveLength(500)
  })
})

interface VipanyaRow {
  uuid: string
  title: string
  slug: string
  description: string
  asset_type: string
  file_path: string | null
  file_size: number | null
  mime_type: string | null
  page_count: number | null
  word_count: number | null
  width: number | null
  height: number | null
  duration_seconds: number | null
  external_url: string | null
  video_embed: string | null
  is_published: number
  is_public: number
}

const vipanyaRows = () => db.prepare('SELECT * FROM vipanya_assets ORDER BY id').all() as VipanyaRow[]

describe('the Vipanya library in the demo catalog', () => {
  it('is sized from the catalog: one in twenty, at least 80', () => {
    expect(vipanyaRows()).toHaveLength(200)
    expect(vipanyaCountFor(100)).toBe(80)
  })

  it('holds published and unpublished assets of every type', () => {
    const rows = vipanyaRows()
    for (const type of VIPANYA_ASSET_TYPES) {
      expect(
        rows.some((r) => r.asset_type === type && r.is_published === 1),
        type,
      ).toBe(true)
    }
    expect(rows.filter((r) => r.is_published === 0).length).toBeGreaterThan(10)
    expect(new Set(rows.filter((r) => r.is_published === 0).map((r) => r.asset_type)).size).toBeGreaterThan(4)
  })

  it('gives each type the metadata seed 003 documents for it', () => {
    for (const r of vipanyaRows()) {
      if (r.asset_type === 'pdf') {
        expect(r.mime_type).toBe('application/pdf')
        expect(r.page_count).toBeGreaterThan(0)
        expect(r.word_count).toBeGreaterThan(r.page_count ?? 0)
        expect(r.file_path).toMatch(/^\/uploads\/assets\/.+\.pdf$/)
      }
      if (r.asset_type === 'image') expect((r.width ?? 0) * (r.height ?? 0)).toBeGreaterThan(0)
      if (r.asset_type === 'link' || r.asset_type === 'external_video' || r.asset_type === 'git') {
        expect(r.external_url).toMatch(/^https:\/\//)
        expect(r.file_path).toBeNull()
      }
      if (['pdf', 'document', 'image', 'video', 'audio'].includes(r.asset_type)) {
        expect(r.file_size).toBeGreaterThan(0)
        expect(r.mime_type).toBeTruthy()
      }
    }
  })

  it('gives video and audio the size, type and length of the clip each plays, in every format', () => {
    const formats = new Set<string>()
    for (const r of vipanyaRows().filter((row) => row.asset_type === 'video' || row.asset_type === 'audio')) {
      const format = /\.(\w+)$/.exec(r.file_path ?? '')?.[1] as VipanyaSampleFormat
      const clip = VIPANYA_SAMPLES[format]
      expect(clip.type).toBe(r.asset_type)
      expect(r.file_size).toBe(vipanyaSampleBytes(format).length)
      expect(r.mime_type).toBe(VIPANYA_FILE_KINDS[clip.kind].contentType)
      expect([r.duration_seconds, r.width, r.height]).toEqual([clip.durationSeconds, clip.width, clip.height])
      formats.add(format)
    }
    expect([...formats].sort()).toEqual(Object.keys(VIPANYA_SAMPLES).sort())
  })

  it('derives the embed URL for YouTube and Vimeo videos only', () => {
    const hosted = vipanyaRows().filter((r) => r.asset_type === 'external_video')
    for (const r of hosted) {
      const url = r.external_url ?? ''
      if (/youtu/.test(url)) expect(r.video_embed).toMatch(/^https:\/\/youtube\.com\/embed\/[\w-]{11}$/)
      else if (/vimeo/.test(url)) expect(r.video_embed).toMatch(/^https:\/\/player\.vimeo\.com\/video\/\d+$/)
      else expect(r.video_embed).toBeNull()
    }
  })

  it('has unique UUIDs and slugs', () => {
    const rows = vipanyaRows()
    expect(new Set(rows.map((r) => r.uuid)).size).toBe(rows.length)
    expect(new Set(rows.map((r) => r.slug)).size).toBe(rows.length)
    expect(
      rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.uuid)),
    ).toBe(true)
    expect(rows.every((r) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.slug))).toBe(true)
  })

  it('includes published public assets with hostile titles and descriptions', () => {
    const rows = vipanyaRows().filter((r) => r.is_published === 1 && r.is_public === 1)
    const titles = rows.map((r) => r.title)
    expect(titles).toContain('<script>alert("vitrine")</script> Launch checklist')
    expect(titles.some((t) => t.includes('\u202E'))).toBe(true)
    expect(titles).toContain(LONG_TITLE)
    expect(rows.some((r) => r.description.includes('<p onclick='))).toBe(true)
  })
})

describe('building the Scenario and Vipanya parts', () => {
  it('gives the same rows for the same size and shared secret', () => {
    buildCatalog({ dataDir: join(dir, 'b'), assets: ASSETS, secret: SECRET })
    expect(digest(catalogPath(join(dir, 'b')))).toBe(digest(catalogPath(join(dir, 'a'))))
  })

  it('adds them to a catalog of schema version 5 with the same rows as a new one', () => {
    const old = join(dir, 'b')
    // note: it keeps its id key, so the rows step 6 adds are named as a's are.
    const db0 = new Database(catalogPath(old))
    db0.exec(`DROP TABLE scenario_asset_tags; DROP TABLE scenario_tags; DROP TABLE scenario_assets;
      DROP TABLE scenario_models; DROP TABLE vipanya_assets;
      DELETE FROM meta WHERE key IN ('scenario_count', 'vipanya_count');
      ALTER TABLE gallery_images DROP COLUMN output_width; ALTER TABLE gallery_images DROP COLUMN output_height;
      UPDATE meta SET value = '5' WHERE key = 'schema_version'`)
    db0.close()

    const logs: string[] = []
    const catalog = openCatalog(old, { log: (m) => logs.push(m) })
    catalog.close()
    expect(logs.join('\n')).toMatch(/Scenario generations and the Vipanya library/)
    expect(digest(catalogPath(old))).toBe(digest(catalogPath(join(dir, 'a'))))
  })

  it('fills nothing twice, and never touches assets created through the API', () => {
    const db1 = new Database(catalogPath(join(dir, 'b')))
    try {
      db1
        .prepare(
          `INSERT INTO vipanya_assets (uuid, owner_id, title, slug, asset_type, created_via_api, created_at, updated_at)
           VALUES ('kept', 2, 'Made by hand', 'made-by-hand', 'collection', 1, '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z')`,
        )
        .run()
      const again = fillLibraries(db1, {
        seed: 'other',
        assets: ASSETS,
        end: CATALOG_END,
        ids: createIdCodec(newIdSecret(undefined), 'other'),
      })
      expect(again.scenario).toMatchObject({ assets: 1000, filled: false })
      expect(again.vipanya).toMatchObject({ assets: 200, filled: false })
      expect(db1.prepare(`SELECT count(*) AS n FROM vipanya_assets`).get()).toEqual({ n: 201 })
    } finally {
      db1.close()
    }
  })
})
