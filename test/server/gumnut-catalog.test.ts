import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCatalog, DEFAULT_SEED } from '../../src/server/demo/generate'
import { createIdCodec, LEGACY_ID_SECRET, newIdSecret, PHOTO_ID_KINDS } from '../../src/server/ids/codec'
import { placeFaces } from '../../src/server/demo/photo-people'
import { addMissingPhotoLibrary } from '../../src/server/demo/photos-upgrade'
import { createRandom } from '../../src/server/random'
import { catalogPath } from '../../src/server/db/catalog-file'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function build(assets: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-photos-'))
  dirs.push(dir)
  buildCatalog({ dataDir: dir, assets })
  return catalogPath(dir)
}

const TABLES = ['photo_libraries', 'photo_albums', 'photos', 'photo_album_items', 'photo_people', 'photo_faces']

function digest(db: Database.Database): Record<string, string> {
  const out: Record<string, string> = {}
  for (const table of TABLES) {
    const hash = createHash('sha256')
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).iterate()) hash.update(JSON.stringify(row))
    out[table] = hash.digest('hex')
  }
  return out
}

describe('the photo libraries in the catalog', () => {
  it('are the same rows for the same size, build after build', () => {
    const a = new Database(build(400), { readonly: true })
    const b = new Database(build(400), { readonly: true })
    expect(digest(a)).toEqual(digest(b))
    a.close()
    b.close()
  })

  it('are added to a catalog built before them, equal to a new build’s', () => {
    const fresh = new Database(build(400), { readonly: true })
    const older = new Database(build(400))
    for (const table of [...TABLES].reverse()) older.exec(`DROP TABLE ${table}`)
    older.exec(`DELETE FROM meta WHERE key = 'photo_count'`)
    const added = addMissingPhotoLibrary(older, DEFAULT_SEED)
    expect(added?.photos).toBe(400)
    expect(digest(older)).toEqual(digest(fresh))
    // Running it again changes nothing.
    expect(addMissingPhotoLibrary(older, DEFAULT_SEED)).toBeUndefined()
    fresh.close()
    older.close()
  })

  it('places faces side by side inside the frame, never overlapping', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 8000 }),
        fc.integer({ min: 400, max: 8000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.string(),
        (width, height, count, seed) => {
          const boxes = placeFaces(createRandom(seed), width, height, count)
          expect(boxes).toHaveLength(count)
          boxes.forEach((box, i) => {
            expect(box.x).toBeGreaterThanOrEqual(0)
            expect(box.y).toBeGreaterThanOrEqual(0)
            expect(box.x + box.w).toBeLessThanOrEqual(width)
            expect(box.y + box.h).toBeLessThanOrEqual(height)
            const next = boxes[i + 1]
            if (next) expect(box.x + box.w).toBeLessThanOrEqual(next.x)
          })
        },
      ),
    )
  })

  it('gives each kind its own public ids, which turn back into row ids', () => {
    // A catalog's own id key, and the legacy keys an older catalog keeps.
    for (const ids of [
      createIdCodec(newIdSecret(undefined), DEFAULT_SEED),
      createIdCodec(LEGACY_ID_SECRET, DEFAULT_SEED),
    ]) {
      fc.assert(
        fc.property(fc.constantFrom(...PHOTO_ID_KINDS), fc.integer({ min: 0, max: 2 ** 40 - 1 }), (kind, row) => {
          const id = ids.photo(kind, row)
          expect(id).toMatch(new RegExp(`^${kind}_[0-9a-hjkmnp-tv-z]{8}$`))
          expect(ids.photoRow(kind, id)).toBe(row)
        }),
      )
      expect(ids.photo('asset', 7).slice(6)).not.toBe(ids.photo('face', 7).slice(5))
      expect(ids.photoRow('face', ids.photo('asset', 7))).toBeUndefined()
      expect(ids.photoRow('asset', 'asset_ABCDEFGH')).toBeUndefined()
    }
  })
})
