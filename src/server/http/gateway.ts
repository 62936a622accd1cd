import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie, setCookie } from 'hono/cookie'
import { isCorsPath } from './cors'

// The gateway's door: which Host names it answers (DNS rebinding), which requests may reach the
// proxy and the writes (no cross-site requests, JSON bodies only, bounded sizes), and the optional
// gateway token. Everything here runs before a route reads anything of the request.

/** One entry of VITRINE_ALLOWED_HOSTS: a host name (any port) or host:port. */
export interface AllowedHost {
  hostname: string
  /** Undefined: any port. */
  port?: string | undefined
}

export class AllowedHostsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AllowedHostsError'
  }
}

const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?\.?)(?::(\d{1,5}))?$/

/** Splits a Host header (or an allowlist entry) into a lower-case name and an optional port. */
export function splitHost(value: string): AllowedHost | undefined {
  const match = HOST_PATTERN.exec(value.trim().toLowerCase())
  if (!match) return undefined
  const port = match[2]
  if (port !== undefined && Number(port) > 65535) return undefined
  // A trailing dot names the same host (`localhost.`); without it the comparisons below stay exact.
  return { hostname: match[1]!.replace(/\.$/, ''), port }
}

/**
 * Reads VITRINE_ALLOWED_HOSTS: comma-separated `host` or `host:port` entries, such as
 * `photos.example.com,10.0.0.5:4173`. No scheme, path or wildcard.
 */
export function parseAllowedHosts(text: string | undefined): AllowedHost[] {
  if (text === undefined || text.trim() === '') return []
  const hosts: AllowedHost[] = []
  for (const entry of text.split(',').map((s) => s.trim())) {
    if (entry === '') continue
    const host = splitHost(entry)
    if (!host) {
      throw new AllowedHostsError(
        `VITRINE_ALLOWED_HOSTS: “${entry}” is not a host name or host:port such as photos.example.com or 10.0.0.5:4173.`,
      )
    }
    hosts.push(host)
  }
  return hosts
}

/** Names that can only reach this machine, so a page elsewhere cannot rebind them. */
export function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]'
}

function requestHost(c: Context): string {
  // In-process requests (tests) carry no Host header; their URL says where they were sent.
  return c.req.header('host') ?? new URL(c.req.url).host
}

function isApiOrMedia(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/media' || path.startsWith('/media/')
}

/**
 * Answers only the Host names this server serves: loopback names on any port, and the operator's
 * VITRINE_ALLOWED_HOSTS. Anything else is 421, which defeats DNS rebinding: a hostile page whose
 * name now points at 127.0.0.1 still sends its own name as Host.
 */
export function hostAllowlist(allowed: readonly AllowedHost[]): MiddlewareHandler {
  return async (c, next) => {
    const raw = requestHost(c)
    const host = splitHost(raw)
    const ok =
      host !== undefined &&
      (isLoopbackName(host.hostname) ||
        allowed.some((a) => a.hostname === host.hostname && (a.port === undefined || a.port === host.port)))
    if (ok) return next()
    const shown = raw.length > 100 ? `${raw.slice(0, 100)}…` : raw
    const message =
      `This server does not answer for the host “${shown}”. If it should, add ` +
      `${host?.hostname ?? 'that host'} to VITRINE_ALLOWED_HOSTS (comma-separated host or host:port) and restart it.`
    if (isApiOrMedia(c.req.path)) return c.json({ error: 'misdirected_request', message }, 421)
    return c.text(message, 421)
  }
}

// ---- Refusals in the envelope of the API that was called ---------------------------------

interface Refusal {
  status: 401 | 403 | 413 | 415
  /** Machine-readable reason, e.g. `cross_site_request`. */
  code: string
  /** Short human title, for the dialects whose envelope has one. */
  title: string
  message: string
  field: string
  position: 'header' | 'body'
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`)
}

/** The body a dialect would use for this refusal (see core/errors.ts); `{error, message}` elsewhere. */
function refusalBody(path: string, r: Refusal): unknown {
  if (under(path, '/api/piktid')) {
    return { error: r.title, detail: [{ field: r.field, message: r.message, position: r.position }] }
  }
  if (under(path, '/api/vipanya')) return { error: r.title, message: r.message, field: r.field }
  if (under(path, '/api/scenario')) return { reason: r.code, message: r.message }
  // Gumnut's 401/403 envelope, the proxy's and the plain one are all {error, message}.
  return { error: r.code, message: r.message }
}

function refuse(c: Context, r: Refusal): Response {
  return new Response(JSON.stringify(refusalBody(c.req.path, r)), {
    status: r.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  })
}

// ---- Which requests are guarded ----------------------------------------------------------

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Dialect writes are small JSON documents. */
const WRITE_MAX_BYTES = 1024 * 1024

/** The proxy and the source list: they act with the gateway's own credentials. */
function isGatewayPath(path: string): boolean {
  return under(path, '/api/proxy') || path === '/api/sources'
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(contentType)
}

function hasBody(c: Context): boolean {
  if (c.req.header('transfer-encoding') !== undefined) return true
  const length = c.req.header('content-length')
  if (length !== undefined) return length.trim() !== '0'
  // Through the node server a request without either header has no body; an in-process
  // Request says so itself.
  const fromNode = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined
  return !fromNode && c.req.raw.body !== null
}

/** Why a request is cross-site, or undefined when it comes from this server's own pages (or no browser). */
function crossSiteReason(c: Context): string | undefined {
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `The browser marked this request ${site} (Sec-Fetch-Site); only this server's own pages may send it.`
  }
  const origin = c.req.header('origin')
  if (origin === undefined) return undefined
  let own: string | undefined
  let theirs: string | undefined
  try {
    const url = new URL(origin)
    theirs = url.host
    // The Host header read as the origin's scheme would, so default ports compare equal.
    own = new URL(`${url.protocol}//${requestHost(c)}`).host
  } catch {
    // `Origin: null` (sandboxed frames, file pages) or garbage: not this server.
  }
  if (own !== undefined && own === theirs) return undefined
  return `Requests from ${origin.slice(0, 100)} (Origin) are not accepted here; only this server's own pages may send them.`
}

// ---- Gateway token -------------------------------------------------------------------------

/** The cookie the SPA's requests carry once the token was given (see README, Security). */
const GATEWAY_COOKIE = 'vitrine_gateway'
const COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60

/** The cookie holds a digest of the token, not the token; changing the token signs everyone out. */
function cookieValue(token: string): string {
  return createHmac('sha256', token).update('vitrine gateway cookie v1').digest('base64url')
}

/** Constant-time comparison whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

function presentedToken(c: Context): string | undefined {
  const header = c.req.header('x-vitrine-gateway')
  if (header !== undefined) return header.trim()
  const auth = /^Gateway\s+(.+)$/i.exec(c.req.header('authorization') ?? '')
  return auth?.[1]?.trim()
}

function hasGatewayAccess(c: Context, token: string): boolean {
  const presented = presentedToken(c)
  if (presented !== undefined) return sameSecret(presented, token)
  const cookie = getCookie(c, GATEWAY_COOKIE)
  return cookie !== undefined && sameSecret(cookie, cookieValue(token))
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
}

/**
 * `GET /any/app/path?gateway=TOKEN`: sets the gateway cookie and sends the browser to the same
 * address without the token, so it stays out of the address bar and the page's own links.
 */
function gatewayLogin(c: Context, token: string): Response {
  const url = new URL(c.req.url)
  const given = url.searchParams.get('gateway') ?? ''
  if (!sameSecret(given, token)) {
    return c.text('That gateway token is not the one this server was started with (VITRINE_GATEWAY_TOKEN).', 401)
  }
  url.searchParams.delete('gateway')
  setCookie(c, GATEWAY_COOKIE, cookieValue(token), {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    maxAge: COOKIE_MAX_AGE_S,
  })
  c.header('cache-control', 'no-store')
  c.header('referrer-policy', 'no-referrer')
  // Only a path on this server: leading slashes collapsed so `//elsewhere` cannot become a host.
  const path = `/${url.pathname.replace(/^\/+/, '')}`
  return c.redirect(`${path}${url.search}`, 303)
}

// ---- The middleware ----------------------------------------------------------------------------

export interface GatewayOptions {
  /** Origins listed in VITRINE_CORS_ORIGINS: may write to the dialect APIs (never the proxy). */
  corsOrigins?: readonly string[] | undefined
  /** VITRINE_GATEWAY_TOKEN: when set, the proxy and the source list require it. */
  token?: string | undefined
  /** The proxy's request-body limit (VITRINE_PROXY_MAX_BYTES). */
  proxyMaxBytes: number
  /** Limit for every other write; 1 MB by default. */
  writeMaxBytes?: number | undefined
  /** Limits for writes to these exact paths instead (an archive's list of files is longer). */
  writeMaxBytesByPath?: ReadonlyMap<string, number> | undefined
}

/**
 * Guards the proxy, the source list and every write: cross-site requests are refused (403),
 * the gateway token is required when configured (401), bodies must be JSON (415) and are
 * limited before anything reads them (413).
 */
export function gateway(options: GatewayOptions): MiddlewareHandler {
  const corsOrigins = new Set(options.corsOrigins ?? [])
  const token = options.token
  const writeMax = options.writeMaxBytes ?? WRITE_MAX_BYTES
  const limits = new Map<number, MiddlewareHandler>()
  const limitOf = (maxSize: number, message: string): MiddlewareHandler => {
    let limit = limits.get(maxSize)
    if (!limit) {
      limit = bodyLimit({
        maxSize,
        onError: (c) =>
          refuse(c, {
            status: 413,
            code: 'request_too_large',
            title: 'Payload too large',
            message,
            field: 'body',
            position: 'body',
          }),
      })
      limits.set(maxSize, limit)
    }
    return limit
  }

  return async (c, next) => {
    const path = c.req.path
    const method = c.req.method.toUpperCase()
    if (token !== undefined && (method === 'GET' || method === 'HEAD') && !isApiOrMedia(path)) {
      if (new URL(c.req.url).searchParams.has('gateway')) return gatewayLogin(c, token)
    }

    const proxy = isGatewayPath(path)
    const write = WRITE_METHODS.has(method)
    if (!proxy && !write) return next()

    const origin = c.req.header('origin')
    // Listed origins call the dialect APIs with their user's own bearer token (VITRINE_CORS_ORIGINS).
    const listedCaller = !proxy && origin !== undefined && corsOrigins.has(origin) && isCorsPath(path)
    const crossSite = listedCaller ? undefined : crossSiteReason(c)
    if (crossSite !== undefined) {
      return refuse(c, {
        status: 403,
        code: 'cross_site_request',
        title: 'Forbidden',
        message: crossSite,
        field: origin === undefined ? 'Sec-Fetch-Site' : 'Origin',
        position: 'header',
      })
    }

    if (proxy && token !== undefined && !hasGatewayAccess(c, token)) {
      return refuse(c, {
        status: 401,
        code: 'gateway_token_required',
        title: 'Unauthorized',
        message:
          'This gateway requires its token: open the app once as /?gateway=TOKEN, or send the header ' +
          'X-Vitrine-Gateway: TOKEN (or Authorization: Gateway TOKEN).',
        field: 'X-Vitrine-Gateway',
        position: 'header',
      })
    }

    if (!hasBody(c)) return next()
    const contentType = c.req.header('content-type')
    if (!isJsonType(contentType)) {
      return refuse(c, {
        status: 415,
        code: 'unsupported_media_type',
        title: 'Unsupported media type',
        message: `Request bodies must be JSON (Content-Type: application/json), not ${contentType === undefined ? 'a body without a Content-Type' : contentType.slice(0, 100)}.`,
        field: 'Content-Type',
        position: 'header',
      })
    }
    const max = proxy ? options.proxyMaxBytes : (options.writeMaxBytesByPath?.get(path) ?? writeMax)
    const what = proxy ? 'The proxy forwards request bodies' : 'This server accepts request bodies'
    return limitOf(max, `${what} up to ${max} bytes.`)(c, next)
  }
}
