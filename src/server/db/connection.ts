import type { SqliteDb } from './catalog-file'
import { CatalogRefusedError } from './migrations'

// How a serving connection to the catalog is set up: its pragmas (writable or read-only) and the
// integrity check made before anything is written.

/**
 * Page cache per connection while serving (SQLite's negative size is in KiB). The file is also
 * memory-mapped, so reads come from the OS page cache; this holds what mmap cannot (written and
 * temporary pages). Each request worker has its own connection, so this counts once per thread.
 */
const SERVING_CACHE = 'cache_size = -16384'
const SERVING_MMAP = 'mmap_size = 268435456'

/**
 * Pragmas for serving: WAL so readers never wait on a writer, generous page cache and mmap.
 * synchronous = FULL: every commit (a verdict) is on disk before it is acknowledged, so it
 * survives a crash or power loss; reads never sync, and writes are rare.
 */
export function applyServingPragmas(db: SqliteDb): void {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('temp_store = MEMORY')
  db.pragma(SERVING_CACHE)
  db.pragma(SERVING_MMAP)
  db.pragma('busy_timeout = 5000')
}

/** Serving pragmas that write nothing: the journal mode stays whatever the file records. */
export function applyReadOnlyPragmas(db: SqliteDb): void {
  db.pragma('query_only = ON')
  db.pragma('temp_store = MEMORY')
  db.pragma(SERVING_CACHE)
  db.pragma(SERVING_MMAP)
  db.pragma('busy_timeout = 5000')
}

/**
 * Refuses a catalog whose pages are damaged (a bad disk, a copy cut short, a stray write) before
 * anything is written to it: serving it answers some requests with 500s, and writing into it
 * spreads the damage. quick_check reads every page (O(file size), no index-to-table cross-checks
 * as integrity_check does, which takes 3–4× longer): about 0.1 s for a 5,000-asset catalog
 * (29 MB) and 0.7 s for a 100,000-asset one (137 MB), so some 5 ms per MB, paid once per start.
 */
export function checkIntegrity(db: SqliteDb, path: string): void {
  let problems: string[]
  try {
    problems = db.prepare('PRAGMA quick_check(5)').pluck().all() as string[]
  } catch (err) {
    throw new CatalogRefusedError(path, `it is damaged (${(err as Error).message}); restore it from a backup`)
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    // One line for the operator: the first problems SQLite names, without its banner lines.
    const named = problems
      .flatMap((p) => p.split('\n'))
      .filter((line) => line.trim() !== '' && !line.startsWith('***'))
      .slice(0, 2)
    throw new CatalogRefusedError(path, `it is damaged (${named.join('; ')}); restore it from a backup`)
  }
}
