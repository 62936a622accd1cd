import { createHmac } from 'node:crypto'
import { Hono, type MiddlewareHandler } from 'hono'
import { compress } from 'hono/compress'
import { ARCHIVE_PATH } from '../shared/archive'
import { ARCHIVE_BODY_MAX_BYTES, createArchiveRoutes } from './archive/archive-routes'
import {
  gumnutErrors,
  piktidErrors,
  plainErrors,
  replyJson,
  scenarioErrors,
  vipanyaErrors,
  errorResponse,
  type DialectErrors,
} from './core/errors'
import type { Catalog } from './db/catalog-db'
import { createGumnutApi } from './dialects/gumnut/api'
import { createPiktidApi } from './dialects/piktid/api'
import { createScenarioApi } from './dialects/scenario/api'
import { createVipanyaApi } from './dialects/vipanya/api'
import { isHeavyRequest, type OffloadPool } from './http/offload'
import { gateway, hostAllowlist, type AllowedHost } from './http/gateway'
import { corsPreflight, securityHeaders } from './http/security-headers'
import { createSpaHandler } from './http/static-spa'
import { createMediaRoutes } from './media/media-routes'
import type { MediaStore } from './media/media-store'
import { RENDER_AHEAD_HEADER } from './media/render-ahead'
import { createProxyRoutes, DEFAULT_PROXY_MAX_BYTES, type ProxyOptions } from './proxy'
import { publicSources, type ServerSource } from './sources-config'
import type { Clock } from './core/clock'

export interface AppDeps {
  db: Catalog
  media: MediaStore
  /** Folder of the built SPA; without it only the APIs and media are served. */
  distDir?: string | undefined
  /** Sources from VITRINE_SOURCES, reached through /api/proxy/{id}. */
  sources?: readonly ServerSource[] | undefined
  proxy?: Omit<ProxyOptions, 'sources' | 'signingKey'> | undefined
  /** Origins allowed to call the dialect APIs cross-origin (VITRINE_CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[] | undefined
  /** Workers for the heavy requests; without it every request runs on this thread. */
  offload?: OffloadPool | undefined
  /** Host names served besides loopback ones (VITRINE_ALLOWED_HOSTS); others get 421. */
  allowedHosts?: readonly AllowedHost[] | undefined
  /** When set, the proxy and the source list require this token (VITRINE_GATEWAY_TOKEN). */
  gatewayToken?: string | undefined
  /**
   * A request worker's app: leaves listings' render-ahead header for the main thread, which owns
   * the render queue (media/render-ahead.ts).
   */
  leaveRenderAhead?: boolean | undefined
  /** The clock every write stamps (verdicts, claims, created assets, archives); the wall clock by default. */
  now?: Clock | undefined
}

/**
 * Error envelopes by mount prefix: unknown paths and unexpected failures under a dialect's
 * mount answer in that dialect's envelope (Hono never calls a sub-app's own notFound).
 * A new dialect adds one line here when it mounts.
 */
const ERRORS_BY_MOUNT: readonly (readonly [prefix: string, errors: DialectErrors])[] = [
  ['/api/piktid', piktidErrors],
  ['/api/gumnut', gumnutErrors],
  ['/api/scenario', scenarioErrors],
  ['/api/vipanya', vipanyaErrors],
  // ['/api/<dialect>', <dialect>Errors], one line per mounted dialect
]

function errorsFor(path: string): DialectErrors {
  const mount = ERRORS_BY_MOUNT.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))
  return mount ? mount[1] : plainErrors
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Writes to a read-only catalog answer 503; the proxy writes upstream, not here, and an archive
 * only reads, so both are left alone.
 */
const refuseWritesWhenReadOnly: MiddlewareHandler = async (c, next) => {
  const path = c.req.path
  if (SAFE_METHODS.has(c.req.method) || path === '/api/proxy' || path.startsWith('/api/proxy/')) return next()
  if (path === ARCHIVE_PATH) return next()
  return replyJson(errorsFor(path).storage('read-only'))
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()

  app.use('*', securityHeaders({ corsOrigins: deps.corsOrigins }))
  // Before anything else reads the request: the Host check, then the CORS preflight, then the
  // proxy's and the writes' guards (cross-site, gateway token, JSON only, body size).
  app.use('*', hostAllowlist(deps.allowedHosts ?? []))
  app.use('*', corsPreflight({ corsOrigins: deps.corsOrigins }))
  app.use(
    '*',
    gateway({
      corsOrigins: deps.corsOrigins,
      token: deps.gatewayToken,
      proxyMaxBytes: deps.proxy?.maxBytes ?? DEFAULT_PROXY_MAX_BYTES,
      writeMaxBytesByPath: new Map([[ARCHIVE_PATH, ARCHIVE_BODY_MAX_BYTES]]),
    }),
  )
  // JSON pages and the app's scripts shrink 5–8×; images are already compressed formats.
  app.use('/api/*', compress())
  app.use('/assets/*', compress())
  if (deps.db.readOnly) app.use('/api/*', refuseWritesWhenReadOnly)
  if (!deps.leaveRenderAhead) {
    // A listing names its items for render-ahead in an internal header (a worker's too): taken
    // off here, on the thread that owns the render queue.
    app.use('/api/*', async (c, next) => {
      await next()
      const ids = c.res.headers.get(RENDER_AHEAD_HEADER)
      if (ids === null) return
      c.res.headers.delete(RENDER_AHEAD_HEADER)
      if (c.res.ok) deps.media.renderAhead(ids.split(','))
    })
  }
  const offload = deps.offload
  if (offload) {
    // After the checks above, before any route: the worker answers in full (its own compression).
    app.use('/api/*', async (c, next) => {
      if (!isHeavyRequest(c.req.method, c.req.path)) return next()
      return offload.fetch(c.req.raw)
    })
  }

  app.route('/api/piktid', createPiktidApi(deps))
  app.route('/api/gumnut', createGumnutApi(deps))
  app.route('/api/scenario/v1', createScenarioApi(deps))
  app.route('/api/vipanya', createVipanyaApi(deps))
  app.route('/media', createMediaRoutes(deps.media))
  const sources = deps.sources ?? []
  app.get('/api/sources', (c) => c.json({ sources: publicSources(sources) }))
  const signingKey = createHmac('sha256', deps.db.secret).update('proxy media links').digest()
  app.route('/api/proxy', createProxyRoutes({ ...deps.proxy, sources, signingKey }))
  // Each file of an archive is a request through this app, so every rule above applies to it.
  app.route(ARCHIVE_PATH, createArchiveRoutes({ dispatch: (request) => app.fetch(request), now: deps.now }))

  if (deps.distDir) {
    const spa = createSpaHandler(deps.distDir)
    app.get('*', async (c, next) => {
      const path = c.req.path
      if (path === '/api' || path.startsWith('/api/') || path === '/media' || path.startsWith('/media/')) {
        return next()
      }
      return spa(c)
    })
  }

  app.notFound((c) => replyJson(errorsFor(c.req.path).notFound(`Route ${c.req.method} ${c.req.path}`)))

  // Only genuine bugs end up here; every expected failure has its own status and envelope.
  app.onError((err, c) => errorResponse(errorsFor(c.req.path), err, `${c.req.method} ${c.req.path}`))

  return app
}
