import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database, { type Statement } from 'better-sqlite3'
import { CatalogRefusedError, checkSchemaVersion, migrateCatalog } from './migrations'
import { INDEXES_DDL, TABLES_DDL, TRIGGERS_DDL } from './schema'
import { GALLERY_INDEXES_DDL, GALLERY_TABLES_DDL } from './schema-gallery'
import { PHOTO_TABLES_DDL } from './schema-photos'
import { SCENARIO_INDEXES_DDL, SCENARIO_TABLES_DDL } from './schema-scenario'
import { VIPANYA_INDEXES_DDL, VIPANYA_TABLES_DDL } from './schema-vipanya'

export type SqliteDb = Database.Database

export interface CatalogUser {
  id: number
  username: string
  group: string
}

/** A token's owner and the scopes it grants (`read:assets`, `write:assets`, …). */
interface TokenGrant {
  user: CatalogUser
  scopes: ReadonlySet<string>
}

/** How many assets each (owner, visibility, tag bitmask) cell holds; keyed by `segmentKey`. */
type SegmentCounts = Map<string, number[]>

export interface Catalog {
  readonly sqlite: SqliteDb
  readonly dataDir: string
  /** Per-catalog secret that signs media URLs. */
  readonly secret: string
  userByToken(token: string): CatalogUser | undefined
  tokenGrant(token: string): TokenGrant | undefined
  userByName(username: string): CatalogUser | undefined
  userById(id: number): CatalogUser | undefined
  groupMembers(group: string): CatalogUser[]
  users(): CatalogUser[]
  /** Asset counts per segment and tag bitmask (16 slots), for totals that need no scan. */
  segmentCounts(): SegmentCounts
  /**
   * The catalog's one statement cache: every dialect and query module prepares through it, so
   * the same SQL is compiled once per catalog however many modules use it.
   */
  statement(sql: string): Statement
  /** Bumped on every write through the server; caches key on it. */
  generation(): number
  /** Call after writing assets so cached totals and counts are recomputed. */
  invalidate(): void
  close(): void
}

const CATALOG_FILE = 'vitrine.db'

export function catalogPath(dataDir: string): string {
  return join(dataDir, CATALOG_FILE)
}

export function hasCatalog(dataDir: string): boolean {
  return existsSync(catalogPath(dataDir))
}

export function segmentKey(ownerId: number, visibility: number): string {
  return `${ownerId}:${visibility}`
}

/**
 * Pragmas for serving: WAL so readers never wait on a writer, generous page cache and mmap.
 * synchronous = FULL: every commit (a verdict) is on disk before it is acknowledged, so it
 * survives a crash or power loss; reads never sync, and writes are rare.
 */
function applyServingPragmas(db: SqliteDb): void {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -65536')
  db.pragma('mmap_size = 268435456')
  db.pragma('busy_timeout = 5000')
}

/** Every table of a new catalog at SCHEMA_VERSION (each dialect's schema file adds its own). */
export function createSchema(db: SqliteDb): void {
  db.exec(TABLES_DDL)
  db.exec(GALLERY_TABLES_DDL)
  db.exec(PHOTO_TABLES_DDL)
  db.exec(SCENARIO_TABLES_DDL)
  db.exec(VIPANYA_TABLES_DDL)
}

/**
 * Secondary indexes and triggers, built once after a bulk load. The photo libraries' indexes
 * are built by their own fill (catalog/photos.ts), after their rows.
 */
export function createIndexes(db: SqliteDb): void {
  db.exec(INDEXES_DDL)
  db.exec(TRIGGERS_DDL)
  db.exec(GALLERY_INDEXES_DDL)
  db.exec(SCENARIO_INDEXES_DDL)
  db.exec(VIPANYA_INDEXES_DDL)
}

export interface OpenCatalogOptions {
  /** Told about each migration step applied on open. */
  log?: (message: string) => void
  /** Replaces the catalog's own secret (VITRINE_SECRET), so several instances sign alike. */
  secret?: string | undefined
}

/**
 * Opens the catalog in `dataDir` for serving, migrating an older schema in place first.
 * A file that cannot be read, or is newer than this code, is refused (CatalogRefusedError)
 * and left as it is: it may hold users' work.
 */
export function openCatalog(dataDir: string, options: OpenCatalogOptions = {}): Catalog {
  const path = catalogPath(dataDir)
  if (!existsSync(path)) throw new CatalogRefusedError(path, 'the file does not exist')
  let sqlite: SqliteDb
  try {
    sqlite = new Database(path, { fileMustExist: true })
  } catch (err) {
    throw new CatalogRefusedError(path, `it cannot be opened (${(err as Error).message})`)
  }
  try {
    // Checked before anything writes to the file: a refused catalog stays byte for byte as it was.
    checkSchemaVersion(sqlite, path)
    applyServingPragmas(sqlite)
    const report = migrateCatalog(sqlite, path)
    if (report.applied.length > 0) {
      options.log?.(
        `Upgraded the catalog ${path} from schema ${report.from} to ${report.to} (backup: ${report.backup}):\n  ` +
          report.applied.join('\n  '),
      )
    }
  } catch (err) {
    sqlite.close()
    if (err instanceof CatalogRefusedError) throw err
    throw new CatalogRefusedError(path, `it cannot be read or upgraded (${(err as Error).message})`)
  }

  const secretRow = sqlite.prepare(`SELECT value FROM meta WHERE key = 'media_secret'`).get() as
    { value: string } | undefined
  if (!secretRow) {
    sqlite.close()
    throw new CatalogRefusedError(path, 'it has no media secret')
  }

  const selectUsers = sqlite.prepare(`SELECT id, username, group_name AS "group" FROM users`)
  const selectTokens = sqlite.prepare(`SELECT token, user_id AS userId, scopes FROM tokens`)
  const selectSegmentCounts = sqlite.prepare(
    `SELECT created_by AS owner, visibility, tags, n FROM asset_counts WHERE n > 0`,
  )

  let users = new Map<number, CatalogUser>()
  let byName = new Map<string, CatalogUser>()
  let byToken = new Map<string, TokenGrant>()
  const statements = new Map<string, Statement>()
  let counts: SegmentCounts | undefined
  let gen = 0

  const loadUsers = (): void => {
    users = new Map()
    byName = new Map()
    byToken = new Map()
    for (const u of selectUsers.all() as CatalogUser[]) {
      users.set(u.id, u)
      byName.set(u.username, u)
    }
    for (const t of selectTokens.all() as { token: string; userId: number; scopes: string }[]) {
      const u = users.get(t.userId)
      if (u) byToken.set(t.token, { user: u, scopes: new Set(t.scopes.split(/\s+/).filter(Boolean)) })
    }
  }
  loadUsers()

  return {
    sqlite,
    dataDir,
    secret: options.secret ?? secretRow.value,
    userByToken: (token) => byToken.get(token)?.user,
    tokenGrant: (token) => byToken.get(token),
    statement(sql) {
      let stmt = statements.get(sql)
      if (!stmt) {
        stmt = sqlite.prepare(sql)
        statements.set(sql, stmt)
      }
      return stmt
    },
    userByName: (username) => byName.get(username),
    userById: (id) => users.get(id),
    groupMembers: (group) => [...users.values()].filter((u) => u.group === group),
    users: () => [...users.values()],
    segmentCounts() {
      if (!counts) {
        const next: SegmentCounts = new Map()
        const rows = selectSegmentCounts.all() as {
          owner: number
          visibility: number
          tags: number
          n: number
        }[]
        for (const r of rows) {
          const key = segmentKey(r.owner, r.visibility)
          let slots = next.get(key)
          if (!slots) {
            slots = new Array<number>(16).fill(0)
            next.set(key, slots)
          }
          slots[r.tags & 15] = (slots[r.tags & 15] ?? 0) + r.n
        }
        counts = next
      }
      return counts
    },
    generation: () => gen,
    invalidate() {
      gen += 1
      counts = undefined
      loadUsers()
    },
    close() {
      if (sqlite.open) sqlite.close()
    },
  }
}
