import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioAsset, ScenarioAssetBody, ScenarioAssetsPage, ScenarioErrorBody } from '../../src/shared/scenario'
import { createFixture, type CatalogFixture } from './fixture'
import {
  basic,
  bearer,
  call,
  inTeamList,
  mayView,
  publicToken,
  rawGenerations,
  walkScenario,
  type RawGeneration,
} from './scenario-fixture'

let fx: CatalogFixture
let raw: RawGeneration[]

beforeAll(() => {
  fx = createFixture(2000)
  raw = rawGenerations(fx)
})
afterAll(() => fx.close())

const ids = (assets: { id: string }[]) => assets.map((a) => a.id).sort()
const expected = (predicate: (r: RawGeneration) => boolean) =>
  raw
    .filter(predicate)
    .map((r) => r.id)
    .sort()
const list = (query: string, headers = bearer('alice')) => call<ScenarioAssetsPage>(fx.app, `/assets?${query}`, headers)
const refused = (query: string, headers = bearer('alice')) =>
  call<ScenarioErrorBody>(fx.app, `/assets?${query}`, headers)

describe('GET /api/scenario/v1/assets: envelope, page size and order', () => {
  it('answers 50 of the team’s assets, newest first, with a token for the next page', async () => {
    const { status, body } = await list('')
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['assets', 'nextPaginationToken'])
    expect(body.assets).toHaveLength(50)
    const times = body.assets.map((a) => a.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(body.assets.every((a) => inTeamList('alice', raw.find((r) => r.id === a.id) as RawGeneration))).toBe(true)
  })

  it('gives each asset Scenario’s fields', async () => {
    const { body } = await list('pageSize=100&type=upscale')
    const asset = body.assets[0] as ScenarioAsset
    expect(Object.keys(asset).sort()).toEqual(
      [
        'authorId',
        'collectionIds',
        'createdAt',
        'editCapabilities',
        'id',
        'kind',
        'metadata',
        'mimeType',
        'ownerId',
        'previewColor',
        'privacy',
        'properties',
        'source',
        'status',
        'tags',
        'thumbnail',
        'updatedAt',
        'url',
      ].sort(),
    )
    expect(asset.id).toMatch(/^asset_/)
    expect(asset.metadata).toMatchObject({ kind: 'image', type: 'upscale' })
    expect(asset.metadata.parentId).toMatch(/^asset_/)
    expect(asset.properties.size).toBeGreaterThan(0)
    expect(asset.url).toMatch(/^\/media\/thumb-big\/asset_/)
  })

  it('walks every team asset exactly once through the tokens, and the last page has no token', async () => {
    const all = await walkScenario(fx.app, '', bearer('alice'), 37)
    expect(ids(all)).toEqual(expected((r) => inTeamList('alice', r)))
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length)
  })

  it.each(['pageSize=0', 'pageSize=101', 'pageSize=ten', 'pageSize=1.5'])('refuses %s with a 400', async (q) => {
    const { status, body } = await refused(q)
    expect(status).toBe(400)
    expect(body).toEqual({ reason: 'invalid_request', message: expect.stringContaining('pageSize') })
  })

  it('accepts pageSize 1 and 100', async () => {
    expect((await list('pageSize=1')).body.assets).toHaveLength(1)
    expect((await list('pageSize=100')).body.assets).toHaveLength(100)
  })

  it('sorts by updatedAt in either direction, ties broken by id', async () => {
    const asc = await walkScenario(fx.app, 'sortBy=updatedAt&sortDirection=asc')
    const times = asc.map((a) => a.updatedAt)
    expect([...times].sort()).toEqual(times)
    const desc = await walkScenario(fx.app, 'sortBy=updatedAt&sortDirection=desc')
    expect(desc.map((a) => a.id)).toEqual([...asc].reverse().map((a) => a.id))
  })

  it.each([
    'sortBy=name',
    'sortDirection=up',
    'privacy=secret',
    'originalAssets=maybe',
    'type=photo',
    'types=upscale&types=painting',
  ])('refuses %s with a 400 naming the parameter', async (q) => {
    const { status, body } = await refused(q)
    expect(status).toBe(400)
    expect(body.message).toContain(q.split('=')[0] as string)
  })
})

describe('type and types', () => {
  it('filters by one type', async () => {
    expect(ids(await walkScenario(fx.app, 'type=upscale'))).toEqual(
      expected((r) => inTeamList('alice', r) && r.type === 'upscale'),
    )
  })

  it('reads type=inference as every inference-* type', async () => {
    const got = await walkScenario(fx.app, 'type=inference')
    expect(ids(got)).toEqual(expected((r) => inTeamList('alice', r) && r.type.startsWith('inference-')))
    expect(new Set(got.map((a) => a.metadata.type)).size).toBeGreaterThan(3)
  })

  it('filters by several types, repeated or comma-separated', async () => {
    const want = expected((r) => inTeamList('alice', r) && ['texture', 'upscale', 'uploaded-video'].includes(r.type))
    expect(ids(await walkScenario(fx.app, 'types=texture&types=upscale&types=uploaded-video'))).toEqual(want)
    expect(ids(await walkScenario(fx.app, 'types=texture,upscale,uploaded-video'))).toEqual(want)
  })

  it('refuses type and types together', async () => {
    expect(await refused('type=upscale&types=texture')).toEqual({
      status: 400,
      body: { reason: 'invalid_request', message: 'The parameters type and types cannot be used together' },
    })
  })
})

describe('privacy', () => {
  it('privacy=public returns public assets of every team', async () => {
    const got = await walkScenario(fx.app, 'privacy=public')
    expect(ids(got)).toEqual(expected((r) => r.privacy === 'public'))
    expect(new Set(got.map((a) => a.ownerId))).toEqual(new Set(['proj_studio', 'proj_north', 'proj_platform']))
  })

  it('privacy=private returns only the caller’s own private assets', async () => {
    for (const user of ['alice', 'bob', 'carol']) {
      const got = await walkScenario(fx.app, 'privacy=private', bearer(user))
      expect(ids(got)).toEqual(expected((r) => r.privacy === 'private' && r.author === user))
    }
  })

  it('privacy=unlisted returns the team’s unlisted assets', async () => {
    expect(ids(await walkScenario(fx.app, 'privacy=unlisted', bearer('bob')))).toEqual(
      expected((r) => r.privacy === 'unlisted' && r.group === 'studio'),
    )
  })

  it('never returns another user’s private asset, whatever the filters', async () => {
    for (const user of ['alice', 'bob', 'carol']) {
      for (const q of ['', 'privacy=private', 'privacy=unlisted', 'privacy=public', 'type=inference', 'authorId=bob']) {
        const got = await walkScenario(fx.app, q, bearer(user))
        for (const a of got) expect(mayView(user, raw.find((r) => r.id === a.id) as RawGeneration)).toBe(true)
      }
    }
  })
})

describe('filters by id', () => {
  const sample = () => {
    const child = raw.find((r) => r.type === 'upscale' && r.privacy === 'public' && r.root !== r.parent)
    if (!child) throw new Error('the fixture has no chained upscale')
    return child
  }

  it('authorId narrows to one author', async () => {
    expect(ids(await walkScenario(fx.app, 'authorId=bob'))).toEqual(
      expected((r) => inTeamList('alice', r) && r.author === 'bob'),
    )
    expect((await list('authorId=nobody')).body).toEqual({ assets: [] })
  })

  it('modelId and inferenceId narrow to one model or one generation request', async () => {
    const gen = raw.find((r) => r.inference !== null && r.author === 'alice') as RawGeneration
    expect(ids(await walkScenario(fx.app, `modelId=${gen.model}`))).toEqual(
      expected((r) => inTeamList('alice', r) && r.model === gen.model),
    )
    const siblings = await walkScenario(fx.app, `inferenceId=${gen.inference}`)
    expect(ids(siblings)).toEqual(expected((r) => inTeamList('alice', r) && r.inference === gen.inference))
    expect(siblings.length).toBeGreaterThan(0)
  })

  it('parentAssetId lists an asset’s children and rootAssetId its whole chain', async () => {
    const child = sample()
    const children = await walkScenario(fx.app, `parentAssetId=${child.parent}&privacy=public`)
    expect(ids(children)).toEqual(expected((r) => r.privacy === 'public' && r.parent === child.parent))
    expect(ids(children)).toContain(child.id)
    const chain = await walkScenario(fx.app, `rootAssetId=${child.root}&privacy=public`)
    expect(ids(chain)).toEqual(expected((r) => r.privacy === 'public' && r.root === child.root))
    expect(chain.every((a) => a.metadata.rootParentId === child.root)).toBe(true)
  })

  it('refuses an id with characters no id has', async () => {
    const { status, body } = await refused('parentAssetId=%3Cscript%3E')
    expect(status).toBe(400)
    expect(body.message).toContain('parentAssetId')
  })
})

describe('tags', () => {
  it('match public assets of every team carrying every listed tag', async () => {
    const popular = raw.find((r) => r.privacy === 'public' && r.tags.length >= 2) as RawGeneration
    const [a, b] = popular.tags as [string, string]
    expect(ids(await walkScenario(fx.app, `tags=${a}`))).toEqual(
      expected((r) => r.privacy === 'public' && r.tags.includes(a)),
    )
    const both = await walkScenario(fx.app, `tags=${a},${b}&privacy=public`)
    expect(ids(both)).toEqual(expected((r) => r.privacy === 'public' && r.tags.includes(a) && r.tags.includes(b)))
    expect(ids(both)).toContain(popular.id)
    expect(both.every((x) => x.tags.includes(a) && x.tags.includes(b))).toBe(true)
  })

  it('an unknown tag matches nothing; tags with a private privacy is refused', async () => {
    expect((await list('tags=no-such-tag')).body).toEqual({ assets: [] })
    const { status, body } = await refused('tags=fantasy&privacy=private')
    expect(status).toBe(400)
    expect(body.message).toMatch(/tags only filter public assets/)
  })
})

describe('date bounds', () => {
  const middle = () => {
    const times = raw
      .filter((r) => inTeamList('alice', r))
      .map((r) => r.created_at)
      .sort()
    return [times[Math.floor(times.length / 3)] ?? '', times[Math.floor((2 * times.length) / 3)] ?? ''] as const
  }

  it('created bounds are exclusive and need sortBy=createdAt', async () => {
    const [after, before] = middle()
    const got = await walkScenario(fx.app, `sortBy=createdAt&createdAfter=${after}&createdBefore=${before}`)
    expect(ids(got)).toEqual(expected((r) => inTeamList('alice', r) && r.created_at > after && r.created_at < before))
    expect(got.some((a) => a.createdAt === after || a.createdAt === before)).toBe(false)
  })

  it('updated bounds are exclusive and need sortBy=updatedAt', async () => {
    const times = raw
      .filter((r) => inTeamList('alice', r))
      .map((r) => r.updated_at)
      .sort()
    const after = times[100] as string
    const got = await walkScenario(fx.app, `sortBy=updatedAt&updatedAfter=${after}`)
    expect(ids(got)).toEqual(expected((r) => inTeamList('alice', r) && r.updated_at > after))
  })

  it.each([
    ['createdAfter=2025-01-01', 'createdAfter requires the sortBy parameter to be "createdAt"'],
    ['sortBy=updatedAt&createdBefore=2025-01-01', 'createdBefore requires the sortBy parameter to be "createdAt"'],
    ['sortBy=createdAt&updatedAfter=2025-01-01', 'updatedAfter requires the sortBy parameter to be "updatedAt"'],
    ['updatedBefore=2025-01-01', 'updatedBefore requires the sortBy parameter to be "updatedAt"'],
  ])('refuses %s', async (q, message) => {
    expect(await refused(q)).toEqual({ status: 400, body: { reason: 'invalid_request', message } })
  })

  it('refuses a date that is not ISO 8601', async () => {
    const { status, body } = await refused('sortBy=createdAt&createdAfter=last%20week')
    expect(status).toBe(400)
    expect(body.message).toContain('createdAfter')
  })
})

describe('media', () => {
  it('serves the thumbnail and url of a generation, a video and a 3D asset', async () => {
    for (const type of ['inference-txt2img', 'uploaded-video', 'img23d']) {
      const asset = (await list(`type=${type}&pageSize=1&privacy=public`)).body.assets[0] as ScenarioAsset
      for (const url of [asset.thumbnail?.url as string, asset.url]) {
        const res = await fx.app.request(url)
        expect(res.status, `${type} ${url}`).toBe(200)
        expect(res.headers.get('content-type')).toMatch(/^image\//)
      }
    }
  })
})

describe('originalAssets', () => {
  it('switches the url to the original file', async () => {
    const web = (await list('pageSize=3')).body.assets.map((a) => a.url)
    const original = (await list('pageSize=3&originalAssets=true')).body.assets.map((a) => a.url)
    expect(web.every((u) => u.startsWith('/media/thumb-big/'))).toBe(true)
    expect(original.every((u) => u.startsWith('/media/original/'))).toBe(true)
  })
})

describe('GET /api/scenario/v1/assets/{assetId}', () => {
  it('answers {asset} for a visible asset', async () => {
    const mine = raw.find((r) => r.author === 'alice' && r.privacy === 'private') as RawGeneration
    const { status, body } = await call<ScenarioAssetBody>(fx.app, `/assets/${mine.id}`)
    expect(status).toBe(200)
    expect(body.asset).toMatchObject({ id: mine.id, authorId: 'alice', privacy: 'private' })
  })

  it('answers 404 for another user’s private asset and for an unknown id', async () => {
    const bobs = raw.find((r) => r.author === 'bob' && r.privacy === 'private') as RawGeneration
    expect(await call(fx.app, `/assets/${bobs.id}`)).toEqual({
      status: 404,
      body: { reason: 'not_found', message: `Asset ${bobs.id} not found` },
    })
    expect((await call(fx.app, '/assets/asset_nothing')).status).toBe(404)
  })
})

describe('auth', () => {
  it('accepts Basic demo-<user>:demo-secret as that user', async () => {
    const viaBasic = await walkScenario(fx.app, 'privacy=private', basic('bob'))
    expect(ids(viaBasic)).toEqual(expected((r) => r.author === 'bob' && r.privacy === 'private'))
  })

  it('the public-auth-token header sees public assets only', async () => {
    const got = await walkScenario(fx.app, '', publicToken)
    expect(ids(got)).toEqual(expected((r) => r.privacy === 'public'))
    expect((await list('privacy=private', publicToken)).body).toEqual({ assets: [] })
    const priv = raw.find((r) => r.privacy !== 'public') as RawGeneration
    expect((await call(fx.app, `/assets/${priv.id}`, publicToken)).status).toBe(404)
  })

  it.each([
    ['no header', {}],
    ['an unknown token', { authorization: 'Bearer demo-mallory' }],
    ['a wrong secret', basic('alice', 'guess')],
    ['Bearer public-auth-token', { authorization: 'Bearer public-auth-token' }],
  ])('answers 401 {reason, message} for %s', async (_name, headers) => {
    const { status, body } = await call<ScenarioErrorBody>(fx.app, '/assets', headers)
    expect(status).toBe(401)
    expect(body).toEqual({ reason: 'unauthorized', message: expect.any(String) })
  })

  it('answers unknown paths with 404 in Scenario’s envelope', async () => {
    const { status, body } = await call<ScenarioErrorBody>(fx.app, '/nothing')
    expect(status).toBe(404)
    expect(body.reason).toBe('not_found')
  })
})

describe('hostile names', () => {
  it('come back byte for byte as JSON strings', async () => {
    const res = await fx.app.request('/api/scenario/v1/assets?pageSize=10', { headers: bearer('alice') })
    const text = await res.text()
    expect(text).toContain('"name":"<script>alert(\\"vitrine\\")</script> Launch checklist"')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const names = (JSON.parse(text) as ScenarioAssetsPage).assets.map((a) => a.name)
    expect(names).toContain('تقرير المبيعات السنوي \u202Efdp.exe')
  })
})
