import type Database from 'better-sqlite3'
import { slugify, type VipanyaAssetType } from '../../shared/vipanya'
import { VIPANYA_INDEXES_DDL, VIPANYA_TABLES_DDL } from '../db/schema-vipanya'
import { HOSTILE_DESCRIPTIONS, HOSTILE_TITLES } from './hostile'
import { libraryFrame, type FillLibraryOptions } from './library-frame'
import { userIdsByName, weightedUserIds } from './users'
import { libraryRow } from './vipanya-rows'
import { OWNER_WEIGHTS, TYPE_WEIGHTS } from './vipanya-vocabulary'

// A Vipanya digital library for the demo catalog: handbooks and reports (pdf), office files,
// photos, recorded and hosted videos, podcasts, bookmarks, collections and repositories, some
// still unpublished. Deterministic in (seed, count); runs on a new or an existing catalog, and
// never touches rows created through the API.

/** Library assets for a catalog of `assets` PiktID assets: one in twenty, at least 80. */
export function vipanyaCountFor(assets: number): number {
  return assets <= 0 ? 0 : Math.max(80, Math.round(assets / 20))
}

export interface FillVipanyaResult {
  assets: number
  filled: boolean
}

/** Fills the Vipanya table of `db` with generated rows unless it already holds some. */
export function fillVipanya(db: Database.Database, options: FillLibraryOptions): FillVipanyaResult {
  db.exec(VIPANYA_TABLES_DDL)
  const existing = (
    db.prepare('SELECT count(*) AS n FROM vipanya_assets WHERE created_via_api = 0').get() as { n: number }
  ).n
  if (existing > 0) {
    db.exec(VIPANYA_INDEXES_DDL)
    return { assets: existing, filled: false }
  }
  const owners = weightedUserIds(userIdsByName(db), OWNER_WEIGHTS)
  const { count, r, latest, randomTime } = libraryFrame('vipanya', options)

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

  const load = db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = firstFreeId + i
      const hostile = i < HOSTILE_TITLES.length
      const type: VipanyaAssetType = hostile
        ? ((['pdf', 'document', 'link', 'image', 'pdf'] as const)[i] ?? 'pdf')
        : r.weighted(TYPE_WEIGHTS)
      const base = libraryRow(r, type, i)
      if (hostile) {
        base.title = HOSTILE_TITLES[i] ?? base.title
        base.description = HOSTILE_DESCRIPTIONS[i] ?? base.description
      }
      const owner = r.weighted(owners)
      const created = hostile ? latest - (i + 1) * 3_600_000 : randomTime()
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
