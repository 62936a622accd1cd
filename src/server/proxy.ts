import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { Hono, type Context } from 'hono'
import { proxyBaseUrl, type ServerSource } from './sources-config'

// /api/proxy/{sourceId}/… forwards to a configured source's base URL with its credentials.
// It is deliberately not an open proxy: only configured sources, only paths below their base
// URL, only GET/HEAD/POST, a timeout and a size limit, and an allowlist of headers each way.
// Media URLs in JSON answers are rewritten to /api/proxy/{id}/_media?u=…&s=…, signed so that
// only URLs the upstream itself handed out can be fetched that way.

const PROXY_PREFIX = '/api/proxy/'
const MEDIA_SEGMENT = '_media'
const PROXY_METHODS = ['GET', 'HEAD', 'POST'] as const
export const DEFAULT_PROXY_TIMEOUT_MS = 20_000
export const DEFAULT_PROXY_MAX_BYTES = 25 * 1024 * 1024
const MAX_REDIRECTS = 5
const REDACTED = '[redacted]'

export interface ProxyOptions {
  sources: readonly ServerSource[]
  /** Key for media-URL signatures; stable across restarts so cached pages keep their images. */
  signingKey: string | Buffer
  timeoutMs?: number | undefined
  maxBytes?: number | undefined
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch
  /** One line per upstream failure; never given a secret. */
  log?: (line: string) => void
}

// ---------------------------------------------------------------------------------------------
// Path rules

export type ProxyTarget = { ok: true; sourceId: string; rest: string; query: string } | { ok: false; reason: string }

const refuse = (reason: string): ProxyTarget => ({ ok: false, reason })

/**
 * Splits a raw request target (`/api/proxy/{id}/rest?query`, exactly as the client sent it,
 * before any URL normalisation) and refuses anything that could step outside the source's base
 * URL or reach another host.
 */
export function parseProxyTarget(raw: string): ProxyTarget {
  if (!raw.startsWith('/')) return refuse('An absolute URL is not allowed as the request target.')
  const queryAt = raw.indexOf('?')
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt)
  const query = queryAt === -1 ? '' : raw.slice(queryAt)
  if (!path.startsWith(PROXY_PREFIX)) return refuse(`The path must start with ${PROXY_PREFIX}{sourceId}.`)
  const after = path.slice(PROXY_PREFIX.length)
  const slash = after.indexOf('/')
  const sourceId = slash === -1 ? after : after.slice(0, slash)
  const rest = slash === -1 ? '' : after.slice(slash)
  if (sourceId === '') return refuse('The path names no source.')

  const problem = pathProblem(after)
  if (problem) return refuse(problem)
  if (/^\/[a-z][a-z0-9+.-]*:/i.test(rest)) return refuse('An absolute URL is not allowed in the path.')
  if (/[\s#]/.test(query) || hasControlCharacter(query)) {
    return refuse('The query string holds characters that are not allowed.')
  }
  return { ok: true, sourceId, rest, query }
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

function pathProblem(path: string): string | undefined {
  if (hasControlCharacter(path) || /\s/.test(path) || /%(?:[01][0-9a-f]|7f)/i.test(path)) {
    return 'Control characters and spaces are not allowed in the path.'
  }
  if (path.includes('\\') || /%5c/i.test(path)) return 'Backslashes are not allowed in the path.'
  if (/%2f/i.test(path)) return 'Encoded slashes (%2F) are not allowed in the path.'
  if (path.includes('//')) return 'Empty path segments (//) are not allowed in the path.'
  if (path.includes('@') || /%40/i.test(path)) return '“@” is not allowed in the path.'
  if (/%25/i.test(path)) return 'Double-encoded characters (%25) are not allowed in the path.'
  const dotSegment = path.split('/').some((segment) => ['.', '..'].includes(segment.replace(/%2e/gi, '.')))
  if (dotSegment) return '“.” and “..” segments are not allowed in the path.'
  return undefined
}

/** The base URL's path without its trailing slash: `/api/piktid`, or '' for an origin. */
function basePath(source: ServerSource): string {
  return source.baseUrl.pathname.replace(/\/+$/, '')
}

/** The upstream URL for a checked target, or undefined if it would land outside the base. */
export function upstreamUrl(source: ServerSource, rest: string, query: string): URL | undefined {
  const prefix = basePath(source)
  let url: URL
  try {
    url = new URL(`${source.baseUrl.origin}${prefix}${rest}${query}`)
  } catch {
    return undefined
  }
  if (url.origin !== source.baseUrl.origin) return undefined
  if (!(url.pathname === prefix || url.pathname === `${prefix}/` || url.pathname.startsWith(`${prefix}/`))) {
    return undefined
  }
  return url
}

// ---------------------------------------------------------------------------------------------
// Header rules

/** Request headers a browser may pass upstream. Everything else (Authorization, Cookie,
 * Origin, Referer, hop-by-hop and forwarding headers) stays here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'if-none-match', 'if-modified-since']

export function forwardedRequestHeaders(incoming: Headers, authorization: string | undefined): Headers {
  const out = new Headers()
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.get(name)
    if (value !== null) out.set(name, value)
  }
  // The browser holds the weak form of a validator this server compressed; upstream issued the
  // strong one, and an If-None-Match comparison is weak anyway.
  const ifNoneMatch = out.get('if-none-match')
  if (ifNoneMatch) out.set('if-none-match', ifNoneMatch.replace(/(^|,\s*)W\//g, '$1'))
  out.set('user-agent', 'Vitrine proxy')
  if (authorization) out.set('authorization', authorization)
  return out
}

const PASSED_BACK_HEADERS = new Set([
  'content-type',
  'content-language',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
  'link',
  'retry-after',
  'x-total-count',
  'x-total',
  'x-total-pages',
  'x-page',
  'x-per-page',
  'x-next-page',
  'x-prev-page',
  'x-request-id',
])
const PASSED_BACK_PREFIXES = ['x-ratelimit-', 'x-rate-limit-', 'ratelimit']

/**
 * Response headers a client needs: content type, caching validators, pagination and rate
 * limits. Never Set-Cookie, WWW-Authenticate (a browser would pop up a login box for our
 * origin), CORS or encoding headers (the body is re-encoded here).
 */
export function passedBackHeaders(upstream: Headers, rewrite: (value: string, name: string) => string): Headers {
  const out = new Headers()
  upstream.forEach((value, name) => {
    const lower = name.toLowerCase()
    if (PASSED_BACK_HEADERS.has(lower) || PASSED_BACK_PREFIXES.some((p) => lower.startsWith(p))) {
      out.set(lower, rewrite(value, lower))
    }
  })
  return out
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret) out = out.split(secret).join(REDACTED)
  return out
}

// ---------------------------------------------------------------------------------------------
// Media and link rewriting

function sign(key: string | Buffer, sourceId: string, url: string): string {
  return createHmac('sha256', key).update(`proxy-media\n${sourceId}\n${url}`).digest('base64url').slice(0, 32)
}

export function verifyMediaSignature(key: string | Buffer, sourceId: string, url: string, signature: string): boolean {
  const expected = Buffer.from(sign(key, sourceId, url))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function mediaPath(key: string | Buffer, sourceId: string, url: string): string {
  return `${proxyBaseUrl(sourceId)}/${MEDIA_SEGMENT}?u=${encodeURIComponent(url)}&s=${sign(key, sourceId, url)}`
}

/** Keys whose values may be links (any host is considered only for these). */
const LINK_KEY = /url|uri|href|link|src|thumbnail|image|preview|original|download|next|prev/i
/** Keys whose links on another host are media to carry through the proxy (the CSP allows only
 * same-origin images); other off-host links, such as a video's external_url, are left alone. */
const OFF_HOST_MEDIA_KEY = /^(url|src)$|thumbnail|image|preview|original|download/i
const NOT_MEDIA_KEY = /external|embed|website|homepage/i

/**
 * Rewrites one string found under `key` in an upstream answer. Links on the upstream's origin
 * below its base become proxy paths (`/api/proxy/{id}/…`); others on its origin, and media on
 * other hosts, become signed `_media` links; anything else is returned unchanged.
 */
function rewriteLink(value: string, key: string, source: ServerSource, signingKey: string | Buffer): string {
  if (!LINK_KEY.test(key)) return value
  let url: URL
  if (value.startsWith('/') && !value.startsWith('//')) {
    try {
      url = new URL(value, source.baseUrl.origin)
    } catch {
      return value
    }
  } else if (/^https?:\/\//i.test(value)) {
    try {
      url = new URL(value)
    } catch {
      return value
    }
  } else {
    return value
  }
  if (url.origin === source.baseUrl.origin) {
    const prefix = basePath(source)
    if (url.pathname.startsWith(`${prefix}/`)) {
      const rest = url.pathname.slice(prefix.length)
      const candidate = `${proxyBaseUrl(source.id)}${rest}${url.search}`
      const checked = parseProxyTarget(candidate)
      if (checked.ok && rest.split('/')[1] !== MEDIA_SEGMENT) return candidate
    }
    // On the upstream's own origin only the path travels, so the browser never learns its address.
    return mediaPath(signingKey, source.id, url.pathname + url.search)
  }
  if (OFF_HOST_MEDIA_KEY.test(key) && !NOT_MEDIA_KEY.test(key)) return mediaPath(signingKey, source.id, url.href)
  return value
}

export function rewriteJsonLinks(value: unknown, source: ServerSource, signingKey: string | Buffer, key = ''): unknown {
  if (typeof value === 'string') return rewriteLink(value, key, source, signingKey)
  if (Array.isArray(value)) return value.map((item) => rewriteJsonLinks(item, source, signingKey, key))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = rewriteJsonLinks(v, source, signingKey, k)
    return out
  }
  return value
}

/** `Link: <https://upstream/base/assets?page=2>; rel="next"` → `</api/proxy/{id}/assets?page=2>; …` */
export function rewriteLinkHeader(value: string, source: ServerSource, signingKey: string | Buffer): string {
  return value.replace(/<([^>]*)>/g, (_whole, url: string) => `<${rewriteLink(url, 'link', source, signingKey)}>`)
}

// ---------------------------------------------------------------------------------------------
// Upstream exchange

type UpstreamFailure = 'timeout' | 'unreachable' | 'tls' | 'too_large' | 'bad_redirect'

class UpstreamError extends Error {
  readonly kind: UpstreamFailure
  constructor(kind: UpstreamFailure, message: string) {
    super(message)
    this.kind = kind
  }
}

function classify(error: unknown, timedOut: boolean): UpstreamError {
  if (error instanceof UpstreamError) return error
  if (timedOut) return new UpstreamError('timeout', 'timed out')
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  const code = typeof cause?.code === 'string' ? cause.code : ''
  const message = typeof cause?.message === 'string' ? cause.message : ''
  if (/CERT|SSL|TLS/i.test(code) || /certificate|ssl|tls/i.test(message)) return new UpstreamError('tls', code || 'TLS')
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new UpstreamError('timeout', code)
  return new UpstreamError('unreachable', code || 'network error')
}

interface Exchange {
  status: number
  headers: Headers
  body: Uint8Array | null
}

/** Reads a request's or response's body, giving up as soon as it outgrows `maxBytes`. */
async function readLimited(
  response: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  maxBytes: number,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new UpstreamError('too_large', `declared ${declared} bytes`)
  }
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new UpstreamError('too_large', `more than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Routes

const NO_BODY_STATUSES = new Set([101, 204, 205, 304])

function proxyError(status: 400 | 403 | 404 | 405 | 413 | 502 | 504, error: string, message: string): Response {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  }
  if (status === 405) headers.allow = PROXY_METHODS.join(', ')
  return new Response(JSON.stringify({ error, message }), { status, headers })
}

const FAILURE_RESPONSES: Record<UpstreamFailure, { status: 502 | 504; error: string; words: string }> = {
  timeout: { status: 504, error: 'upstream_timeout', words: 'did not answer in time' },
  unreachable: { status: 502, error: 'upstream_unreachable', words: 'could not be reached' },
  tls: { status: 502, error: 'upstream_tls', words: 'failed the TLS (certificate) check' },
  too_large: { status: 502, error: 'upstream_too_large', words: 'sent a response larger than the proxy allows' },
  bad_redirect: {
    status: 502,
    error: 'upstream_bad_redirect',
    words: 'redirected somewhere the proxy will not follow',
  },
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType)
}

function isText(contentType: string | null): boolean {
  return contentType !== null && /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml)\b)/i.test(contentType)
}

function rawTarget(c: Context): string {
  // The raw target, before URL parsing resolves `..` and `%2e%2e` away (node server only;
  // in-process requests carry an already parsed URL).
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (incoming?.url) return incoming.url
  const url = new URL(c.req.url)
  return url.pathname + url.search
}

export function createProxyRoutes(options: ProxyOptions): Hono {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? DEFAULT_PROXY_MAX_BYTES
  const doFetch = options.fetch ?? fetch
  const log = options.log ?? ((line: string) => console.warn(line))
  const byId = new Map(options.sources.map((s) => [s.id, s]))
  const key = options.signingKey
  const routes = new Hono()

  /**
   * Fetches `url`, following redirects itself so credentials go only to the source's own
   * origin; a hop to another host is made without them.
   */
  const exchange = async (
    source: ServerSource,
    url: URL,
    init: { method: string; headers: Headers; body?: Uint8Array | undefined },
    clientSignal: AbortSignal,
  ): Promise<Exchange> => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = AbortSignal.any([timeout, clientSignal])
    try {
      let current = url
      let method = init.method
      let body = init.body
      for (let hop = 0; ; hop += 1) {
        const headers = new Headers(init.headers)
        if (current.origin !== source.baseUrl.origin) headers.delete('authorization')
        const response = await doFetch(current, {
          method,
          headers,
          body: body && method === 'POST' ? (body as BodyInit) : undefined,
          redirect: 'manual',
          signal,
        })
        const location = response.headers.get('location')
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
          await response.body?.cancel().catch(() => undefined)
          if (hop >= MAX_REDIRECTS) throw new UpstreamError('bad_redirect', 'too many redirects')
          const next = new URL(location, current)
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new UpstreamError('bad_redirect', 'not http(s)')
          }
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET'
            body = undefined
          }
          current = next
          continue
        }
        const bytes =
          method === 'HEAD' || NO_BODY_STATUSES.has(response.status) ? null : await readLimited(response, maxBytes)
        return { status: response.status, headers: response.headers, body: bytes }
      }
    } catch (error) {
      if (clientSignal.aborted && !timeout.aborted) throw error
      throw classify(error, timeout.aborted)
    }
  }

  const failed = (source: ServerSource, method: string, shownPath: string, error: unknown): Response => {
    if (!(error instanceof UpstreamError)) throw error
    const failure = FAILURE_RESPONSES[error.kind]
    log(
      `proxy ${source.id}: ${method} ${redact(shownPath, source.secrets)} → ${failure.status} ${failure.error} (${redact(error.message, source.secrets)})`,
    )
    const words = error.kind === 'timeout' ? `did not answer within ${timeoutMs / 1000} s` : failure.words
    return proxyError(failure.status, failure.error, `${source.name} ${words}.`)
  }

  const respond = (source: ServerSource, result: Exchange): Response => {
    const contentType = result.headers.get('content-type')
    const headers = passedBackHeaders(result.headers, (value, name) => {
      const clean = redact(value, source.secrets)
      return name === 'link' ? rewriteLinkHeader(clean, source, key) : clean
    })
    if (result.body === null) return new Response(null, { status: result.status, headers })
    let body: Uint8Array = result.body
    if (isText(contentType)) {
      let text = redact(new TextDecoder().decode(body), source.secrets)
      if (isJson(contentType)) {
        try {
          text = JSON.stringify(rewriteJsonLinks(JSON.parse(text), source, key))
        } catch {
          // Not JSON after all: pass the (redacted) text as it came.
        }
      }
      body = new TextEncoder().encode(text)
    }
    return new Response(body as BodyInit, { status: result.status, headers })
  }

  routes.all('*', async (c) => {
    const target = parseProxyTarget(rawTarget(c))
    if (!target.ok) return proxyError(400, 'bad_proxy_path', target.reason)
    const source = byId.get(target.sourceId)
    if (!source) return proxyError(404, 'unknown_source', `No server source has the id “${target.sourceId}”.`)
    const method = c.req.method.toUpperCase()
    if (!(PROXY_METHODS as readonly string[]).includes(method)) {
      return proxyError(405, 'method_not_allowed', `The proxy forwards only ${PROXY_METHODS.join(', ')}.`)
    }

    if (target.rest === `/${MEDIA_SEGMENT}`) {
      if (method === 'POST') return proxyError(405, 'method_not_allowed', 'Media is read with GET or HEAD.')
      const params = new URLSearchParams(target.query)
      const u = params.get('u') ?? ''
      if (!verifyMediaSignature(key, source.id, u, params.get('s') ?? '')) {
        return proxyError(403, 'bad_media_signature', 'This media link was not issued by this proxy for this source.')
      }
      // Signed links hold either a path on the source's origin or an absolute URL elsewhere.
      const url = new URL(u, source.baseUrl.origin)
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return proxyError(400, 'bad_media_link', 'Media links must be http or https.')
      }
      const headers = forwardedRequestHeaders(c.req.raw.headers, source.authorization)
      headers.delete('content-type')
      try {
        const result = await exchange(source, url, { method, headers }, c.req.raw.signal)
        return respond(source, result)
      } catch (error) {
        return failed(source, method, `${MEDIA_SEGMENT} ${url.pathname}`, error)
      }
    }

    const url = upstreamUrl(source, target.rest, target.query)
    if (!url) return proxyError(400, 'bad_proxy_path', 'The path must stay below the source’s base URL.')

    let body: Uint8Array | undefined
    if (method === 'POST') {
      try {
        body = await readLimited(c.req.raw, maxBytes)
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error
        return proxyError(413, 'request_too_large', `The proxy forwards request bodies up to ${maxBytes} bytes.`)
      }
    }
    const headers = forwardedRequestHeaders(c.req.raw.headers, source.authorization)
    try {
      const result = await exchange(source, url, { method, headers, body }, c.req.raw.signal)
      return respond(source, result)
    } catch (error) {
      return failed(source, method, target.rest || '/', error)
    }
  })

  return routes
}
