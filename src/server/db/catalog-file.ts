import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { INDEXES_DDL, PROJECTS_VISIBILITY_DDL, TABLES_DDL, TRIGGERS_DDL } from './schema'
import { GALLERY_NEW_INDEXES_DDL, GALLERY_NEW_TABLES_DDL } from './schema-gallery'
import { PHOTO_TABLES_DDL } from './schema-photos'
import { SCENARIO_INDEXES_DDL, SCENARIO_TABLES_DDL } from './schema-scenario'
import { VIPANYA_INDEXES_DDL, VIPANYA_TABLES_DDL } from './schema-vipanya'

// The catalog file: where it lives in the data folder, the tables and indexes a new one gets, and
// the check of the shared secret that both building and opening a catalog make.

export type SqliteDb = Database.Database

const CATALOG_FILE = 'vitrine.db'

export function catalogPath(dataDir: string): string {
  return join(dataDir, CATALOG_FILE)
}

export function hasCatalog(dataDir: string): boolean {
  return existsSync(catalogPath(dataDir))
}

/**
 * Every table of a new catalog at SCHEMA_VERSION (each dialect's schema file adds its own), by
 * the same DDL the migration steps run, in their order: a new catalog runs once on an empty file.
 */
export function createSchema(db: SqliteDb): void {
  db.exec(TABLES_DDL)
  db.exec(PROJECTS_VISIBILITY_DDL)
  for (const ddl of GALLERY_NEW_TABLES_DDL) db.exec(ddl)
  db.exec(PHOTO_TABLES_DDL)
  db.exec(SCENARIO_TABLES_DDL)
  db.exec(VIPANYA_TABLES_DDL)
}

/**
 * Secondary indexes and triggers, built once after a bulk load. The photo libraries' indexes
 * are built by their own fill (demo/photos.ts), after their rows.
 */
export function createIndexes(db: SqliteDb): void {
  db.exec(INDEXES_DDL)
  db.exec(TRIGGERS_DDL)
  for (const ddl of GALLERY_NEW_INDEXES_DDL) db.exec(ddl)
  db.exec(SCENARIO_INDEXES_DDL)
  db.exec(VIPANYA_INDEXES_DDL)
}

/** Shortest VITRINE_SECRET accepted: it is an HMAC key, and a guessable one forges every link. */
const MIN_SECRET_LENGTH = 16

/** Throws when a shared secret is too short to be a signing key (or to derive ids from). */
export function checkSharedSecret(secret: string | undefined): void {
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`The shared secret must be at least ${MIN_SECRET_LENGTH} characters long`)
  }
}
