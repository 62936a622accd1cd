import { rmSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { buildGallery } from '../demo/gallery'
import { createIdCodec, LEGACY_ID_SECRET, type IdCodec } from '../ids/codec'
import { addMissingPhotoLibrary } from '../demo/photos-upgrade'
import { fillLibraries } from '../demo/libraries'
import { PROJECTS_VISIBILITY_DDL, SCHEMA_VERSION } from './schema'
import {
  GALLERY_FEEDBACK_AT_DDL,
  GALLERY_INDEXES_DDL,
  GALLERY_OUTPUT_SIZE_DDL,
  GALLERY_REVIEW_INDEX_DDL,
  GALLERY_TABLES_DDL,
} from './schema-gallery'

// Schema changes migrate a catalog in place: a catalog holds users' own work (PiktID verdicts,
// created assets), so it is never rebuilt to change its shape.
//
// How to add a schema change (one entry at the end of MIGRATIONS):
//   1. Write its DDL as a new constant in schema.ts, or in your own schema-<dialect>.ts (a new
//      table, or `ALTER TABLE … ADD COLUMN …` and `CREATE INDEX …` for an existing one), run it
//      from createSchema/createIndexes in catalog-file.ts after what is there, and bump
//      SCHEMA_VERSION in schema.ts. Never edit DDL an earlier step runs: the step and a new
//      catalog read the same constant, so the edit would change what that step made.
//   2. Append `{ to: SCHEMA_VERSION, description, up(db, ctx) { … } }` below. `up` takes a
//      catalog at `to - 1` to `to`: it runs that same constant, plus any demo rows the new
//      tables need (ctx.seed keeps them deterministic, ctx.ids names them as the catalog names
//      its ids). It must not drop or rewrite rows users wrote.
//   3. test/server/migrations.test.ts checks that an upgraded catalog has the same tables,
//      columns, indexes and DDL as a new one, and that verdicts survive.
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
      // note: the DDL of schema.ts and schema-gallery.ts as it was at v3, frozen there on purpose.
      db.exec(PROJECTS_VISIBILITY_DDL)
      db.exec(GALLERY_TABLES_DDL)
      // note: buildGallery names its columns, so it still fits this step's table after later
      // steps add columns (nullable or with defaults only).
      buildGallery(db, seed, ids)
      db.exec(GALLERY_INDEXES_DDL)
      db.exec('ANALYZE')
    },
  },
  {
    to: 4,
    description: 'When each PiktID verdict was last changed through the API',
    up(db) {
      db.exec(GALLERY_FEEDBACK_AT_DDL)
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
      // note: the fills create the tables and indexes of schema-scenario.ts and schema-vipanya.ts,
      // frozen there on purpose at v6; as for step 5, a later step that changes them must alter
      // what this one made (nullable or defaulted columns only), since the fills name their columns.
      const assets = db.prepare(`SELECT value FROM meta WHERE key = 'asset_count'`).get() as
        { value: string } | undefined
      // note: the demo catalog's time horizon when this step was written (CATALOG_END), frozen.
      fillLibraries(db, { seed, assets: Number(assets?.value ?? 0), end: Date.UTC(2025, 5, 1), ids })
      db.exec('ANALYZE')
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
  {
    to: 8,
    description: 'PiktID gallery: one covering index for the status, feedback and review status filters',
    up(db) {
      db.exec(GALLERY_REVIEW_INDEX_DDL)
    },
  },
  {
    to: 9,
    description: 'PiktID gallery: the pixel size of each output, as it has been drawn (1024 × 1536)',
    up(db) {
      // note: a defaulted column is added without rewriting a row; every existing output was
      // drawn at the default, so cached files and the sizes sent agree.
      db.exec(GALLERY_OUTPUT_SIZE_DDL)
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
