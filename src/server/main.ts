import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readConfigOrExit, serverOptions, startupWarnings } from './config'
import { CatalogRefusedError } from './db/migrations'
import { DataFolderError, DataFolderLockedError } from './db/data-lock'
import { closeOnSignals, startServer } from './server'

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const distDir = join(projectRoot, 'dist')
const serverDir = join(projectRoot, 'src', 'server')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  if (path === serverDir) return 0
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function spaIsStale(): boolean {
  const built = join(distDir, 'index.html')
  if (!existsSync(built)) return true
  const inputs = ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => newestMtime(join(projectRoot, p)))
  return Math.max(...inputs) > statSync(built).mtimeMs
}

async function buildSpaIfNeeded(): Promise<void> {
  if (!spaIsStale()) return
  if (!existsSync(join(projectRoot, 'index.html'))) {
    console.warn('No index.html in the project root; serving the APIs without the app.')
    return
  }
  console.log('Building the app …')
  const vite = await import('vite')
  await vite.build({ root: projectRoot, logLevel: 'warn' })
}

const config = readConfigOrExit()
for (const warning of startupWarnings(config)) console.warn(warning)

if (!config.skipBuild) {
  try {
    await buildSpaIfNeeded()
  } catch (err) {
    console.error('Building the app failed; serving the APIs only.', err)
  }
}

let server: Awaited<ReturnType<typeof startServer>>
try {
  server = await startServer({
    ...serverOptions(config),
    distDir: existsSync(join(distDir, 'index.html')) ? distDir : undefined,
  })
} catch (err) {
  // What an operator can fix (a locked, read-only or damaged data folder) is one line, no stack.
  if (err instanceof DataFolderError || err instanceof DataFolderLockedError) {
    console.error(err.message)
    process.exit(1)
  }
  if (!(err instanceof CatalogRefusedError)) throw err
  console.error(err.message)
  console.error('Move the file aside (or point VITRINE_DATA_DIR elsewhere) to start with a new demo catalog.')
  process.exit(1)
}
const shown = new URL(server.url)
if (shown.hostname === '127.0.0.1') shown.hostname = 'localhost'
console.log(`Vitrine is running at ${shown.origin}`)
if (config.corsOrigins.length > 0) {
  console.log(`Cross-origin API calls allowed from: ${config.corsOrigins.join(', ')}`)
}
if (config.sources.length > 0) {
  console.log(`Server sources: ${config.sources.map((s) => s.id).join(', ')} (through /api/proxy)`)
}
if (config.gatewayToken !== undefined) console.log('The proxy and the source list require the gateway token.')

closeOnSignals(server)
