import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { TestProject } from 'vitest/node'
import { buildCatalog } from '../../src/server/demo/generate'
import { catalogPath } from '../../src/server/db/catalog-file'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A demo catalog file built once for the run; each test file serves a copy of its own. */
    catalogTemplate: string
  }
}

/** Assets in the component tests' catalog: more than two of the app's pages of 100. */
const TEST_CATALOG_ASSETS = 500
/**
 * Images kept per generation project. The demo's gallery has ~59,000 images whatever its asset
 * count, and a gallery page of 20 projects of 50 images is slow to draw in jsdom; the server
 * counts a project's images from this table, so fewer rows are a smaller gallery, nothing more.
 */
const TEST_GALLERY_IMAGES_PER_PROJECT = 12
/**
 * The largest project keeps more than the API's cap of 200 a request, so it is read to its end by
 * offset: five requests, the last of 50 images, fewer than a screen of justified rows shows (so a
 * jump to the end reads the one before it too, and no other).
 */
const TEST_LARGE_PROJECT_IMAGES = 850

// Built here, in Node, rather than in a test file: the jsdom project transforms the server's
// `new URL(…, import.meta.url)` sample paths as browser assets, which breaks the demo's
// Vipanya fill. Building once also saves every file the ~2 s a build takes.
export default async function setup(project: TestProject) {
  const work = await mkdtemp(path.join(tmpdir(), 'vitrine-components-'))
  buildCatalog({ dataDir: work, assets: TEST_CATALOG_ASSETS })
  const db = new Database(catalogPath(work))
  db.prepare(
    `DELETE FROM gallery_images WHERE id IN (
       SELECT id FROM (SELECT id, project_id, row_number() OVER (PARTITION BY project_id ORDER BY id) AS n
                         FROM gallery_images)
        WHERE n > CASE project_id WHEN (SELECT project_id FROM gallery_images GROUP BY project_id
                                        ORDER BY count(*) DESC, project_id LIMIT 1) THEN ? ELSE ? END)`,
  ).run(TEST_LARGE_PROJECT_IMAGES, TEST_GALLERY_IMAGES_PER_PROJECT)
  db.exec('VACUUM')
  db.close()
  project.provide('catalogTemplate', catalogPath(work))
  return () => rm(work, { recursive: true, force: true })
}
