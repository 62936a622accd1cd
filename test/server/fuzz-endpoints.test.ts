import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gumnutAlbumsParams, gumnutAssetsParams, gumnutFacesParams, gumnutPeopleParams } from '../../src/shared/gumnut'
import { piktidAssetsParams, piktidGalleryParams } from '../../src/shared/piktid-params'
import { strictQuery, type RuleTable } from '../../src/shared/query-rules'
import { scenarioAssetParams, scenarioAssetsParams } from '../../src/shared/scenario-params'
import { vipanyaAssetsParams } from '../../src/shared/vipanya-params'
import { createFixture, type CatalogFixture } from './fixture'
import { tableChecksum } from './fuzz-support'

// Random requests to every endpoint of every dialect, valid and not: parameter sets with NUL,
// lone surrogates, bytes that are not UTF-8, huge numbers, repeated keys and unknown keys; ids
// of every shape; write bodies of every JSON type, nested deep, with wrong types and nasty text.
// Whatever arrives: never a 500, always JSON, every 4xx in the dialect's own envelope, and a
// refused write changes nothing.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(200)
})
afterAll(() => fx.close())

// ---- the dialects' error envelopes (src/server/core/errors.ts) --------------------------------

type Envelope = (status: number, body: unknown) => boolean

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isString = (v: unknown): v is string => typeof v === 'string'

const piktidEnvelope: Envelope = (_status, body) =>
  isObject(body) &&
  isString(body.error) &&
  Array.isArray(body.detail) &&
  body.detail.length > 0 &&
  body.detail.every(
    (d) => isObject(d) && (d.field === null || isString(d.field)) && isString(d.message) && isString(d.position),
  )

const vipanyaEnvelope: Envelope = (_status, body) =>
  isObject(body) && isString(body.error) && isString(body.message) && (body.field === undefined || isString(body.field))

const scenarioEnvelope: Envelope = (_status, body) => isObject(body) && isString(body.reason) && isString(body.message)

const gumnutEnvelope: Envelope = (status, body) => {
  if (!isObject(body)) return false
  if (status === 422) {
    return (
      Array.isArray(body.detail) &&
      body.detail.length > 0 &&
      body.detail.every((d) => isObject(d) && Array.isArray(d.loc) && isString(d.msg) && isString(d.type))
    )
  }
  if (status === 404) return isString(body.detail)
  return isString(body.error) && isString(body.message)
}

// ---- values ---------------------------------------------------------------------------------

/** Text that has broken parsers before: NUL, surrogates, offsets past 9999, FTS5 syntax, … */
const NASTY = [
  '\u0000',
  'ab\u0000cd',
  '\u0000\u0000\u0000',
  '\ud800',
  'x\udfffy',
  '\u202eabc',
  '\t\n\r',
  '\u007f\u0085',
  '\uffff',
  '😀',
  '写真',
  '9999-12-31T23:59:59-01:00',
  '0001-01-01T00:00:00+01:00',
  '0000-01-01',
  '10000-01-01',
  '2025-02-30',
  '2025-01-31T12:00:00Z',
  '2025-01-31',
  '-1',
  '0',
  '1e400',
  '9'.repeat(400),
  '9007199254740993',
  '1.5',
  '0x10',
  ' 1 ',
  'NaN',
  'Infinity',
  'x'.repeat(5000),
  '"',
  '""',
  "'",
  '*',
  'NEAR(a b)',
  'a OR b',
  'a AND NOT b',
  '%',
  '_',
  '\\',
  '..',
  '../..',
  'null',
  'undefined',
  '[]',
  '{}',
  'true',
  ',',
  ',,,',
  '__proto__',
  'constructor',
]

/** Values a parameter of some dialect takes (so random sets also reach the queries). */
const PLAUSIBLE = [
  '1',
  '2',
  '20',
  '100',
  '101',
  '1000',
  'asc',
  'desc',
  'created_at',
  'updated_at',
  'filename',
  'title',
  'original_filename',
  'quality_score',
  'createdAt',
  'updatedAt',
  'mine',
  'shared',
  'all',
  'public',
  'private',
  'unlisted',
  'like',
  'dislike',
  'none',
  'pending',
  'completed',
  'failed',
  'true',
  'false',
  'model,product',
  'model',
  'image',
  'pdf',
  'inference',
  'inference-txt2img',
  'alice',
  'dress',
  'look',
]

/** Characters slipped into otherwise accepted values. */
const ODD_CHARACTERS = [
  '\u0000',
  '\u0000\u0000',
  '\ud800',
  '\udc00',
  '\u202e',
  '\t',
  '\n',
  '\u007f',
  '"',
  '%',
  '*',
  '\ufffd',
]

/** Percent-escapes of random bytes: often not UTF-8 at all. */
const rawBytes = fc
  .uint8Array({ minLength: 1, maxLength: 6 })
  .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''))

/** Percent-encodes `text` as UTF-8, or, for lone surrogates that cannot be, as U+FFFD's bytes. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'))
}

/** A query value already in wire form: anything at all, ids of the catalog among it. */
function wireValue(ids: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE).map(encode) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY).map(encode) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(encode) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(encode) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: rawBytes },
    { weight: 1, arbitrary: fc.constantFrom('%', '%z', '%ED%A0%80', '%C3', '%00', '+', '%2B', '') },
    { weight: 1, arbitrary: fc.constantFrom('none', ...ids).map(encode) },
  )
}

/** The values of PLAUSIBLE, NASTY and `ids` that `rules[key]` accepts alone. */
function acceptedValues(rules: RuleTable, key: string, ids: readonly string[]): string[] {
  const rule = rules[key]
  if (!rule) return []
  const table = { [key]: rule }
  return [...PLAUSIBLE, ...NASTY, ...ids].filter((value) => strictQuery(table, { [key]: [value] }).ok)
}

/**
 * A query string over `rules`' keys: a set of values each parameter accepts, then up to two
 * hostile changes, each replacing a value or added beside it (a repeated key): an accepted
 * value with an odd character slipped in, anything at all, an undecodable escape, or an unknown
 * key. So a bad value usually travels with valid ones and reaches the code that reads it.
 */
function queryString(rules: RuleTable, ids: readonly string[]): fc.Arbitrary<string> {
  const known = Object.keys(rules)
  const unknown = ['unknown', 'Page', 'page[]', '%00', '%ED%A0%80']
  const anyValue = wireValue(ids)
  const accepted = new Map(known.map((key) => [key, acceptedValues(rules, key, ids)]))
  const goodValue = (key: string): fc.Arbitrary<string> => {
    const values = accepted.get(key) ?? []
    return values.length > 0 ? fc.constantFrom(...values).map(encode) : anyValue
  }
  // An accepted value with one odd character let in somewhere: NUL, a lone surrogate, …
  const mutated = (key: string): fc.Arbitrary<string> => {
    const values = accepted.get(key) ?? []
    if (values.length === 0) return anyValue
    return fc
      .tuple(fc.constantFrom(...values), fc.constantFrom(...ODD_CHARACTERS), fc.nat())
      .map(([value, odd, at]) => {
        const cut = at % (value.length + 1)
        const text = encode(`${value.slice(0, cut)}${odd}${value.slice(cut)}`)
        // U+FFFD stands for the lone surrogates encode() cannot write; send the surrogate's bytes.
        return text.replaceAll('%EF%BF%BD', odd === '\ufffd' ? '%EF%BF%BD' : '%ED%A0%80')
      })
  }
  const base =
    known.length > 0
      ? fc.subarray(known).chain((keys) => fc.tuple(...keys.map((key) => goodValue(key).map((v) => [key, v] as const))))
      : fc.constant([] as (readonly [string, string])[])
  const hostileFor = (key: string) =>
    fc.oneof(
      { weight: 3, arbitrary: mutated(key) },
      { weight: 2, arbitrary: anyValue },
      { weight: 1, arbitrary: goodValue(key) },
    )
  const change = fc.oneof(
    {
      weight: known.length > 0 ? 9 : 0,
      arbitrary:
        known.length > 0
          ? fc
              .tuple(fc.constantFrom(...known), fc.boolean(), fc.boolean())
              .chain(([key, replace, again]) =>
                hostileFor(key).map((value) => ({ key, value, replace: replace || !again })),
              )
          : fc.constant({ key: 'unknown', value: '', replace: false }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...unknown), anyValue)
        .map(([key, value]) => ({ key, value, replace: false })),
    },
  )
  return fc.tuple(base, fc.array(change, { maxLength: 2 }), fc.boolean()).map(([pairs, changes, bare]) => {
    const out = pairs.map(([key, value]) => [key, value] as [string, string])
    for (const { key, value, replace } of changes) {
      const at = out.findIndex(([k]) => k === key)
      if (replace && at >= 0) out[at] = [key, value]
      else out.push([key, value])
    }
    return out.map(([key, value]) => (bare && value === '' ? key : `${key}=${value}`)).join('&')
  })
}

/** A path segment for a by-id route: a real id, a mangled one, or anything. */
function idSegment(ids: readonly string[]): fc.Arbitrary<string> {
  const real = fc.constantFrom('none', ...ids)
  return fc.oneof(
    { weight: 3, arbitrary: real.map(encodeURIComponent) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(real, fc.constantFrom('%00', 'x', '%ED%A0%80', '.', '%20'))
        .map(([id, tail]) => `${encodeURIComponent(id)}${tail}`),
    },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY).map(encode) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encode) },
    { weight: 1, arbitrary: rawBytes },
  )
}

const AUTH = ['Bearer demo-alice', 'Bearer demo-bob', 'Bearer demo-carol', 'Bearer demo-readonly', 'Bearer nope', '']
const authHeader = fc.oneof(
  { weight: 12, arbitrary: fc.constant('Bearer demo-alice') },
  { weight: 3, arbitrary: fc.constantFrom(...AUTH) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')) },
)

// ---- requests -------------------------------------------------------------------------------

interface Answer {
  status: number
  body: unknown
}

async function call(method: string, path: string, authorization: string, body?: string): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (authorization) headers.authorization = authorization
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fx.app.request(path, { method, headers, body })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`${method} ${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`)
  }
  return { status: res.status, body: json }
}

/** The property every answer must have. */
function checkAnswer(what: string, answer: Answer, envelope: Envelope, allowed: readonly number[]): void {
  const { status, body } = answer
  if (!allowed.includes(status)) {
    throw new Error(`${what} answered ${status}, expected one of ${allowed.join(', ')}: ${JSON.stringify(body)}`)
  }
  if (status >= 400 && !envelope(status, body)) {
    throw new Error(`${what} answered ${status} outside the dialect's envelope: ${JSON.stringify(body)}`)
  }
}

const RUNS = 150
const params = { numRuns: RUNS, seed: 12_012, endOnFailure: true } as const

// ---- the endpoints --------------------------------------------------------------------------

interface ListEndpoint {
  path: string
  rules: RuleTable
  envelope: Envelope
  allowed: readonly number[]
  ids: () => string[]
}

interface ByIdEndpoint {
  path: (id: string) => string
  rules?: RuleTable
  envelope: Envelope
  allowed: readonly number[]
  ids: () => string[]
}

const ids: Record<'piktid' | 'scenario' | 'vipanya' | 'library' | 'album' | 'person' | 'photo' | 'face', string[]> = {
  piktid: [],
  scenario: [],
  vipanya: [],
  library: [],
  album: [],
  person: [],
  photo: [],
  face: [],
}

beforeAll(async () => {
  const list = async (path: string) => (await call('GET', path, 'Bearer demo-alice')).body as Record<string, unknown>
  ids.piktid = fx.rows.slice(0, 20).map((r) => r.id)
  ids.scenario = ((await list('/api/scenario/v1/assets?pageSize=20')).assets as { id: string }[]).map((a) => a.id)
  ids.vipanya = ((await list('/api/vipanya/api/v1/assets?per_page=20')).data as { id: string }[]).map((a) => a.id)
  const gumnut = async (path: string) =>
    ((await list(`/api/gumnut/api/${path}`)).data as { id: string }[]).map((a) => a.id)
  ids.library = ((await call('GET', '/api/gumnut/api/libraries', 'Bearer demo-alice')).body as { id: string }[]).map(
    (l) => l.id,
  )
  ids.album = await gumnut('albums?limit=10')
  ids.person = await gumnut('people?limit=10')
  ids.photo = await gumnut('assets?limit=10')
  ids.face = await gumnut('faces?limit=10')
  for (const [kind, list] of Object.entries(ids)) expect(list.length, kind).toBeGreaterThan(0)
})

const allGumnutIds = () => [...ids.library, ...ids.album, ...ids.person, ...ids.photo, ...ids.face]
const READ = [200, 400, 401, 403, 404] as const
const GUMNUT_READ = [200, 401, 403, 404, 422] as const

const LISTS: ListEndpoint[] = [
  { path: '/api/piktid/assets', rules: piktidAssetsParams, envelope: piktidEnvelope, allowed: READ, ids: () => [] },
  {
    path: '/api/piktid/gallery/by-project',
    rules: piktidGalleryParams,
    envelope: piktidEnvelope,
    allowed: READ,
    ids: () => [],
  },
  { path: '/api/piktid/project', rules: {}, envelope: piktidEnvelope, allowed: READ, ids: () => [] },
  {
    path: '/api/scenario/v1/assets',
    rules: scenarioAssetsParams,
    envelope: scenarioEnvelope,
    allowed: READ,
    ids: () => ids.scenario,
  },
  {
    path: '/api/vipanya/api/v1/assets',
    rules: vipanyaAssetsParams,
    envelope: vipanyaEnvelope,
    allowed: READ,
    ids: () => [],
  },
  {
    path: '/api/gumnut/api/assets',
    rules: gumnutAssetsParams,
    envelope: gumnutEnvelope,
    allowed: GUMNUT_READ,
    ids: allGumnutIds,
  },
  {
    path: '/api/gumnut/api/people',
    rules: gumnutPeopleParams,
    envelope: gumnutEnvelope,
    allowed: GUMNUT_READ,
    ids: allGumnutIds,
  },
  {
    path: '/api/gumnut/api/faces',
    rules: gumnutFacesParams,
    envelope: gumnutEnvelope,
    allowed: GUMNUT_READ,
    ids: allGumnutIds,
  },
  {
    path: '/api/gumnut/api/albums',
    rules: gumnutAlbumsParams,
    envelope: gumnutEnvelope,
    allowed: GUMNUT_READ,
    ids: allGumnutIds,
  },
  { path: '/api/gumnut/api/libraries', rules: {}, envelope: gumnutEnvelope, allowed: GUMNUT_READ, ids: allGumnutIds },
]

const BY_ID: [string, ByIdEndpoint][] = [
  [
    'PiktID asset',
    { path: (id) => `/api/piktid/assets/${id}`, envelope: piktidEnvelope, allowed: READ, ids: () => ids.piktid },
  ],
  [
    'Scenario asset',
    {
      path: (id) => `/api/scenario/v1/assets/${id}`,
      rules: scenarioAssetParams,
      envelope: scenarioEnvelope,
      allowed: READ,
      ids: () => ids.scenario,
    },
  ],
  [
    'Vipanya asset',
    {
      path: (id) => `/api/vipanya/api/v1/assets/${id}`,
      envelope: vipanyaEnvelope,
      allowed: READ,
      ids: () => ids.vipanya,
    },
  ],
  [
    'Gumnut asset',
    {
      path: (id) => `/api/gumnut/api/assets/${id}`,
      envelope: gumnutEnvelope,
      allowed: GUMNUT_READ,
      ids: () => [...ids.photo, ...ids.person],
    },
  ],
  [
    'Gumnut person',
    {
      path: (id) => `/api/gumnut/api/people/${id}`,
      envelope: gumnutEnvelope,
      allowed: GUMNUT_READ,
      ids: () => [...ids.person, ...ids.photo],
    },
  ],
]

describe('fuzzing every list endpoint', () => {
  for (const endpoint of LISTS) {
    it(`never fails on random parameters: GET ${endpoint.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(queryString(endpoint.rules, endpoint.ids()), authHeader, async (query, authorization) => {
          const path = `${endpoint.path}?${query}`
          checkAnswer(`GET ${path}`, await call('GET', path, authorization), endpoint.envelope, endpoint.allowed)
        }),
        params,
      )
    })
  }
})

describe('fuzzing every by-id endpoint', () => {
  for (const [name, endpoint] of BY_ID) {
    it(`never fails on random ids and parameters: ${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          idSegment(endpoint.ids()),
          queryString(endpoint.rules ?? {}, endpoint.ids()),
          authHeader,
          async (id, query, authorization) => {
            const path = `${endpoint.path(id)}?${query}`
            checkAnswer(`GET ${path}`, await call('GET', path, authorization), endpoint.envelope, endpoint.allowed)
          },
        ),
        params,
      )
    })
  }
})

// ---- writes ---------------------------------------------------------------------------------

/** JSON values of every type, nested, with nasty text among them. */
const nastyText = fc.oneof(fc.constantFrom(...NASTY, ...PLAUSIBLE), fc.string({ unit: 'binary', maxLength: 30 }))
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyText },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, 1e308, -0, [], {}, [[[[['deep']]]]], {
      nested: { object: [1, { x: null }] },
    }),
  },
)

/** A body shaped like `fields` expects, each field sometimes valid, sometimes anything, sometimes missing. */
function bodyLike(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const record: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, valid] of Object.entries(fields)) {
    record[key] = fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyJson })
  }
  return fc
    .tuple(
      fc.record(record, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'id', 'owner_id', 'created_at'), anyJson, {
        maxKeys: 2,
      }),
    )
    .map(([body, extra]) => ({ ...extra, ...body }))
}

/** A request body as text: JSON of a plausible or arbitrary value, or text that is not JSON. */
function bodyText(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: plausible.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"a":}',
        'null',
        '\u0000',
        '{"title":"\\ud800","asset_type":"pdf"}',
        `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
        `{"a":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
        'x'.repeat(100_000),
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
  )
}

interface ImageKey {
  job_id: string
  image_index: number
  group_index: number
}

/** Rows changed on the catalog's connection, and a counter SQLite bumps on other connections' commits. */
function writeStamp(): string {
  const changes = fx.catalog.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }
  const version = fx.catalog.sqlite.pragma('data_version', { simple: true }) as number
  return `${changes.n}/${version}`
}

interface WriteEndpoint {
  name: string
  path: string
  envelope: Envelope
  body: () => fc.Arbitrary<string>
  tables: string[]
  /** Statuses besides 200, 201, 400, 401, 403 and 404 the endpoint may answer. */
  alsoAnswers?: number[]
}

const images = (): ImageKey[] =>
  fx.catalog.sqlite
    .prepare(
      `SELECT job_id, image_index, group_index FROM gallery_images WHERE id IN (1, 2, 3, 500, 1000, 20000) ORDER BY id`,
    )
    .all() as ImageKey[]

/** An annotation, its fields sometimes out of range, of the wrong type or missing. */
const annotation = bodyLike({
  x: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
  y: fc.double({ min: 0, max: 1, noNaN: true }),
  w: fc.constantFrom(0, 0.1, 0.5, 1),
  h: fc.constantFrom(0, 0.2, 2),
  note: fc.oneof(nastyText, fc.string({ maxLength: 520 })),
  tag: fc.constantFrom('face', 'hands', 'garment', 'fit', 'background', 'artifact', 'other', 'shoes'),
})

/** Bodies of a write about one of the catalog's gallery images: its key, and `fields` beside it. */
const imageWrite = (fields: Record<string, fc.Arbitrary<unknown>>) => () =>
  bodyText(
    fc.constantFrom(...images()).chain((key) =>
      bodyLike({
        job_id: fc.constant(key.job_id),
        image_index: fc.constant(key.image_index),
        group_index: fc.constant(key.group_index),
        ...fields,
      }),
    ),
  )

const WRITES: WriteEndpoint[] = [
  {
    name: 'PiktID POST /gallery/feedback',
    path: '/api/piktid/gallery/feedback',
    envelope: piktidEnvelope,
    tables: ['gallery_images'],
    body: imageWrite({
      feedback: fc.constantFrom('like', 'dislike', null),
      feedback_comment: fc.oneof(nastyText, fc.constant(null), fc.string({ maxLength: 2100 })),
      review_status: fc.constantFrom('approved', 'needs_retouch', null, 'rejected'),
      review_annotations: fc.oneof(fc.constant(null), fc.array(annotation, { maxLength: 52 })),
    }),
  },
  {
    name: 'PiktID POST /gallery/claim',
    path: '/api/piktid/gallery/claim',
    envelope: piktidEnvelope,
    tables: ['gallery_images'],
    // Held by someone else, or not sent to retouch.
    alsoAnswers: [409],
    body: imageWrite({ claim: fc.boolean() }),
  },
  {
    name: 'Vipanya POST /api/v1/assets',
    path: '/api/vipanya/api/v1/assets',
    envelope: vipanyaEnvelope,
    tables: ['vipanya_assets'],
    body: () =>
      bodyText(
        bodyLike({
          title: fc.oneof(nastyText, fc.string({ minLength: 1, maxLength: 300 })),
          description: fc.oneof(nastyText, fc.string({ maxLength: 100 })),
          asset_type: fc.constantFrom('pdf', 'document', 'image', 'video', 'audio', 'link', 'git', 'external_video'),
          external_url: fc.oneof(
            fc.constantFrom(
              'https://youtube.com/watch?v=abc',
              'https://example.com/x',
              'javascript:alert(1)',
              'http://',
              'https://example.com/\u0000',
            ),
            nastyText,
          ),
          is_public: fc.oneof(fc.boolean(), anyJson),
        }),
      ),
  },
]

describe('fuzzing every write', () => {
  for (const endpoint of WRITES) {
    it(`never fails, and a refused write changes nothing: ${endpoint.name}`, async () => {
      let refused = 0
      await fc.assert(
        fc.asyncProperty(endpoint.body(), authHeader, async (body, authorization) => {
          const before = writeStamp()
          const answer = await call('POST', endpoint.path, authorization, body)
          checkAnswer(`POST ${endpoint.path} ${body.slice(0, 200)}`, answer, endpoint.envelope, [
            200,
            201,
            400,
            401,
            403,
            404,
            ...(endpoint.alsoAnswers ?? []),
          ])
          if (answer.status >= 400) {
            refused += 1
            expect(writeStamp(), `refused ${answer.status} changed the catalog: ${body.slice(0, 200)}`).toBe(before)
          }
        }),
        { ...params, numRuns: 300 },
      )
      expect(refused).toBeGreaterThan(50)
    })

    it(`leaves its tables byte for byte as they were after a run of refused writes: ${endpoint.name}`, async () => {
      const before = endpoint.tables.map((t) => tableChecksum(fx.catalog, t))
      const refusals = fc.oneof(
        // Missing credentials, a read-only key, or a body that cannot be an object.
        fc.tuple(endpoint.body(), fc.constantFrom('', 'Bearer nope')),
        fc.tuple(
          fc.oneof(
            anyJson.filter((v) => !isObject(v)).map((v) => JSON.stringify(v) ?? 'null'),
            fc.constant('{'),
          ),
          fc.constant('Bearer demo-alice'),
        ),
      )
      await fc.assert(
        fc.asyncProperty(refusals, async ([body, authorization]) => {
          const answer = await call('POST', endpoint.path, authorization, body)
          expect(answer.status).toBeGreaterThanOrEqual(400)
          expect(answer.status).toBeLessThan(500)
        }),
        { ...params, numRuns: 100 },
      )
      expect(endpoint.tables.map((t) => tableChecksum(fx.catalog, t))).toEqual(before)
    })
  }
})
