// Gumnut cursor benchmark: one user with a 1,000,000-photo library; the first page of her photos
// against a page whose `starting_after_id` sits 900,000 items in (and the same for her largest
// library, her most photographed person and her largest album). Prints the build time and
// p50/p99 of each, and fails when the deep cursor into the whole library misses the 25 ms p99
// budget. The filtered listings are there for comparison: first page against deep cursor.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildCatalog } from '../../src/server/demo/generate'
import { printMeasurements } from '../../src/server/measure/measure'
import { measurePhotoCursors } from '../../src/server/measure/measure-photos'

const photos = Number(process.env.BENCH_PHOTOS ?? 1_000_000)
const budgetMs = 25
const dir = await mkdtemp(path.join(tmpdir(), 'vitrine-gumnut-bench-'))
try {
  const dataDir = path.join(dir, 'data')
  console.log(`Building a catalog with a ${photos.toLocaleString('en')}-photo library for alice …`)
  const built = buildCatalog({ dataDir, assets: 1000, photos, photoOwners: [['alice', 1]] })
  console.log(
    `Built ${built.photos.toLocaleString('en')} photos and ${built.faces.toLocaleString('en')} faces ` +
      `(and ${built.assets.toLocaleString('en')} studio assets) in ${(built.totalMs / 1000).toFixed(1)} s`,
  )
  const results = await measurePhotoCursors(dataDir, { runs: 300 })
  printMeasurements(results)
  const over = results.filter((r) => r.name.startsWith('all of') && r.p99Ms > budgetMs)
  if (over.length > 0) {
    console.error(`Over the ${budgetMs} ms p99 budget: ${over.map((r) => r.name).join('; ')}`)
    process.exitCode = 1
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
