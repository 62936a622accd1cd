import { existsSync } from 'node:fs'
import { BroadcastChannel } from 'node:worker_threads'
import Database, { type Statement } from 'better-sqlite3'
import { createIdCodec, type IdCodec } from '../ids/codec'
import { LruCache } from '../lru'
import { catalogPath, checkSharedSecret, type SqliteDb } from './catalog-file'
import { applyReadOnlyPragmas, applyServingPragmas, checkIntegrity } from './connection'
import { CatalogRefusedError, checkSchemaVersion, migrateCatalog } from './migrations'
import { SCHEMA_VERSION } from './schema'

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
  /**
   * The secret every signing key (media links, proxy links, pagination tokens) is derived from:
   * the deployment's shared one when configured (VITRINE_SECRET), else the catalog's own.
   */
  readonly secret: string
  /**
   * The catalog's public ids (assets, jobs, Scenario and photo-library ids), under the id key it
   * was created with: the same on every thread, whatever the signing secret is.
   */
  readonly ids: IdCodec
  /** Opened read-only (the data folder cannot be written): reads are served, writes refused. */
  readonly readOnly: boolean
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

export function segmentKey(ownerId: number, visibility: number): string {
  return `${ownerId}:${visibility}`
}

/** Prepared statements kept per connection. */
const STATEMENT_CACHE_SIZE = 256

export interface OpenCatalogOptions {
  /** Told about each migration step applied on open. */
  log?: (message: string) => void
  /**
   * A request worker's connection (http/offload.ts): the main thread has already checked and
   * migrated the file, so this one only opens it, and leaves the file's mode alone on close.
   */
  reader?: boolean
  /**
   * A secret shared by every instance of a deployment (VITRINE_SECRET): links and tokens signed
   * by one instance are then accepted by the others, whatever catalog file each one has.
   */
  secret?: string | undefined
  /** Open without writing anything, for a folder that cannot be written. */
  readOnly?: boolean | undefined
  /** Run `PRAGMA quick_check` before serving (default true); see `checkIntegrity`. */
  checkIntegrity?: boolean | undefined
}

/**
 * Every connection to a catalog in this process hears every other's invalidate(), so the totals
 * and counts that request workers cache follow a write made on another thread.
 */
const invalidations = (dataDir: string) => new BroadcastChannel(`vitrine-catalog:${dataDir}`)

/**
 * Opens the catalog in `dataDir` for serving, migrating an older schema in place first.
 * A file that cannot be read, or is newer than this code, is refused (CatalogRefusedError)
 * and left as it is: it may hold users' work.
 */
export function openCatalog(dataDir: string, options: OpenCatalogOptions = {}): Catalog {
  const path = catalogPath(dataDir)
  const readOnly = options.readOnly === true
  checkSharedSecret(options.secret)
  if (!existsSync(path)) throw new CatalogRefusedError(path, 'the file does not exist')
  let sqlite: SqliteDb
  try {
    sqlite = new Database(path, { fileMustExist: true, readonly: readOnly })
  } catch (err) {
    throw new CatalogRefusedError(path, `it cannot be opened (${(err as Error).message})`)
  }
  try {
    // A WAL-mode file left by a crash cannot be read without writing (SQLITE_CANTOPEN here).
    if (readOnly) sqlite.pragma('user_version')
    // Checked before anything writes to the file: a refused catalog stays byte for byte as it was.
    const version = checkSchemaVersion(sqlite, path)
    if (options.checkIntegrity !== false && !options.reader) checkIntegrity(sqlite, path)
    if (readOnly) {
      if (version < SCHEMA_VERSION) {
        throw new CatalogRefusedError(
          path,
          `it has schema version ${version} and needs an upgrade to ${SCHEMA_VERSION}, which needs a writable data folder`,
        )
      }
      applyReadOnlyPragmas(sqlite)
    } else if (options.reader) {
      applyServingPragmas(sqlite)
    } else {
      applyServingPragmas(sqlite)
      const report = migrateCatalog(sqlite, path)
      if (report.applied.length > 0) {
        options.log?.(
          `Upgraded the catalog ${path} from schema ${report.from} to ${report.to} (backup: ${report.backup}):\n  ` +
            report.applied.join('\n  '),
        )
      }
    }
  } catch (err) {
    sqlite.close()
    if (readOnly && (err as { code?: unknown }).code === 'SQLITE_CANTOPEN') {
      throw new CatalogRefusedError(
        path,
        'it was not closed cleanly (write-ahead log mode), and a read-only folder cannot finish that; ' +
          'start Vitrine once on it in a writable folder, then make the folder read-only again',
      )
    }
    if (err instanceof CatalogRefusedError) throw err
    throw new CatalogRefusedError(path, `it cannot be read or upgraded (${(err as Error).message})`)
  }

  const metaValue = (key: string) =>
    (sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value
  const mediaSecret = metaValue('media_secret')
  if (mediaSecret === undefined) {
    sqlite.close()
    throw new CatalogRefusedError(path, 'it has no media secret')
  }
  let ids: IdCodec
  try {
    ids = createIdCodec(metaValue('id_secret') ?? '', metaValue('seed') ?? '')
  } catch {
    sqlite.close()
    throw new CatalogRefusedError(path, 'it has no usable id key (meta id_secret)')
  }

  const selectUsers = sqlite.prepare(`SELECT id, username, group_name AS "group" FROM users`)
  const selectTokens = sqlite.prepare(`SELECT token, user_id AS userId, scopes FROM tokens`)
  const selectSegmentCounts = sqlite.prepare(
    `SELECT created_by AS owner, visibility, tags, n FROM asset_counts WHERE n > 0`,
  )

  let users = new Map<number, CatalogUser>()
  let byName = new Map<string, CatalogUser>()
  let byToken = new Map<string, TokenGrant>()
  // Filters combine into many different SQL texts; the most used stay prepared, the rest are
  // prepared again when asked for, so no mix of requests can grow this without bound.
  const statements = new LruCache<string, Statement>(STATEMENT_CACHE_SIZE)
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

  const forget = (): void => {
    gen += 1
    counts = undefined
    loadUsers()
  }
  const channel = invalidations(dataDir)
  channel.onmessage = () => forget()
  channel.unref()

  return {
    sqlite,
    dataDir,
    secret: options.secret ?? mediaSecret,
    ids,
    readOnly,
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
      forget()
      channel.postMessage('invalidate')
    },
    close() {
      channel.close()
      if (!sqlite.open) return
      if (!readOnly && !options.reader) {
        // Fold the WAL back into the file and leave it in rollback-journal mode: one complete
        // file, which a read-only folder can serve as it is (a WAL-mode file needs a writable
        // -shm beside it). The next writable open turns WAL on again.
        try {
          sqlite.pragma('wal_checkpoint(TRUNCATE)')
          sqlite.pragma('journal_mode = DELETE')
        } catch {
          // a reader elsewhere or a full disk: the WAL stays and is replayed on the next open
        }
      }
      sqlite.close()
    },
  }
}
