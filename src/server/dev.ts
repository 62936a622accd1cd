import { resolve } from 'node:path'
import { parseCorsOrigins } from './http/cors'
import { readProxySettings } from './proxy-settings'
import { startServer } from './server'
import { loadSourcesConfig } from './sources-config'

// API on 4174 without the built app; Vite serves the app on 4173 and proxies /api and /media.
const api = await startServer({
  port: Number(process.env.VITRINE_API_PORT ?? 4174),
  dataDir: resolve(process.env.VITRINE_DATA_DIR ?? './data'),
  demoAssets: Number(process.env.VITRINE_DEMO_ASSETS ?? 5000),
  sources: loadSourcesConfig(),
  proxy: readProxySettings(),
  corsOrigins: parseCorsOrigins(process.env.VITRINE_CORS_ORIGINS),
})
console.log(`API server at ${api.url}`)

const vite = await import('vite')
const dev = await vite.createServer({ server: { port: Number(process.env.PORT ?? 4173) } })
await dev.listen()
dev.printUrls()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([dev.close(), api.close()]).then(() => process.exit(0))
  })
}
