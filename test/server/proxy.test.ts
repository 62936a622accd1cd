import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../src/server/app'
import { parseSourcesConfig, type ServerSource } from '../../src/server/sources-config'
import type { PiktidAssetsPage } from '../../src/shared/piktid'
import { createFixture, TOKENS, type CatalogFixture } from './fixture'

// The gateway (a reference server with VITRINE_SOURCES) in front of two upstreams: a second
// reference server speaking PiktID as alice, and a scripted vendor for the edge cases.

const VENDOR_SECRET = 'vendor-secret-7d1f0c'
const MAX_BYTES = 64 * 1024
// Generous for the real exchanges (the upstream renders images on a busy machine); the timeout
// test uses a second gateway with a short one.
// Long enough for an original the upstream draws on first request while the whole suite runs.
const TIMEOUT_MS = 25_000
const SHORT_TIMEOUT_MS = 300

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

let upstream: CatalogFixture
let gateway: CatalogFixture
let upstreamServer: ReturnType<typeof serve>
let upstreamUrl: string
let vendor: Server
let vendorUrl: string
let elsewhere: Server
let elsewhereUrl: string
let app: Hono
let impatientApp: Hono
let gatewayServer: ReturnType<typeof serve>
let gatewayUrl: string
const seen: Seen[] = []
const elsewhereSeen: Seen[] = []
const logLines: string[] = []
const consoleSpies: ReturnType<typeof vi.spyOn>[] = []

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  })
}

function record(list: Seen[], req: IncomingMessage): Promise<Seen> {
  return new Promise((resolve) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      list.push(entry)
      resolve(entry)
    })
  })
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

async function vendorHandler(req: IncomingMessage, res: ServerResponse) {
  const entry = await record(seen, req)
  const path = entry.url.split('?')[0]
  switch (path) {
    case '/v1/echo':
      return json(res, 200, { method: entry.method, target: entry.url, body: entry.body })
    case '/v1/limited':
      return json(
        res,
        429,
        { reason: 'rate_limited', message: 'Slow down' },
        {
          'retry-after': '7',
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': '0',
          'x-total-count': '9001',
          link: `<${vendorUrl}/v1/assets?paginationToken=abc>; rel="next"`,
          'set-cookie': 'vendor_session=1',
          'www-authenticate': 'Basic realm="vendor"',
          'access-control-allow-origin': '*',
          'access-control-allow-credentials': 'true',
        },
      )
    case '/v1/leak':
      // A careless vendor that echoes the credential back, in the body and a header.
      return json(
        res,
        401,
        { error: 'unauthorized', message: `token ${req.headers.authorization} is not valid` },
        {
          'x-request-id': `req-${req.headers.authorization}`,
        },
      )
    case '/v1/assets':
      return json(res, 200, {
        assets: [
          {
            id: 'a1',
            url: '/files/a1.jpg',
            thumbnail: { url: `${vendorUrl}/files/a1-small.webp` },
            cdn_image: `${elsewhereUrl}/cdn/a1.webp`,
            external_url: 'https://www.youtube.com/watch?v=abc',
          },
        ],
        nextPaginationToken: 'tok-2',
      })
    case '/files/a1.jpg':
      if (req.headers.authorization !== `Bearer ${VENDOR_SECRET}`) return json(res, 401, { error: 'no' })
      res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=60', etag: '"a1"' })
      return res.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
    case '/v1/slow':
      return setTimeout(() => json(res, 200, { late: true }), SHORT_TIMEOUT_MS * 10)
    case '/v1/huge':
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.write(Buffer.alloc(MAX_BYTES / 2))
      res.write(Buffer.alloc(MAX_BYTES / 2))
      return res.end(Buffer.alloc(10))
    case '/v1/huge-declared':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BYTES * 10) })
      return res.end()
    case '/v1/page':
      res.writeHead(200, { 'content-type': 'text/html' })
      return res.end('<script>alert(1)</script>')
    case '/v1/away':
      res.writeHead(302, { location: `${elsewhereUrl}/landing` })
      return res.end()
    case '/v1/cached':
      if (req.headers['if-none-match'] === '"v7"') {
        res.writeHead(304, { etag: '"v7"' })
        return res.end()
      }
      return json(res, 200, { v: 7 }, { etag: '"v7"' })
    case '/outside-base':
      return json(res, 200, { reached: 'outside' })
    default:
      return json(res, 404, { error: 'not found', path })
  }
}

let closedPort: number

beforeAll(async () => {
  upstream = createFixture(300)
  upstreamServer = serve({ fetch: upstream.app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => upstreamServer.once('listening', r))
  upstreamUrl = `http://127.0.0.1:${(upstreamServer.address() as AddressInfo).port}`

  vendor = createServer((req, res) => void vendorHandler(req, res))
  vendorUrl = await listen(vendor)
  elsewhere = createServer((req, res) => {
    void record(elsewhereSeen, req).then(() => {
      res.writeHead(200, { 'content-type': 'image/webp' })
      res.end(Buffer.from('RIFFxxxxWEBP'))
    })
  })
  elsewhereUrl = await listen(elsewhere)
  const closed = createServer()
  closedPort = Number(new URL(await listen(closed)).port)
  await new Promise((r) => closed.close(r))

  for (const method of ['log', 'warn', 'error', 'info'] as const) {
    consoleSpies.push(
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logLines.push(args.map(String).join(' '))
      }),
    )
  }

  const sources: ServerSource[] = parseSourcesConfig(
    {
      sources: [
        {
          id: 'remote',
          name: 'Remote studio',
          dialect: 'piktid',
          baseUrl: `${upstreamUrl}/api/piktid`,
          credentials: { token: { env: 'REMOTE_TOKEN' } },
          // Every upstream here is on loopback, which a source must opt in to.
          allowPrivateNetwork: true,
        },
        {
          id: 'vendor',
          name: 'Vendor',
          dialect: 'scenario',
          baseUrl: `${vendorUrl}/v1`,
          credentials: { token: { env: 'VENDOR_TOKEN' } },
          mediaHosts: [elsewhereUrl],
          allowPrivateNetwork: true,
        },
        {
          id: 'down',
          name: 'Down',
          dialect: 'gumnut',
          baseUrl: `http://127.0.0.1:${closedPort}`,
          credentials: { token: 'down-secret-token' },
          allowPrivateNetwork: true,
        },
        {
          id: 'not-tls',
          name: 'Not TLS',
          dialect: 'vipanya',
          baseUrl: `https://127.0.0.1:${new URL(vendorUrl).port}`,
          credentials: { apiKey: 'tls-secret-key' },
          allowPrivateNetwork: true,
        },
      ],
    },
    { REMOTE_TOKEN: TOKENS.alice, VENDOR_TOKEN: VENDOR_SECRET },
  )
  gateway = createFixture(20)
  app = createApp({
    db: gateway.catalog,
    media: gateway.media,
    distDir: join(gateway.dir, 'dist'),
    sources,
    proxy: { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES },
  })
  impatientApp = createApp({
    db: gateway.catalog,
    media: gateway.media,
    sources,
    proxy: { timeoutMs: SHORT_TIMEOUT_MS, maxBytes: MAX_BYTES },
  })
  gatewayServer = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => gatewayServer.once('listening', r))
  gatewayUrl = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const spy of consoleSpies) spy.mockRestore()
  await Promise.all(
    [upstreamServer as Server, gatewayServer as Server, vendor, elsewhere].map(
      (s) =>
        new Promise((r) => {
          s.close(r)
          s.closeAllConnections()
        }),
    ),
  )
  upstream?.close()
  gateway?.close()
})

/** Sends a raw request target, exactly as written (fetch would normalise `..` away). */
function rawGet(target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(gatewayUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: target, method: 'GET', headers }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function get(path: string, init?: RequestInit) {
  return fetch(`${gatewayUrl}${path}`, init)
}

describe('server sources', () => {
  it('lists the configured sources with their proxy base URLs and no credentials', async () => {
    const res = await get('/api/sources')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({
      sources: [
        { id: 'remote', name: 'Remote studio', dialect: 'piktid', baseUrl: '/api/proxy/remote' },
        { id: 'vendor', name: 'Vendor', dialect: 'scenario', baseUrl: '/api/proxy/vendor' },
        { id: 'down', name: 'Down', dialect: 'gumnut', baseUrl: '/api/proxy/down' },
        { id: 'not-tls', name: 'Not TLS', dialect: 'vipanya', baseUrl: '/api/proxy/not-tls' },
      ],
    })
    expect(text).not.toMatch(/demo-alice|vendor-secret|127\.0\.0\.1/)
  })
})

describe('proxy to a second reference server', () => {
  it('browses alice’s assets with filters, exactly as the upstream answers them', async () => {
    const query = 'include_tags=model&ownership=mine&sort_by=filename&order=asc&per_page=7&page=2'
    const res = await get(`/api/proxy/remote/assets?${query}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as PiktidAssetsPage
    const direct = await upstream.app.request(`/api/piktid/assets?${query}`, {
      headers: { authorization: `Bearer ${TOKENS.alice}` },
    })
    const expected = (await direct.json()) as PiktidAssetsPage
    expect(body.pagination).toEqual(expected.pagination)
    expect(body.assets.map((a) => a.id)).toEqual(expected.assets.map((a) => a.id))
    expect(body.assets.every((a) => a.tags.includes('model') && a.created_by === 'alice')).toBe(true)
    expect(body.assets.length).toBe(7)
  })

  it('rewrites image URLs through the proxy, and they load as real images', async () => {
    const res = await get('/api/proxy/remote/assets?per_page=2')
    const body = (await res.json()) as PiktidAssetsPage
    expect(JSON.stringify(body)).not.toContain(upstreamUrl)
    const asset = body.assets[0]
    expect(asset?.thumbnail_small).toMatch(
      /^\/api\/proxy\/remote\/_media\?u=%2Fmedia%2Fthumb-small%2F\w+\.webp%3Fe%3D\d+%26s%3D[\w-]+&s=[\w-]+$/,
    )
    const image = await get(asset?.thumbnail_small ?? '')
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/webp')
    expect(image.headers.get('cache-control')).toMatch(/^(public|private), max-age=\d+$/)
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata()
    expect(meta.format).toBe('webp')
    // An original is drawn per asset, so its size varies: one over the proxy's limit is refused whole.
    const original = await get(asset?.url ?? '')
    const upstreamPath = new URL(asset?.url ?? '', 'http://x').searchParams.get('u') ?? ''
    const direct = await upstream.app.request(upstreamPath)
    const size = (await direct.arrayBuffer()).byteLength
    expect(direct.headers.get('content-type')).toBe('image/jpeg')
    if (size <= MAX_BYTES) {
      expect(original.status).toBe(200)
      expect(original.headers.get('content-type')).toBe('image/jpeg')
      expect((await original.arrayBuffer()).byteLength).toBe(size)
    } else {
      expect(original.status).toBe(502)
      expect(((await original.json()) as { error: string }).error).toBe('upstream_too_large')
    }
  })

  it('refuses a media link whose signature does not match', async () => {
    const res = await get(`/api/proxy/remote/_media?u=${encodeURIComponent('/media/x')}&s=forged`)
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: 'bad_media_signature' })
  })

  it('passes the upstream’s own errors through with their status and envelope', async () => {
    const res = await get('/api/proxy/remote/assets?per_page=500')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'Invalid request', detail: [{ field: 'per_page' }] })
  })
})

describe('proxy pass-through', () => {
  it('passes method, path, query and body through unchanged, with the source’s credentials', async () => {
    const res = await get('/api/proxy/vendor/echo?a=1&b=x%20y&c=,', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer browser-token',
        cookie: 'vitrine_session=abc',
        // Same-origin (cross-site requests are refused before the proxy): still never forwarded.
        origin: gatewayUrl,
      },
      body: '{"name":"new asset"}',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      method: 'POST',
      target: '/v1/echo?a=1&b=x%20y&c=,',
      body: '{"name":"new asset"}',
    })
    const upstreamSaw = seen.at(-1)
    expect(upstreamSaw?.headers.authorization).toBe(`Bearer ${VENDOR_SECRET}`)
    expect(upstreamSaw?.headers.cookie).toBeUndefined()
    expect(upstreamSaw?.headers.origin).toBeUndefined()
    expect(upstreamSaw?.headers['content-type']).toBe('application/json')
  })

  it('passes back the status, Retry-After, pagination and rate-limit headers, and drops cookies, challenges and CORS', async () => {
    const res = await get('/api/proxy/vendor/limited')
    expect(res.status).toBe(429)
    expect(await res.json()).toEqual({ reason: 'rate_limited', message: 'Slow down' })
    expect(res.headers.get('retry-after')).toBe('7')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(res.headers.get('x-ratelimit-limit')).toBe('100')
    expect(res.headers.get('x-total-count')).toBe('9001')
    expect(res.headers.get('link')).toBe('</api/proxy/vendor/assets?paginationToken=abc>; rel="next"')
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(res.headers.get('www-authenticate')).toBeNull()
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('answers 304 when the browser’s If-None-Match still matches upstream', async () => {
    const first = await get('/api/proxy/vendor/cached')
    const etag = first.headers.get('etag') ?? ''
    // Compressed here, so the validator is passed back weak; it must still match upstream.
    expect(etag).toBe('W/"v7"')
    const again = await get('/api/proxy/vendor/cached', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(seen.at(-1)?.headers['if-none-match']).toBe('"v7"')
  })

  it('answers HEAD without a body', async () => {
    const res = await get('/api/proxy/vendor/echo', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(seen.at(-1)?.method).toBe('HEAD')
  })

  it('rewrites media on the vendor and on its CDN, fetching the CDN without credentials, and leaves video links alone', async () => {
    const res = await get('/api/proxy/vendor/assets')
    const body = (await res.json()) as {
      assets: { url: string; thumbnail: { url: string }; cdn_image: string; external_url: string }[]
      nextPaginationToken: string
    }
    const asset = body.assets[0]
    expect(body.nextPaginationToken).toBe('tok-2')
    expect(asset?.external_url).toBe('https://www.youtube.com/watch?v=abc')
    expect(asset?.url.startsWith('/api/proxy/vendor/_media?')).toBe(true)
    expect(asset?.thumbnail.url.startsWith('/api/proxy/vendor/_media?')).toBe(true)

    const original = await get(asset?.url ?? '')
    expect(original.status).toBe(200)
    expect(original.headers.get('content-type')).toBe('image/jpeg')
    expect(original.headers.get('etag')).toBe('"a1"')
    expect(new Uint8Array(await original.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]))

    const cdn = await get(asset?.cdn_image ?? '')
    expect(cdn.status).toBe(200)
    expect(elsewhereSeen.at(-1)?.url).toBe('/cdn/a1.webp')
    expect(elsewhereSeen.at(-1)?.headers.authorization).toBeUndefined()
  })

  it('follows a redirect to another host without the credentials', async () => {
    const res = await get('/api/proxy/vendor/away')
    expect(res.status).toBe(200)
    expect(elsewhereSeen.at(-1)?.url).toBe('/landing')
    expect(elsewhereSeen.at(-1)?.headers.authorization).toBeUndefined()
  })

  it('never sends a source’s secret back, even when the vendor echoes it', async () => {
    const res = await get('/api/proxy/vendor/leak')
    expect(res.status).toBe(401)
    const text = await res.text()
    expect(text).not.toContain(VENDOR_SECRET)
    expect(JSON.parse(text)).toEqual({ error: 'unauthorized', message: 'token Bearer [redacted] is not valid' })
    expect(res.headers.get('x-request-id')).toBe('req-Bearer [redacted]')
  })

  it('serves an upstream HTML page sandboxed, so its scripts cannot run on this origin', async () => {
    const res = await get('/api/proxy/vendor/page')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('proxy refusals', () => {
  it.each([
    ['/api/proxy/vendor/../outside-base', /“\.” and “\.\.”/],
    ['/api/proxy/vendor/%2e%2e/outside-base', /“\.” and “\.\.”/],
    ['/api/proxy/vendor/x%2F..%2F..%2Foutside-base', /Encoded slashes/],
    ['/api/proxy/vendor/x%2f..%2f..%2foutside-base', /Encoded slashes/],
    ['/api/proxy/vendor//127.0.0.1/outside-base', /Empty path segments/],
    ['/api/proxy/vendor/http://127.0.0.1/outside-base', /Empty path segments/],
    ['/api/proxy/vendor/@127.0.0.1/outside-base', /“@”/],
  ])('refuses %s with 400 and never reaches the upstream', async (target, reason) => {
    const before = seen.length
    const res = await rawGet(target)
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad_proxy_path', message: expect.stringMatching(reason) })
    expect(seen.length).toBe(before)
  })

  it('refuses a backslash before it reaches the upstream', async () => {
    const before = seen.length
    const res = await rawGet('/api/proxy/vendor/..\\outside-base')
    expect(res.status).toBe(400)
    expect(seen.length).toBe(before)
  })

  it('refuses an absolute-form request target', async () => {
    const before = seen.length
    const res = await rawGet('http://evil.example/api/proxy/vendor/echo')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({
      error: 'bad_proxy_path',
      message: expect.stringMatching(/absolute URL/),
    })
    expect(seen.length).toBe(before)
  })

  it('answers 404 for a source that is not configured', async () => {
    const res = await get('/api/proxy/elsewhere/assets')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'unknown_source', message: 'No server source has the id “elsewhere”.' })
  })

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405 and no CORS headers', async (method) => {
    const res = await get('/api/proxy/vendor/echo', { method, headers: { origin: gatewayUrl } })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a request body over the size limit with 413', async () => {
    const before = seen.length
    const json = { 'content-type': 'application/json' }
    const res = await get('/api/proxy/vendor/echo', { method: 'POST', headers: json, body: 'x'.repeat(MAX_BYTES + 1) })
    expect(res.status).toBe(413)
    // Streamed without a length, it is cut off as soon as it outgrows the limit.
    const chunk = new TextEncoder().encode('x'.repeat(1024))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength
        if (sent > MAX_BYTES * 4) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const streamed = await get('/api/proxy/vendor/echo', {
      method: 'POST',
      headers: json,
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(seen.length).toBe(before)
  })
})

describe('upstream failures', () => {
  it('answers 502 upstream_unreachable when the upstream is down', async () => {
    const res = await get('/api/proxy/down/api/assets')
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({ error: 'upstream_unreachable', message: 'Down could not be reached.' })
  })

  it('answers 504 upstream_timeout when the upstream is too slow', async () => {
    const started = Date.now()
    const res = await impatientApp.request('/api/proxy/vendor/slow')
    expect(res.status).toBe(504)
    expect(await res.json()).toEqual({ error: 'upstream_timeout', message: 'Vendor did not answer within 0.3 s.' })
    expect(Date.now() - started).toBeLessThan(SHORT_TIMEOUT_MS * 5)
  })

  it('answers 502 upstream_too_large when the answer outgrows the limit, declared or not', async () => {
    for (const path of ['huge', 'huge-declared']) {
      const res = await get(`/api/proxy/vendor/${path}`)
      expect(res.status).toBe(502)
      expect(await res.json()).toMatchObject({ error: 'upstream_too_large' })
    }
  })

  it('answers 502 upstream_tls when the TLS handshake fails', async () => {
    const res = await get('/api/proxy/not-tls/api/v1/assets')
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({ error: 'upstream_tls' })
  })

  it('logs one line per failure and never a secret in any log line', () => {
    expect(logLines.some((line) => line.includes('proxy down:') && line.includes('upstream_unreachable'))).toBe(true)
    for (const line of logLines) {
      for (const secret of [VENDOR_SECRET, TOKENS.alice, 'down-secret-token', 'tls-secret-key']) {
        expect(line).not.toContain(secret)
      }
    }
  })
})
