import type { MiddlewareHandler } from 'hono'
import { VIDEO_EMBED_ORIGINS } from '../../shared/vipanya'
import { applyCors, isCorsPath, isPreflight } from './cors'

/**
 * Where a source kept in the browser may live: any https origin, and plain http only on this
 * machine (a second Vitrine server, a vendor's local dev server).
 *
 * Trade-off: a browser source is an address the user types, so the page cannot know it in
 * advance and must be allowed to fetch from, and show images of, any https origin. That widens
 * where a script could send data, but scripts themselves stay this origin's only (no inline
 * script, no eval), which is what keeps injected code from running at all. Plain http is limited
 * to loopback so that no other unencrypted host can be reached. A deployment that wants the
 * tight policy back can keep every source on the server and reach it through /api/proxy.
 */
const BROWSER_SOURCE_ORIGINS = 'https: http://localhost:* http://127.0.0.1:*'

/**
 * The app's own pages: scripts only from this origin (the build has no inline script), images,
 * media and API calls from here and from browser sources (see above), and framed video only
 * from the players the Vipanya viewer embeds (VIDEO_EMBED_ORIGINS). Inline styles stay allowed: the grids
 * and the dialog primitives position elements with style attributes and injected style tags.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${BROWSER_SOURCE_ORIGINS}`,
  `media-src 'self' blob: ${BROWSER_SOURCE_ORIGINS}`,
  "font-src 'self'",
  `connect-src 'self' ${BROWSER_SOURCE_ORIGINS}`,
  `frame-src ${VIDEO_EMBED_ORIGINS.join(' ')}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Everything else (API answers, media, proxied upstream bodies): nothing may run, even if an
 * upstream answers with HTML or SVG that a user opens directly.
 */
export const LOCKED_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

function isAppPath(path: string): boolean {
  return !(path === '/api' || path.startsWith('/api/') || path === '/media' || path.startsWith('/media/'))
}

export interface SecurityOptions {
  /**
   * Origins whose pages may call the dialect APIs (VITRINE_CORS_ORIGINS). Empty by default: then
   * no CORS header is ever sent, and another site cannot read the API with a visitor's access.
   */
  corsOrigins?: readonly string[] | undefined
}

/**
 * Headers every response carries. Referrer-Policy is strict-origin-when-cross-origin rather than
 * no-referrer because embedded YouTube players refuse to play without the embedding origin.
 * CORS headers from anywhere (an upstream behind the proxy) are dropped; only the origins the
 * operator listed get an answer, and never with credentials (no cookies are used).
 */
export function securityHeaders(options: SecurityOptions = {}): MiddlewareHandler {
  const corsOrigins = new Set(options.corsOrigins ?? [])
  return async (c, next) => {
    const origin = c.req.header('origin')
    const cors = corsOrigins.size > 0 && isCorsPath(c.req.path)
    const allowed = cors && origin !== undefined && corsOrigins.has(origin)
    await next()
    const apply = (headers: Headers) => {
      headers.set('x-content-type-options', 'nosniff')
      headers.set('referrer-policy', 'strict-origin-when-cross-origin')
      headers.set('x-frame-options', 'DENY')
      const html = (headers.get('content-type') ?? '').toLowerCase().startsWith('text/html')
      headers.set('content-security-policy', html && isAppPath(c.req.path) ? APP_CSP : LOCKED_CSP)
      for (const name of [...headers.keys()]) if (name.startsWith('access-control-')) headers.delete(name)
      if (cors) headers.append('vary', 'Origin')
      // A Host this server does not serve (421) gets no CORS answer, even for a listed origin.
      if (allowed && c.res.status !== 421) applyCors(headers, c.req.raw, origin)
    }
    try {
      apply(c.res.headers)
    } catch {
      // A response whose headers are immutable (straight from fetch): copy it once.
      const copy = new Response(c.res.body, c.res)
      apply(copy.headers)
      c.res = copy
    }
    if (c.req.method === 'HEAD') {
      // Hono answers HEAD by running GET and copying that response. Under the node server that
      // copy (like reading `body` or `statusText`) rebuilds the response from the headers it was
      // created with, losing the ones set above. A response created from a plain init, with the
      // headers read first, keeps them through the copy.
      const headers = new Headers(c.res.headers)
      c.res = new Response(null, { status: c.res.status, headers })
    }
  }
}

/**
 * Answers a listed origin's CORS preflight (the routes know only GET and POST). Mounted after
 * the Host check, so a preflight to an unserved Host name is refused like any request.
 */
export function corsPreflight(options: SecurityOptions = {}): MiddlewareHandler {
  const corsOrigins = new Set(options.corsOrigins ?? [])
  return async (c, next) => {
    const origin = c.req.header('origin')
    if (
      corsOrigins.size > 0 &&
      origin !== undefined &&
      corsOrigins.has(origin) &&
      isCorsPath(c.req.path) &&
      isPreflight(c.req.raw)
    ) {
      return new Response(null, { status: 204 })
    }
    return next()
  }
}
