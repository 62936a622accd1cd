import type { IncomingMessage } from 'node:http'
import { Hono, type Context } from 'hono'
import type { ServerSource } from '../sources-config'
import { forwardedRequestHeaders, passedBackHeaders } from './headers'
import { allowedOrigin, MEDIA_SEGMENT, rewriteJsonLinks, rewriteLinkHeader, verifyMediaSignature } from './links'
import { bytesCarrySecret, redact, redactJson, secretMatcher } from './secrets'
import { parseProxyTarget, upstreamUrl } from './target'
import { createAgents, resolveWithDns, sendPinned, vetHost, type Agents, type ResolveHost } from './transport'
import { readBodyWithin } from '../http/read-body'
import { untilAborted } from '../http/until-aborted'

// /api/proxy/{sourceId}/… forwards to a configured source's base URL with its credentials.
// It is deliberately not an open proxy: only configured sources, only paths below their base
// URL, only GET/HEAD/POST, a timeout and a size limit, and an allowlist of headers each way.
// Media URLs in JSON answers are rewritten to /api/proxy/{id}/_media?u=…&s=…, signed so that
// only URLs the upstream itself handed out, on hosts the source allows, can be fetched that way.
// Every host it connects to is resolved and checked first (transport.ts), and no secret comes
// back in any encoding (secrets.ts).

export { forwardedRequestHeaders, passedBackHeaders } from './headers'
export { isLinkKey, mediaPath, rewriteJsonLinks, rewriteLinkHeader, verifyMediaSignature } from './links'
export { redact } from './secrets'
export { parseProxyTarget, upstreamUrl } from './target'
export { isPrivateAddress, type ResolveHost } from './transport'

const PROXY_METHODS = ['GET', 'HEAD', 'POST'] as const
export const DEFAULT_PROXY_TIMEOUT_MS = 20_000
export const DEFAULT_PROXY_MAX_BYTES = 25 * 1024 * 1024
const MAX_REDIRECTS = 5

export interface ProxyOptions {
  sources: readonly ServerSource[]
  /** Key for media-URL signatures; stable across restarts so cached pages keep their images. */
  signingKey: string | Buffer
  timeoutMs?: number | undefined
  maxBytes?: number | undefined
  /** How host names are resolved before they are checked; `dns.lookup` unless a test stubs it. */
  resolveHost?: ResolveHost | undefined
  /** One line per upstream failure; never given a secret. */
  log?: (line: string) => void
}

// ---------------------------------------------------------------------------------------------
// Upstream exchange

type UpstreamFailure =
  'timeout' | 'unreachable' | 'tls' | 'too_large' | 'bad_redirect' | 'private_address' | 'leaked_secret'

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
  const failure = error as { code?: unknown; message?: unknown } | undefined
  const code = typeof failure?.code === 'string' ? failure.code : ''
  const message = typeof failure?.message === 'string' ? failure.message : ''
  if (/CERT|SSL|TLS/i.test(code) || /certificate|ssl|tls/i.test(message)) return new UpstreamError('tls', code || 'TLS')
  if (code === 'ETIMEDOUT') return new UpstreamError('timeout', code)
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
  const bytes = await readBodyWithin(response.body, () => maxBytes)
  if (!bytes) throw new UpstreamError('too_large', `more than ${maxBytes} bytes`)
  return bytes
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
  private_address: {
    status: 502,
    error: 'upstream_private_address',
    words: 'is on a private network address, which this source may not reach (see allowPrivateNetwork)',
  },
  leaked_secret: {
    status: 502,
    error: 'upstream_leaked_secret',
    words: 'sent back one of its credentials in a response the proxy cannot redact, so it was withheld',
  },
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType)
}

/** Types whose text can be redacted in place: JSON and plain data. Scripts, markup (HTML, SVG,
 * XML) and binary types are refused instead when they carry a secret. */
function isRedactableText(contentType: string | null): boolean {
  return (
    contentType !== null &&
    (isJson(contentType) || /^(?:text\/(?:plain|csv)|application\/x-www-form-urlencoded)\b/i.test(contentType))
  )
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
  const resolveHost = options.resolveHost ?? resolveWithDns
  const log = options.log ?? ((line: string) => console.warn(line))
  const byId = new Map(options.sources.map((s) => [s.id, s]))
  const key = options.signingKey
  const routes = new Hono()
  const agentsBySource = new Map<string, Agents>()
  const agentsFor = (source: ServerSource): Agents => {
    let agents = agentsBySource.get(source.id)
    if (!agents) agentsBySource.set(source.id, (agents = createAgents()))
    return agents
  }

  /**
   * Fetches `url`, following redirects itself: only to the source's own origin and its media
   * hosts, with credentials only on its own origin (and only until a hop leaves it). Every hop's host is resolved and checked,
   * and the connection goes to the address that was checked.
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
      // Once a chain of redirects has left the source's origin, no later hop gets credentials:
      // a media host cannot send the proxy back to fetch an authenticated path of its choosing.
      let leftSource = false
      for (let hop = 0; ; hop += 1) {
        const headers = new Headers(init.headers)
        leftSource ||= current.origin !== source.baseUrl.origin
        if (leftSource) headers.delete('authorization')
        const vetted = await untilAborted(vetHost(current, source.allowPrivateNetwork, resolveHost), signal)
        if (!vetted.ok && vetted.reason === 'private') {
          throw new UpstreamError('private_address', `${current.host} resolves to a private address`)
        }
        if (!vetted.ok) throw new UpstreamError('unreachable', `${current.host} did not resolve`)
        const sent = { method, headers, body: method === 'POST' ? body : undefined, signal }
        const response = await sendPinned(current, sent, vetted.addresses, agentsFor(source))
        const location = response.headers.get('location')
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
          await response.body?.cancel().catch(() => undefined)
          if (hop >= MAX_REDIRECTS) throw new UpstreamError('bad_redirect', 'too many redirects')
          let next: URL
          try {
            next = new URL(location, current)
          } catch {
            throw new UpstreamError('bad_redirect', 'not a URL')
          }
          if (!allowedOrigin(source, next)) throw new UpstreamError('bad_redirect', `to ${next.origin}, not allowed`)
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET'
            body = undefined
          }
          current = next
          continue
        }
        const noBody = method === 'HEAD' || NO_BODY_STATUSES.has(response.status)
        if (noBody) await response.body?.cancel().catch(() => undefined)
        const bytes = noBody ? null : await readLimited(response, maxBytes)
        return { status: response.status, headers: response.headers, body: bytes }
      }
    } catch (error) {
      if (clientSignal.aborted && !timeout.aborted) throw error
      throw classify(error, timeout.aborted)
    }
  }

  const failed = (source: ServerSource, method: string, shownPath: string, error: unknown): Response => {
    // The browser went away (a tile scrolled past): nobody reads this answer, and it is no fault.
    if (!(error instanceof UpstreamError) && (error as { name?: unknown } | null)?.name === 'AbortError') {
      return new Response(null, { status: 499 })
    }
    if (!(error instanceof UpstreamError)) throw error
    const failure = FAILURE_RESPONSES[error.kind]
    log(
      `proxy ${source.id}: ${method} ${redact(shownPath, source.secrets)} → ${failure.status} ${failure.error} (${redact(error.message, source.secrets)})`,
    )
    const words = error.kind === 'timeout' ? `did not answer within ${timeoutMs / 1000} s` : failure.words
    return proxyError(failure.status, failure.error, `${source.name} ${words}.`)
  }

  /** The upstream's answer as the browser gets it: secrets redacted, links rewritten. Throws
   * `leaked_secret` for a body that carries a secret and cannot be redacted. */
  const respond = (source: ServerSource, result: Exchange): Response => {
    const secrets = secretMatcher(source.secrets)
    const contentType = result.headers.get('content-type')
    const headers = passedBackHeaders(result.headers, (value, name) => {
      const clean = secrets.redact(value)
      return name === 'link' ? rewriteLinkHeader(clean, source, key) : clean
    })
    if (result.body === null) return new Response(null, { status: result.status, headers })
    let body: Uint8Array = result.body
    if (isRedactableText(contentType)) {
      const raw = new TextDecoder().decode(body)
      let text: string | undefined
      if (isJson(contentType)) {
        try {
          // Parsing undoes the JSON escapes (\/, \u0073) a secret may hide behind.
          text = JSON.stringify(rewriteJsonLinks(redactJson(JSON.parse(raw), secrets), source, key))
        } catch {
          // Not JSON after all: redacted as text below.
        }
      }
      body = new TextEncoder().encode(secrets.redact(text ?? raw))
    } else if (bytesCarrySecret(body, secrets)) {
      throw new UpstreamError('leaked_secret', `a ${contentType ?? 'typeless'} body held a credential`)
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
      let url: URL
      try {
        url = new URL(u, source.baseUrl.origin)
      } catch {
        return proxyError(400, 'bad_media_link', 'This media link does not hold a URL.')
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return proxyError(400, 'bad_media_link', 'Media links must be http or https.')
      }
      // Signed earlier, perhaps before the host was taken out of mediaHosts.
      if (!allowedOrigin(source, url)) {
        return proxyError(403, 'media_host_not_allowed', `${source.name} does not list this media link's host.`)
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
