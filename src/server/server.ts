import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import type { Server as HttpServer, ServerResponse } from 'node:http'
import { createServer, type ServerOptions } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener, serve } from '@hono/node-server'
import { createApp } from './app'
import { buildCatalog } from './demo/generate'
import { hasCatalog } from './db/catalog-file'
import { openCatalog, type Catalog } from './db/catalog-db'
import { DataFolderError, lockDataFolder, type DataLock } from './db/data-lock'
import { startOffloadPool } from './http/offload'
import type { RequestWorkerData } from './worker'
import { answerClientError, requestErrorResponse } from './http/client-error'
import type { AllowedHost } from './http/gateway'
import { createMediaStore, SERVING_MEMORY_CACHE_BYTES } from './media/media-store'
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
  /** Worker threads for list pages, searches and writes (VITRINE_WORKERS); 0 runs all here. */
  workers?: number | undefined
  /**
   * The deployment's shared signing secret (VITRINE_SECRET): with it, every instance accepts the
   * media links, proxy links and pagination tokens any other instance signed.
   */
  secret?: string | undefined
  /** How long `close()` lets requests in flight finish before cutting their connections. */
  shutdownGraceMs?: number | undefined
  /**
   * Whether the data folder can be written. The default asks the file system (access W_OK,
   * which a read-only mount fails even for root); tests force a read-only folder with it.
   */
  canWrite?: ((dataDir: string) => boolean) | undefined
  /** Host names served besides loopback ones (VITRINE_ALLOWED_HOSTS). */
  allowedHosts?: readonly AllowedHost[] | undefined
  /** VITRINE_GATEWAY_TOKEN: when set, the proxy and the source list require it. */
  gatewayToken?: string | undefined
}

export interface RunningServer {
  url: string
  port: number
  /** The catalog is served read-only: the data folder cannot be written. */
  readOnly: boolean
  /**
   * Stops accepting connections, lets requests in flight finish (up to `shutdownGraceMs`), then
   * closes the catalog (its WAL folded back into the file) and releases the data folder.
   */
  close(): Promise<void>
}

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000

function folderIsWritable(dataDir: string): boolean {
  try {
    accessSync(dataDir, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** The data folder, created when missing; DataFolderError when it cannot be. */
function ensureDataFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    throw new DataFolderError(`The data folder ${dataDir} does not exist and cannot be created (${code}).`)
  }
  if (!statSync(dataDir).isDirectory()) {
    throw new DataFolderError(`The data folder ${dataDir} is not a folder.`)
  }
}

function isNoSpace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'ENOSPC' || code === 'SQLITE_FULL'
}

/** Takes the folder, builds a demo catalog if it holds none, and opens it for serving. */
function openDataFolder(options: StartServerOptions): { catalog: Catalog; lock: DataLock | undefined } {
  const { dataDir } = options
  ensureDataFolder(dataDir)
  const writable = (options.canWrite ?? folderIsWritable)(dataDir)
  if (!writable) {
    if (!hasCatalog(dataDir)) {
      throw new DataFolderError(
        `The data folder ${dataDir} is read-only and holds no catalog; make it writable, or point VITRINE_DATA_DIR at a folder with one.`,
      )
    }
    // Nobody can write through this server, so there is nothing for a lock to protect (and no
    // way to write one); reads are served from the catalog as it is.
    const catalog = openCatalog(dataDir, { readOnly: true, secret: options.secret })
    console.log(`The data folder ${dataDir} is read-only: serving the catalog read-only; writes answer 503.`)
    return { catalog, lock: undefined }
  }

  // Before any build or open: a second server here would rebuild or serve a stale copy.
  const lock = lockDataFolder(dataDir)
  try {
    if (!hasCatalog(dataDir)) {
      try {
        const built = buildCatalog({ dataDir, assets: options.demoAssets, secret: options.secret })
        console.log(`Created a demo catalog of ${built.assets} assets in ${(built.totalMs / 1000).toFixed(1)} s`)
      } catch (err) {
        if (!isNoSpace(err)) throw err
        throw new DataFolderError(
          `No space left in ${dataDir} to build the demo catalog; free some space and start again.`,
        )
      }
    }
    // An existing catalog is migrated in place (it holds users' verdicts), or refused if unreadable.
    const catalog = openCatalog(dataDir, { log: (message) => console.log(message), secret: options.secret })
    return { catalog, lock }
  } catch (err) {
    lock.release()
    throw err
  }
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { catalog, lock } = openDataFolder(options)
  const media = createMediaStore(catalog, { memoryCacheBytes: SERVING_MEMORY_CACHE_BYTES })
  const workers = options.workers ?? 0
  const workerData: RequestWorkerData = {
    dataDir: options.dataDir,
    secret: options.secret,
    readOnly: catalog.readOnly,
    allowedHosts: options.allowedHosts ?? [],
    corsOrigins: options.corsOrigins ?? [],
  }
  const offload = workers > 0 ? await startOffloadPool({ size: workers, workerData }) : undefined
  const app = createApp({
    db: catalog,
    media,
    distDir: options.distDir,
    sources: options.sources,
    proxy: options.proxy,
    corsOrigins: options.corsOrigins,
    offload,
    allowedHosts: options.allowedHosts,
    gatewayToken: options.gatewayToken,
  })
  const host = options.host ?? '127.0.0.1'

  let server: HttpServer
  try {
    server = await new Promise<HttpServer>((resolvePromise, reject) => {
      // node-server's own listener, with an error handler so that its 400s for requests it cannot
      // parse carry the security headers too.
      const listener = getRequestListener(app.fetch, { hostname: host, errorHandler: requestErrorResponse })
      const withHeaders = ((serverOptions: ServerOptions) =>
        createServer(serverOptions, listener)) as typeof createServer
      const s = serve({ fetch: app.fetch, port: options.port, hostname: host, createServer: withHeaders }, () =>
        resolvePromise(s as HttpServer),
      )
      s.once('error', reject)
    })
  } catch (err) {
    catalog.close()
    lock?.release()
    throw err
  }
  // Node's own 400/431 parser answers, with the security headers too.
  server.on('clientError', answerClientError)
  const address = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  const url = new URL(`http://${urlHost}:${address.port}`).origin

  // Responses still being produced, so shutdown can wait for them and tell their clients not to
  // reuse the connection.
  const inFlight = new Set<ServerResponse>()
  let closing = false
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res)
    if (closing) res.setHeader('connection', 'close')
    res.once('close', () => {
      inFlight.delete(res)
      // A keep-alive connection whose last response just ended would otherwise hold the
      // shutdown until its client hangs up.
      if (closing) setImmediate(() => server.closeIdleConnections())
    })
  })

  let closed: Promise<void> | undefined
  return {
    url,
    port: address.port,
    readOnly: catalog.readOnly,
    close() {
      closed ??= new Promise<void>((resolveClose) => {
        closing = true
        for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close')
        const force = setTimeout(
          () => server.closeAllConnections(),
          options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
        )
        force.unref()
        // Stops listening at once; the callback runs when the last connection has ended.
        server.close(() => {
          clearTimeout(force)
          // Renders still running end (and are cached) first, for as long as connections were
          // given (a render that never ends cannot hold the shutdown); the workers' connections
          // close next, so this one can fold the WAL in alone.
          const renders = new Promise<void>((resolve) => {
            const giveUp = setTimeout(resolve, options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS)
            giveUp.unref()
            void media.close().then(() => {
              clearTimeout(giveUp)
              resolve()
            })
          })
          void Promise.all([renders, offload?.close()]).then(() => {
            catalog.close()
            lock?.release()
            resolveClose()
          })
        })
        server.closeIdleConnections()
      })
      return closed
    },
  }
}

/**
 * SIGTERM or SIGINT closes the server gracefully (see `RunningServer.close`) and exits 0; a
 * second signal while it drains cuts the remaining connections at once.
 */
export function closeOnSignals(server: RunningServer, log: (message: string) => void = console.log): void {
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        log(`${signal} again: exiting now.`)
        process.exit(1)
      }
      stopping = true
      const closed = server.close()
      // Said once no new connection can come in (close() stops listening at once).
      log(`${signal}: finishing requests in flight, then stopping …`)
      void closed.then(() => process.exit(0))
    })
  }
}
