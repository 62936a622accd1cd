import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isHeavyRequest } from '../../src/server/http/offload'
import { MEDIA_CACHE_DIR } from '../../src/server/media/media-store'
import { RENDER_AHEAD_HEADER } from '../../src/server/media/render-ahead'
import { startServer, type RunningServer } from '../../src/server/server'

// Heavy requests run on worker threads with their own catalog connection; the answers must be
// the same as on the main thread, and a write on a worker must reach the main thread's caches.

const auth = { authorization: 'Bearer demo-alice' }

describe('which requests go to the workers', () => {
  it('sends lists, searches and writes, and keeps lookups by id, media and the app here', () => {
    expect(isHeavyRequest('GET', '/api/piktid/assets')).toBe(true)
    expect(isHeavyRequest('GET', '/api/piktid/gallery/by-project')).toBe(true)
    expect(isHeavyRequest('POST', '/api/vipanya/api/v1/assets')).toBe(true)
    expect(isHeavyRequest('GET', '/api/gumnut/api/people')).toBe(true)
    expect(isHeavyRequest('GET', '/api/piktid/assets/abc123')).toBe(false)
    expect(isHeavyRequest('GET', '/api/gumnut/api/people/person_1')).toBe(false)
    expect(isHeavyRequest('GET', '/api/scenario/v1/assets/asset_x')).toBe(false)
    expect(isHeavyRequest('GET', '/media/thumb-small/x.webp')).toBe(false)
    expect(isHeavyRequest('GET', '/api/proxy/studio/assets')).toBe(false)
    expect(isHeavyRequest('GET', '/piktid/assets')).toBe(false)
  })
})

describe('a server with request workers', () => {
  let dir: string
  let pooled: RunningServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vitrine-offload-'))
    pooled = await startServer({ port: 0, dataDir: join(dir, 'data'), demoAssets: 300, workers: 2 })
  }, 60_000)

  afterAll(async () => {
    await pooled?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers a list page exactly as the main thread does, compressed, with its headers', async () => {
    const path = '/api/piktid/assets?per_page=20&sort_by=filename&order=asc'
    const res = await fetch(pooled.url + path, { headers: { ...auth, 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const viaWorker = (await res.json()) as { assets: { id: string }[] }
    expect(viaWorker.assets).toHaveLength(20)
    const byId = await fetch(`${pooled.url}/api/piktid/assets/${viaWorker.assets[0]!.id}`, { headers: auth })
    expect(byId.status).toBe(200)
    expect(((await byId.json()) as { id: string }).id).toBe(viaWorker.assets[0]!.id)
  })

  it('draws ahead, on the main thread, the thumbnails of a page a worker listed', async () => {
    const res = await fetch(`${pooled.url}/api/piktid/assets?per_page=5&sort_by=filename&order=desc`, {
      headers: auth,
    })
    expect(res.headers.get(RENDER_AHEAD_HEADER)).toBeNull()
    const listed = ((await res.json()) as { assets: { id: string }[] }).assets.map((a) => a.id)
    const cached = (id: string) =>
      existsSync(join(dir, 'data', MEDIA_CACHE_DIR, 'v3', 'thumb-small', id.slice(0, 2), `${id}.webp`))
    const end = Date.now() + 20_000
    while (!listed.every(cached) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(listed.filter(cached)).toEqual(listed)
  }, 30_000)

  it('keeps the dialect envelope for a refused request', async () => {
    const res = await fetch(`${pooled.url}/api/piktid/assets?per_page=0`, { headers: auth })
    expect(res.status).toBe(400)
    expect(await res.json()).toHaveProperty('detail')
  })

  it('carries a write made on a worker to every other connection', async () => {
    const total = async () => {
      const res = await fetch(`${pooled.url}/api/vipanya/api/v1/assets?per_page=1`, { headers: auth })
      return ((await res.json()) as { pagination: { total: number } }).pagination.total
    }
    const before = await total()
    // Two workers: issue enough reads that both have cached the total.
    await Promise.all(Array.from({ length: 6 }, total))
    const created = await fetch(`${pooled.url}/api/vipanya/api/v1/assets`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Made on a worker', asset_type: 'image', is_public: true }),
    })
    expect(created.status).toBe(201)
    const id = ((await created.json()) as { data: { id: string } }).data.id
    const totals = await Promise.all(Array.from({ length: 6 }, total))
    expect(totals.every((t) => t === before + 1)).toBe(true)
    const one = await fetch(`${pooled.url}/api/vipanya/api/v1/assets/${id}`, { headers: auth })
    expect(one.status).toBe(200)
  })
})
