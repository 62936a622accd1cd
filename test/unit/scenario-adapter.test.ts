import { afterEach, describe, expect, it, vi } from 'vitest'
import { createScenarioAdapter } from '../../src/dialects/scenario/adapter'
import {
  parseScenarioFilters,
  scenarioFilterSchema,
  scenarioFiltersToSearch,
  scenarioConflict,
  scenarioTransition,
  type ScenarioFilters,
} from '../../src/dialects/scenario/filters'
import {
  SCENARIO_FIRST_PAGE,
  mapScenarioAssetBody,
  mapScenarioPage,
  scenarioError,
} from '../../src/dialects/scenario/mapper'
import { buildAssetUrl, buildAssetsUrl } from '../../src/dialects/scenario/request'
import { authorizationHeader } from '../../src/shared/source-rules'
import type { SourceConfig } from '../../src/dialects/types'
import { scenarioAsset, scenarioPage } from '../fixtures/scenario'

const source: SourceConfig = {
  id: 'scenario',
  name: 'Scenario demo',
  dialect: 'scenario',
  baseUrl: 'http://host.test/api/scenario/v1',
  credentials: { token: 'demo-alice' },
}
const BASE = 'http://host.test'

/** The query a filter state sends, as a list of [name, value] pairs. */
const sent = (filters: ScenarioFilters, token?: string) => [...buildAssetsUrl(source, filters, token, 100).searchParams]
/** What the panel state in a URL sends to the API. */
const sentFromUrl = (raw: Record<string, string>) => sent(parseScenarioFilters(raw))

describe('Scenario request builder', () => {
  it('sends one type as `type` and several as repeated `types`, never both', () => {
    expect(sent({ types: ['upscale'] })).toEqual([
      ['type', 'upscale'],
      ['pageSize', '100'],
    ])
    const several = sent({ types: ['inference', 'upscale', 'texture'] })
    expect(several.filter(([k]) => k === 'types').map(([, v]) => v)).toEqual(['inference', 'upscale', 'texture'])
    expect(several.some(([k]) => k === 'type')).toBe(false)
  })

  it('puts every filter under its seed 001 name, then pageSize and the token', () => {
    const url = buildAssetsUrl(
      source,
      {
        privacy: 'public',
        tags: ['fantasy', 'armor'],
        authorId: 'alice',
        modelId: 'model_1',
        inferenceId: 'inf_2',
        parentAssetId: 'asset_3',
        rootAssetId: 'asset_4',
        sortBy: 'updatedAt',
        sortDirection: 'asc',
        updatedAfter: '2025-01-01',
        updatedBefore: '2025-02-01T00:00:00Z',
      },
      'tok.en',
      50,
    )
    expect(url.origin + url.pathname).toBe('http://host.test/api/scenario/v1/assets')
    expect(url.search).toBe(
      '?privacy=public&authorId=alice&modelId=model_1&inferenceId=inf_2&parentAssetId=asset_3&rootAssetId=asset_4' +
        '&tags=fantasy,armor&sortBy=updatedAt&sortDirection=asc&updatedAfter=2025-01-01' +
        '&updatedBefore=2025-02-01T00%3A00%3A00Z&pageSize=50&paginationToken=tok.en',
    )
  })

  it('sends sortBy=createdAt explicitly whenever a created date is set', () => {
    expect(sent({ createdAfter: '2025-01-01' })).toEqual([
      ['sortBy', 'createdAt'],
      ['createdAfter', '2025-01-01'],
      ['pageSize', '100'],
    ])
  })

  it('never sends dates that do not match the sort field, nor tags with a private privacy', () => {
    const params = sent({ sortBy: 'updatedAt', createdAfter: '2025-01-01', privacy: 'private', tags: ['ui'] })
    expect(params).toEqual([
      ['privacy', 'private'],
      ['sortBy', 'updatedAt'],
      ['pageSize', '100'],
    ])
  })

  it('escapes the asset id and keeps the base path', () => {
    expect(buildAssetUrl(source, 'asset_a/b').toString()).toBe('http://host.test/api/scenario/v1/assets/asset_a%2Fb')
  })
})

describe('Scenario filters from the URL (what a panel state sends)', () => {
  it('accepts `type` and `types` alike, keeps known types in the documented order', () => {
    expect(parseScenarioFilters({ types: 'upscale,bogus,inference-txt2img', type: 'texture' })).toEqual({
      types: ['inference-txt2img', 'upscale', 'texture'],
    })
    expect(parseScenarioFilters({ types: ['texture', 'upscale'] }).types).toEqual(['upscale', 'texture'])
  })

  it('folds inference-* types into `inference` when it is chosen', () => {
    expect(parseScenarioFilters({ types: 'inference-img2img,inference,upscale' }).types).toEqual([
      'inference',
      'upscale',
    ])
  })

  it('drops dates that do not match the sort field, so a pasted URL never causes a 400', () => {
    expect(sentFromUrl({ sortBy: 'updatedAt', createdAfter: '2025-01-01', updatedBefore: '2025-03-01' })).toEqual([
      ['sortBy', 'updatedAt'],
      ['updatedBefore', '2025-03-01'],
      ['pageSize', '100'],
    ])
    expect(parseScenarioFilters({ updatedAfter: '2025-01-01' })).toEqual({})
  })

  it('drops a non-public privacy when tags are set, since tags only filter public assets', () => {
    expect(parseScenarioFilters({ tags: 'Fantasy, ui,,fantasy', privacy: 'private' })).toEqual({
      tags: ['fantasy', 'ui'],
    })
    expect(parseScenarioFilters({ tags: 'ui', privacy: 'public' })).toEqual({ tags: ['ui'], privacy: 'public' })
  })

  it('drops bad values and defaults instead of failing', () => {
    expect(
      parseScenarioFilters({
        sortBy: 'createdAt',
        sortDirection: 'desc',
        privacy: 'secret',
        authorId: 'a b<script>',
        createdAfter: 'yesterday',
        pageSize: '7',
      }),
    ).toEqual({})
  })

  it('writes one type as `type` and several as `types` in the URL, and round-trips', () => {
    expect(scenarioFiltersToSearch({ types: ['upscale'] })).toEqual({ type: 'upscale' })
    const raw = { types: 'inference,upscale', privacy: 'public', sortBy: 'updatedAt', updatedAfter: '2025-01-01' }
    expect(scenarioFiltersToSearch(parseScenarioFilters(raw))).toEqual(raw)
  })
})

describe('Scenario filter transitions', () => {
  it('moves a created range to the updated parameters when the sort field changes, and back', () => {
    const before: ScenarioFilters = { createdAfter: '2025-01-01', createdBefore: '2025-02-01' }
    const updated = scenarioTransition(before, { ...before, sortBy: 'updatedAt' })
    expect(updated).toEqual({ sortBy: 'updatedAt', updatedAfter: '2025-01-01', updatedBefore: '2025-02-01' })
    expect(scenarioTransition(updated, { ...updated, sortBy: undefined })).toEqual(before)
    expect(sent(updated).map(([k]) => k)).toEqual(['sortBy', 'updatedAfter', 'updatedBefore', 'pageSize'])
  })

  it('names tags with a private or unlisted privacy as a clash, with the reason, instead of clearing either', () => {
    expect(scenarioConflict({ tags: 'ui', privacy: 'unlisted' })).toEqual({
      keys: ['tags', 'privacy'],
      reason: 'Scenario filters tags on public assets only',
    })
    expect(scenarioConflict({ tags: 'ui', privacy: 'public' })).toBeUndefined()
    expect(scenarioConflict({ privacy: 'private' })).toBeUndefined()
    expect(scenarioConflict({ updatedAfter: '2025-01-01' })?.keys).toEqual(['updatedAfter', 'sortBy'])
    expect(scenarioTransition({ tags: ['ui'] }, { tags: ['ui'], sortBy: 'updatedAt' })).toEqual({
      tags: ['ui'],
      sortBy: 'updatedAt',
    })
  })

  it('declares the created range only for sortBy=createdAt and the updated one for updatedAt', () => {
    const ranges = scenarioFilterSchema.controls.filter((c) => c.kind === 'date-range')
    expect(ranges.map((c) => (c.kind === 'date-range' ? [c.fromKey, c.when?.value] : []))).toEqual([
      ['createdAfter', 'createdAt'],
      ['updatedAfter', 'updatedAt'],
    ])
    const types = scenarioFilterSchema.controls.find((c) => c.kind === 'multi-select')
    const groups = types?.kind === 'multi-select' ? types.groups : []
    expect(groups.map((g) => g.label)).toContain('Upscales')
    expect(groups.flatMap((g) => g.options).length).toBe(72)
  })
})

describe('Scenario response mapper', () => {
  it('maps every wire field to the uniform asset', () => {
    const asset = mapScenarioAssetBody({ asset: scenarioAsset(2) }, BASE)
    expect(asset).toEqual({
      id: 'asset_00000002',
      kind: 'image',
      name: 'a knight in ornate armor, concept art, highly detailed',
      thumbnailUrl: 'http://host.test/media/thumb-small/asset_00000002.webp?s=sig',
      previewUrl: 'http://host.test/media/original/asset_00000002.jpg?s=sig',
      thumbnailSrcSet:
        'http://host.test/media/thumb-small/asset_00000002.webp?s=sig 320w, http://host.test/media/original/asset_00000002.jpg?s=sig 1280w',
      originalUrl: 'http://host.test/media/original/asset_00000002.jpg?s=sig',
      width: 2048,
      height: 2048,
      createdAt: scenarioAsset(2).createdAt,
      createdBy: 'alice',
      tags: ['fantasy', 'armor'],
      visibility: 'public',
      note: 'a knight in ornate armor, concept art, highly detailed',
      detections: [],
      project: null,
      details: {
        type: 'upscale',
        mimeType: 'image/png',
        sizeBytes: 4_200_000,
        updatedAt: scenarioAsset(2).updatedAt,
        prompt: 'a knight in ornate armor, concept art, highly detailed',
        modelId: 'model_abc',
        inferenceId: 'inf_def',
        parentId: 'asset_parent01',
        rootId: 'asset_root0001',
        downloadUrl: 'http://host.test/media/original/asset_00000002.jpg?s=sig',
      },
    })
  })

  it('maps a video with its duration and keeps its name over the prompt', () => {
    const asset = mapScenarioAssetBody(
      {
        asset: scenarioAsset(1, {
          kind: 'video',
          name: 'clip-7.mp4',
          mimeType: 'video/mp4',
          metadata: { kind: 'video', type: 'uploaded-video', duration: 6 },
          thumbnail: undefined,
        }),
      },
      BASE,
    )
    expect(asset.kind).toBe('video')
    expect(asset.name).toBe('clip-7.mp4')
    expect(asset.thumbnailUrl).toBeNull()
    expect(asset.details?.durationSeconds).toBe(6)
  })

  it('never passes on a script URL', () => {
    const asset = mapScenarioAssetBody(
      { asset: scenarioAsset(1, { url: 'javascript:alert(1)', thumbnail: { url: 'data:x' } }) },
      BASE,
    )
    expect(asset.originalUrl).toBe('')
    expect(asset.thumbnailUrl).toBeNull()
  })

  it('carries the token and the count so far in the page param, and there is no total', () => {
    const first = mapScenarioPage(scenarioPage(100, 'tok-2'), SCENARIO_FIRST_PAGE, BASE)
    expect(first.total).toBeNull()
    expect(first.offset).toBe(0)
    expect(first.prevPageParam).toBeUndefined()
    expect(first.nextPageParam).toEqual({ token: 'tok-2', offset: 100 })
    const second = mapScenarioPage(scenarioPage(30), first.nextPageParam ?? SCENARIO_FIRST_PAGE, BASE)
    expect(second.offset).toBe(100)
    expect(second.nextPageParam).toBeUndefined()
    expect(second.prevPageParam).toBeUndefined()
  })

  it('refuses a body that is not an assets page', () => {
    expect(() => mapScenarioPage({ items: [] }, SCENARIO_FIRST_PAGE, BASE)).toThrow(/not a list of assets/)
  })

  it('reads Scenario’s {reason, message} errors', () => {
    const error = scenarioError(400, { reason: 'BadRequest', message: 'type and types cannot be used together' }, 'S')
    expect(error.status).toBe(400)
    expect(error.details).toEqual(['type and types cannot be used together'])
    expect(scenarioError(401, { reason: 'Unauthorized' }, 'S').message).toMatch(/credentials/)
  })
})

describe('Scenario credentials', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends a Scenario key and secret as Basic, or a token as Bearer', () => {
    expect(authorizationHeader('scenario', { token: 'demo-alice' })).toBe('Bearer demo-alice')
    expect(authorizationHeader('scenario', { apiKey: 'demo-alice', apiSecret: 'demo-secret' })).toBe(
      `Basic ${Buffer.from('demo-alice:demo-secret').toString('base64')}`,
    )
  })

  it('puts Basic credentials on the adapter’s requests', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(scenarioPage(1)), { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    const adapter = createScenarioAdapter({ ...source, credentials: { apiKey: 'demo-bob', apiSecret: 'demo-secret' } })
    const page = await adapter.listAssets({ types: ['upscale'] }, SCENARIO_FIRST_PAGE, new AbortController().signal)
    expect(page.items).toHaveLength(1)
    const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit]
    expect(url.toString()).toBe('http://host.test/api/scenario/v1/assets?type=upscale&pageSize=100')
    expect(new Headers(init.headers).get('authorization')).toBe(
      `Basic ${Buffer.from('demo-bob:demo-secret').toString('base64')}`,
    )
  })
})

describe('Scenario model choices', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists models by name from GET /models, following its tokens, and names no other id filter', async () => {
    const pages = [
      { models: [{ id: 'model_a', name: 'Flux.1 Dev', authorId: 'platform' }], nextPaginationToken: 'tok1' },
      { models: [{ id: 'model_b', name: 'Pixel Heroes', authorId: 'alice' }, { id: 'model_c' }] },
    ]
    const fetch = vi.fn(async () => new Response(JSON.stringify(pages.shift()), { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    const adapter = createScenarioAdapter(source)
    const signal = new AbortController().signal
    expect(await adapter.filterOptions?.('modelId', signal)).toEqual([
      { value: 'model_a', label: 'Flux.1 Dev', detail: 'by platform' },
      { value: 'model_b', label: 'Pixel Heroes', detail: 'by alice' },
    ])
    const urls = fetch.mock.calls.map((call) => String((call as unknown as [URL])[0]))
    expect(urls).toEqual([
      'http://host.test/api/scenario/v1/models?pageSize=100',
      'http://host.test/api/scenario/v1/models?pageSize=100&paginationToken=tok1',
    ])
    expect(await adapter.filterOptions?.('parentAssetId', signal)).toEqual([])
  })

  it('lists a model’s inferences by prompt, newest first, and none before a model is chosen', async () => {
    const long = 'a knight in silver armour standing on a cliff above a stormy sea at dusk, cinematic light, 35mm'
    const pages = [
      {
        inferences: [
          { id: 'inf_2', prompt: long, createdAt: '2026-03-02T10:00:00Z', imagesNumber: 4, authorId: 'bob' },
          { id: 'inf_1', createdAt: '2026-03-01T09:00:00Z', imagesNumber: 1, authorId: 'alice' },
        ],
        nextPaginationToken: 'tok1',
      },
      { inferences: [{ id: 'inf_0', prompt: '  ', imagesNumber: 2 }, { prompt: 'no id' }] },
    ]
    const fetch = vi.fn(async () => new Response(JSON.stringify(pages.shift()), { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    const adapter = createScenarioAdapter(source)
    const signal = new AbortController().signal
    expect(await adapter.filterOptions?.('inferenceId', signal)).toEqual([])
    expect(fetch).not.toHaveBeenCalled()
    const options = await adapter.filterOptions?.('inferenceId', signal, 'model a/b')
    expect(options).toEqual([
      { value: 'inf_2', label: `${long.slice(0, 79)}…`, detail: '2026-03-02 · 4 images · by bob' },
      { value: 'inf_1', label: 'Run inf_1', detail: '2026-03-01 · 1 image · by alice' },
      { value: 'inf_0', label: 'Run inf_0', detail: '2 images' },
    ])
    expect(fetch.mock.calls.map((call) => String((call as unknown as [URL])[0]))).toEqual([
      'http://host.test/api/scenario/v1/models/model%20a%2Fb/inferences?pageSize=100',
      'http://host.test/api/scenario/v1/models/model%20a%2Fb/inferences?pageSize=100&paginationToken=tok1',
    ])
  })

  it('lists authors from GET /authors, the caller marked, and refuses an answer that is not a list', async () => {
    const bodies = [{ authors: [{ id: 'alice', you: true }, { id: 'bob', you: false }, { id: 7 }] }, { authors: 'x' }]
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(bodies.shift()), { status: 200 })),
    )
    const adapter = createScenarioAdapter(source)
    const signal = new AbortController().signal
    expect(await adapter.filterOptions?.('authorId', signal)).toEqual([
      { value: 'alice', label: 'alice', detail: 'You' },
      { value: 'bob', label: 'bob' },
    ])
    await expect(adapter.filterOptions?.('authorId', signal)).rejects.toThrow('not a list of authors')
  })

  it('offers no names, only a pasted id, when the account’s API does not list them; other failures still show', async () => {
    const answers = [
      new Response(JSON.stringify({ reason: 'not_found', message: 'Not found' }), { status: 404 }),
      new Response(JSON.stringify({ reason: 'unauthorized', message: 'Bad key' }), { status: 401 }),
    ]
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => answers.shift()),
    )
    const adapter = createScenarioAdapter(source)
    const signal = new AbortController().signal
    expect(await adapter.filterOptions?.('authorId', signal)).toEqual([])
    await expect(adapter.filterOptions?.('modelId', signal)).rejects.toMatchObject({ status: 401 })
  })
})
