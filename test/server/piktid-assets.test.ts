import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PiktidAsset, PiktidAssetsPage, PiktidErrorBody } from '../../src/shared/piktid'
import {
  createFixture,
  getJson,
  visibleTo,
  walkAll,
  type CatalogFixture,
  type DemoUser,
  type RawAsset,
} from './fixture'

let fx: CatalogFixture

beforeAll(() => {
  fx = createFixture(1500)
})
afterAll(() => fx.close())

const list = (query = '', user: DemoUser | null = 'alice') =>
  getJson<PiktidAssetsPage>(fx.app, `/api/piktid/assets${query ? `?${query}` : ''}`, user)
const listError = (query: string, user: DemoUser | null = 'alice') =>
  getJson<PiktidErrorBody>(fx.app, `/api/piktid/assets?${query}`, user)

const ids = (assets: { id: string }[]) => assets.map((a) => a.id).sort()
const expectedIds = (predicate: (row: RawAsset) => boolean) =>
  fx.rows
    .filter(predicate)
    .map((r) => r.id)
    .sort()
const fieldsOf = (body: PiktidErrorBody) => body.detail.map((d) => d.field)

describe('GET /api/piktid/assets: envelope and defaults', () => {
  it('answers page 1 with 20 assets, newest first, and an exact pagination block', async () => {
    const { status, body } = await list()
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['assets', 'pagination'])
    const visible = fx.rows.filter((r) => visibleTo('alice', r)).length
    expect(body.pagination).toEqual({
      page: 1,
      per_page: 20,
      total: visible,
      pages: Math.ceil(visible / 20),
      has_next: true,
      has_prev: false,
    })
    expect(body.assets).toHaveLength(20)
    const times = body.assets.map((a) => a.created_at)
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('gives each asset exactly the seed fields plus its project and preview colour', async () => {
    const { body } = await list('per_page=100')
    const asset = body.assets[0] as PiktidAsset
    expect(Object.keys(asset).sort()).toEqual(
      [
        'created_at',
        'created_by',
        'detected',
        'dimensions',
        'filename',
        'id',
        'preview_color',
        'project',
        'styling_note',
        'tags',
        'thumbnail_big',
        'thumbnail_small',
        'url',
        'visibility',
      ].sort(),
    )
    for (const a of body.assets) {
      expect(a.id).toMatch(/^[0-9a-z]{8}$/)
      expect(new Date(a.created_at).toISOString()).toBe(a.created_at)
      expect(a.url).toMatch(new RegExp(`^/media/original/${a.id}\\.jpg\\?e=\\d+&s=[\\w-]+$`))
      expect(a.thumbnail_small).toMatch(new RegExp(`^/media/thumb-small/${a.id}\\.webp\\?e=\\d+&s=[\\w-]+$`))
      expect(a.thumbnail_big).toMatch(new RegExp(`^/media/thumb-big/${a.id}\\.webp\\?e=\\d+&s=[\\w-]+$`))
      expect(['private', 'shared', 'public']).toContain(a.visibility)
      expect(a.dimensions?.width).toBeGreaterThan(0)
      expect(a.dimensions?.height).toBeGreaterThan(0)
      if (a.project) expect(Object.keys(a.project).sort()).toEqual(['project_id', 'project_key', 'project_name'])
    }
    expect(body.assets.some((a) => a.detected !== null)).toBe(true)
    expect(body.assets.some((a) => a.project === null)).toBe(true)
  })

  it('treats empty-string parameters as absent', async () => {
    const plain = await list()
    const empty = await list(
      'page=&per_page=&order=&created_by=&created_after=&created_before=&sort_by=&search=&ownership=&include_tags=&exclude_tags=',
    )
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual(plain.body)
  })

  it('honours per_page at both limits', async () => {
    expect((await list('per_page=1')).body.assets).toHaveLength(1)
    const hundred = await list('per_page=100')
    expect(hundred.body.assets).toHaveLength(100)
    expect(hundred.body.pagination.per_page).toBe(100)
  })

  it('answers a page beyond the last with 200, no assets and has_next false', async () => {
    const { body: first } = await list('per_page=100')
    const beyond = first.pagination.pages + 1
    const { status, body } = await list(`per_page=100&page=${beyond}`)
    expect(status).toBe(200)
    expect(body.assets).toEqual([])
    expect(body.pagination).toMatchObject({
      page: beyond,
      has_next: false,
      has_prev: true,
      total: first.pagination.total,
    })
  })

  it('fills the last page with the remainder and says there is no next page', async () => {
    const { body: first } = await list('per_page=100')
    const { body } = await list(`per_page=100&page=${first.pagination.pages}`)
    expect(body.assets).toHaveLength(first.pagination.total - (first.pagination.pages - 1) * 100)
    expect(body.pagination.has_next).toBe(false)
  })
})

describe('GET /api/piktid/assets: bad input', () => {
  it.each([
    ['per_page=0', 'per_page'],
    ['per_page=101', 'per_page'],
    ['per_page=abc', 'per_page'],
    ['per_page=1.5', 'per_page'],
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=abc', 'page'],
    ['order=up', 'order'],
    ['sort_by=size', 'sort_by'],
    ['ownership=everyone', 'ownership'],
    ['created_after=yesterday', 'created_after'],
    ['created_before=2024-13-01', 'created_before'],
    ['created_after=2024-02-30T00:00:00Z', 'created_after'],
    ['include_tags=model,hat', 'include_tags'],
    ['exclude_tags=Sky', 'exclude_tags'],
  ])('rejects %s with the PiktID error envelope naming %s', async (query, field) => {
    const { status, body } = await listError(query)
    expect(status).toBe(400)
    expect(body.error).toBe('Invalid request')
    expect(body.detail).toHaveLength(1)
    expect(body.detail[0]).toMatchObject({ field, position: 'query' })
    expect(body.detail[0]?.message).toEqual(expect.any(String))
  })

  it('rejects per_page above 100 with the PiktID error envelope', async () => {
    const { status, body } = await listError('per_page=101')
    expect(status).toBe(400)
    expect(body).toEqual({
      error: 'Invalid request',
      detail: [{ field: 'per_page', message: expect.stringContaining('100'), position: 'query' }],
    })
  })

  it('names every bad field at once', async () => {
    const { status, body } = await listError(
      'page=0&per_page=500&order=sideways&sort_by=size&ownership=all&created_after=soon&created_before=later&include_tags=x&exclude_tags=y',
    )
    expect(status).toBe(400)
    expect(fieldsOf(body).sort()).toEqual(
      [
        'created_after',
        'created_before',
        'exclude_tags',
        'include_tags',
        'order',
        'ownership',
        'page',
        'per_page',
        'sort_by',
      ].sort(),
    )
  })

  it('accepts the ISO 8601 shapes a caller is likely to send', async () => {
    for (const value of [
      '2024-06-01',
      '2024-06-01T10:00:00Z',
      '2024-06-01T10:00:00.123Z',
      '2024-06-01T12:00:00+02:00',
      '2024-06-01T10:00',
    ]) {
      const { status } = await list(`created_after=${encodeURIComponent(value)}`)
      expect(status, value).toBe(200)
    }
  })
})

describe('GET /api/piktid/assets: filters checked against the stored catalog', () => {
  it('includes only assets carrying every include tag (AND)', async () => {
    const { assets, total } = await walkAll(fx.app, 'include_tags=model,product')
    expect(total).toBe(assets.length)
    expect(ids(assets)).toEqual(
      expectedIds((r) => visibleTo('alice', r) && r.tags.includes('model') && r.tags.includes('product')),
    )
    expect(total).toBeGreaterThan(0)
  })

  it('drops assets carrying any exclude tag (AND-NOT)', async () => {
    const { assets } = await walkAll(fx.app, 'exclude_tags=model,other')
    expect(ids(assets)).toEqual(
      expectedIds((r) => visibleTo('alice', r) && !r.tags.includes('model') && !r.tags.includes('other')),
    )
  })

  it('combines include and exclude tags', async () => {
    const { assets } = await walkAll(fx.app, 'include_tags=model,product&exclude_tags=background')
    expect(ids(assets)).toEqual(
      expectedIds(
        (r) =>
          visibleTo('alice', r) &&
          r.tags.includes('model') &&
          r.tags.includes('product') &&
          !r.tags.includes('background'),
      ),
    )
  })

  it('returns nothing when a tag is both included and excluded', async () => {
    const { body } = await list('include_tags=model&exclude_tags=model')
    expect(body.pagination.total).toBe(0)
    expect(body.assets).toEqual([])
  })

  it('finds untagged assets by excluding every tag', async () => {
    const { assets } = await walkAll(fx.app, 'exclude_tags=model,product,background,other')
    expect(assets.length).toBeGreaterThan(0)
    expect(assets.every((a) => a.tags.length === 0)).toBe(true)
  })

  const searchMatches = (term: string) => (r: RawAsset) => {
    const t = term.toLowerCase()
    return (
      r.filename.toLowerCase().includes(t) ||
      r.tags.some((tag) => tag.includes(t)) ||
      (r.project_name?.toLowerCase().includes(t) ?? false)
    )
  }

  it.each(['look-0', 'LOOK-0', 'sku-', 'flatlay', '.png', 'img_'])(
    'searches filenames case-insensitively for %s',
    async (term) => {
      const { assets } = await walkAll(fx.app, `search=${encodeURIComponent(term)}`)
      expect(assets.length).toBeGreaterThan(0)
      expect(ids(assets)).toEqual(expectedIds((r) => visibleTo('alice', r) && searchMatches(term)(r)))
    },
  )

  it('searches tag names', async () => {
    const { assets } = await walkAll(fx.app, 'search=backgr')
    expect(ids(assets)).toEqual(expectedIds((r) => visibleTo('alice', r) && searchMatches('backgr')(r)))
    expect(assets.some((a) => a.tags.includes('background') && !a.filename.includes('backgr'))).toBe(true)
  })

  it('searches project names', async () => {
    const project = fx.rows.find((r) => r.project_name && visibleTo('alice', r))?.project_name ?? ''
    const word = project.split(' ')[1] ?? project
    const { assets } = await walkAll(fx.app, `search=${encodeURIComponent(word)}`)
    expect(assets.length).toBeGreaterThan(0)
    expect(ids(assets)).toEqual(expectedIds((r) => visibleTo('alice', r) && searchMatches(word)(r)))
    expect(assets.some((a) => a.project?.project_name.toLowerCase().includes(word.toLowerCase()))).toBe(true)
  })

  it('searches with terms shorter than three characters too', async () => {
    const { assets } = await walkAll(fx.app, 'search=gh')
    expect(ids(assets)).toEqual(expectedIds((r) => visibleTo('alice', r) && searchMatches('gh')(r)))
  })

  it('finds nothing for a term that appears nowhere, and survives quotes and wildcards', async () => {
    for (const term of ['zzqqxx', '"', '%', 'look" OR "sku', '*']) {
      const { status, body } = await list(`search=${encodeURIComponent(term)}`)
      expect(status, term).toBe(200)
      expect(body.pagination.total, term).toBe(
        fx.rows.filter((r) => visibleTo('alice', r) && searchMatches(term)(r)).length,
      )
    }
  })

  it('filters by exact uploader with created_by', async () => {
    const { assets } = await walkAll(fx.app, 'created_by=bob')
    expect(ids(assets)).toEqual(expectedIds((r) => visibleTo('alice', r) && r.owner === 'bob'))
    expect(assets.every((a) => a.created_by === 'bob' && a.visibility === 'shared')).toBe(true)
    expect((await list('created_by=bo')).body.pagination.total).toBe(0)
    expect((await list('created_by=nobody')).body.pagination.total).toBe(0)
  })

  it('bounds created_at exclusively with created_after and created_before', async () => {
    const sorted = fx.rows
      .filter((r) => visibleTo('alice', r))
      .map((r) => r.created_at)
      .sort()
    const after = sorted[Math.floor(sorted.length / 4)] as string
    const before = sorted[Math.floor((sorted.length * 3) / 4)] as string
    const { assets } = await walkAll(fx.app, `created_after=${after}&created_before=${before}`)
    expect(ids(assets)).toEqual(
      expectedIds((r) => visibleTo('alice', r) && r.created_at > after && r.created_at < before),
    )
    expect(assets.some((a) => a.created_at === after || a.created_at === before)).toBe(false)
  })

  it('reads a timestamp with an offset as the instant it names', async () => {
    const a = await list('created_before=2024-06-01T12:00:00%2B02:00&per_page=1')
    const b = await list('created_before=2024-06-01T10:00:00Z&per_page=1')
    expect(a.body.pagination.total).toBe(b.body.pagination.total)
  })
})

describe('GET /api/piktid/assets: ownership', () => {
  const expected: Record<string, (user: DemoUser, r: RawAsset) => boolean> = {
    '': (user, r) => visibleTo(user, r),
    mine: (user, r) => r.owner === user,
    shared: (user, r) => r.owner !== user && visibleTo(user, r) && r.owner !== 'platform',
    default: (_user, r) => r.owner === 'platform',
  }

  for (const user of ['alice', 'bob', 'carol'] as const) {
    for (const ownership of ['', 'mine', 'shared', 'default']) {
      it(`gives ${user} exactly the ${ownership || 'visible'} assets for ownership=${ownership || '(absent)'}`, async () => {
        const { assets, total } = await walkAll(fx.app, ownership ? `ownership=${ownership}` : '', user)
        expect(total).toBe(assets.length)
        expect(ids(assets)).toEqual(
          expectedIds((r) => (expected[ownership] as (u: DemoUser, r: RawAsset) => boolean)(user, r)),
        )
      })
    }
  }

  it('shows carol nothing under shared, because nobody else is in her group', async () => {
    expect((await list('ownership=shared', 'carol')).body.pagination.total).toBe(0)
  })

  it('never lets bob or carol see one of alice’s private assets, whatever the query', async () => {
    const alicePrivate = new Set(
      fx.rows.filter((r) => r.owner === 'alice' && r.visibility === 'private').map((r) => r.id),
    )
    expect(alicePrivate.size).toBeGreaterThan(0)
    for (const user of ['bob', 'carol'] as const) {
      for (const query of [
        '',
        'ownership=mine',
        'ownership=shared',
        'ownership=default',
        'created_by=alice',
        'search=a',
        'sort_by=filename&order=asc',
      ]) {
        const { assets } = await walkAll(fx.app, query, user)
        expect(
          assets.filter((a) => alicePrivate.has(a.id)),
          `${user} ${query}`,
        ).toEqual([])
        expect(assets.every((a) => a.visibility !== 'private' || a.created_by === user)).toBe(true)
      }
    }
  })
})

describe('GET /api/piktid/assets: ordering and paging', () => {
  const compare = {
    created_at: (a: PiktidAsset, b: PiktidAsset) =>
      a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    filename: (a: PiktidAsset, b: PiktidAsset) => {
      const x = a.filename.toLowerCase()
      const y = b.filename.toLowerCase()
      return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
    },
  }

  for (const sortBy of ['created_at', 'filename'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`walks every page of sort_by=${sortBy}&order=${order} in a total order with no repeats or gaps`, async () => {
        const { assets, total } = await walkAll(fx.app, `sort_by=${sortBy}&order=${order}`, 'alice', 37)
        expect(assets).toHaveLength(total)
        expect(new Set(assets.map((a) => a.id)).size).toBe(total)
        expect(ids(assets)).toEqual(expectedIds((r) => visibleTo('alice', r)))
        const sorted = [...assets].sort(compare[sortBy])
        if (order === 'desc') sorted.reverse()
        expect(assets.map((a) => a.id)).toEqual(sorted.map((a) => a.id))
      })
    }
  }

  it('breaks created_at ties by id', async () => {
    const { assets } = await walkAll(fx.app, 'order=asc')
    const ties = assets.filter((a, i) => assets[i + 1]?.created_at === a.created_at)
    expect(ties.length).toBeGreaterThan(0)
  })

  it('keeps the order stable when filters and search narrow the set', async () => {
    const { assets } = await walkAll(fx.app, 'sort_by=filename&order=asc&search=look&include_tags=model', 'alice', 7)
    expect(new Set(assets.map((a) => a.id)).size).toBe(assets.length)
    expect(assets.map((a) => a.id)).toEqual([...assets].sort(compare.filename).map((a) => a.id))
  })
})

describe('GET /api/piktid/assets/:id', () => {
  it('returns the bare asset, identical to its list entry', async () => {
    const { body } = await list('per_page=5')
    const first = body.assets[0] as PiktidAsset
    const one = await getJson<PiktidAsset>(fx.app, `/api/piktid/assets/${first.id}`)
    expect(one.status).toBe(200)
    expect(one.body).toEqual(first)
  })

  it('answers 404 with the PiktID envelope for an unknown id', async () => {
    const { status, body } = await getJson<PiktidErrorBody>(fx.app, '/api/piktid/assets/nosuchid')
    expect(status).toBe(404)
    expect(body.error).toBe('Not found')
    expect(body.detail[0]).toMatchObject({ position: 'path' })
  })

  it('hides alice’s private asset from bob and carol as if it did not exist', async () => {
    const privateOne = fx.rows.find((r) => r.owner === 'alice' && r.visibility === 'private') as RawAsset
    expect((await getJson(fx.app, `/api/piktid/assets/${privateOne.id}`, 'alice')).status).toBe(200)
    expect((await getJson(fx.app, `/api/piktid/assets/${privateOne.id}`, 'bob')).status).toBe(404)
    expect((await getJson(fx.app, `/api/piktid/assets/${privateOne.id}`, 'carol')).status).toBe(404)
  })

  it('shows alice’s shared asset to bob (same group) but not to carol', async () => {
    const sharedOne = fx.rows.find((r) => r.owner === 'alice' && r.visibility === 'shared') as RawAsset
    expect((await getJson(fx.app, `/api/piktid/assets/${sharedOne.id}`, 'bob')).status).toBe(200)
    expect((await getJson(fx.app, `/api/piktid/assets/${sharedOne.id}`, 'carol')).status).toBe(404)
  })

  it('shows platform assets to everyone', async () => {
    const platformOne = fx.rows.find((r) => r.owner === 'platform') as RawAsset
    for (const user of ['alice', 'bob', 'carol'] as const) {
      expect((await getJson(fx.app, `/api/piktid/assets/${platformOne.id}`, user)).status).toBe(200)
    }
  })
})

describe('PiktID authentication', () => {
  const unauthorized = (body: PiktidErrorBody) => {
    expect(body.error).toBe('Unauthorized')
    expect(body.detail[0]).toMatchObject({ field: 'Authorization', position: 'header' })
  }

  it('answers 401 with the PiktID envelope without a token', async () => {
    const { status, body } = await getJson<PiktidErrorBody>(fx.app, '/api/piktid/assets', null)
    expect(status).toBe(401)
    unauthorized(body)
  })

  it.each([
    ['an unknown token', 'Bearer demo-mallory'],
    ['a Basic credential', 'Basic ZGVtby1hbGljZTpkZW1vLXNlY3JldA=='],
    ['an empty bearer', 'Bearer '],
  ])('answers 401 for %s', async (_name, authorization) => {
    const res = await fx.app.request('/api/piktid/assets', { headers: { authorization } })
    expect(res.status).toBe(401)
    unauthorized((await res.json()) as PiktidErrorBody)
  })

  it('checks the token before the query, and for single assets too', async () => {
    expect((await getJson(fx.app, '/api/piktid/assets?per_page=0', null)).status).toBe(401)
    expect((await getJson(fx.app, '/api/piktid/assets/abc', null)).status).toBe(401)
  })
})
