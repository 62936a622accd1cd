import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assetQueriesFor } from '../../src/server/db/asset-query'
import { PIKTID_TAGS } from '../../src/shared/piktid'
import { createFixture, TOKENS, type CatalogFixture } from './fixture'

// Query input every dialect must take calmly: NUL and other control characters, escapes that
// are not UTF-8, repeated single-value parameters, and dates outside years 0001–9999. Each is a
// 400 (422 for Gumnut) naming the parameter, never a 500 and never a silent guess.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(300)
})
afterAll(() => fx.close())

async function get(path: string) {
  const res = await fx.app.request(path, { headers: { authorization: `Bearer ${TOKENS.alice}` } })
  return { status: res.status, text: await res.text() }
}

/** Every list endpoint with one of its free-text (or id) parameters and its refusal status. */
const TEXT_PARAMS = [
  ['/api/piktid/assets', 'search', 400],
  ['/api/piktid/assets', 'created_by', 400],
  ['/api/piktid/gallery/by-project', 'search', 400],
  ['/api/scenario/v1/assets', 'tags', 400],
  ['/api/scenario/v1/assets', 'paginationToken', 400],
  ['/api/scenario/v1/assets', 'authorId', 400],
  ['/api/vipanya/api/v1/assets', 'search', 400],
  ['/api/gumnut/api/people', 'name', 422],
  ['/api/gumnut/api/assets', 'library_id', 422],
  ['/api/gumnut/api/faces', 'starting_after_id', 422],
  ['/api/gumnut/api/albums', 'library_id', 422],
] as const

describe('NUL and control characters in query parameters', () => {
  it('answers a PiktID search holding NUL with a 400 naming search (it was an FTS5 500)', async () => {
    for (const term of ['ab%00cd', '%00%00%00', 'dress%00', '%00']) {
      const { status, text } = await get(`/api/piktid/assets?search=${term}`)
      expect(status, term).toBe(400)
      expect(JSON.parse(text)).toEqual({
        error: 'Invalid request',
        detail: [{ field: 'search', message: 'search must not contain control characters', position: 'query' }],
      })
    }
  })

  it('refuses NUL, tab, newline and DEL in every dialect’s text parameters, by name', async () => {
    for (const [path, field, refused] of TEXT_PARAMS) {
      for (const bad of ['%00', 'abc%00def', 'a%09b', 'a%0Ab', 'a%7Fb', 'a%C2%85b']) {
        const { status, text } = await get(`${path}?${field}=${bad}`)
        expect(status, `${path}?${field}=${bad}`).toBe(refused)
        expect(text).toContain(field)
      }
    }
  })

  it('still answers 200 to right-to-left overrides, emoji and other code points', async () => {
    for (const [path, field] of TEXT_PARAMS) {
      if (field.endsWith('_id') || field === 'paginationToken' || field === 'authorId') continue
      for (const good of ['%E2%80%AEabc', '%F0%9F%98%80', '%E5%86%99%E7%9C%9F', '%EF%BF%BF', 'a%20b']) {
        const { status } = await get(`${path}?${field}=${good}`)
        expect(status, `${path}?${field}=${good}`).toBe(200)
      }
    }
  })

  it('keeps the PiktID search query safe for a NUL term even past the parameter rules', () => {
    const queries = assetQueriesFor(fx.catalog)
    const filters = {
      segments: [{ owner: 2, visibility: 0 }],
      includeTags: 0,
      excludeTags: 0,
      search: 'ab\u0000cd',
      tagNames: PIKTID_TAGS,
    }
    expect(() => queries.count(filters)).not.toThrow()
    expect(() => queries.page(filters, 'created_at', 'desc', 10, 0, 10)).not.toThrow()
  })
})

describe('escapes that are not UTF-8', () => {
  it('refuses lone surrogates, stray bytes and broken escapes by name instead of searching for them', async () => {
    for (const [path, field, refused] of TEXT_PARAMS) {
      for (const bad of ['%ED%A0%80', '%ED%A0%80abc', '%FF%FE', '%', '%zz', '%C3']) {
        const { status, text } = await get(`${path}?${field}=${bad}`)
        expect(status, `${path}?${field}=${bad}`).toBe(refused)
        expect(text).toContain(`must be UTF-8 text, percent-encoded`)
      }
    }
  })

  it('ignores a parameter whose name does not decode, as any unknown parameter', async () => {
    expect((await get('/api/piktid/assets?%ED%A0%80=1')).status).toBe(200)
  })
})

describe('repeated parameters', () => {
  it('refuses a single-value parameter given twice, naming it, in every dialect', async () => {
    const cases = [
      ['/api/piktid/assets?per_page=10&per_page=20', 400, 'per_page'],
      ['/api/piktid/assets?search=a&search=', 400, 'search'],
      ['/api/piktid/gallery/by-project?status=failed&status=failed', 400, 'status'],
      ['/api/scenario/v1/assets?pageSize=1&pageSize=2', 400, 'pageSize'],
      ['/api/scenario/v1/assets/x?originalAssets=true&originalAssets=false', 400, 'originalAssets'],
      ['/api/vipanya/api/v1/assets?page=1&page=2', 400, 'page'],
      ['/api/gumnut/api/assets?limit=1&limit=2', 422, 'limit'],
      ['/api/gumnut/api/people?include_hidden=true&include_hidden=false', 422, 'include_hidden'],
    ] as const
    for (const [path, refused, field] of cases) {
      const { status, text } = await get(path)
      expect(status, path).toBe(refused)
      expect(text).toContain(`must be given once`)
      expect(text).toContain(field)
    }
    expect(JSON.parse((await get('/api/piktid/assets?per_page=10&per_page=20')).text)).toEqual({
      error: 'Invalid request',
      detail: [{ field: 'per_page', message: 'per_page must be given once', position: 'query' }],
    })
  })

  it('still reads the parameters the seeds repeat: gallery feedback (002) and Scenario types (001)', async () => {
    expect((await get('/api/piktid/gallery/by-project?feedback=like&feedback=none')).status).toBe(200)
    expect((await get('/api/scenario/v1/assets?types=inference&types=inference-img2img')).status).toBe(200)
  })
})

describe('dates outside years 0001–9999', () => {
  const DATE_PARAMS = [
    ['/api/piktid/assets', 'created_after', ''],
    ['/api/piktid/assets', 'created_before', ''],
    ['/api/scenario/v1/assets', 'createdAfter', '&sortBy=createdAt'],
    ['/api/scenario/v1/assets', 'createdBefore', '&sortBy=createdAt'],
    ['/api/scenario/v1/assets', 'updatedAfter', '&sortBy=updatedAt'],
    ['/api/scenario/v1/assets', 'updatedBefore', '&sortBy=updatedAt'],
  ] as const

  it('refuses a date an offset carries past 9999 or before 0001 (it matched everything)', async () => {
    for (const [path, field, extra] of DATE_PARAMS) {
      for (const bad of ['9999-12-31T23:59:59-01:00', '0001-01-01T00:00:00%2B01:00', '0000-01-01', '10000-01-01']) {
        const { status, text } = await get(`${path}?${field}=${bad}${extra}`)
        expect(status, `${field}=${bad}`).toBe(400)
        expect(text).toContain(field)
      }
    }
  })

  it('accepts the last second of 9999 in UTC', async () => {
    for (const [path, field, extra] of DATE_PARAMS) {
      expect((await get(`${path}?${field}=9999-12-31T23:59:59Z${extra}`)).status).toBe(200)
    }
  })
})
