import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { openCatalog } from '../../src/server/db/catalog-db'
import { createMediaStore } from '../../src/server/media/media-store'
import type { VipanyaAsset, VipanyaAssetBody, VipanyaAssetsPage, VipanyaErrorBody } from '../../src/shared/vipanya'
import { createFixture, type CatalogFixture } from './fixture'

let fx: CatalogFixture

interface RawLibraryAsset {
  id: string
  owner: string
  title: string
  description: string
  asset_type: string
  is_public: number
  is_published: number
  created_at: string
  updated_at: string
}
let raw: RawLibraryAsset[]

beforeAll(() => {
  fx = createFixture(2000)
  raw = fx.catalog.sqlite
    .prepare(
      `SELECT v.uuid AS id, u.username AS owner, v.title, v.description, v.asset_type, v.is_public, v.is_published,
              v.created_at, v.updated_at
         FROM vipanya_assets v JOIN users u ON u.id = v.owner_id`,
    )
    .all() as RawLibraryAsset[]
})
afterAll(() => fx.close())

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

async function request<T>(path: string, token: string | null = 'demo-alice', init: RequestInit = {}) {
  const headers = { ...(token ? auth(token) : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) }
  const res = await fx.app.request(`/api/vipanya${path}`, { ...init, headers })
  return { status: res.status, body: (await res.json()) as T }
}
const list = (query = '', token: string | null = 'demo-alice') =>
  request<VipanyaAssetsPage>(`/api/v1/assets${query ? `?${query}` : ''}`, token)
const create = (body: unknown, token = 'demo-alice') =>
  request<VipanyaAssetBody & VipanyaErrorBody>('/api/v1/assets', token, { method: 'POST', body: JSON.stringify(body) })

/** What `user` may list: published, and public or their own. */
const listable = (user: string) => (r: RawLibraryAsset) =>
  r.is_published === 1 && (r.is_public === 1 || r.owner === user)
const ids = (assets: { id: string }[]) => assets.map((a) => a.id).sort()

async function walk(query: string, token = 'demo-alice'): Promise<VipanyaAsset[]> {
  const out: VipanyaAsset[] = []
  for (let page = 1; ; page++) {
    const { status, body } = await list(`${query}${query ? '&' : ''}per_page=100&page=${page}`, token)
    expect(status).toBe(200)
    out.push(...body.data)
    if (page >= body.pagination.total_pages) return out
  }
}

describe('GET /api/vipanya/api/v1/assets', () => {
  it('answers seed 003’s envelope: 20 published assets, newest first', async () => {
    const { status, body } = await list()
    const total = raw.filter(listable('alice')).length
    expect(status).toBe(200)
    expect(body.success).toBe(true)
    expect(body.pagination).toEqual({ page: 1, per_page: 20, total, total_pages: Math.ceil(total / 20) })
    expect(body.data).toHaveLength(20)
    const times = body.data.map((a) => a.created_at)
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('lists published assets only, and a private one only to its owner', async () => {
    for (const user of ['alice', 'bob', 'carol']) {
      expect(ids(await walk('', `demo-${user}`))).toEqual(
        raw
          .filter(listable(user))
          .map((r) => r.id)
          .sort(),
      )
    }
    expect(raw.some((r) => r.is_published === 0)).toBe(true)
  })

  it('gives a pdf seed 003’s fields, page and word counts included', async () => {
    const { body } = await list('asset_type=pdf&per_page=1')
    const pdf = body.data[0] as VipanyaAsset
    expect(Object.keys(pdf).sort()).toEqual(
      [
        'id',
        'title',
        'slug',
        'description',
        'asset_type',
        'file_path',
        'file_size',
        'mime_type',
        'thumbnail_path',
        'preview_color',
        'page_count',
        'word_count',
        'download_count',
        'is_public',
        'created_at',
        'updated_at',
      ].sort(),
    )
    expect(pdf.mime_type).toBe('application/pdf')
    expect(pdf.thumbnail_path).toMatch(/^\/media\/thumb-small\//)
  })

  it.each(['pdf', 'document', 'image', 'video', 'external_video', 'audio', 'link', 'collection', 'git'])(
    'filters by asset_type=%s',
    async (type) => {
      const got = await walk(`asset_type=${type}`)
      expect(ids(got)).toEqual(
        raw
          .filter((r) => listable('alice')(r) && r.asset_type === type)
          .map((r) => r.id)
          .sort(),
      )
      expect(got.length).toBeGreaterThan(0)
    },
  )

  it('searches titles and descriptions, ignoring case', async () => {
    for (const term of ['OVERVIEW', 'onboarding', 'brand identity']) {
      const got = await walk(`search=${encodeURIComponent(term)}`)
      const needle = term.toLowerCase()
      const want = raw.filter(
        (r) =>
          listable('alice')(r) &&
          (r.title.toLowerCase().includes(needle) || r.description.toLowerCase().includes(needle)),
      )
      expect(ids(got)).toEqual(want.map((r) => r.id).sort())
      expect(want.length).toBeGreaterThan(0)
    }
  })

  it('sorts by title, created_at or updated_at in either order', async () => {
    const byTitle = await walk('sort=title&order=asc')
    const titles = byTitle.map((a) => a.title.toLowerCase())
    expect([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(titles)
    const updated = await walk('sort=updated_at&order=asc')
    const times = updated.map((a) => a.updated_at)
    expect([...times].sort()).toEqual(times)
    const createdAsc = await walk('order=asc')
    expect(createdAsc.map((a) => a.id)).toEqual((await walk('')).map((a) => a.id).reverse())
  })

  it('answers a page past the end with no data and the true total', async () => {
    const { body } = await list('page=999')
    expect(body.data).toEqual([])
    expect(body.pagination.total).toBe(raw.filter(listable('alice')).length)
  })

  it.each([
    ['per_page=101', 'per_page'],
    ['per_page=0', 'per_page'],
    ['page=0', 'page'],
    ['page=two', 'page'],
    ['asset_type=spreadsheet', 'asset_type'],
    ['sort=size', 'sort'],
    ['order=up', 'order'],
    [`search=${'x'.repeat(201)}`, 'search'],
  ])('refuses %s with 400 Validation failed naming the field', async (query, field) => {
    const { status, body } = await request<VipanyaErrorBody>(`/api/v1/assets?${query}`)
    expect(status).toBe(400)
    expect(body).toEqual({ error: 'Validation failed', message: expect.stringContaining(field), field })
  })

  it('returns hostile titles and descriptions as plain JSON strings', async () => {
    const res = await fx.app.request('/api/vipanya/api/v1/assets?per_page=10', { headers: auth('demo-alice') })
    const text = await res.text()
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const titles = (JSON.parse(text) as VipanyaAssetsPage).data.map((a) => a.title)
    expect(titles).toContain('<script>alert("vitrine")</script> Launch checklist')
    expect(titles.some((t) => t.length === 500)).toBe(true)
    expect(text).toContain('\\"alert(1)\\"')
  })
})

describe('thumbnails', () => {
  it('are drawn for documents, videos, links and repositories, and images have their file', async () => {
    for (const type of ['pdf', 'external_video', 'link', 'git', 'image']) {
      const asset = (await list(`asset_type=${type}&per_page=1`)).body.data[0] as VipanyaAsset
      const thumb = await fx.app.request(asset.thumbnail_path as string)
      expect(thumb.status, type).toBe(200)
      expect(thumb.headers.get('content-type')).toBe('image/webp')
      if (type === 'image') expect((await fx.app.request(asset.file_path as string)).status).toBe(200)
    }
  })
})

describe('GET /api/vipanya/api/v1/assets/{id}', () => {
  it('answers a visible asset as {success, data}', async () => {
    const one = raw.find(listable('alice')) as RawLibraryAsset
    const { status, body } = await request<VipanyaAssetBody>(`/api/v1/assets/${one.id}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ success: true, data: { id: one.id, title: one.title } })
  })

  it('answers 404 for another user’s private asset, someone else’s draft and an unknown id', async () => {
    const hidden = raw.find((r) => r.owner === 'bob' && r.is_public === 0) as RawLibraryAsset
    expect(await request(`/api/v1/assets/${hidden.id}`)).toEqual({
      status: 404,
      body: { error: 'Not found', message: `Asset ${hidden.id} not found` },
    })
    const draft = raw.find((r) => r.owner !== 'alice' && r.is_published === 0) as RawLibraryAsset
    expect((await request(`/api/v1/assets/${draft.id}`)).status).toBe(404)
    expect((await request('/api/v1/assets/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('scopes and credentials', () => {
  it('lets the read-only key read but not write', async () => {
    expect((await list('', 'demo-readonly')).status).toBe(200)
    expect(await create({ title: 'Nope', asset_type: 'collection' }, 'demo-readonly')).toEqual({
      status: 403,
      body: { error: 'Insufficient permissions', message: 'API key does not have write:assets scope' },
    })
  })

  it('answers 401 without a key or with an unknown one', async () => {
    for (const token of [null, 'demo-mallory']) {
      const { status, body } = await list('', token)
      expect(status).toBe(401)
      expect(body).toMatchObject({ error: 'Unauthorized' })
    }
  })
})

describe('POST /api/vipanya/api/v1/assets', () => {
  it('creates seed 003’s example with its YouTube embed, private by default', async () => {
    const { status, body } = await create({
      title: 'New Product Demo',
      description: 'Video demonstration of our latest product',
      asset_type: 'external_video',
      external_url: 'https://youtube.com/watch?v=example',
    })
    expect(status).toBe(201)
    expect(body.success).toBe(true)
    expect(body.data).toMatchObject({
      title: 'New Product Demo',
      slug: 'new-product-demo',
      asset_type: 'external_video',
      external_url: 'https://youtube.com/watch?v=example',
      video_embed: 'https://youtube.com/embed/example',
      is_public: false,
      download_count: 0,
    })
    expect(body.data.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('derives a Vimeo player, and no embed for other hosts', async () => {
    const vimeo = await create({
      title: 'Talk',
      asset_type: 'external_video',
      external_url: 'https://vimeo.com/76979871',
    })
    expect(vimeo.body.data.video_embed).toBe('https://player.vimeo.com/video/76979871')
    const other = await create({
      title: 'Other',
      asset_type: 'external_video',
      external_url: 'https://v.example.org/1',
    })
    expect(other.body.data.video_embed).toBeNull()
  })

  it('lists a new public link first for everyone, and a private one only for its owner', async () => {
    const link = await create({
      title: 'Team wiki',
      asset_type: 'link',
      external_url: 'https://wiki.example.org/',
      is_public: true,
    })
    expect((await list('', 'demo-carol')).body.data[0]?.id).toBe(link.body.data.id)
    const secret = await create({ title: 'Private notes', asset_type: 'collection' }, 'demo-bob')
    expect((await list('', 'demo-bob')).body.data[0]?.id).toBe(secret.body.data.id)
    expect((await walk('', 'demo-alice')).some((a) => a.id === secret.body.data.id)).toBe(false)
  })

  it('gives repeated titles distinct slugs', async () => {
    const a = await create({ title: 'Same Title', asset_type: 'collection' })
    const b = await create({ title: 'Same Title', asset_type: 'collection' })
    expect([a.body.data.slug, b.body.data.slug]).toEqual(['same-title', 'same-title-2'])
  })

  it('accepts a 500-character title', async () => {
    expect((await create({ title: 'T'.repeat(500), asset_type: 'pdf' })).status).toBe(201)
  })

  it.each([
    [{ asset_type: 'pdf' }, 'title', 'Title is required'],
    [{ title: '  ', asset_type: 'pdf' }, 'title', 'Title is required'],
    [{ title: 'T'.repeat(501), asset_type: 'pdf' }, 'title', 'Title must be at most 500 characters'],
    [{ title: 42, asset_type: 'pdf' }, 'title', 'Title must be a string'],
    [{ title: 'A' }, 'asset_type', 'Asset type is required'],
    [{ title: 'A', asset_type: 'spreadsheet' }, 'asset_type', expect.stringMatching(/^Asset type must be one of/)],
    [{ title: 'A', asset_type: 'link' }, 'external_url', 'External URL is required for link assets'],
    [
      { title: 'A', asset_type: 'external_video' },
      'external_url',
      'External URL is required for external_video assets',
    ],
    [
      { title: 'A', asset_type: 'link', external_url: 'javascript:alert(1)' },
      'external_url',
      'External URL must be an http or https address',
    ],
    [{ title: 'A', asset_type: 'pdf', is_public: 'yes' }, 'is_public', 'is_public must be true or false'],
  ])('refuses %j with 400 on the right field', async (body, field, message) => {
    expect(await create(body)).toEqual({ status: 400, body: { error: 'Validation failed', message, field } })
  })

  it('refuses a body that is not JSON', async () => {
    const res = await fx.app.request('/api/vipanya/api/v1/assets', {
      method: 'POST',
      headers: { ...auth('demo-alice'), 'content-type': 'application/json' },
      body: '{"title": ',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'Validation failed',
      message: 'Request body must be a JSON object',
      field: 'body',
    })
  })

  it('stores hostile text verbatim', async () => {
    const title = '<img src=x onerror=alert(1)> & "quotes"'
    const made = await create({ title, description: '<script>x</script>', asset_type: 'collection', is_public: true })
    const got = await request<VipanyaAssetBody>(`/api/v1/assets/${made.body.data.id}`)
    expect(got.body.data).toMatchObject({ title, description: '<script>x</script>' })
  })

  it('keeps created assets when the server restarts', async () => {
    const made = await create({
      title: 'Survives restarts',
      asset_type: 'git',
      external_url: 'https://github.com/a/b',
      is_public: true,
    })
    fx.catalog.close()
    const catalog = openCatalog(join(fx.dir, 'data'))
    try {
      const app = createApp({ db: catalog, media: createMediaStore(catalog) })
      const res = await app.request(`/api/vipanya/api/v1/assets/${made.body.data.id}`, { headers: auth('demo-carol') })
      expect(res.status).toBe(200)
      expect(((await res.json()) as VipanyaAssetBody).data).toEqual(made.body.data)
      const listed = await app.request('/api/vipanya/api/v1/assets?search=survives', { headers: auth('demo-bob') })
      expect(((await listed.json()) as VipanyaAssetsPage).data.map((a) => a.id)).toEqual([made.body.data.id])
    } finally {
      catalog.close()
    }
  })
})
