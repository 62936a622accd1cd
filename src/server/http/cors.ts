import { ARCHIVE_PATH } from '../../shared/archive'

// Opt-in CORS for the reference server's own APIs (VITRINE_CORS_ORIGINS), so that a Vitrine on
// another origin can keep a browser source pointing here. Callers authenticate with a bearer
// token their page supplies, never with cookies, so credentials mode is never allowed.

/** Thrown for a bad VITRINE_CORS_ORIGINS value; the message names the bad entry. */
export class CorsConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CorsConfigError'
  }
}

/**
 * Reads a comma-separated list of origins (`https://photos.example.com,http://localhost:5173`).
 * Each entry must be exactly an origin: scheme, host and optional port, nothing after.
 */
export function parseCorsOrigins(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return []
  const origins: string[] = []
  for (const entry of text.split(',').map((s) => s.trim())) {
    if (entry === '') continue
    if (entry === '*') {
      throw new CorsConfigError(
        'VITRINE_CORS_ORIGINS: “*” is not allowed; list each origin that may call the API (https://app.example.com).',
      )
    }
    let url: URL
    try {
      url = new URL(entry)
    } catch {
      throw new CorsConfigError(`VITRINE_CORS_ORIGINS: “${entry}” is not an origin such as https://app.example.com.`)
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry.replace(/\/$/, '')) {
      throw new CorsConfigError(
        `VITRINE_CORS_ORIGINS: “${entry}” must be just an origin (scheme, host and port, no path), such as https://app.example.com.`,
      )
    }
    if (!origins.includes(url.origin)) origins.push(url.origin)
  }
  return origins
}

/** Methods and request headers the dialects use; nothing else is offered cross-origin. */
const ALLOWED_METHODS = 'GET, HEAD, POST'
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept'
/** Pagination, rate-limit and retry headers a cross-origin page needs to read. */
const EXPOSED_HEADERS = 'Link, Retry-After, X-Total-Count, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset'

/**
 * Whether a path may answer cross-origin. Only the dialect APIs, which authenticate the caller's
 * own token. Never the proxy (it signs with the gateway's secrets, not the caller's, so another
 * site could browse the gateway's accounts), the server's source list, nor the archive (it
 * fetches the proxy's files with the caller's gateway cookie).
 */
export function isCorsPath(path: string): boolean {
  if (!path.startsWith('/api/')) return false
  return !(path.startsWith('/api/proxy/') || path === '/api/proxy' || path === '/api/sources' || path === ARCHIVE_PATH)
}

/** A preflight the server should answer itself (the routes know only GET and POST). */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method')
}

/** Adds the CORS answer for an allowed origin; the caller has already removed any other. */
export function applyCors(headers: Headers, request: Request, origin: string): void {
  headers.set('access-control-allow-origin', origin)
  if (isPreflight(request)) {
    headers.set('access-control-allow-methods', ALLOWED_METHODS)
    headers.set('access-control-allow-headers', ALLOWED_HEADERS)
    headers.set('access-control-max-age', '600')
  } else {
    headers.set('access-control-expose-headers', EXPOSED_HEADERS)
  }
}
