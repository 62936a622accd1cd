import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../src/server/app'
import { startServer, type RunningServer } from '../../src/server/server'
import { CorsConfigError, parseCorsOrigins } from '../../src/server/http/cors'
import { APP_CSP, LOCKED_CSP } from '../../src/server/http/security-headers'
import { mapVipanyaAsset } from '../../src/dialects/vipanya/mapper'
import type { PiktidAssetsPage } from '../../src/shared/piktid'
import { VIDEO_EMBED_ORIGINS, videoEmbedFor, type VipanyaAsset } from '../../src/shared/vipanya'
import { createFixture, getJson, type CatalogFixture } from './fixture'

let fx: CatalogFixture

beforeAll(() => {
  fx = createFixture(30)
})
afterAll(() => fx.close())

function expectCommonHeaders(res: Response) {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
  expect(res.headers.get('x-frame-options')).toBe('DENY')
  for (const name of res.headers.keys()) expect(name.startsWith('access-control-')).toBe(false)
}

describe('security headers', () => {
  it('sends the app’s Content-Security-Policy with its HTML: no inline script, no framing, YouTube/Vimeo frames only', async () => {
    for (const path of ['/', '/piktid/assets?include_tags=model']) {
      const res = await fx.app.request(path)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expectCommonHeaders(res)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toBe(APP_CSP)
      const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))
      expect(directives['script-src']).toEqual(["'self'"])
      expect(directives['frame-ancestors']).toEqual(["'none'"])
      // Browser sources live at addresses users type: any https origin, plain http on loopback only.
      const browserSources = ['https:', 'http://localhost:*', 'http://127.0.0.1:*']
      expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:', ...browserSources])
      expect(directives['connect-src']).toEqual(["'self'", ...browserSources])
      expect(directives['connect-src']).not.toContain('http:')
      expect(directives['object-src']).toEqual(["'none'"])
      expect(directives['frame-src']).toEqual([...VIDEO_EMBED_ORIGINS])
    }
  })

  it('frames every embed the demo library holds: each is on an origin of frame-src, and the app keeps it', () => {
    const frameSrc = new Set(/(?:^|; )frame-src ([^;]+)/.exec(APP_CSP)?.[1]?.split(' '))
    const rows = fx.catalog.sqlite
      .prepare(`SELECT external_url, video_embed FROM vipanya_assets WHERE asset_type = 'external_video'`)
      .all() as { external_url: string; video_embed: string | null }[]
    const embeds = rows.flatMap((r) => (r.video_embed ? [r.video_embed] : []))
    // The generator lists YouTube (watch and short links) and Vimeo pages, and other hosts with no player.
    expect(embeds.some((e) => e.startsWith('https://youtube.com/embed/'))).toBe(true)
    expect(embeds.some((e) => e.startsWith('https://player.vimeo.com/video/'))).toBe(true)
    for (const embed of embeds) {
      expect(frameSrc.has(new URL(embed).origin), embed).toBe(true)
      const asset = mapVipanyaAsset(
        { id: 'x', title: 'x', asset_type: 'external_video', video_embed: embed } as VipanyaAsset,
        'http://localhost/',
      )
      expect(asset.details?.embedUrl).toBe(embed)
    }
    // Whatever page URL a user gives, the embed built from it is framed too.
    for (const page of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://m.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      'https://vimeo.com/channels/staffpicks/76979871',
      'https://player.vimeo.com/video/76979871',
    ]) {
      const embed = videoEmbedFor(page)
      expect(embed, page).toBeDefined()
      expect(frameSrc.has(new URL(embed as string).origin), page).toBe(true)
    }
  })

  it('locks API answers, errors and media down: nothing in them may run', async () => {
    const list = await fx.app.request('/api/piktid/assets?per_page=1', {
      headers: { authorization: 'Bearer demo-alice' },
    })
    const body = (await list.json()) as PiktidAssetsPage
    const responses = [
      list,
      await fx.app.request('/api/piktid/assets'),
      await fx.app.request('/api/nothing-here'),
      await fx.app.request(body.assets[0]?.thumbnail_small ?? ''),
      await fx.app.request('/media/thumb-small/unknown.webp'),
      await fx.app.request('/api/sources'),
    ]
    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 200, 404, 200])
    for (const res of responses) {
      expectCommonHeaders(res)
      expect(res.headers.get('content-security-policy')).toBe(LOCKED_CSP)
    }
  })

  it('sends the headers on hashed scripts and static files too', async () => {
    const res = await fx.app.request('/assets/index-abc123.js')
    expect(res.status).toBe(200)
    expectCommonHeaders(res)
  })

  it('answers a cross-origin preflight without any CORS header', async () => {
    const res = await fx.app.request('/api/piktid/assets', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })
    expectCommonHeaders(res)
    const cross = await fx.app.request('/api/piktid/assets', {
      headers: { origin: 'https://evil.example', authorization: 'Bearer demo-alice' },
    })
    expectCommonHeaders(cross)
  })

  it('answers no cross-origin request when no origin is listed, even from localhost', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:5173']) {
      const res = await fx.app.request('/api/piktid/assets?per_page=1', {
        headers: { origin, authorization: 'Bearer demo-alice' },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('lists no server sources when none are configured', async () => {
    const { status, body } = await getJson(fx.app, '/api/sources', null)
    expect(status).toBe(200)
    expect(body).toEqual({ sources: [] })
  })
})

describe('VITRINE_CORS_ORIGINS', () => {
  const listed = 'http://localhost:5173'
  const corsApp = () =>
    createApp({ db: fx.catalog, media: fx.media, distDir: join(fx.dir, 'dist'), corsOrigins: [listed] })

  it('answers a listed origin’s preflight with Authorization allowed and no credentials mode', async () => {
    const res = await corsApp().request('/api/piktid/assets', {
      method: 'OPTIONS',
      headers: {
        origin: listed,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(listed)
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization')
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST')
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    expect(res.headers.get('vary')).toMatch(/Origin/)
  })

  it('lets a listed origin read a page with its own token, and the pagination headers', async () => {
    const res = await corsApp().request('/api/piktid/assets?per_page=1', {
      headers: { origin: listed, authorization: 'Bearer demo-bob' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(listed)
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Link/)
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    const body = (await res.json()) as PiktidAssetsPage
    expect(body.assets).toHaveLength(1)
  })

  it('answers any other origin, the proxy and the source list with no CORS header at all', async () => {
    const app = corsApp()
    const responses = [
      await app.request('/api/piktid/assets', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      }),
      await app.request('/api/piktid/assets?per_page=1', {
        headers: { origin: 'https://evil.example', authorization: 'Bearer demo-alice' },
      }),
      await app.request('/api/sources', { headers: { origin: listed } }),
      await app.request('/api/proxy/anything/assets', {
        method: 'OPTIONS',
        headers: { origin: listed, 'access-control-request-method': 'GET' },
      }),
    ]
    expect(responses[0]!.status).not.toBe(204)
    for (const res of responses) expectCommonHeaders(res)
  })

  it('reads a comma-separated list of origins and refuses a wildcard, a path or a non-URL by name', () => {
    expect(parseCorsOrigins(undefined)).toEqual([])
    expect(parseCorsOrigins(' https://a.example , http://localhost:5173/,https://a.example')).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ])
    expect(() => parseCorsOrigins('*')).toThrow(CorsConfigError)
    expect(() => parseCorsOrigins('https://a.example/app')).toThrow(/“https:\/\/a.example\/app” must be just an origin/)
    expect(() => parseCorsOrigins('a.example')).toThrow(/“a.example” is not an origin/)
    expect(() => parseCorsOrigins('ftp://a.example')).toThrow(/must be just an origin/)
  })
})

describe('error bodies', () => {
  it('never hold a stack trace or a file path, and still carry the headers', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const app = createApp({ db: fx.catalog, media: fx.media, distDir: join(fx.dir, 'dist') })
      app.get('/api/piktid/boom', () => {
        throw new Error(`failed reading ${join(fx.dir, 'data', 'catalog.sqlite')}`)
      })
      app.get('/api/boom', () => {
        throw new Error('failed at /srv/vitrine/src/server/app.ts:12')
      })
      for (const path of ['/api/piktid/boom', '/api/boom']) {
        const res = await app.request(path, { headers: { authorization: 'Bearer demo-alice' } })
        expect(res.status).toBe(500)
        const text = await res.text()
        expect(text).not.toMatch(/\/srv\/|\.ts|\.sqlite|at \w+ \(|Error:/)
        expect(text).not.toContain(fx.dir)
        expect(JSON.parse(text)).toBeTypeOf('object')
        expectCommonHeaders(res)
      }
    } finally {
      errors.mockRestore()
    }
  })

  it('says the app is not built without naming a path when dist is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vitrine-nodist-'))
    try {
      const app = createApp({ db: fx.catalog, media: fx.media, distDir: empty })
      const res = await app.request('/piktid/assets')
      expect(res.status).toBe(503)
      const text = await res.text()
      expect(text).toBe('The app is not built yet: run npm run build, or npm start.')
      expect(text).not.toContain(empty)
      expectCommonHeaders(res)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('over the wire', () => {
  let server: RunningServer
  let dataDir: string
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vitrine-wire-'))
    server = await startServer({ port: 0, dataDir, demoAssets: 20, distDir: join(fx.dir, 'dist') })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('sends the headers on HEAD answers too', async () => {
    for (const path of [
      '/',
      '/assets/index-abc123.js',
      '/api/piktid/assets',
      '/api/nothing',
      '/media/thumb-small/x.webp',
    ]) {
      const res = await fetch(`${server.url}${path}`, { method: 'HEAD' })
      expectCommonHeaders(res)
      expect(res.headers.get('content-security-policy'), path).toBe(path === '/' ? APP_CSP : LOCKED_CSP)
    }
  })

  /** Sends `request` as raw bytes and reads the whole answer until the server closes. */
  const raw = (request: string) =>
    new Promise<string>((done, fail) => {
      const socket = connect(server.port, '127.0.0.1')
      let answer = ''
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
      socket.on('end', () => done(answer))
      socket.on('error', fail)
      socket.write(request)
    })

  const expectRawHeaders = (answer: string, status: string) => {
    const [head = ''] = answer.split('\r\n\r\n')
    const lines = head.split('\r\n')
    expect(lines[0]).toBe(`HTTP/1.1 ${status}`)
    const headers = new Map(
      lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    )
    expect(headers.get('x-content-type-options')).toBe('nosniff')
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(headers.get('x-frame-options')).toBe('DENY')
    expect(headers.get('content-security-policy')).toBe(LOCKED_CSP)
    expect(headers.get('connection')).toBe('close')
  }

  it('sends them on the parser’s own 400 for a malformed request', async () => {
    const answer = await raw('GET / HTTP/1.1\r\nHost: localhost\r\nNot a header line\r\n\r\n')
    expectRawHeaders(answer, '400 Bad Request')
  })

  it('sends them on the node server’s own 400 for a target it cannot read', async () => {
    for (const request of [
      'GET /a\\b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      'GET http://localhost:99999/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    ]) {
      expectRawHeaders(await raw(request), '400 Bad Request')
    }
  })

  it('sends them on the parser’s own 431 for oversized headers', async () => {
    const answer = await raw(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)
    expectRawHeaders(answer, '431 Request Header Fields Too Large')
  })
})
