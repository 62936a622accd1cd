import type { MiddlewareHandler } from 'hono'

/**
 * The app's own pages: scripts only from this origin (the build has no inline script), images
 * and API calls only from here (remote sources come through /api/proxy), and framed video only
 * from the players the Vipanya viewer embeds. Inline styles stay allowed: React, react-virtuoso
 * and the dialog primitives position elements with style attributes and injected style tags.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  'frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com',
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

/**
 * Headers every response carries. Referrer-Policy is strict-origin-when-cross-origin rather than
 * no-referrer because embedded YouTube players refuse to play without the embedding origin.
 * No CORS headers are ever sent: another site must not read the API with a visitor's access.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const apply = (headers: Headers) => {
      headers.set('x-content-type-options', 'nosniff')
      headers.set('referrer-policy', 'strict-origin-when-cross-origin')
      headers.set('x-frame-options', 'DENY')
      const html = (headers.get('content-type') ?? '').toLowerCase().startsWith('text/html')
      headers.set('content-security-policy', html && isAppPath(c.req.path) ? APP_CSP : LOCKED_CSP)
      for (const name of [...headers.keys()]) if (name.startsWith('access-control-')) headers.delete(name)
    }
    try {
      apply(c.res.headers)
    } catch {
      // A response whose headers are immutable (straight from fetch): copy it once.
      const copy = new Response(c.res.body, c.res)
      apply(copy.headers)
      c.res = copy
    }
  }
}
