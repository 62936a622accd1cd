import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFixture, getJson, TOKENS, type CatalogFixture, type DemoUser } from './fixture'

// The conformance suite every dialect runs: what any API the server speaks owes its clients,
// whatever its wire shape. Each dialect is described once (its main list, an item path, how it
// pages and how its envelopes read) and every check below runs against all four. A fifth dialect
// adds its description here.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(600)
})
afterAll(() => fx.close())

interface Page {
  ids: string[]
  /** The list's total, for APIs that give one. */
  total?: number
  /** The query of the next page; absent on the last. */
  next?: string
}

interface Dialect {
  name: string
  /** The main list's path. */
  list: string
  /** The query of the first page of `size` items. */
  first(size: number): string
  read(body: unknown, size: number): Page
  item(id: string): string
  /** The page-size parameter, its largest value, and the dialect's refusal of one bad parameter. */
  sizeParam: string
  maxSize: number
  invalid: { status: number; body(field: string): unknown }
  unauthorized: unknown
  notFound(id: string): unknown
  /** An item only bob may see. */
  privateOfBob(): Promise<string>
}

const any = expect.any(String) as unknown as string
const naming = (field: string) => expect.stringContaining(field) as unknown as string
const idsOf = (items: { id: string }[]) => items.map((i) => i.id)
const oneRow = (sql: string): string => (fx.catalog.sqlite.prepare(sql).get() as { id: string }).id
const BOB = "(SELECT id FROM users WHERE username = 'bob')"

const DIALECTS: Dialect[] = [
  {
    name: 'PiktID',
    list: '/api/piktid/assets',
    first: (size) => `per_page=${size}&page=1`,
    read(body, size) {
      const b = body as { assets: { id: string }[]; pagination: { page: number; pages: number; total: number } }
      const { page, pages, total } = b.pagination
      return { ids: idsOf(b.assets), total, next: page < pages ? `per_page=${size}&page=${page + 1}` : undefined }
    },
    item: (id) => `/api/piktid/assets/${id}`,
    sizeParam: 'per_page',
    maxSize: 100,
    invalid: {
      status: 400,
      body: (field) => ({ error: 'Invalid request', detail: [{ field, message: naming(field), position: 'query' }] }),
    },
    unauthorized: {
      error: 'Unauthorized',
      detail: [{ field: 'Authorization', message: 'Missing bearer token', position: 'header' }],
    },
    notFound: (id) => ({
      error: 'Not found',
      detail: [{ field: 'asset_id', message: `Asset ${id} not found`, position: 'path' }],
    }),
    privateOfBob: async () =>
      oneRow(`SELECT public_id AS id FROM assets WHERE visibility = 0 AND created_by = ${BOB} LIMIT 1`),
  },
  {
    name: 'Scenario',
    list: '/api/scenario/v1/assets',
    first: (size) => `pageSize=${size}`,
    read(body, size) {
      const b = body as { assets: { id: string }[]; nextPaginationToken?: string }
      const token = b.nextPaginationToken
      return {
        ids: idsOf(b.assets),
        next: token === undefined ? undefined : `pageSize=${size}&paginationToken=${encodeURIComponent(token)}`,
      }
    },
    item: (id) => `/api/scenario/v1/assets/${id}`,
    sizeParam: 'pageSize',
    maxSize: 100,
    invalid: { status: 400, body: (field) => ({ reason: 'invalid_request', message: naming(field) }) },
    unauthorized: { reason: 'unauthorized', message: 'Missing credentials' },
    notFound: (id) => ({ reason: 'not_found', message: `Asset ${id} not found` }),
    privateOfBob: async () =>
      oneRow(`SELECT public_id AS id FROM scenario_assets WHERE privacy = 0 AND author_id = ${BOB} LIMIT 1`),
  },
  {
    name: 'Vipanya',
    list: '/api/vipanya/api/v1/assets',
    first: (size) => `per_page=${size}&page=1`,
    read(body, size) {
      const b = body as {
        data: { id: string }[]
        pagination: { page: number; total_pages: number; total: number }
      }
      const { page, total_pages, total } = b.pagination
      return { ids: idsOf(b.data), total, next: page < total_pages ? `per_page=${size}&page=${page + 1}` : undefined }
    },
    item: (id) => `/api/vipanya/api/v1/assets/${id}`,
    sizeParam: 'per_page',
    maxSize: 100,
    invalid: { status: 400, body: (field) => ({ error: 'Validation failed', message: naming(field), field }) },
    unauthorized: { error: 'Unauthorized', message: 'API key required' },
    notFound: (id) => ({ error: 'Not found', message: `Asset ${id} not found` }),
    privateOfBob: async () =>
      oneRow(
        `SELECT uuid AS id FROM vipanya_assets WHERE is_public = 0 AND is_published = 1 AND owner_id = ${BOB} LIMIT 1`,
      ),
  },
  {
    name: 'Gumnut',
    list: '/api/gumnut/api/assets',
    first: (size) => `limit=${size}`,
    read(body, size) {
      const b = body as { data: { id: string }[]; has_more: boolean }
      const last = b.data.at(-1)
      return { ids: idsOf(b.data), next: b.has_more && last ? `limit=${size}&starting_after_id=${last.id}` : undefined }
    },
    item: (id) => `/api/gumnut/api/assets/${id}`,
    sizeParam: 'limit',
    maxSize: 1000,
    invalid: {
      status: 422,
      body: (field) => ({ detail: [{ loc: ['query', field], msg: any, type: 'value_error' }] }),
    },
    unauthorized: { error: 'unauthorized', message: 'Invalid or expired token' },
    notFound: (id) => ({ detail: `Asset ${id} not found` }),
    // Photo libraries are private to their owner: any of bob's photos.
    privateOfBob: async () => {
      const { body } = await getJson<{ data: { id: string }[] }>(fx.app, '/api/gumnut/api/assets?limit=1', 'bob')
      return body.data[0]?.id ?? ''
    },
  },
]

/** Every page of a dialect's main list with pages of `size`. */
async function walk(d: Dialect, size: number, user: DemoUser = 'alice') {
  const ids: string[] = []
  const totals = new Set<number>()
  let query: string | undefined = d.first(size)
  while (query !== undefined) {
    const { status, body } = await getJson(fx.app, `${d.list}?${query}`, user)
    expect(status, `${d.list}?${query}`).toBe(200)
    const page = d.read(body, size)
    expect(page.ids.length).toBeLessThanOrEqual(size)
    if (page.total !== undefined) totals.add(page.total)
    ids.push(...page.ids)
    query = page.next
  }
  return { ids, totals: [...totals] }
}

describe.each(DIALECTS)('$name conformance', (d) => {
  it('walks its list page by page: each item once, the same items in the same order at any page size, one total', async () => {
    const small = await walk(d, 37)
    expect(small.ids.length).toBeGreaterThan(37)
    expect(new Set(small.ids).size).toBe(small.ids.length)
    const large = await walk(d, d.maxSize)
    expect(large.ids).toEqual(small.ids)
    for (const { totals } of [small, large]) {
      if (totals.length > 0) expect(totals).toEqual([small.ids.length])
    }
  })

  it('refuses an out-of-range, a malformed and a repeated parameter by name, in its own envelope', async () => {
    for (const value of ['0', `${d.maxSize + 1}`, 'ten', '-1']) {
      const { status, body } = await getJson(fx.app, `${d.list}?${d.sizeParam}=${value}`)
      expect(status, `${d.sizeParam}=${value}`).toBe(d.invalid.status)
      expect(body).toEqual(d.invalid.body(d.sizeParam))
    }
    const repeated = await getJson(fx.app, `${d.list}?${d.sizeParam}=5&${d.sizeParam}=6`)
    expect(repeated.status).toBe(d.invalid.status)
    expect(repeated.body).toEqual(d.invalid.body(d.sizeParam))
  })

  it('requires credentials, refused in its own 401 envelope', async () => {
    const { status, body } = await getJson(fx.app, d.list, null)
    expect(status).toBe(401)
    expect(body).toEqual(d.unauthorized)
    const res = await fx.app.request(d.list, { headers: { authorization: `Bearer ${TOKENS.alice}x` } })
    expect(res.status).toBe(401)
  })

  it('shows an item only to whom may see it: another user’s private item is a 404 and never listed', async () => {
    const id = await d.privateOfBob()
    expect(id).not.toBe('')
    expect((await getJson(fx.app, d.item(id), 'bob')).status).toBe(200)
    const refused = await getJson(fx.app, d.item(id), 'alice')
    expect(refused).toMatchObject({ status: 404, body: d.notFound(id) })
    expect((await walk(d, d.maxSize)).ids).not.toContain(id)
  })

  it('answers an unknown id and an unknown path under its mount in its own 404 envelope', async () => {
    const unknown = await getJson(fx.app, d.item('nope'))
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual(d.notFound('nope'))
    const route = await getJson(fx.app, `${d.list}/nope/further`)
    expect(route.status).toBe(404)
    expect(Object.keys(route.body as object).sort()).toEqual(Object.keys(d.notFound('x') as object).sort())
  })
})
