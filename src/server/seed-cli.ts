import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { buildCatalog } from './catalog/generate'
import { catalogPath, hasCatalog } from './db/catalog-db'

const { values } = parseArgs({
  options: {
    assets: { type: 'string', default: '5000' },
    'data-dir': { type: 'string' },
    seed: { type: 'string' },
    measure: { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
  },
})

const assets = Number(values.assets)
if (!Number.isInteger(assets) || assets < 0) {
  console.error(`--assets must be a non-negative integer, got ${values.assets}`)
  process.exit(2)
}
const dataDir = resolve(values['data-dir'] ?? process.env.VITRINE_DATA_DIR ?? './data')

if (hasCatalog(dataDir) && !values.replace) {
  console.error(
    `${catalogPath(dataDir)} already exists and may hold users' verdicts; pass --replace to build a new catalog over it.`,
  )
  process.exit(2)
}

console.log(`Building a catalog of ${assets.toLocaleString('en')} assets in ${dataDir} …`)
const result = buildCatalog({ dataDir, assets, ...(values.seed ? { seed: values.seed } : {}) })
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
console.log(
  `Done: ${result.assets.toLocaleString('en')} assets, ${result.projects} projects, ${result.galleryImages.toLocaleString('en')} generated images, ` +
    `${result.scenarioAssets.toLocaleString('en')} Scenario generations, ` +
    `${result.vipanyaAssets.toLocaleString('en')} Vipanya library assets in ${seconds(result.totalMs)} ` +
    `(rows ${seconds(result.insertMs)}, indexes + search ${seconds(result.indexMs)})`,
)

if (values.measure) {
  const { measureCatalog, printMeasurements } = await import('./catalog/measure')
  printMeasurements(await measureCatalog(dataDir))
}
