import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CorsConfigError, parseCorsOrigins } from './http/cors'
import { CatalogRefusedError } from './db/migrations'
import { readProxySettings } from './proxy-settings'
import { DataFolderError, DataFolderLockedError } from './db/data-lock'
import { closeOnSignals, startServer } from './server'
import { loadSourcesConfig, SourcesConfigError, type ServerSource } from './sources-config'

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

const port = Number(process.env.PORT ?? 4173)
const dataDir = resolve(process.env.VITRINE_DATA_DIR ?? './data')
const demoAssets = Number(process.env.VITRINE_DEMO_ASSETS ?? 5000)
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`PORT must be a port number, got ${process.env.PORT}`)
if (!Number.isInteger(demoAssets) || demoAssets < 0) {
  throw new Error(`VITRINE_DEMO_ASSETS must be a non-negative integer, got ${process.env.VITRINE_DEMO_ASSETS}`)
}

// A bad sources file stops the server: running half-configured would hide the mistake.
let sources: ServerSource[]
let proxy: ReturnType<typeof readProxySettings>
let corsOrigins: string[]
try {
  sources = loadSourcesConfig()
  proxy = readProxySettings()
  corsOrigins = parseCorsOrigins(process.env.VITRINE_CORS_ORIGINS)
} catch (error) {
  if (!(error instanceof SourcesConfigError || error instanceof CorsConfigError)) throw error
  console.error(error.message)
  process.exit(1)
}

try {
  await buildSpaIfNeeded()
} catch (err) {
  console.error('Building the app failed; serving the APIs only.', err)
}

let server: Awaited<ReturnType<typeof startServer>>
try {
  server = await startServer({
    port,
    dataDir,
    demoAssets,
    distDir: existsSync(join(distDir, 'index.html')) ? distDir : undefined,
    host: process.env.HOST,
    sources,
    proxy,
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
if (corsOrigins.length > 0) console.log(`Cross-origin API calls allowed from: ${corsOrigins.join(', ')}`)
if (sources.length > 0) console.log(`Server sources: ${sources.map((s) => s.id).join(', ')} (through /api/proxy)`)

closeOnSignals(server)
