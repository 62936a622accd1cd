import { rmSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { buildGallery } from '../demo/gallery'
import { createIdCodec, LEGACY_ID_SECRET, type IdCodec } from '../ids/codec'
import { addMissingPhotoLibrary } from '../demo/photos-upgrade'
import { fillLibraries } from '../demo/libraries'
import { SCHEMA_VERSION } from './schema'

// Schema changes migrate a catalog in place: a catalog holds users' own work (PiktID verdicts,
// created assets), so it is never rebuilt to change its shape.
//
// How to add a schema change (one entry at the end of MIGRATIONS):
//   1. Change the DDL for new catalogs (schema.ts, or your own schema-<dialect>.ts, which
//      createSchema/createIndexes in catalog-file.ts run) and bump SCHEMA_VERSION in schema.ts.
//   2. Append `{ to: SCHEMA_VERSION, description, up(db, ctx) { … } }` below. `up` takes a
//      catalog at `to - 1` to `to`: frozen DDL of that step (copy it, don't import DDL that may
//      change later), plus any demo rows the new tables need (ctx.seed keeps them deterministic,
//      ctx.ids names them as the catalog names its ids).
//      It must not drop or rewrite rows users wrote.
//   3. test/server/migrations.test.ts checks that an upgraded catalog has the same tables,
//      columns and indexes as a new one, and that verdicts survive.
// Each step runs in one transaction together with the version bump, after a backup copy of the
// file (`vitrine.db.v<N>.bak`). If two branches both add step N, renumber one on merge.

interface MigrationContext {
  /** The seed the catalog was built from, for demo rows added by a step. */
  seed: string
  /** The catalog's id codec: under the legacy keys for a catalog from before id keys (step 7). */
  ids: IdCodec
}

export interface Migration {
  /** The schema version this step produces; steps are ordered and consecutive. */
  to: number
  description: string
  up(db: Database.Database, context: MigrationContext): void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    to: 3,
    description: 'PiktID generation gallery: project visibility, generated images and the demo projects',
    up(db, { seed, ids }) {
      db.exec(`ALTER TABLE projects ADD COLUMN visibility INTEGER NOT NULL DEFAULT 1`)
      // note: a frozen copy of schema-gallery.ts's table and indexes as they were at v3 (no
      // feedback_at: step 4 adds it), kept on purpose; importing the live DDL would make this step
      // create what later steps add, and they would then fail on an upgraded catalog.
      db.exec(`
        CREATE TABLE gallery_images (
          id                 INTEGER PRIMARY KEY,
          project_id         INTEGER NOT NULL REFERENCES projects(id),
          job_id             TEXT NOT NULL,
          job_type           TEXT NOT NULL,
          image_index        INTEGER NOT NULL,
          group_index        INTEGER NOT NULL,
          version            INTEGER NOT NULL,
          original_filename  TEXT NOT NULL,
          input_count        INTEGER NOT NULL,
          input_description  TEXT NOT NULL,
          status             TEXT NOT NULL,
          quality_score      REAL,
          processing_time    REAL,
          error_message      TEXT,
          feedback           TEXT,
          feedback_comment   TEXT,
          review_status      TEXT,
          review_annotations TEXT,
          retouch_claim      TEXT,
          created_at         TEXT NOT NULL
        ) STRICT;`)
      // note: buildGallery names its columns, so it still fits this step's table after later
      // steps add columns (nullable or with defaults only).
      buildGallery(db, seed, ids)
      db.exec(`
        CREATE UNIQUE INDEX gallery_images_key ON gallery_images(job_id, image_index, group_index);
        CREATE INDEX gallery_images_by_filename
          ON gallery_images(project_id, original_filename, job_id, image_index, group_index, status, feedback);
        CREATE INDEX gallery_images_by_quality
          ON gallery_images(project_id, quality_score, job_id, image_index, group_index, status, feedback);
        CREATE INDEX gallery_images_by_status ON gallery_images(project_id, status, feedback);
        ANALYZE;`)
    },
  },
  {
    to: 4,
    description: 'When each PiktID verdict was last changed through the API',
    up(db) {
      db.exec(`ALTER TABLE gallery_images ADD COLUMN feedback_at TEXT`)
    },
  },
  {
    to: 5,
    description: 'Gumnut photo libraries: libraries, albums, photos with EXIF, people and faces',
    up(db, { seed }) {
      // note: the fill creates the photo tables and indexes of schema-photos.ts as they are now;
      // a later step that changes them must alter what this one made (nullable or defaulted
      // columns only), since the fill names its columns.
      addMissingPhotoLibrary(db, seed)
    },
  },
  {
    to: 6,
    description: 'Scenario generations and the Vipanya library, sized from the catalog',
    up(db, { seed, ids }) {
      // note: frozen copies of schema-scenario.ts's and schema-vipanya.ts's tables and indexes as
      // they were at v6, kept on purpose for the same reason as step 3's: the same columns today
      // (migrations.test.ts compares an upgraded catalog with a new one), but a later change to
      // those files must come with a step of its own, and must not change what this one made.
      db.exec(`
        CREATE TABLE IF NOT EXISTS scenario_models (
          id         INTEGER PRIMARY KEY,
          public_id  TEXT NOT NULL UNIQUE,
          name       TEXT NOT NULL,
          author_id  INTEGER NOT NULL REFERENCES users(id),
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE IF NOT EXISTS scenario_assets (
          id           INTEGER PRIMARY KEY,
          public_id    TEXT NOT NULL,
          author_id    INTEGER NOT NULL REFERENCES users(id),
          type         TEXT NOT NULL,
          kind         TEXT NOT NULL,
          privacy      INTEGER NOT NULL,
          name         TEXT,
          prompt       TEXT,
          model_id     INTEGER,
          inference_id TEXT,
          parent_id    INTEGER,
          root_id      INTEGER,
          mime_type    TEXT NOT NULL,
          width        INTEGER,
          height       INTEGER,
          size         INTEGER NOT NULL,
          duration     REAL,
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL
        ) STRICT;
        CREATE TABLE IF NOT EXISTS scenario_tags (
          id   INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE
        ) STRICT;
        CREATE TABLE IF NOT EXISTS scenario_asset_tags (
          tag_id   INTEGER NOT NULL,
          asset_id INTEGER NOT NULL,
          PRIMARY KEY (tag_id, asset_id)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS vipanya_assets (
          id               INTEGER PRIMARY KEY,
          uuid             TEXT NOT NULL,
          owner_id         INTEGER NOT NULL REFERENCES users(id),
          title            TEXT NOT NULL,
          slug             TEXT NOT NULL,
          description      TEXT NOT NULL DEFAULT '',
          asset_type       TEXT NOT NULL,
          file_path        TEXT,
          file_size        INTEGER,
          mime_type        TEXT,
          has_thumbnail    INTEGER NOT NULL DEFAULT 0,
          page_count       INTEGER,
          word_count       INTEGER,
          width            INTEGER,
          height           INTEGER,
          duration_seconds INTEGER,
          external_url     TEXT,
          video_embed      TEXT,
          download_count   INTEGER NOT NULL DEFAULT 0,
          is_public        INTEGER NOT NULL DEFAULT 0,
          is_published     INTEGER NOT NULL DEFAULT 1,
          created_via_api  INTEGER NOT NULL DEFAULT 0,
          created_at       TEXT NOT NULL,
          updated_at       TEXT NOT NULL
        ) STRICT;`)
      const assets = db.prepare(`SELECT value FROM meta WHERE key = 'asset_count'`).get() as
        { value: string } | undefined
      // note: the demo catalog's time horizon when this step was written (CATALOG_END), frozen.
      fillLibraries(db, { seed, assets: Number(assets?.value ?? 0), end: Date.UTC(2025, 5, 1), ids })
      db.exec(`
        CREATE UNIQUE INDEX IF NOT EXISTS scenario_assets_public_id ON scenario_assets(public_id);
        CREATE INDEX IF NOT EXISTS scenario_assets_seg_created ON scenario_assets(author_id, privacy, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_seg_updated ON scenario_assets(author_id, privacy, updated_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_privacy_created ON scenario_assets(privacy, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_privacy_updated ON scenario_assets(privacy, updated_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_type_created ON scenario_assets(type, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_seg_type_created ON scenario_assets(author_id, privacy, type, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_model ON scenario_assets(model_id, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_inference ON scenario_assets(inference_id, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_parent ON scenario_assets(parent_id, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_assets_root ON scenario_assets(root_id, created_at, id);
        CREATE INDEX IF NOT EXISTS scenario_asset_tags_asset ON scenario_asset_tags(asset_id, tag_id);
        CREATE UNIQUE INDEX IF NOT EXISTS vipanya_assets_uuid ON vipanya_assets(uuid);
        CREATE UNIQUE INDEX IF NOT EXISTS vipanya_assets_slug ON vipanya_assets(slug);
        CREATE INDEX IF NOT EXISTS vipanya_assets_created ON vipanya_assets(created_at, id) WHERE is_published = 1;
        CREATE INDEX IF NOT EXISTS vipanya_assets_updated ON vipanya_assets(updated_at, id) WHERE is_published = 1;
        CREATE INDEX IF NOT EXISTS vipanya_assets_title ON vipanya_assets(title COLLATE NOCASE, id) WHERE is_published = 1;
        CREATE INDEX IF NOT EXISTS vipanya_assets_type_created ON vipanya_assets(asset_type, created_at, id) WHERE is_published = 1;
        CREATE INDEX IF NOT EXISTS vipanya_assets_type_updated ON vipanya_assets(asset_type, updated_at, id) WHERE is_published = 1;
        CREATE INDEX IF NOT EXISTS vipanya_assets_type_title ON vipanya_assets(asset_type, title COLLATE NOCASE, id) WHERE is_published = 1;
        ANALYZE;`)
    },
  },
  {
    to: 7,
    description: 'Per-catalog id keys: this catalog keeps the ids it has (the legacy keys)',
    up(db) {
      // note: every id this catalog has handed out (stored, or in links and bookmarks) was made
      // under the legacy constant keys; it keeps them. Catalogs created from now on get a key of
      // their own (ids.ts).
      db.prepare(`INSERT INTO meta (key, value) VALUES ('id_secret', ?) ON CONFLICT(key) DO NOTHING`).run(
        LEGACY_ID_SECRET,
      )
    },
  },
]

/** A catalog file that exists but cannot be used; never replaced, the user decides. */
export class CatalogRefusedError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Refusing the catalog ${path}: ${reason}. It was left untouched.`)
    this.name = 'CatalogRefusedError'
  }
}

/** The schema version recorded in the catalog; throws CatalogRefusedError if unreadable. */
function readSchemaVersion(db: Database.Database, path: string): number {
  let row: { value: string } | undefined
  try {
    row = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value: string } | undefined
  } catch (err) {
    throw new CatalogRefusedError(path, `it cannot be read as a Vitrine catalog (${(err as Error).message})`)
  }
  const version = Number(row?.value)
  if (!row || !Number.isInteger(version) || version < 1) {
    throw new CatalogRefusedError(path, 'it records no schema version')
  }
  return version
}

export interface MigrationReport {
  from: number
  to: number
  applied: string[]
  backup: string | undefined
}

/** Refuses a catalog this code cannot serve: unreadable, or written by a newer version. */
export function checkSchemaVersion(db: Database.Database, path: string): number {
  const version = readSchemaVersion(db, path)
  if (version > SCHEMA_VERSION) {
    throw new CatalogRefusedError(
      path,
      `it has schema version ${version}, newer than this Vitrine understands (${SCHEMA_VERSION}); update Vitrine`,
    )
  }
  return version
}

/** Brings the catalog up to `target` (SCHEMA_VERSION), step by step, keeping every row. */
export function migrateCatalog(db: Database.Database, path: string, target = SCHEMA_VERSION): MigrationReport {
  const from = checkSchemaVersion(db, path)
  const steps = MIGRATIONS.filter((m) => m.to > from && m.to <= target)
  if (steps.length === 0) return { from, to: from, applied: [], backup: undefined }
  if (steps[0]?.to !== from + 1) {
    throw new CatalogRefusedError(path, `no migration path from schema version ${from}`)
  }
  const metaValue = (key: string) =>
    (db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value
  const seed = metaValue('seed') ?? ''
  // A catalog without an id key predates them: its ids are the legacy ones (step 7 records it).
  const context: MigrationContext = { seed, ids: createIdCodec(metaValue('id_secret') ?? LEGACY_ID_SECRET, seed) }

  const backup = `${path}.v${from}.bak`
  rmSync(backup, { force: true })
  try {
    db.prepare('VACUUM INTO ?').run(backup)
  } catch (err) {
    // A full disk: no half-written backup left behind, and no step runs without one.
    rmSync(backup, { force: true })
    throw err
  }

  const setVersion = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)`)
  const applied: string[] = []
  for (const step of steps) {
    db.transaction(() => {
      step.up(db, context)
      setVersion.run(String(step.to))
    })()
    applied.push(`v${step.to}: ${step.description}`)
  }
  return { from, to: steps[steps.length - 1]?.to ?? from, applied, backup }
}
