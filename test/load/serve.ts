// The server under load, in its own process so the load generator never shares its event loop.
// Started by test/load/run.ts with the data folder in VITRINE_DATA_DIR; prints one JSON line
// with its URL once it listens, and closes on SIGTERM.
import { defaultWorkerCount } from '../../src/server/http/offload'
import { startServer } from '../../src/server/server'

const dataDir = process.env.VITRINE_DATA_DIR
if (!dataDir) throw new Error('VITRINE_DATA_DIR is required')

const workers = Number(process.env.VITRINE_WORKERS ?? defaultWorkerCount())
const server = await startServer({ port: 0, dataDir, demoAssets: 0, workers })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0))
})
