import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { getRequestListener } from '@hono/node-server'
import { unzipSync } from 'fflate'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { createArchiveRoutes, type ArchiveOptions } from '../../src/server/archive/archive-routes'
import { parseSourcesConfig } from '../../src/server/sources-config'
import type { ArchiveFile } from '../../src/shared/archive'
import { createFixture, type CatalogFixture } from './fixture'

// POST /api/archive in-process: a real ZIP that unzips to the very bytes each route serves, names
// made safe, addresses refused before anything is fetched, the caps, cancellation, and the
// gateway's rules on the archive itself and on each file fetched through the app.

const GATEWAY_TOKEN = 'gw-token-archive-7c2e'
const PROXIED_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 0xff, 0xd9])

let fx: CatalogFixture
let app: Hono
let gated: Hono
const upstream = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'image/jpeg' })
  res.end(PROXIED_BYTES)
})

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`
  fx = createFixture(30)
  const common = {
    db: fx.catalog,
    media: fx.media,
    distDir: join(fx.dir, 'dist'),
    sources: parseSourcesConfig({
      sources: [
        {
          id: 'studio',
          name: 'Studio',
          dialect: 'piktid',
          baseUrl: base,
          credentials: { token: 'vendor-secret' },
          allowPrivateNetwork: true,
        },
      ],
    }),
    proxy: { log: () => undefined },
    corsOrigins: ['https://photos.example.com'],
  }
  app = createApp(common)
  gated = createApp({ ...common, gatewayToken: GATEWAY_TOKEN })
})
afterAll(() => {
  fx.close()
  upstream.close()
})

/** Thumbnails: small and quick to render, served with their signed links like any file. */
const thumb = (i: number) => fx.media.url('thumb-small', fx.rows[i]!.id)

function post(target: Hono | { request: Hono['request'] }, body: unknown, headers: Record<string, string> = {}) {
  return target.request('/api/archive', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function unzip(res: Response): Promise<Record<string, Uint8Array>> {
  expect(res.status).toBe(200)
  return unzipSync(new Uint8Array(await res.arrayBuffer()))
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

async function served(url: string): Promise<Uint8Array> {
  const res = await app.request(url)
  expect(res.status, url).toBe(200)
  return new Uint8Array(await res.arrayBuffer())
}

describe('an archive of this server’s files', () => {
  it('unzips to each file byte for byte, under its name, as an attachment nobody caches', async () => {
    const files = [0, 1, 2].map((i) => ({ url: thumb(i), name: `look ${i}.webp` }))
    files.push({ url: thumb(3), name: 'front' })
    const res = await post(app, { name: 'Säsong 1', files })
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="S_song 1.zip"; filename*=UTF-8''S%C3%A4song%201.zip`,
    )
    const entries = await unzip(res)
    // A name without an extension gets the one its type implies.
    expect(Object.keys(entries)).toEqual(['look 0.webp', 'look 1.webp', 'look 2.webp', 'front.webp'])
    for (const [i, file] of files.entries()) {
      expect(entries[Object.keys(entries)[i]!], file.name).toEqual(await served(file.url))
    }
  })

  it('makes every name safe to extract and unique, keeping _errors.txt for itself', async () => {
    const names = [
      'a.jpg',
      'A.jpg',
      'a.jpg',
      '../../etc/passwd',
      '..',
      'con.webp',
      'dir\\x:y*?.webp',
      'bell\u0007\u202egpj.webp',
      '',
      '_errors.txt',
      `${'é'.repeat(300)}.webp`,
    ]
    const res = await post(app, { name: 'names', files: names.map((name, i) => ({ url: thumb(i), name })) })
    const got = Object.keys(await unzip(res))
    expect(got.slice(0, 10)).toEqual([
      'a.jpg',
      'A (2).jpg',
      'a (3).jpg',
      'etc_passwd.webp',
      'file.webp',
      '_con.webp',
      'dir_x_y__.webp',
      'bell__gpj.webp',
      'file (2).webp',
      '_errors (2).txt',
    ])
    const long = got[10]!
    expect(long.endsWith('.webp')).toBe(true)
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(200)
    // eslint-disable-next-line no-control-regex -- no control character may be left in a name
    for (const name of got) expect(name).not.toMatch(/[/\\\u0000-\u001f]|\.\./)
  })

  it('leaves out a file its route refuses, lists it in _errors.txt, and keeps the rest', async () => {
    const expired = thumb(1).replace(/s=[^&]+/, 's=forged')
    const res = await post(app, {
      name: 'partly',
      files: [
        { url: thumb(0), name: 'one.webp' },
        { url: expired, name: 'two.webp' },
        { url: '/api/proxy/nobody/file.jpg', name: 'three.jpg' },
        { url: thumb(2), name: 'four.webp' },
      ],
    })
    const entries = await unzip(res)
    expect(Object.keys(entries)).toEqual(['one.webp', 'four.webp', '_errors.txt'])
    const errors = text(entries['_errors.txt'])
    expect(errors).toContain('2 of 4 files were left out of partly.zip:')
    expect(errors).toContain(`two.webp (${expired.split('?')[0]}): not found, or its link has expired (HTTP 404`)
    expect(errors).toContain('three.jpg (/api/proxy/nobody/file.jpg): not found')
    // The signatures stay out of the list.
    expect(errors).not.toContain('s=')
  })

  it('reads front to back too: each local header carries its CRC and sizes', async () => {
    const res = await post(app, { files: [{ url: thumb(0), name: 'x.webp' }] })
    const bytes = new Uint8Array(await res.arrayBuffer())
    const view = new DataView(bytes.buffer)
    expect(view.getUint32(0, true)).toBe(0x04034b50)
    // No data descriptor (bit 3); names are UTF-8 (bit 11); stored.
    expect(view.getUint16(6, true)).toBe(0x0800)
    expect(view.getUint16(8, true)).toBe(0)
    const size = view.getUint32(18, true)
    expect(size).toBe((await served(thumb(0))).length)
    expect(view.getUint32(22, true)).toBe(size)
    expect(view.getUint32(30 + 'x.webp'.length + size, true)).toBe(0x02014b50)
    expect(res.headers.get('content-disposition')).toContain('filename="files.zip"')
  })
})

describe('addresses an archive may name', () => {
  it('refuses absolute URLs, other hosts, dot segments and encoded tricks before fetching anything', async () => {
    const bad = [
      'http://localhost/media/thumb-small/x.webp',
      'https://evil.example/a.jpg',
      '//evil.example/a.jpg',
      '/\\evil.example/a.jpg',
      'evil.example/a.jpg',
      '/media/../api/sources',
      '/media/%2e%2e/api/sources',
      '/media/.%2E/api/sources',
      '/api/proxy/studio/%2e%2e/%2e%2e/x',
      '/api/proxy/studio/a%2Fb',
      '/api/proxy/studio/a%5cb',
      '/api/proxy/studio/a%252e%252e',
      '/api/proxy/studio//evil.example/x',
      '/api/proxy/studio/@evil.example',
      '/media/thumb-small/x.webp#frag',
      '/media/thumb small.webp',
      '/media/x\u0000.webp',
      '/media/é.webp',
      '/api/sources',
      '/api/piktid/assets',
      '/api/archive',
      '/',
      '',
    ]
    for (const url of bad) {
      const res = await post(app, {
        files: [
          { url: thumb(0), name: 'ok.webp' },
          { url, name: 'bad' },
        ],
      })
      expect(res.status, url).toBe(400)
      const body = (await res.json()) as { error: string; message: string }
      expect(body.error, url).toBe('Invalid request')
      expect(body.message, url).toMatch(/^files\.1\.url /)
    }
  })

  it('takes a proxy link’s encoded address in its query', async () => {
    const res = await post(app, {
      files: [{ url: '/api/proxy/studio/images/a.jpg?u=https%3A%2F%2Fcdn.example%2Fa.jpg', name: 'a.jpg' }],
    })
    expect(Object.keys(await unzip(res))).toEqual(['a.jpg'])
  })

  it('refuses a body that is not an archive request', async () => {
    for (const body of ['[]', '{"files":[]}', '{"files":[{"url":"/media/x"}]}', 'not json']) {
      const res = await post(app, body)
      expect(res.status, body).toBe(400)
    }
  })
})

describe('files fetched through the app itself', () => {
  it('go through the proxy with the caller’s gateway token, and without it are refused there', async () => {
    const files = [{ url: '/api/proxy/studio/images/a.jpg', name: 'a.jpg' }]
    const withToken = await unzip(await post(gated, { files }, { 'x-vitrine-gateway': GATEWAY_TOKEN }))
    expect(withToken['a.jpg']).toEqual(PROXIED_BYTES)

    const without = await unzip(await post(gated, { files }))
    expect(Object.keys(without)).toEqual(['_errors.txt'])
    expect(text(without['_errors.txt'])).toContain('a.jpg (/api/proxy/studio/images/a.jpg): not allowed (HTTP 401')
  })

  it('send only who the caller is: never their Origin or other headers', async () => {
    const seen: Headers[] = []
    const archive = createArchiveRoutes({
      dispatch: (request) => {
        seen.push(request.headers)
        return app.fetch(request)
      },
    })
    const res = await archive.request('/', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer demo-alice',
        cookie: 'vitrine_gateway=abc',
        'x-custom': 'no',
        origin: 'http://localhost',
        'accept-encoding': 'gzip',
      },
      body: JSON.stringify({ files: [{ url: thumb(0), name: 'a.webp' }] }),
    })
    await res.arrayBuffer()
    expect(seen).toHaveLength(1)
    expect(Object.fromEntries(seen[0]!)).toEqual({ authorization: 'Bearer demo-alice', cookie: 'vitrine_gateway=abc' })
  })
})

describe('limits', () => {
  it('refuses more files than an archive holds', async () => {
    const files: ArchiveFile[] = Array.from({ length: 5001 }, (_, i) => ({ url: thumb(i % 10), name: `${i}.webp` }))
    const res = await post(app, { files })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toBe(
      'files must name at most 5,000 files; select fewer',
    )
  })

  it('stops at its byte limit and lists every file left out', async () => {
    const sizes = await Promise.all([0, 1, 2, 3].map(async (i) => (await served(thumb(i))).length))
    const archive = createArchiveRoutes({
      dispatch: (request) => app.fetch(request),
      maxBytes: sizes[0]! + sizes[1]! + 1,
    })
    const res = await archive.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'big', files: [0, 1, 2, 3].map((i) => ({ url: thumb(i), name: `${i}.webp` })) }),
    })
    const entries = await unzip(res)
    expect(Object.keys(entries)).toEqual(['0.webp', '1.webp', '_errors.txt'])
    const errors = text(entries['_errors.txt'])
    expect(errors).toContain('2 of 4 files were left out of big.zip:')
    expect(errors.match(/the archive reached its limit of [\d,]+ bytes/g)).toHaveLength(2)
  })

  it('fetches one file while writing another, never more at once', async () => {
    let active = 0
    let most = 0
    const archive = createArchiveRoutes({
      dispatch: async (request) => {
        active++
        most = Math.max(most, active)
        await new Promise((resolve) => setTimeout(resolve, 5))
        const res = await app.fetch(request)
        active--
        return res
      },
    })
    const res = await archive.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: Array.from({ length: 12 }, (_, i) => ({ url: thumb(i), name: `${i}.webp` })) }),
    })
    expect(Object.keys(await unzip(res))).toHaveLength(12)
    expect(most).toBe(2)
  })

  it('tells a caller to retry while too many archives are being made', async () => {
    const slow: ArchiveOptions = {
      dispatch: () => new Promise<Response>(() => undefined),
      maxArchivesAtOnce: 1,
    }
    const archive = createArchiveRoutes(slow)
    const request = () =>
      archive.request('/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ files: [{ url: thumb(0), name: 'a.webp' }] }),
      })
    const first = await request()
    const busy = await request()
    expect(busy.status).toBe(429)
    expect(busy.headers.get('retry-after')).toBe('5')
    await first.body?.cancel()
    const next = await request()
    expect(next.status).toBe(200)
    await next.body?.cancel()
  })
})

describe('cancelling', () => {
  it('stops fetching files once the caller stops reading', async () => {
    const started: string[] = []
    const aborted: string[] = []
    const archive = createArchiveRoutes({
      dispatch: async (request) => {
        started.push(request.url)
        request.signal.addEventListener('abort', () => aborted.push(request.url))
        await new Promise((resolve) => setTimeout(resolve, 20))
        return app.fetch(request)
      },
    })
    const files = Array.from({ length: 200 }, (_, i) => ({ url: thumb(i % 30), name: `${i}.webp` }))
    const res = await archive.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files }),
    })
    const reader = res.body!.getReader()
    await reader.read()
    await reader.cancel()
    const atCancel = started.length
    expect(atCancel).toBeLessThan(10)
    // The request on its way is told to stop (a render not yet started leaves the queue).
    expect(aborted.length).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(started.length).toBe(atCancel)
  })
})

// note: a request's own abort is tested over a real connection, as the node server delivers it;
// in-process, an aborted signal given to app.request reached the route only some of the time.
describe('cancelling over a real connection', () => {
  it('stops fetching files when the client hangs up, and frees its place', async () => {
    let started = 0
    let aborted = 0
    const archive = createArchiveRoutes({
      dispatch: async (request) => {
        started++
        request.signal.addEventListener('abort', () => aborted++)
        await new Promise((resolve) => setTimeout(resolve, 20))
        return app.fetch(request)
      },
      maxArchivesAtOnce: 1,
    })
    const server = createServer(getRequestListener((request) => archive.fetch(request)))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const files = Array.from({ length: 200 }, (_, i) => ({ url: thumb(i % 30), name: `${i}.webp` }))
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          { port, host: '127.0.0.1', method: 'POST', path: '/', headers: { 'content-type': 'application/json' } },
          (res) => {
            res.once('data', () => {
              req.destroy()
              resolve()
            })
          },
        )
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)))
        req.end(JSON.stringify({ files }))
      })
      await new Promise((resolve) => setTimeout(resolve, 200))
      const atHangUp = started
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(started).toBe(atHangUp)
      expect(started).toBeLessThan(20)
      expect(aborted).toBeGreaterThan(0)
      const next = await archive.request('/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ files: files.slice(0, 1) }),
      })
      expect(next.status).toBe(200)
      await next.arrayBuffer()
    } finally {
      server.close()
    }
  })
})

describe('who may ask for an archive', () => {
  const one = { files: [{ url: '/media/thumb-small/x.webp', name: 'x.webp' }] }

  it('refuses cross-site requests, listed CORS origins included', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'https://photos.example.com' },
    ] as Record<string, string>[]) {
      const res = await post(app, one, headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(((await res.json()) as { error: string }).error).toBe('cross_site_request')
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
    const own = await post(app, one, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })
    expect(own.status).toBe(200)
    await own.arrayBuffer()
  })

  it('takes JSON only, bounded before reading, and answers only its own Host names', async () => {
    const form = await post(app, 'files=x', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    const huge = JSON.stringify({ files: [{ url: '/media/x', name: 'x'.repeat(5 * 1024 * 1024) }] })
    expect((await post(app, huge)).status).toBe(413)
    expect((await post(app, one, { host: 'attacker.example' })).status).toBe(421)
    // A list of 5,000 files is longer than other writes may be, and still taken.
    const long: ArchiveFile[] = Array.from({ length: 5000 }, (_, i) => ({
      url: `${thumb(0)}&pad=${'p'.repeat(200)}`,
      name: `file ${i}.webp`,
    }))
    const bigList = JSON.stringify({ files: long })
    expect(bigList.length).toBeGreaterThan(1024 * 1024)
    const res = await post(app, bigList)
    expect(res.status).not.toBe(413)
    await res.body?.cancel()
  })

  it('is served by a read-only catalog too: it writes nothing', async () => {
    const readOnly = createApp({ db: { ...fx.catalog, readOnly: true } as typeof fx.catalog, media: fx.media })
    const res = await post(readOnly, { files: [{ url: thumb(0), name: 'a.webp' }] })
    expect(Object.keys(await unzip(res))).toEqual(['a.webp'])
  })
})
