import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
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

// Built here, in Node, rather than in a test file: the jsdom project transforms the server's
// `new URL(…, import.meta.url)` sample paths as browser assets, which breaks the demo's
// Vipanya fill. Building once also saves every file the ~2 s a build takes.
export default async function setup(project: TestProject) {
  const work = await mkdtemp(path.join(tmpdir(), 'vitrine-components-'))
  buildCatalog({ dataDir: work, assets: TEST_CATALOG_ASSETS })
  project.provide('catalogTemplate', catalogPath(work))
  return () => rm(work, { recursive: true, force: true })
}
