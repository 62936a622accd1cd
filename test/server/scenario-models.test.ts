import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ScenarioAssetsPage,
  ScenarioAuthorsPage,
  ScenarioErrorBody,
  ScenarioInferencesPage,
  ScenarioModelsPage,
} from '../../src/shared/scenario'
import { createFixture, type CatalogFixture } from './fixture'
import { bearer, call, publicToken, rawGenerations, type RawGeneration } from './scenario-fixture'

let fx: CatalogFixture

beforeAll(() => {
  fx = createFixture(400)
})
afterAll(() => fx.close())

interface RawModel {
  id: string
  name: string
  author: string
  group: string
}

const rawModels = (): RawModel[] =>
  fx.catalog.sqlite
    .prepare(
      `SELECT m.public_id AS id, m.name, u.username AS author, u.group_name AS "group"
         FROM scenario_models m JOIN users u ON u.id = m.author_id`,
    )
    .all() as RawModel[]

/** Every page of a token-paged list at `path`, checking each full page but the last. */
async function walkList<T>(
  path: string,
  field: 'models' | 'inferences',
  headers: Record<string, string>,
  pageSize: number,
): Promise<T[]> {
  const out: T[] = []
  let token: string | undefined
  for (let guard = 0; guard < 1000; guard++) {
    const tokenPart = token ? `&paginationToken=${encodeURIComponent(token)}` : ''
    const { status, body } = await call<Record<string, unknown>>(
      fx.app,
      `${path}?pageSize=${pageSize}${tokenPart}`,
      headers,
    )
    expect(status).toBe(200)
    const items = body[field] as T[]
    out.push(...items)
    if (body.nextPaginationToken === undefined) return out
    expect(items).toHaveLength(pageSize)
    token = body.nextPaginationToken as string
  }
  throw new Error('pagination never ended')
}

const walk = (headers: Record<string, string>, pageSize: number) =>
  walkList<ScenarioModelsPage['models'][number]>('/models', 'models', headers, pageSize)

describe('GET /api/scenario/v1/models', () => {
  it('lists the platform’s models and the caller’s team’s, by name, and no other team’s', async () => {
    const models = await walk(bearer('alice'), 100)
    const expected = rawModels()
      .filter((m) => m.author === 'platform' || m.group === 'studio')
      .map((m) => m.id)
      .sort()
    expect(models.map((m) => m.id).sort()).toEqual(expected)
    expect(models.some((m) => m.authorId === 'carol')).toBe(false)
    const names = models.map((m) => m.name)
    expect([...names].sort()).toEqual(names)
    const own = models.find((m) => m.authorId === 'alice')
    expect(own && Object.keys(own).sort()).toEqual(['authorId', 'createdAt', 'id', 'name', 'ownerId', 'privacy'])
  })

  it('pages with signed tokens, every model once', async () => {
    const whole = await walk(bearer('bob'), 100)
    const paged = await walk(bearer('bob'), 3)
    expect(paged.map((m) => m.id)).toEqual(whole.map((m) => m.id))
    expect(whole.length).toBeGreaterThan(3)
  })

  it('shows public access the platform’s models only', async () => {
    const models = await walk(publicToken, 100)
    expect(models.length).toBeGreaterThan(0)
    expect(models.every((m) => m.authorId === 'platform' && m.privacy === 'public')).toBe(true)
  })

  it('refuses a bad page size, a token of another caller, and a missing credential', async () => {
    const big = await call<ScenarioErrorBody>(fx.app, '/models?pageSize=101')
    expect(big.status).toBe(400)
    const first = await call<ScenarioModelsPage>(fx.app, '/models?pageSize=1', bearer('alice'))
    const token = first.body.nextPaginationToken ?? ''
    const replay = await call<ScenarioErrorBody>(
      fx.app,
      `/models?pageSize=1&paginationToken=${encodeURIComponent(token)}`,
      bearer('carol'),
    )
    expect(replay).toMatchObject({ status: 400, body: { reason: 'invalid_pagination_token' } })
    const anonymous = await call<ScenarioErrorBody>(fx.app, '/models', {})
    expect(anonymous.status).toBe(401)
  })
})

/** What alice's team list shows: her own outputs, and her teammates' unlisted and public ones. */
const inAlicesTeamList = (g: RawGeneration) => g.author === 'alice' || (g.group === 'studio' && g.privacy !== 'private')

const walkInferences = (modelId: string, headers: Record<string, string>, pageSize: number) =>
  walkList<ScenarioInferencesPage['inferences'][number]>(
    `/models/${modelId}/inferences`,
    'inferences',
    headers,
    pageSize,
  )

describe('GET /api/scenario/v1/models/{modelId}/inferences', () => {
  /** The model alice's team list has the most outputs of. */
  const busiestModel = () => {
    const counts = new Map<string, number>()
    for (const g of rawGenerations(fx)) {
      if (g.model && g.inference && inAlicesTeamList(g)) counts.set(g.model, (counts.get(g.model) ?? 0) + 1)
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
  }

  it('lists the runs of a model that alice’s team list shows, newest first, counted from what she sees', async () => {
    const modelId = busiestModel()
    const listed = await walkInferences(modelId, bearer('alice'), 100)
    const outputs = new Map<string, RawGeneration[]>()
    for (const g of rawGenerations(fx)) {
      if (g.model === modelId && g.inference && inAlicesTeamList(g)) {
        outputs.set(g.inference, [...(outputs.get(g.inference) ?? []), g])
      }
    }
    expect(outputs.size).toBeGreaterThan(3)
    expect(listed.map((i) => i.id).sort()).toEqual([...outputs.keys()].sort())
    for (const inference of listed) {
      const own = outputs.get(inference.id) ?? []
      expect(inference.imagesNumber).toBe(own.length)
      expect(inference.modelId).toBe(modelId)
      expect(inference.createdAt).toBe(own.map((g) => g.created_at).sort()[0])
      expect(own.map((g) => g.author)).toContain(inference.authorId)
    }
    const times = listed.map((i) => i.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    // Each listed run is what the assets list's inference filter then shows.
    const first = listed[0]!
    const assets = await call<ScenarioAssetsPage>(fx.app, `/assets?inferenceId=${first.id}`, bearer('alice'))
    expect(assets.body.assets).toHaveLength(first.imagesNumber)
  })

  it('pages with signed tokens bound to the caller and the model, every run once', async () => {
    const modelId = busiestModel()
    const whole = await walkInferences(modelId, bearer('alice'), 100)
    const paged = await walkInferences(modelId, bearer('alice'), 2)
    expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id))
    const first = await call<ScenarioInferencesPage>(
      fx.app,
      `/models/${modelId}/inferences?pageSize=1`,
      bearer('alice'),
    )
    const token = encodeURIComponent(first.body.nextPaginationToken ?? '')
    const otherCaller = await call<ScenarioErrorBody>(
      fx.app,
      `/models/${modelId}/inferences?pageSize=1&paginationToken=${token}`,
      bearer('carol'),
    )
    expect(otherCaller).toMatchObject({ status: 400, body: { reason: 'invalid_pagination_token' } })
    const otherModel = rawModels().find((m) => m.id !== modelId)!.id
    const replay = await call<ScenarioErrorBody>(
      fx.app,
      `/models/${otherModel}/inferences?pageSize=1&paginationToken=${token}`,
      bearer('alice'),
    )
    expect(replay).toMatchObject({ status: 400, body: { reason: 'invalid_pagination_token' } })
  })

  it('shows another team nothing of alice’s private runs, lists nothing for an unknown model, refuses a bad id', async () => {
    const modelId = busiestModel()
    const carols = await walkInferences(modelId, bearer('carol'), 100)
    const alicePrivate = new Set(
      rawGenerations(fx)
        .filter((g) => g.author === 'alice' && g.privacy === 'private' && g.inference)
        .map((g) => g.inference),
    )
    expect(carols.some((i) => alicePrivate.has(i.id))).toBe(false)
    expect(await walkInferences('model_nope', bearer('alice'), 100)).toEqual([])
    const bad = await call<ScenarioErrorBody>(
      fx.app,
      `/models/${encodeURIComponent('a b')}/inferences`,
      bearer('alice'),
    )
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('modelId')
    const anonymous = await call<ScenarioErrorBody>(fx.app, `/models/${modelId}/inferences`, {})
    expect(anonymous.status).toBe(401)
  })
})

describe('GET /api/scenario/v1/authors', () => {
  it('lists the authors of alice’s team list, alice first, and each one’s filter shows their assets', async () => {
    const { status, body } = await call<ScenarioAuthorsPage>(fx.app, '/authors', bearer('alice'))
    expect(status).toBe(200)
    expect(body.authors).toEqual([
      { id: 'alice', ownerId: 'proj_studio', you: true },
      { id: 'bob', ownerId: 'proj_studio', you: false },
    ])
    const bobs = await call<ScenarioAssetsPage>(fx.app, '/assets?authorId=bob&pageSize=5', bearer('alice'))
    expect(bobs.body.assets.length).toBeGreaterThan(0)
    expect(bobs.body.assets.every((a) => a.authorId === 'bob')).toBe(true)
  })

  it('lists every author of public assets for public access, and needs a credential', async () => {
    const open = await call<ScenarioAuthorsPage>(fx.app, '/authors', publicToken)
    expect(open.body.authors.map((a) => a.id)).toEqual(['alice', 'bob', 'carol', 'platform'])
    expect((await call<ScenarioErrorBody>(fx.app, '/authors', {})).status).toBe(401)
  })
})
