import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { AllowedHostsError, parseAllowedHosts } from '../../src/server/http/gateway'
import { parseSourcesConfig } from '../../src/server/sources-config'
import { createFixture, TOKENS, type CatalogFixture } from './fixture'

// The gateway's door, in-process: Host allowlist, cross-site refusal, JSON-only bodies, body
// limits before reading, and the optional gateway token. The upstream is a recording fetch.

const PROXY_MAX = 64 * 1024
const GATEWAY_TOKEN = 'gw-token-5f1c9e0a7b3d'
const LISTED = 'https://photos.example.com'

let fx: CatalogFixture
const upstreamCalls: { url: string; headers: Headers }[] = []

// The vendor: a real server on loopback that records what reaches it.
const upstream = createServer((req, res) => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  upstreamCalls.push({ url: `http://${req.headers.host}${req.url}`, headers })
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ assets: [] }))
  })
})
let upstreamBase = ''

function makeApp(extra: Partial<Parameters<typeof createApp>[0]> = {}): Hono {
  return createApp({
    db: fx.catalog,
    media: fx.media,
    distDir: join(fx.dir, 'dist'),
    sources: parseSourcesConfig({
      sources: [
        {
          id: 'studio',
          name: 'Studio',
          dialect: 'piktid',
          baseUrl: upstreamBase,
          credentials: { token: 's3cret-vendor' },
          allowPrivateNetwork: true,
        },
      ],
    }),
    proxy: { maxBytes: PROXY_MAX, log: () => undefined },
    corsOrigins: [LISTED],
    ...extra,
  })
}

let app: Hono
let closed: Hono

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamBase = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`
  fx = createFixture(40)
  app = makeApp({ allowedHosts: parseAllowedHosts('photos.internal, 10.0.0.5:4173') })
  closed = makeApp({ gatewayToken: GATEWAY_TOKEN })
})
afterAll(() => {
  fx.close()
  upstream.close()
})

const vipanyaCount = () =>
  (fx.catalog.sqlite.prepare('SELECT count(*) AS n FROM vipanya_assets').get() as { n: number }).n

const createBody = JSON.stringify({ title: 'Gateway test', asset_type: 'collection' })
const vipanyaPost = (headers: Record<string, string>, body: BodyInit | null = createBody, target = app) =>
  target.request('/api/vipanya/api/v1/assets', {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS.alice}`, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)

describe('Host allowlist', () => {
  it('answers loopback names on any port', async () => {
    for (const host of ['localhost', 'localhost:4173', 'app.localhost:80', '127.0.0.1:9', '[::1]:4173', 'LOCALHOST.']) {
      const res = await app.request('/api/sources', { headers: { host } })
      expect(res.status, host).toBe(200)
    }
  })

  it('answers the hosts listed in VITRINE_ALLOWED_HOSTS, with their port when one is given', async () => {
    expect((await app.request('/api/sources', { headers: { host: 'photos.internal:8443' } })).status).toBe(200)
    expect((await app.request('/api/sources', { headers: { host: '10.0.0.5:4173' } })).status).toBe(200)
    expect((await app.request('/api/sources', { headers: { host: '10.0.0.5:4174' } })).status).toBe(421)
  })

  it('refuses any other Host with 421 and says how to allow it: a rebound name reads nothing', async () => {
    const res = await app.request('/api/proxy/studio/assets?ownership=mine', { headers: { host: 'attacker.example' } })
    expect(res.status).toBe(421)
    expect(await res.json()).toEqual({
      error: 'misdirected_request',
      message: expect.stringContaining('add attacker.example to VITRINE_ALLOWED_HOSTS'),
    })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(upstreamCalls).toHaveLength(0)

    const page = await app.request('/', { headers: { host: 'attacker.example:4173' } })
    expect(page.status).toBe(421)
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await page.text()).toMatch(/VITRINE_ALLOWED_HOSTS/)

    const before = vipanyaCount()
    const write = await vipanyaPost({ 'content-type': 'application/json', host: 'evil.example' })
    expect(write.status).toBe(421)
    expect(vipanyaCount()).toBe(before)
  })

  it('refuses a listed origin’s preflight under an unserved Host', async () => {
    const res = await app.request('http://evil.example/api/piktid/assets', {
      method: 'OPTIONS',
      headers: { origin: LISTED, 'access-control-request-method': 'GET' },
    })
    expect(res.status).toBe(421)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('reads VITRINE_ALLOWED_HOSTS and names a bad entry', () => {
    expect(parseAllowedHosts(undefined)).toEqual([])
    expect(parseAllowedHosts(' Photos.Example.com , 10.0.0.5:4173,[::1]:80')).toEqual([
      { hostname: 'photos.example.com', port: undefined },
      { hostname: '10.0.0.5', port: '4173' },
      { hostname: '[::1]', port: '80' },
    ])
    expect(() => parseAllowedHosts('https://photos.example.com')).toThrow(AllowedHostsError)
    expect(() => parseAllowedHosts('photos.example.com/app')).toThrow(/“photos.example.com\/app” is not a host name/)
    expect(() => parseAllowedHosts('*.example.com')).toThrow(AllowedHostsError)
  })
})

describe('cross-site refusal', () => {
  it('refuses a cross-site write by Origin, in the dialect’s envelope, and changes nothing', async () => {
    const before = vipanyaCount()
    const res = await vipanyaPost({ 'content-type': 'application/json', origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({
      error: 'Forbidden',
      message: expect.stringContaining('https://evil.example'),
      field: 'Origin',
    })
    expect(vipanyaCount()).toBe(before)

    const feedback = await app.request('/api/piktid/gallery/feedback', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKENS.alice}`,
        'content-type': 'application/json',
        'sec-fetch-site': 'cross-site',
      },
      body: '{}',
    })
    expect(feedback.status).toBe(403)
    expect(await feedback.json()).toMatchObject({
      error: 'Forbidden',
      detail: [{ field: 'Sec-Fetch-Site', position: 'header' }],
    })
  })

  it('refuses same-site and opaque origins too: only this server’s own origin writes', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
      { origin: 'http://localhost:5173' },
      { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' },
    ] as Record<string, string>[]) {
      const res = await vipanyaPost({ 'content-type': 'application/json', ...headers })
      expect(res.status, JSON.stringify(headers)).toBe(403)
    }
  })

  it('lets the app’s own pages and callers without a browser (curl, servers) write', async () => {
    const own = await vipanyaPost({
      'content-type': 'application/json',
      origin: 'http://localhost',
      'sec-fetch-site': 'same-origin',
    })
    expect(own.status).toBe(201)
    const ownPort = await vipanyaPost({
      'content-type': 'application/json',
      host: 'localhost:4173',
      origin: 'http://localhost:4173',
    })
    expect(ownPort.status).toBe(201)
    expect((await vipanyaPost({ 'content-type': 'application/json' })).status).toBe(201)
    expect((await vipanyaPost({ 'content-type': 'application/json', 'sec-fetch-site': 'none' })).status).toBe(201)
  })

  it('lets an origin listed in VITRINE_CORS_ORIGINS write to the dialect APIs with its own token', async () => {
    const res = await vipanyaPost({
      'content-type': 'application/json',
      origin: LISTED,
      'sec-fetch-site': 'cross-site',
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBe(LISTED)
  })

  it('refuses every cross-site request to the proxy and the source list, reads and listed origins included', async () => {
    const calls = upstreamCalls.length
    for (const [path, init] of [
      ['/api/proxy/studio/assets', { headers: { 'sec-fetch-site': 'cross-site' } }],
      ['/api/proxy/studio/assets', { headers: { origin: LISTED } }],
      ['/api/sources', { headers: { origin: 'https://evil.example' } }],
      [
        '/api/proxy/studio/assets',
        {
          method: 'POST',
          headers: { origin: LISTED, 'content-type': 'application/json' },
          body: '{"title":"x"}',
        },
      ],
    ] as const) {
      const res = await app.request(path, init as RequestInit)
      expect(res.status, `${path} ${JSON.stringify(init)}`).toBe(403)
      expect(await res.json()).toMatchObject({ error: 'cross_site_request' })
    }
    expect(upstreamCalls.length).toBe(calls)
    const own = await app.request('/api/proxy/studio/assets', { headers: { 'sec-fetch-site': 'same-origin' } })
    expect(own.status).toBe(200)
    expect(upstreamCalls.length).toBe(calls + 1)
  })

  it('still lets other sites read the dialect APIs (bearer tokens, no cookies)', async () => {
    const res = await app.request('/api/piktid/assets?per_page=1', {
      headers: { origin: 'https://evil.example', authorization: `Bearer ${TOKENS.alice}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('JSON bodies only', () => {
  it.each([
    ['text/plain', createBody],
    ['text/plain;charset=UTF-8', createBody],
    ['application/x-www-form-urlencoded', 'title=x&asset_type=file'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--'],
    ['application/jsonp', createBody],
  ])('refuses a %s write with 415 and creates nothing', async (type, body) => {
    const before = vipanyaCount()
    const res = await vipanyaPost({ 'content-type': type }, body)
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({
      error: 'Unsupported media type',
      message: expect.stringContaining('application/json'),
      field: 'Content-Type',
    })
    expect(vipanyaCount()).toBe(before)
  })

  it('refuses a body without a Content-Type, in PiktID’s envelope', async () => {
    const res = await app.request('/api/piktid/gallery/feedback', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.alice}` },
      body: new Blob(['{}']),
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({
      error: 'Unsupported media type',
      detail: [{ field: 'Content-Type', position: 'header' }],
    })
  })

  it('accepts +json types', async () => {
    const res = await vipanyaPost({ 'content-type': 'application/vnd.vipanya+json; charset=utf-8' })
    expect(res.status).toBe(201)
  })

  it('refuses a text/plain POST to the proxy before anything is forwarded', async () => {
    const calls = upstreamCalls.length
    const res = await app.request('/api/proxy/studio/assets', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"title":"x"}',
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({ error: 'unsupported_media_type' })
    expect(upstreamCalls.length).toBe(calls)
  })
})

/** A body that would go on for `total` bytes, counting what was actually read of it. */
function countedStream(total: number, chunkSize = 64 * 1024) {
  const counter = { pulled: 0 }
  const chunk = new Uint8Array(chunkSize).fill(0x20)
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close()
      counter.pulled += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
  return { stream, counter }
}

describe('body limits before reading', () => {
  const MB = 1024 * 1024

  it('refuses a write over 1 MB with 413 in the dialect’s envelope', async () => {
    const before = vipanyaCount()
    const big = JSON.stringify({ title: 'x', asset_type: 'collection', description: 'y'.repeat(MB) })
    const res = await vipanyaPost({ 'content-type': 'application/json' }, big)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      error: 'Payload too large',
      message: 'This server accepts request bodies up to 1048576 bytes.',
      field: 'body',
    })
    expect(vipanyaCount()).toBe(before)
  })

  it('refuses a declared 200 MB write without reading it', async () => {
    const { stream, counter } = countedStream(200 * MB)
    const res = await vipanyaPost({ 'content-type': 'application/json', 'content-length': String(200 * MB) }, stream)
    expect(res.status).toBe(413)
    // The stream may prefetch its first chunk; nothing more is read.
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024)
  })

  it('cuts a chunked write off as soon as it passes 1 MB', async () => {
    const { stream, counter } = countedStream(200 * MB)
    const res = await vipanyaPost({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, stream)
    expect(res.status).toBe(413)
    expect(counter.pulled).toBeLessThan(MB + 3 * 64 * 1024)
  })

  it('holds the proxy to VITRINE_PROXY_MAX_BYTES: declared or streamed, nothing is forwarded', async () => {
    const calls = upstreamCalls.length
    const declared = countedStream(200 * MB)
    const res = await app.request('/api/proxy/studio/assets', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(200 * MB) },
      body: declared.stream,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      error: 'request_too_large',
      message: `The proxy forwards request bodies up to ${PROXY_MAX} bytes.`,
    })
    expect(declared.counter.pulled).toBeLessThanOrEqual(64 * 1024)

    const chunked = countedStream(200 * MB, 1024)
    const cut = await app.request('/api/proxy/studio/assets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked.stream,
      duplex: 'half',
    } as RequestInit)
    expect(cut.status).toBe(413)
    expect(chunked.counter.pulled).toBeLessThan(PROXY_MAX + 4 * 1024)
    expect(upstreamCalls.length).toBe(calls)
  })
})

describe('gateway token (VITRINE_GATEWAY_TOKEN)', () => {
  it('closes the proxy and the source list to callers without it', async () => {
    for (const path of ['/api/sources', '/api/proxy/studio/assets']) {
      const res = await closed.request(path)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({
        error: 'gateway_token_required',
        message: expect.stringContaining('/?gateway=TOKEN'),
      })
    }
    const wrong = await closed.request('/api/sources', { headers: { 'x-vitrine-gateway': 'not-the-token' } })
    expect(wrong.status).toBe(401)
  })

  it('accepts it from scripts as X-Vitrine-Gateway or Authorization: Gateway, and never forwards it', async () => {
    expect((await closed.request('/api/sources', { headers: { 'x-vitrine-gateway': GATEWAY_TOKEN } })).status).toBe(200)
    const res = await closed.request('/api/proxy/studio/assets', {
      headers: { authorization: `Gateway ${GATEWAY_TOKEN}` },
    })
    expect(res.status).toBe(200)
    const sent = upstreamCalls.at(-1)!.headers
    expect(sent.get('authorization')).toBe('Bearer s3cret-vendor')
    expect(sent.get('x-vitrine-gateway')).toBeNull()
  })

  it('leaves the dialect APIs, media and the app to their own rules', async () => {
    const res = await closed.request('/api/piktid/assets?per_page=1', {
      headers: { authorization: `Bearer ${TOKENS.alice}` },
    })
    expect(res.status).toBe(200)
    expect((await closed.request('/')).status).toBe(200)
  })

  it('lets a browser in through /?gateway=TOKEN: an HttpOnly, SameSite=Strict cookie and the token out of the URL', async () => {
    const login = await closed.request(`/gallery?view=grid&gateway=${GATEWAY_TOKEN}`)
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe('/gallery?view=grid')
    const cookie = login.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^vitrine_gateway=[\w-]+;/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/)
    expect(cookie).not.toContain(GATEWAY_TOKEN)
    expect(login.headers.get('x-content-type-options')).toBe('nosniff')

    const pair = cookie.split(';')[0]!
    const sources = await closed.request('/api/sources', { headers: { cookie: pair, 'sec-fetch-site': 'same-origin' } })
    expect(sources.status).toBe(200)
    const media = await closed.request('/api/proxy/studio/assets', { headers: { cookie: pair } })
    expect(media.status).toBe(200)
    const forged = await closed.request('/api/sources', { headers: { cookie: 'vitrine_gateway=forged' } })
    expect(forged.status).toBe(401)
  })

  it('marks the cookie Secure over https, refuses a wrong token, and redirects only within this server', async () => {
    const https = await closed.request(`/?gateway=${GATEWAY_TOKEN}`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(https.headers.get('set-cookie')).toMatch(/Secure/)
    const wrong = await closed.request('/?gateway=guess')
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('set-cookie')).toBeNull()
    const sneaky = await closed.request(`//evil.example/?gateway=${GATEWAY_TOKEN}`)
    expect(sneaky.headers.get('location')).toBe('/evil.example/')
  })
})

describe('the PiktID review writes', () => {
  const image = () =>
    fx.catalog.sqlite
      .prepare(
        `SELECT g.job_id, g.image_index, g.group_index FROM gallery_images g JOIN projects p ON p.id = g.project_id
           JOIN users u ON u.id = p.created_by
          WHERE u.username = 'alice' AND g.review_status = 'needs_retouch' AND g.retouch_claim IS NULL
          ORDER BY g.id LIMIT 1`,
      )
      .get() as { job_id: string; image_index: number; group_index: number }
  const changes = () => (fx.catalog.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n

  it.each([
    ['/api/piktid/gallery/feedback', { feedback_comment: 'Checked at the gateway' }],
    ['/api/piktid/gallery/claim', { claim: true }],
  ])(
    'guards %s: Host, cross-site, JSON only, body size and token, before anything is written',
    async (path, change) => {
      const body = JSON.stringify({ ...image(), ...change })
      const send = (headers: Record<string, string>, sent: string = body) =>
        app.request(path, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKENS.alice}`, 'content-type': 'application/json', ...headers },
          body: sent,
        })
      const before = changes()
      const refusals: [Record<string, string>, number, string?][] = [
        [{ host: 'attacker.example' }, 421],
        [{ 'sec-fetch-site': 'cross-site' }, 403, 'Sec-Fetch-Site'],
        [{ origin: 'https://evil.example' }, 403, 'Origin'],
        [{ 'content-type': 'text/plain' }, 415, 'Content-Type'],
        [{ authorization: '' }, 401, 'Authorization'],
      ]
      for (const [headers, status, field] of refusals) {
        const res = await send(headers)
        expect(res.status, JSON.stringify(headers)).toBe(status)
        if (field) expect(await res.json()).toMatchObject({ detail: [{ field, position: 'header' }] })
      }
      const big = await send({}, JSON.stringify({ ...image(), ...change, pad: 'x'.repeat(1024 * 1024) }))
      expect(big.status).toBe(413)
      expect(await big.json()).toMatchObject({ error: 'Payload too large', detail: [{ field: 'body' }] })
      expect(changes()).toBe(before)

      const own = await send({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })
      expect(own.status).toBe(200)
      expect(changes()).toBe(before + 1)
    },
  )
})
