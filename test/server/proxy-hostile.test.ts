import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProxyRoutes, mediaPath, type ResolveHost } from '../../src/server/proxy'
import { parseSourcesConfig } from '../../src/server/sources-config'

// The proxy against a hostile upstream and an "internal" service on another loopback port. Host
// names (*.test) resolve through a stub, always to 127.0.0.1: nothing here leaves loopback.

const TOKEN = 'hst/Tok+en=5e3b9c'
const KEY = 'scn-key-4d2a'
const SECRET = 'scn/secret+77f1'
const SIGNING_KEY = 'test-signing-key'

interface Seen {
  url: string
  host: string
  authorization: string | undefined
}

let internal: Server
let internalUrl: string
let hostile: Server
let hostilePort: number
let hostileUrl: string
let gateway: ReturnType<typeof serve>
let gatewayUrl: string
let impatient: Hono
const internalSeen: Seen[] = []
const hostileSeen: Seen[] = []
const resolved: string[] = []
const logLines: string[] = []

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  })
}

function seen(req: IncomingMessage): Seen {
  return { url: req.url ?? '', host: req.headers.host ?? '', authorization: req.headers.authorization }
}

const stubResolve: ResolveHost = async (hostname) => {
  resolved.push(hostname)
  if (hostname === 'hang.test') return new Promise<never>(() => undefined)
  // Like localhost on many machines: IPv6 loopback first, where nothing listens here.
  if (hostname === 'dual.test') {
    return [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ]
  }
  if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }]
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers = {}) {
  res.writeHead(status, { 'content-type': type, ...headers })
  res.end(body)
}

const jsonEscapeAll = (text: string) =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

function hostileHandler(req: IncomingMessage, res: ServerResponse) {
  hostileSeen.push(seen(req))
  const path = (req.url ?? '').split('?')[0]
  const cdn = `http://cdn.test:${hostilePort}`
  if (req.headers.host?.startsWith('cdn.test:')) {
    if (path === '/cdn/back') return send(res, 302, 'text/plain', '', { location: `${hostileUrl}/v1/json-slash` })
    return send(res, 200, 'image/webp', Buffer.from('RIFFxxxxWEBP'))
  }
  switch (path) {
    case '/v1/assets':
      return send(
        res,
        200,
        'application/json',
        JSON.stringify({
          assets: [
            {
              id: 'a1',
              url: '/files/a1.jpg',
              thumbnail: `${internalUrl}/admin/thumb.webp`,
              preview: 'http://internal.test:1/admin',
              thumbnail_url: `${cdn}/cdn/a1.webp`,
              image: `${gatewayUrl}/api/proxy/hostile/assets`,
              original_filename: 'https://evil.example/x.jpg',
              download_filename: '/assets/x',
              filename: `${internalUrl}/admin`,
            },
          ],
        }),
      )
    case '/v1/to-internal':
      return send(res, 302, 'text/plain', '', { location: `${internalUrl}/admin` })
    case '/v1/to-internal-named':
      return send(res, 307, 'text/plain', '', { location: `http://internal.test:${new URL(internalUrl).port}/admin` })
    case '/v1/to-gateway':
      return send(res, 302, 'text/plain', '', { location: `${gatewayUrl}/api/proxy/strict/admin` })
    case '/v1/to-cdn':
      return send(res, 302, 'text/plain', '', { location: `${cdn}/cdn/landing.webp` })
    // Echoes of the credential, each in another encoding.
    case '/v1/json-slash':
      return send(res, 400, 'application/json', `{"message":"bad token ${TOKEN.replace('/', '\\/')}"}`)
    case '/v1/json-unicode':
      return send(res, 400, 'application/json', `{"message":"bad token ${jsonEscapeAll(TOKEN)}","tail":"ok"}`)
    case '/v1/json-broken':
      return send(res, 400, 'application/json', `{"message": "bad token ${jsonEscapeAll(TOKEN)}`)
    case '/v1/form':
      return send(res, 200, 'text/plain', `token=${encodeURIComponent(TOKEN)}&next=1`)
    case '/v1/octet':
      return send(res, 200, 'application/octet-stream', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(TOKEN)]))
    case '/v1/script':
      return send(res, 200, 'application/javascript', `window.token = "${TOKEN.replace('/', '\\/')}"`)
    case '/v1/svg': {
      const hidden = [...TOKEN].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')
      return send(res, 200, 'image/svg+xml', `<svg xmlns="http://www.w3.org/2000/svg"><text>${hidden}</text></svg>`)
    }
    case '/v1/html':
      return send(res, 200, 'text/html', `<p>${encodeURIComponent(TOKEN)}</p>`)
    case '/v1/image-base64':
      return send(res, 200, 'image/png', Buffer.from(`\x89PNG....${Buffer.from(TOKEN).toString('base64url')}`))
    case '/v1/clean-octet':
      return send(res, 200, 'application/octet-stream', Buffer.from([0x25, 0x32, 0x46, 0x5c, 0x75, 0, 255, 0x26]))
    case '/v1/header':
      return send(res, 200, 'application/json', '{}', {
        'x-ratelimit-policy': `100;w=60;key=${encodeURIComponent(TOKEN)}`,
        'x-request-id': Buffer.from(TOKEN).toString('base64'),
      })
    case '/v1/basic': {
      // Scenario's Basic header echoed decoded, re-encoded and inside a longer base64 blob.
      const basic = (req.headers.authorization ?? '').replace(/^Basic /, '')
      const pair = Buffer.from(basic, 'base64').toString()
      return send(
        res,
        401,
        'application/json',
        JSON.stringify({
          header: basic,
          url: Buffer.from(pair).toString('base64url'),
          pair,
          blob: Buffer.from(`{"auth":"${pair}","x":1}`).toString('base64'),
        }),
      )
    }
    default:
      return send(res, 404, 'application/json', '{"error":"not found"}')
  }
}

beforeAll(async () => {
  internal = createServer((req, res) => {
    internalSeen.push(seen(req))
    send(res, 200, 'text/plain', 'internal: admin data')
  })
  internalUrl = await listen(internal)
  hostile = createServer(hostileHandler)
  hostileUrl = await listen(hostile)
  hostilePort = Number(new URL(hostileUrl).port)
  const internalPort = new URL(internalUrl).port

  const sources = parseSourcesConfig(
    {
      sources: [
        {
          id: 'hostile',
          name: 'Hostile',
          dialect: 'piktid',
          baseUrl: `${hostileUrl}/v1`,
          credentials: { token: TOKEN },
          mediaHosts: [`http://cdn.test:${hostilePort}`],
          // On loopback, so it must opt in; the internal service is still not one of its hosts.
          allowPrivateNetwork: true,
        },
        {
          id: 'named',
          name: 'Named',
          dialect: 'piktid',
          baseUrl: `http://hostile.test:${hostilePort}/v1`,
          credentials: { token: TOKEN },
          allowPrivateNetwork: true,
        },
        {
          id: 'hang',
          name: 'Hang',
          dialect: 'piktid',
          baseUrl: 'http://hang.test/v1',
          credentials: { token: TOKEN },
          allowPrivateNetwork: true,
        },
        {
          id: 'dual',
          name: 'Dual',
          dialect: 'piktid',
          baseUrl: `http://dual.test:${hostilePort}/v1`,
          credentials: { token: TOKEN },
          allowPrivateNetwork: true,
        },
        {
          id: 'scen',
          name: 'Scenario',
          dialect: 'scenario',
          baseUrl: `${hostileUrl}/v1`,
          credentials: { apiKey: KEY, apiSecret: SECRET },
          allowPrivateNetwork: true,
        },
        {
          id: 'strict-named',
          name: 'Strict named',
          dialect: 'piktid',
          baseUrl: `http://internal.test:${internalPort}/v1`,
          credentials: { token: 'strict-token' },
        },
        {
          id: 'strict-media',
          name: 'Strict media',
          dialect: 'piktid',
          // Never reached: only its media links are requested here.
          baseUrl: 'https://vendor.test',
          credentials: { token: 'strict-token' },
          mediaHosts: [`http://internal.test:${internalPort}`],
        },
      ],
    },
    {},
  )
  // Private addresses written out are refused at start (sources-config); built by hand here to
  // show the proxy refuses them on its own too.
  const named = sources.find((s) => s.id === 'strict-named')!
  const media = sources.find((s) => s.id === 'strict-media')!
  sources.push({ ...named, id: 'strict', name: 'Strict', baseUrl: new URL(`${internalUrl}/v1`) })
  media.mediaOrigins = [...media.mediaOrigins, internalUrl]
  const app = new Hono()
  app.route(
    '/api/proxy',
    createProxyRoutes({
      sources,
      signingKey: SIGNING_KEY,
      resolveHost: stubResolve,
      timeoutMs: 5000,
      log: (line) => logLines.push(line),
    }),
  )
  impatient = createProxyRoutes({ sources, signingKey: SIGNING_KEY, resolveHost: stubResolve, timeoutMs: 200 })
  gateway = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => gateway.once('listening', r))
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
})

afterAll(async () => {
  await Promise.all(
    [internal, hostile, gateway as Server].map(
      (s) =>
        new Promise((r) => {
          s.close(r)
          s.closeAllConnections()
        }),
    ),
  )
})

function get(path: string) {
  return fetch(`${gatewayUrl}${path}`)
}

describe('links: only the source and its media hosts', () => {
  it('signs its own and its listed CDN’s links, and leaves the internal service, the gateway and file names alone', async () => {
    const res = await get('/api/proxy/hostile/assets')
    expect(res.status).toBe(200)
    const [asset] = ((await res.json()) as { assets: Record<string, string>[] }).assets
    expect(asset?.url).toMatch(/^\/api\/proxy\/hostile\/_media\?/)
    expect(asset?.thumbnail_url).toMatch(/^\/api\/proxy\/hostile\/_media\?/)
    expect(asset?.thumbnail).toBe(`${internalUrl}/admin/thumb.webp`)
    expect(asset?.preview).toBe('http://internal.test:1/admin')
    expect(asset?.image).toBe(`${gatewayUrl}/api/proxy/hostile/assets`)
    expect(asset?.original_filename).toBe('https://evil.example/x.jpg')
    expect(asset?.download_filename).toBe('/assets/x')
    expect(asset?.filename).toBe(`${internalUrl}/admin`)

    const before = hostileSeen.length
    const cdn = await get(asset?.thumbnail_url ?? '')
    expect(cdn.status).toBe(200)
    expect(cdn.headers.get('content-type')).toBe('image/webp')
    // Connected to the address the stub gave for cdn.test, under its own name, without credentials.
    expect(hostileSeen.slice(before)).toEqual([
      { url: '/cdn/a1.webp', host: `cdn.test:${hostilePort}`, authorization: undefined },
    ])
  })

  it('refuses a signed media link whose host the source does not list', async () => {
    for (const link of [`${internalUrl}/admin`, `http://cdn.test:${hostilePort + 1}/x.webp`]) {
      const res = await get(mediaPath(SIGNING_KEY, 'hostile', link))
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: 'media_host_not_allowed' })
    }
    expect(internalSeen).toEqual([])
  })

  it.each([
    ['to the internal service', 'to-internal'],
    ['to the internal service by name', 'to-internal-named'],
    ['to the gateway itself', 'to-gateway'],
  ])('refuses a redirect %s with 502 upstream_bad_redirect', async (_where, path) => {
    const res = await get(`/api/proxy/hostile/${path}`)
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({ error: 'upstream_bad_redirect' })
    expect(internalSeen).toEqual([])
  })

  it('follows a redirect to a listed media host, without the credentials', async () => {
    const before = hostileSeen.length
    const res = await get('/api/proxy/hostile/to-cdn')
    expect(res.status).toBe(200)
    expect(hostileSeen.slice(before).map((s) => [s.host, s.authorization])).toEqual([
      [`127.0.0.1:${hostilePort}`, `Bearer ${TOKEN}`],
      [`cdn.test:${hostilePort}`, undefined],
    ])
  })
})

describe('credentials', () => {
  it('are not sent back to the source’s origin once a redirect has left it', async () => {
    const before = hostileSeen.length
    const res = await get(mediaPath(SIGNING_KEY, 'hostile', `http://cdn.test:${hostilePort}/cdn/back`))
    expect(res.status).toBe(400)
    expect(hostileSeen.slice(before).map((s) => [s.host, s.url, s.authorization])).toEqual([
      [`cdn.test:${hostilePort}`, '/cdn/back', undefined],
      [`127.0.0.1:${hostilePort}`, '/v1/json-slash', undefined],
    ])
  })
})

describe('private addresses', () => {
  it('connects to the one address it resolved, keeping the host name for Host', async () => {
    const before = hostileSeen.length
    const res = await get('/api/proxy/named/json-slash')
    expect(res.status).toBe(400)
    expect(resolved).toContain('hostile.test')
    expect(hostileSeen.slice(before)).toEqual([
      { url: '/v1/json-slash', host: `hostile.test:${hostilePort}`, authorization: `Bearer ${TOKEN}` },
    ])
  })

  it('stops waiting for a lookup that never answers at the timeout', async () => {
    const res = await impatient.request('/api/proxy/hang/assets')
    expect(res.status).toBe(504)
    expect(await res.json()).toMatchObject({ error: 'upstream_timeout' })
  })

  it('tries each address it checked in turn', async () => {
    const res = await get('/api/proxy/dual/json-slash')
    expect(res.status).toBe(400)
    expect(hostileSeen.at(-1)?.host).toBe(`dual.test:${hostilePort}`)
  })

  it.each([
    ['a loopback base URL', '/api/proxy/strict/assets'],
    ['a base URL whose name resolves to loopback', '/api/proxy/strict-named/assets'],
  ])('refuses %s for a source that did not opt in, before connecting', async (_what, path) => {
    const res = await get(path)
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({
      error: 'upstream_private_address',
      message: expect.stringMatching(/private network address.*allowPrivateNetwork/),
    })
    expect(internalSeen).toEqual([])
  })

  it('refuses a listed media host on a private address for a source that did not opt in', async () => {
    const port = new URL(internalUrl).port
    for (const link of [`http://internal.test:${port}/admin`, `${internalUrl}/admin`]) {
      const res = await get(mediaPath(SIGNING_KEY, 'strict-media', link))
      expect(res.status).toBe(502)
      expect(await res.json()).toMatchObject({ error: 'upstream_private_address' })
    }
    expect(internalSeen).toEqual([])
  })
})

describe('secrets never come back', () => {
  const forms = (secret: string) => [
    secret,
    encodeURIComponent(secret),
    secret.replace('/', '\\/'),
    jsonEscapeAll(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ]
  const expectClean = (text: string, secrets = [TOKEN]) => {
    for (const secret of secrets) for (const form of forms(secret)) expect(text).not.toContain(form)
  }

  it.each([
    ['escaped with \\/ in JSON', 'json-slash'],
    ['\\u-escaped in JSON', 'json-unicode'],
  ])('redacts a secret %s', async (_how, path) => {
    const res = await get(`/api/proxy/hostile/${path}`)
    expect(res.status).toBe(400)
    const text = await res.text()
    expectClean(text)
    expect(JSON.parse(text)).toMatchObject({ message: 'bad token [redacted]' })
  })

  it('redacts a secret in JSON that does not parse, and URL-encoded in a text body', async () => {
    const broken = await get('/api/proxy/hostile/json-broken')
    expect(await broken.text()).toBe('{"message": "bad token [redacted]')
    const form = await get('/api/proxy/hostile/form')
    expect(await form.text()).toBe('token=[redacted]&next=1')
  })

  it.each([
    ['octet-stream', 'octet'],
    ['JavaScript', 'script'],
    ['SVG (as character references)', 'svg'],
    ['HTML (URL-encoded)', 'html'],
    ['an image (in base64url)', 'image-base64'],
  ])('refuses %s that carries the secret with 502 upstream_leaked_secret', async (_type, path) => {
    const res = await get(`/api/proxy/hostile/${path}`)
    expect(res.status).toBe(502)
    const text = await res.text()
    expectClean(text)
    expect(JSON.parse(text)).toEqual({ error: 'upstream_leaked_secret', message: expect.stringContaining('Hostile') })
  })

  it('passes a binary body without the secret byte for byte', async () => {
    const res = await get('/api/proxy/hostile/clean-octet')
    expect(res.status).toBe(200)
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0x25, 0x32, 0x46, 0x5c, 0x75, 0, 255, 0x26])
  })

  it('redacts a secret URL-encoded in a rate-limit header and in base64 in another', async () => {
    const res = await get('/api/proxy/hostile/header')
    expect(res.headers.get('x-ratelimit-policy')).toBe('100;w=60;key=[redacted]')
    expect(res.headers.get('x-request-id')).toBe('[redacted]')
  })

  it('redacts Basic credentials echoed in base64, base64url, decoded and inside longer base64', async () => {
    const res = await get('/api/proxy/scen/basic')
    expect(res.status).toBe(401)
    const text = await res.text()
    expectClean(text, [KEY, SECRET, `${KEY}:${SECRET}`])
    const body = JSON.parse(text) as Record<string, string>
    expect(body.header).toBe('[redacted]')
    expect(body.url).toBe('[redacted]')
    expect(body.pair).toBe('[redacted]:[redacted]')
    expect(Buffer.from(body.blob?.replace(/\[redacted\]/g, '') ?? '', 'base64').toString()).not.toContain(SECRET)
  })

  it('never logs a secret', () => {
    expect(logLines.length).toBeGreaterThan(0)
    for (const line of logLines) expectClean(line, [TOKEN, KEY, SECRET])
  })
})
