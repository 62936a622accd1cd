import { readConfigOrExit, serverOptions } from './config'
import { startServer } from './server'

const config = readConfigOrExit()

// API on VITRINE_API_PORT (4174), loopback only, without the built app; Vite serves the app on
// PORT (4173) and proxies /api and /media to it, keeping the browser's Host.
const api = await startServer({ ...serverOptions(config), port: config.apiPort, host: undefined })
console.log(`API server at ${api.url}`)

const vite = await import('vite')
const dev = await vite.createServer({ server: { port: config.port } })
await dev.listen()
dev.printUrls()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([dev.close(), api.close()]).then(() => process.exit(0))
  })
}
