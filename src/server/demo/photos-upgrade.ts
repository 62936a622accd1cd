import type Database from 'better-sqlite3'
import { fillPhotoLibrary, type PhotoFillResult } from './photos'

// The photo libraries for a catalog built before they existed (migration step 5).

type Db = Database.Database

/** True when the catalog already has its photo libraries (the fill then has nothing to do). */
function hasPhotoLibrary(db: Db): boolean {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photo_libraries'`).get()
  if (!table) return false
  return db.prepare('SELECT 1 FROM photo_libraries LIMIT 1').get() !== undefined
}

/**
 * Adds the photo libraries to a catalog built before they existed, as many photos as it has
 * assets (what a new build of that size gets), from its own seed: the rows equal a new build's.
 * Does nothing when they are there. Returns the fill's figures when it ran.
 */
export function addMissingPhotoLibrary(db: Db, defaultSeed: string): PhotoFillResult | undefined {
  if (hasPhotoLibrary(db)) return undefined
  const meta = new Map(
    (
      db.prepare(`SELECT key, value FROM meta WHERE key IN ('seed', 'asset_count')`).all() as {
        key: string
        value: string
      }[]
    ).map((r) => [r.key, r.value]),
  )
  const photos = Number(meta.get('asset_count') ?? 0)
  const result = fillPhotoLibrary(db, { photos, seed: meta.get('seed') ?? defaultSeed })
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('photo_count', String(result.photos))
  return result
}
