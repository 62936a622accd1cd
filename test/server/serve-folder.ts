import { DataFolderError, DataFolderLockedError } from '../../src/server/db/data-lock'
import { CatalogRefusedError } from '../../src/server/db/migrations'
import { closeOnSignals, startServer } from '../../src/server/server'

// A server process for the tests that need a real one (two servers on one folder, kill -9,
// SIGTERM): `node --import tsx test/server/serve-folder.ts <dataDir>`, printing `URL <url>` once
// it listens. It starts as main.ts does, without building the app first.

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: serve-folder.ts <dataDir>')
const grace = process.env.SHUTDOWN_GRACE_MS
try {
  const server = await startServer({
    port: 0,
    dataDir,
    demoAssets: Number(process.env.VITRINE_DEMO_ASSETS ?? 50),
    secret: process.env.VITRINE_SECRET,
    shutdownGraceMs: grace === undefined ? undefined : Number(grace),
  })
  closeOnSignals(server)
  console.log(`URL ${server.url}`)
} catch (err) {
  if (!(err instanceof DataFolderError || err instanceof DataFolderLockedError || err instanceof CatalogRefusedError)) {
    throw err
  }
  console.error(err.message)
  process.exit(1)
}
