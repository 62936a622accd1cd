import { mkdirSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { buildCatalog } from './demo/generate'
import { ConfigError, readDataDir, readSharedSecret } from './config'
import { catalogPath, hasCatalog } from './db/catalog-file'
import { DataFolderLockedError, lockDataFolder, type DataLock } from './db/data-lock'

const { values } = parseArgs({
  options: {
    assets: { type: 'string', default: '5000' },
    'data-dir': { type: 'string' },
    seed: { type: 'string' },
    photos: { type: 'string' },
    measure: { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
  },
})

const assets = Number(values.assets)
if (!Number.isInteger(assets) || assets < 0) {
  console.error(`--assets must be a non-negative integer, got ${values.assets}`)
  process.exit(2)
}
const photos = values.photos === undefined ? assets : Number(values.photos)
if (!Number.isInteger(photos) || photos < 0) {
  console.error(`--photos must be a non-negative integer, got ${values.photos}`)
  process.exit(2)
}
const dataDir = values['data-dir'] !== undefined ? resolve(values['data-dir']) : readDataDir()
let secret: string | undefined
try {
  secret = readSharedSecret()
} catch (err) {
  if (!(err instanceof ConfigError)) throw err
  console.error(err.message)
  process.exit(2)
}

if (hasCatalog(dataDir) && !values.replace) {
  console.error(
    `${catalogPath(dataDir)} already exists and may hold users' verdicts; pass --replace to build a new catalog over it.`,
  )
  process.exit(2)
}

// A server serving this folder holds its lock: building over its catalog would lose its writes.
let lock: DataLock
try {
  mkdirSync(dataDir, { recursive: true })
  lock = lockDataFolder(dataDir)
} catch (err) {
  if (err instanceof DataFolderLockedError) console.error(err.message)
  else console.error(`Cannot use the data folder ${dataDir}: ${(err as Error).message}`)
  process.exit(1)
}

console.log(`Building a catalog of ${assets.toLocaleString('en')} assets in ${dataDir} …`)
let result: ReturnType<typeof buildCatalog>
try {
  result = buildCatalog({ dataDir, assets, photos, secret, ...(values.seed ? { seed: values.seed } : {}) })
} catch (err) {
  const code = (err as { code?: unknown }).code
  if (code !== 'ENOSPC' && code !== 'SQLITE_FULL') throw err
  console.error(`No space left in ${dataDir} to build the catalog; nothing was changed.`)
  process.exit(1)
} finally {
  lock.release()
}
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
console.log(
  `Done: ${result.assets.toLocaleString('en')} assets, ${result.projects} projects, ${result.galleryImages.toLocaleString('en')} generated images, ` +
    `${result.photos.toLocaleString('en')} photos with ${result.faces.toLocaleString('en')} faces, ` +
    `${result.scenarioAssets.toLocaleString('en')} Scenario generations, ` +
    `${result.vipanyaAssets.toLocaleString('en')} Vipanya library assets in ${seconds(result.totalMs)} ` +
    `(rows ${seconds(result.insertMs)}, indexes + search ${seconds(result.indexMs)})`,
)

if (values.measure) {
  const { measureCatalog, printMeasurements } = await import('./measure/measure')
  printMeasurements(await measureCatalog(dataDir))
  const { measurePhotoCursors } = await import('./measure/measure-photos')
  console.log('Gumnut cursor pages (limit=100), first page against a cursor 90% of the way in:')
  printMeasurements(await measurePhotoCursors(dataDir))
}
