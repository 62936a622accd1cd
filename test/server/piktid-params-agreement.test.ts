import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePiktidFilters, piktidFiltersToSearch } from '../../src/dialects/piktid/filters'
import { queryOf } from '../../src/dialects/http'
import type { PiktidAssetsPage, PiktidErrorBody } from '../../src/shared/piktid'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { piktidGalleryParams } from '../../src/shared/piktid-params'
import { encodeQuery, lenientQuery, strictQuery } from '../../src/shared/query-rules'
import { createFixture, getJson, type CatalogFixture } from './fixture'

// The app's URL parser and the server's validator come from one rule table
// (src/shared/piktid-params), so a URL the app keeps is a request the server accepts.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(200)
})
afterAll(() => fx.close())

const KEYS = [
  'search',
  'include_tags',
  'exclude_tags',
  'ownership',
  'created_by',
  'created_after',
  'created_before',
  'sort_by',
  'order',
  'page',
  'per_page',
  'unknown',
] as const

const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'))

const dateLike = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), two(0, 13), two(0, 32))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`),
  fc
    .tuple(
      fc.integer({ min: 1990, max: 2030 }),
      two(1, 12),
      two(1, 31),
      two(0, 25),
      two(0, 61),
      fc.constantFrom('', 'Z', '+02:00', '-0530', '+24:00', 'x'),
    )
    .map(([y, m, d, h, mi, zone]) => `${y}-${m}-${d}T${h}:${mi}${zone}`),
)

const tagLike = fc
  .array(fc.constantFrom('model', 'product', 'background', 'other', 'MODEL', 'Sky', 'hat', ' other ', ''), {
    maxLength: 5,
  })
  .map((tags) => tags.join(','))

const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 90, maxLength: 230 }),
  fc.constantFrom('asc', 'desc', 'filename', 'created_at', 'size', 'mine', 'shared', 'default', 'everyone', '  ', ''),
  fc.integer({ min: -5, max: 500 }).map(String),
  dateLike,
  tagLike,
)

const rawParams = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: KEYS.length })

describe('PiktID parameters: the app and the server read them with the same rules', () => {
  it('accepts on the server whatever the app’s URL parser keeps, for random parameter sets', async () => {
    await fc.assert(
      fc.asyncProperty(rawParams, async (raw) => {
        const kept = piktidFiltersToSearch(parsePiktidFilters(raw))
        const query = queryOf(kept).toString()
        const res = await getJson<PiktidAssetsPage | PiktidErrorBody>(fx.app, `/api/piktid/assets?${query}`)
        expect(res.body, query).not.toHaveProperty('error')
        expect(res.status, query).toBe(200)
      }),
      { numRuns: 300 },
    )
  })

  it.each([
    ['an impossible date', { created_after: '2025-02-30' }, 'created_after'],
    ['an impossible time', { created_before: '2025-02-03T24:10' }, 'created_before'],
    ['an uploader name over 100 characters', { created_by: 'x'.repeat(150) }, 'created_by'],
  ])('drops %s in the app, which the server refuses naming the field', async (_name, raw, field) => {
    expect(parsePiktidFilters(raw)).toEqual({})
    const res = await getJson<PiktidErrorBody>(fx.app, `/api/piktid/assets?${new URLSearchParams(raw)}`)
    expect(res.status).toBe(400)
    expect(res.body.detail.map((d) => d.field)).toEqual([field])
  })

  it('keeps a valid date as written and an uploader name of up to 100 characters', async () => {
    const raw = { created_after: '2024-02-29T10:00:00+02:00', created_by: 'y'.repeat(100) }
    expect(parsePiktidFilters(raw)).toEqual(raw)
    const res = await getJson<PiktidAssetsPage>(fx.app, `/api/piktid/assets?${new URLSearchParams(raw)}`)
    expect(res.status).toBe(200)
    expect(res.body.pagination.total).toBe(0)
  })
})

const GALLERY_KEYS = [
  'page',
  'per_page',
  'order',
  'project_id',
  'status',
  'feedback',
  'sort_by',
  'ownership',
  'max_images_per_project',
  'search',
] as const

const galleryValue = fc.oneof(
  value,
  fc.constantFrom('pending', 'processing', 'completed', 'failed', 'done', 'like', 'dislike', 'none', 'LIKE'),
  fc.constantFrom('original_filename', 'quality_score', 'created_at', 'mine', 'shared', 'default'),
  fc.array(fc.constantFrom('like', 'dislike', 'none', 'meh', ' like ', ''), { minLength: 1, maxLength: 4 }),
)

/** The query as the server's reader sees it (Hono's `c.req.queries()`): every value of each key. */
function serverView(query: string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [key, v] of new URLSearchParams(query)) (out[key] ??= []).push(v)
  return out
}

describe('PiktID gallery parameters: one rule table for the app and the server', () => {
  it('validates strictly whatever the lenient reader keeps, repeated feedback included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...GALLERY_KEYS), galleryValue), (raw) => {
        const kept = lenientQuery(piktidGalleryParams, raw)
        const query = new URLSearchParams(encodeQuery(piktidGalleryParams, kept)).toString()
        const checked = strictQuery(piktidGalleryParams, serverView(query))
        expect(checked, query).toMatchObject({ ok: true })
      }),
      { numRuns: 500 },
    )
  })

  it('and the endpoint answers such a URL with 200', async () => {
    const raw = { feedback: ['like', 'meh', 'none'], status: 'failed', sort_by: 'quality_score', per_page: '500' }
    const query = new URLSearchParams(encodeQuery(piktidGalleryParams, lenientQuery(piktidGalleryParams, raw)))
    expect(query.toString()).toBe('status=failed&feedback=like&feedback=none&sort_by=quality_score')
    const res = await getJson<PiktidGalleryPage>(fx.app, `/api/piktid/gallery/by-project?${query}`)
    expect(res.status).toBe(200)
    expect(res.body.projects.flatMap((p) => p.images).every((i) => i.status === 'failed')).toBe(true)
  })
})
