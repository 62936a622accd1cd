import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database, { type Statement } from 'better-sqlite3'
import { INDEXES_DDL, SCHEMA_VERSION, TABLES_DDL, TRIGGERS_DDL } from './schema'

export type SqliteDb = Database.Database

export interface CatalogUser {
  id: number
  username: string
  group: string
}

/** A token's owner and the scopes it grants (`read:assets`, `write:assets`, …). */
export interface TokenGrant {
  user: CatalogUser
  scopes: ReadonlySet<string>
}

/** How many assets each (owner, visibility, tag bitmask) cell holds; keyed by `segmentKey`. */
export type SegmentCounts = Map<string, number[]>

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

export const CATALOG_FILE = 'vitrine.db'

export function catalogPath(dataDir: string): string {
  return join(dataDir, CATALOG_FILE)
}

export function hasCatalog(dataDir: string): boolean {
  return existsSync(catalogPath(dataDir))
}

export interface CatalogInfo {
  schemaVersion: number
  assetCount: number
}

/** Schema version and size of the catalog in `dataDir`, without opening it for serving. */
export function readCatalogInfo(dataDir: string): CatalogInfo | undefined {
  if (!hasCatalog(dataDir)) return undefined
  const db = new Database(catalogPath(dataDir), { readonly: true, fileMustExist: true })
  try {
    const rows = db.prepare(`SELECT key, value FROM meta WHERE key IN ('schema_version', 'asset_count')`).all() as {
      key: string
      value: string
    }[]
    const meta = new Map(rows.map((r) => [r.key, r.value]))
    return { schemaVersion: Number(meta.get('schema_version') ?? 0), assetCount: Number(meta.get('asset_count') ?? 0) }
  } catch {
    return { schemaVersion: 0, assetCount: 0 }
  } finally {
    db.close()
  }
}

export function isCurrentCatalog(info: CatalogInfo | undefined): boolean {
  return info?.schemaVersion === SCHEMA_VERSION
}

export function segmentKey(ownerId: number, visibility: number): string {
  return `${ownerId}:${visibility}`
}

/** Pragmas for serving: WAL so readers never wait on a writer, generous page cache and mmap. */
export function applyServingPragmas(db: SqliteDb): void {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('temp_store = MEMORY')
  db.pragma('cache_size = -65536')
  db.pragma('mmap_size = 268435456')
  db.pragma('busy_timeout = 5000')
}

export function createSchema(db: SqliteDb): void {
  db.exec(TABLES_DDL)
}

export function createIndexes(db: SqliteDb): void {
  db.exec(INDEXES_DDL)
  db.exec(TRIGGERS_DDL)
}

export function openCatalog(dataDir: string): Catalog {
  mkdirSync(dataDir, { recursive: true })
  const sqlite = new Database(catalogPath(dataDir))
  applyServingPragmas(sqlite)
  createSchema(sqlite)
  createIndexes(sqlite)

  const secretRow = sqlite.prepare(`SELECT value FROM meta WHERE key = 'media_secret'`).get() as
    { value: string } | undefined
  if (!secretRow) {
    sqlite.close()
    throw new Error(`The catalog in ${dataDir} has no media secret; rebuild it with npm run seed`)
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
    secret: secretRow.value,
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
