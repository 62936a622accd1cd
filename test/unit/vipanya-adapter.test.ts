import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../src/dialects/http'
import { createVipanyaAdapter } from '../../src/dialects/vipanya/adapter'
import { parseVipanyaFilters, vipanyaFilterSchema, vipanyaFiltersToSearch } from '../../src/dialects/vipanya/filters'
import { mapVipanyaAssetBody, mapVipanyaPage, vipanyaError } from '../../src/dialects/vipanya/mapper'
import { buildAssetUrl, buildAssetsUrl, buildCreateRequest } from '../../src/dialects/vipanya/request'
import type { SourceConfig } from '../../src/dialects/types'
import { validateVipanyaCreate, videoEmbedFor } from '../../src/shared/vipanya'
import { vipanyaPage, vipanyaPdf } from '../fixtures/vipanya'

const source: SourceConfig = {
  id: 'vipanya',
  name: 'Vipanya demo',
  dialect: 'vipanya',
  baseUrl: 'http://host.test/api/vipanya',
  credentials: { apiKey: 'demo-alice' },
}
const BASE = 'http://host.test'

describe('Vipanya request builder', () => {
  it('puts every filter under its seed 003 name, then page and per_page', () => {
    const url = buildAssetsUrl(
      source,
      { asset_type: 'external_video', search: 'road map', sort: 'title', order: 'asc' },
      2,
      100,
    )
    expect(url.origin + url.pathname).toBe('http://host.test/api/vipanya/api/v1/assets')
    expect(url.search).toBe('?asset_type=external_video&search=road+map&sort=title&order=asc&page=2&per_page=100')
  })

  it('leaves API defaults out of the request', () => {
    expect(buildAssetsUrl(source, { sort: 'created_at', order: 'desc' }, 1, 20).search).toBe('?page=1&per_page=20')
  })

  it('escapes the asset id', () => {
    expect(buildAssetUrl(source, 'a/b').toString()).toBe('http://host.test/api/vipanya/api/v1/assets/a%2Fb')
  })

  it('posts only the fields that are set', () => {
    const { url, init } = buildCreateRequest(source, {
      title: 'Demo',
      asset_type: 'link',
      external_url: 'https://example.com/x',
      is_public: false,
    })
    expect(url.toString()).toBe('http://host.test/api/vipanya/api/v1/assets')
    expect(init.method).toBe('POST')
    expect(JSON.parse(String(init.body))).toEqual({
      title: 'Demo',
      asset_type: 'link',
      is_public: false,
      external_url: 'https://example.com/x',
    })
  })
})

describe('Vipanya filters from the URL', () => {
  it('keeps documented values, drops the rest and the defaults', () => {
    expect(parseVipanyaFilters({ asset_type: 'git', sort: 'title', order: 'asc', search: '  guide ' })).toEqual({
      asset_type: 'git',
      sort: 'title',
      order: 'asc',
      search: 'guide',
    })
    expect(parseVipanyaFilters({ asset_type: 'spreadsheet', sort: 'size', order: 'desc', page: '3' })).toEqual({})
    expect(parseVipanyaFilters({ search: 'x'.repeat(201) })).toEqual({})
  })

  it('round-trips through the URL form and sends exactly those parameters', () => {
    const raw = { asset_type: 'pdf', search: 'guide', sort: 'updated_at' }
    expect(vipanyaFiltersToSearch(parseVipanyaFilters(raw))).toEqual(raw)
    expect([...buildAssetsUrl(source, parseVipanyaFilters(raw), 1, 100).searchParams.keys()]).toEqual([
      'asset_type',
      'search',
      'sort',
      'page',
      'per_page',
    ])
  })

  it('offers every asset type, hosted video included', () => {
    const select = vipanyaFilterSchema.controls.find((c) => c.kind === 'select')
    expect(select?.kind === 'select' && select.options.map((o) => o.value)).toEqual([
      'pdf',
      'document',
      'image',
      'video',
      'external_video',
      'audio',
      'link',
      'collection',
      'git',
    ])
  })
})

describe('Vipanya response mapper', () => {
  it('maps seed 003’s example asset', () => {
    expect(mapVipanyaAssetBody({ success: true, data: vipanyaPdf() }, BASE)).toEqual({
      id: '550e8400-e29b-41d4-a716-446655440000',
      kind: 'pdf',
      name: 'Product Guide 2024',
      thumbnailUrl: 'http://host.test/uploads/thumbnails/product-guide.jpg',
      previewUrl: 'http://host.test/uploads/thumbnails/product-guide.jpg',
      originalUrl: 'http://host.test/uploads/assets/product-guide.pdf',
      width: null,
      height: null,
      createdAt: '2024-01-15T10:30:00Z',
      createdBy: '',
      tags: [],
      visibility: 'public',
      note: 'Comprehensive guide to our products',
      detections: [],
      project: null,
      details: {
        type: 'pdf',
        description: 'Comprehensive guide to our products',
        mimeType: 'application/pdf',
        sizeBytes: 2048576,
        pageCount: 24,
        wordCount: 5200,
        downloadUrl: 'http://host.test/uploads/assets/product-guide.pdf',
        downloadCount: 156,
        updatedAt: '2024-01-20T14:22:00Z',
      },
    })
  })

  it('resolves host-relative paths of a remote instance against its origin', () => {
    const asset = mapVipanyaAssetBody(vipanyaPdf(), 'https://library.example.org')
    expect(asset.originalUrl).toBe('https://library.example.org/uploads/assets/product-guide.pdf')
  })

  it('gives a hosted video its player and a link its host; drops unsafe URLs', () => {
    const video = mapVipanyaAssetBody(
      vipanyaPdf({
        asset_type: 'external_video',
        file_path: null,
        external_url: 'https://youtube.com/watch?v=example',
        video_embed: 'https://youtube.com/embed/example',
      }),
      BASE,
    )
    expect(video.kind).toBe('video')
    expect(video.details?.embedUrl).toBe('https://youtube.com/embed/example')
    expect(video.details?.host).toBe('youtube.com')
    const link = mapVipanyaAssetBody(
      vipanyaPdf({ asset_type: 'link', file_path: null, external_url: 'https://www.w3.org/WAI/' }),
      BASE,
    )
    expect(link.details?.host).toBe('w3.org')
    expect(link.originalUrl).toBe('https://www.w3.org/WAI/')
    const hostile = mapVipanyaAssetBody(
      vipanyaPdf({
        asset_type: 'external_video',
        file_path: 'javascript:alert(1)',
        external_url: 'javascript:alert(1)',
        video_embed: 'https://evil.example/embed',
      }),
      BASE,
    )
    expect(hostile.originalUrl).toBe('')
    expect(hostile.details?.externalUrl).toBeUndefined()
    expect(hostile.details?.embedUrl).toBeUndefined()
  })

  it('names a git asset by its repository', () => {
    const git = mapVipanyaAssetBody(
      vipanyaPdf({ asset_type: 'git', file_path: null, external_url: 'https://github.com/vitrine/design-tokens.git' }),
      BASE,
    )
    expect(git.kind).toBe('git')
    expect(git.details?.repoName).toBe('vitrine/design-tokens')
  })

  it('keeps hostile titles as plain strings', () => {
    const title = '<script>alert("vitrine")</script> Launch checklist'
    expect(mapVipanyaAssetBody(vipanyaPdf({ title }), BASE).name).toBe(title)
  })

  it('derives offset, total and page params from the pagination block', () => {
    const middle = mapVipanyaPage(vipanyaPage(2, 100, 250), BASE)
    expect(middle).toMatchObject({ offset: 100, total: 250, nextPageParam: 3, prevPageParam: 1 })
    expect(mapVipanyaPage(vipanyaPage(3, 100, 250), BASE).nextPageParam).toBeUndefined()
    expect(() => mapVipanyaPage({ data: [] }, BASE)).toThrow(/not a list/)
  })

  it('reads validation and scope errors', () => {
    const invalid = vipanyaError(400, { error: 'Validation failed', message: 'Title is required', field: 'title' }, 'V')
    expect(invalid).toMatchObject({ status: 400, message: 'Title is required', field: 'title' })
    const scope = vipanyaError(
      403,
      { error: 'Insufficient permissions', message: 'API key does not have write:assets scope' },
      'Vipanya demo',
    )
    expect(scope.message).toBe('Vipanya demo refused: API key does not have write:assets scope.')
  })
})

describe('Vipanya create rules (shared with the server)', () => {
  const valid = {
    title: 'New Product Demo',
    asset_type: 'external_video',
    external_url: 'https://youtube.com/watch?v=example',
  }

  it('accepts seed 003’s example and defaults is_public to false', () => {
    expect(validateVipanyaCreate(valid)).toEqual({ ok: true, body: { ...valid, is_public: false } })
  })

  it.each([
    [{ ...valid, title: undefined }, 'title', 'Title is required'],
    [{ ...valid, title: '   ' }, 'title', 'Title is required'],
    [{ ...valid, title: 'x'.repeat(501) }, 'title', 'Title must be at most 500 characters'],
    [{ ...valid, asset_type: 'spreadsheet' }, 'asset_type', /one of: pdf, document/],
    [{ ...valid, asset_type: undefined }, 'asset_type', 'Asset type is required'],
    [{ ...valid, external_url: undefined }, 'external_url', 'External URL is required for external_video assets'],
    [{ title: 'A', asset_type: 'link', external_url: ' ' }, 'external_url', /required for link/],
    [{ ...valid, external_url: 'javascript:alert(1)' }, 'external_url', /http or https/],
    [{ ...valid, is_public: 'yes' }, 'is_public', /true or false/],
  ])('refuses %j on the right field', (body, field, message) => {
    const result = validateVipanyaCreate(body)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.field).toBe(field)
      expect(result.message).toMatch(message)
    }
  })

  it('accepts a 500-character title and a body that is not an object is refused', () => {
    expect(validateVipanyaCreate({ title: 'x'.repeat(500), asset_type: 'pdf' }).ok).toBe(true)
    expect(validateVipanyaCreate([])).toEqual({
      ok: false,
      field: 'body',
      message: 'Request body must be a JSON object',
    })
  })

  it('derives embeds for YouTube and Vimeo only', () => {
    expect(videoEmbedFor('https://youtube.com/watch?v=example')).toBe('https://youtube.com/embed/example')
    expect(videoEmbedFor('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s')).toBe(
      'https://youtube.com/embed/dQw4w9WgXcQ',
    )
    expect(videoEmbedFor('https://youtu.be/dQw4w9WgXcQ')).toBe('https://youtube.com/embed/dQw4w9WgXcQ')
    expect(videoEmbedFor('https://vimeo.com/76979871')).toBe('https://player.vimeo.com/video/76979871')
    expect(videoEmbedFor('https://video.example.org/watch/1')).toBeUndefined()
    expect(videoEmbedFor('https://youtube.com/watch?v=<script>')).toBeUndefined()
  })
})

describe('Vipanya create capability', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('validates before sending and never calls the API with a bad body', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const adapter = createVipanyaAdapter(source)
    expect(adapter.createAsset?.validate({ title: '', asset_type: 'pdf' })).toEqual({
      ok: false,
      field: 'title',
      message: 'Title is required',
    })
    await expect(
      adapter.createAsset?.create({ title: 'L', asset_type: 'link' }, new AbortController().signal),
    ).rejects.toMatchObject({ status: 400, field: 'external_url' })
    expect(fetch).not.toHaveBeenCalled()
  })

  it('sends a valid body and maps the created asset; a 403 is an ApiError with the scope message', async () => {
    const created = vipanyaPdf({
      id: 'new-1',
      title: 'Demo link',
      asset_type: 'link',
      file_path: null,
      external_url: 'https://example.com/',
    })
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify({ success: true, data: created }), { status: 201 }))
      .mockResolvedValueOnce(
        new Response(
          JSON.stringify({ error: 'Insufficient permissions', message: 'API key does not have write:assets scope' }),
          { status: 403 },
        ),
      )
    vi.stubGlobal('fetch', fetch)
    const adapter = createVipanyaAdapter(source)
    const body = { title: 'Demo link', asset_type: 'link', external_url: 'https://example.com/' }
    const asset = await adapter.createAsset?.create(body, new AbortController().signal)
    expect(asset).toMatchObject({ id: 'new-1', kind: 'link', name: 'Demo link' })
    const init = fetch.mock.calls[0]?.[1] as RequestInit
    expect(new Headers(init.headers).get('content-type')).toBe('application/json')
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer demo-alice')
    const refusal = await adapter.createAsset?.create(body, new AbortController().signal).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(ApiError)
    expect((refusal as ApiError).status).toBe(403)
    expect((refusal as ApiError).message).toMatch(/write:assets/)
  })
})

describe('Vipanya single-item samples', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('asks for a page of one at the index, with the same filters, and answers nothing past the end', async () => {
    const one = (page: number, total: number) => new Response(JSON.stringify(vipanyaPage(page, 1, total)))
    const fetch = vi.fn().mockResolvedValueOnce(one(251, 900)).mockResolvedValueOnce(one(901, 900))
    vi.stubGlobal('fetch', fetch)
    const adapter = createVipanyaAdapter(source)
    const filters = { sort: 'title', order: 'asc' } as const
    const asset = await adapter.assetAt?.(filters, 250, new AbortController().signal)
    expect(asset?.id).toBe('id-250')
    expect(new URL(String(fetch.mock.calls[0]?.[0])).search).toBe('?sort=title&order=asc&page=251&per_page=1')
    expect(await adapter.assetAt?.(filters, 900, new AbortController().signal)).toBeUndefined()
  })
})
