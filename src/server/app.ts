import { createHmac } from 'node:crypto'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import type { Catalog } from './db/catalog-db'
import { createPiktidApi } from './dialects/piktid'
import { securityHeaders } from './http/security-headers'
import { createSpaHandler } from './http/static-spa'
import { createMediaRoutes } from './media/media-routes'
import type { MediaStore } from './media/media-store'
import { createProxyRoutes, type ProxyOptions } from './proxy'
import { publicSources, type ServerSource } from './sources-config'

export interface AppDeps {
  db: Catalog
  media: MediaStore
  /** Folder of the built SPA; without it only the APIs and media are served. */
  distDir?: string | undefined
  /** Sources from VITRINE_SOURCES, reached through /api/proxy/{id}. */
  sources?: readonly ServerSource[] | undefined
  proxy?: Omit<ProxyOptions, 'sources' | 'signingKey'> | undefined
}

function jsonError(status: 404 | 500, error: string, message: string): Response {
  return new Response(JSON.stringify({ error, message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}

function piktidEnvelope(status: 404 | 500, error: string, message: string): Response {
  return new Response(JSON.stringify({ error, detail: [{ field: null, message, position: 'path' }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()

  app.use('*', securityHeaders())
  // JSON pages and the app's scripts shrink 5–8×; images are already compressed formats.
  app.use('/api/*', compress())
  app.use('/assets/*', compress())

  app.route('/api/piktid', createPiktidApi(deps))
  app.route('/media', createMediaRoutes(deps.media))
  const sources = deps.sources ?? []
  app.get('/api/sources', (c) => c.json({ sources: publicSources(sources) }))
  const signingKey = createHmac('sha256', deps.db.secret).update('proxy media links').digest()
  app.route('/api/proxy', createProxyRoutes({ ...deps.proxy, sources, signingKey }))

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

  app.notFound((c) => {
    const path = c.req.path
    if (path.startsWith('/api/piktid/') || path === '/api/piktid') {
      return piktidEnvelope(404, 'Not found', `No route for ${c.req.method} ${path}`)
    }
    return jsonError(404, 'Not found', `No route for ${c.req.method} ${path}`)
  })

  // Only genuine bugs end up here; every expected failure has its own status and envelope.
  app.onError((err, c) => {
    console.error(`${c.req.method} ${c.req.path} failed:`, err)
    if (c.req.path.startsWith('/api/piktid')) {
      return piktidEnvelope(500, 'Internal server error', 'Unexpected error; see the server log')
    }
    return jsonError(500, 'Internal server error', 'Unexpected error; see the server log')
  })

  return app
}
