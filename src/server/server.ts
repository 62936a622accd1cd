import { createServer, type ServerOptions } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener, serve } from '@hono/node-server'
import { createApp } from './app'
import { buildCatalog } from './catalog/generate'
import { hasCatalog, openCatalog } from './db/catalog-db'
import { answerClientError, requestErrorResponse } from './http/client-error'
import type { AllowedHost } from './http/gateway'
import { createMediaStore } from './media/media-store'
import type { ProxyOptions } from './proxy'
import type { ServerSource } from './sources-config'

export interface StartServerOptions {
  /** 0 picks a free port. */
  port: number
  dataDir: string
  /** Size of the demo catalog created when `dataDir` holds none. */
  demoAssets: number
  distDir?: string | undefined
  host?: string | undefined
  /** Server-side sources (VITRINE_SOURCES), served through /api/proxy/{id}. */
  sources?: readonly ServerSource[] | undefined
  proxy?: Omit<ProxyOptions, 'sources' | 'signingKey'> | undefined
  /** Origins allowed to call the dialect APIs cross-origin (VITRINE_CORS_ORIGINS). */
  corsOrigins?: readonly string[] | undefined
  /** Host names served besides loopback ones (VITRINE_ALLOWED_HOSTS). */
  allowedHosts?: readonly AllowedHost[] | undefined
  /** VITRINE_GATEWAY_TOKEN: when set, the proxy and the source list require it. */
  gatewayToken?: string | undefined
  /** VITRINE_SECRET: signs links and tokens instead of the catalog's own secret, for several instances. */
  secret?: string | undefined
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  if (!hasCatalog(options.dataDir)) {
    const built = buildCatalog({ dataDir: options.dataDir, assets: options.demoAssets })
    console.log(`Created a demo catalog of ${built.assets} assets in ${(built.totalMs / 1000).toFixed(1)} s`)
  }
  // An existing catalog is migrated in place (it holds users' verdicts), or refused if unreadable.
  const catalog = openCatalog(options.dataDir, { log: (message) => console.log(message), secret: options.secret })
  const media = createMediaStore(catalog)
  const app = createApp({
    db: catalog,
    media,
    distDir: options.distDir,
    sources: options.sources,
    proxy: options.proxy,
    corsOrigins: options.corsOrigins,
    allowedHosts: options.allowedHosts,
    gatewayToken: options.gatewayToken,
  })
  const host = options.host ?? '127.0.0.1'

  const server = await new Promise<ReturnType<typeof serve>>((resolvePromise, reject) => {
    // node-server's own listener, with an error handler so that its 400s for requests it cannot
    // parse carry the security headers too.
    const listener = getRequestListener(app.fetch, { hostname: host, errorHandler: requestErrorResponse })
    const withHeaders = ((serverOptions: ServerOptions) => createServer(serverOptions, listener)) as typeof createServer
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host, createServer: withHeaders }, () =>
      resolvePromise(s),
    )
    s.once('error', reject)
  })
  // Node's own 400/431 parser answers, with the security headers too.
  server.on('clientError', answerClientError)
  const address = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  const url = new URL(`http://${urlHost}:${address.port}`).origin

  let closed: Promise<void> | undefined
  return {
    url,
    port: address.port,
    close() {
      closed ??= new Promise<void>((resolveClose) => {
        server.close(() => {
          catalog.close()
          resolveClose()
        })
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      return closed
    },
  }
}
