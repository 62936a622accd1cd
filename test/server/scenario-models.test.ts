import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioErrorBody, ScenarioModelsPage } from '../../src/shared/scenario'
import { createFixture, type CatalogFixture } from './fixture'
import { bearer, call, publicToken } from './scenario-fixture'

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

async function walk(headers: Record<string, string>, pageSize: number): Promise<ScenarioModelsPage['models']> {
  const out: ScenarioModelsPage['models'] = []
  let token: string | undefined
  for (let guard = 0; guard < 100; guard++) {
    const tokenPart = token ? `&paginationToken=${encodeURIComponent(token)}` : ''
    const { status, body } = await call<ScenarioModelsPage>(fx.app, `/models?pageSize=${pageSize}${tokenPart}`, headers)
    expect(status).toBe(200)
    out.push(...body.models)
    if (body.nextPaginationToken === undefined) return out
    expect(body.models).toHaveLength(pageSize)
    token = body.nextPaginationToken
  }
  throw new Error('pagination never ended')
}

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
