import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicKeySecret, bearerToken, publicAccessToken, requireScope } from '../../src/server/core/auth'
import { createDialectApp, endpoint } from '../../src/server/core/dialect'
import {
  gumnutErrors,
  piktidErrors,
  Refusal,
  scenarioErrors,
  vipanyaErrors,
  type DialectErrors,
} from '../../src/server/core/errors'
import { integerRule, withDefault } from '../../src/shared/query-rules'
import { createFixture, type CatalogFixture } from './fixture'

// The core as a dialect engineer composes it: credential rules, scopes and envelopes.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(50)
})
afterAll(() => fx.close())

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`

function dialect(errors: DialectErrors) {
  const app = createDialectApp({
    catalog: fx.catalog,
    errors,
    credentials: [bearerToken, basicKeySecret('demo-secret'), publicAccessToken('public-auth-token')],
  })
  const rules = { limit: withDefault(integerRule(1, 100), 50) }
  app.get(
    '/whoami',
    endpoint({
      rules,
      query: (_q, c) => c.get('caller'),
      project: (caller, q) => ({ user: caller.user?.username ?? null, scheme: caller.scheme, limit: q.limit }),
    }),
  )
  app.get('/boom', () => {
    throw new Error('a bug in a handler')
  })
  app.post('/write', requireScope('write:assets'), (c) => c.json({ ok: true }))
  app.post('/held', () => {
    throw Refusal.conflict('Held by bob since 2025-01-31T12:00:00.000Z', 'claim')
  })
  app.get('/teapot', () => {
    throw new HTTPException(418, { message: 'no coffee here' })
  })
  return app
}

const call = async (app: ReturnType<typeof dialect>, path: string, authorization?: string, method = 'GET') => {
  const res = await app.request(path, { method, headers: authorization ? { authorization } : {} })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('core auth', () => {
  it('accepts a bearer token, a Basic key:secret and the public-access header value', async () => {
    const app = dialect(scenarioErrors)
    expect((await call(app, '/whoami', 'Bearer demo-bob')).body).toEqual({ user: 'bob', scheme: 'bearer', limit: 50 })
    expect((await call(app, '/whoami', basic('demo-alice', 'demo-secret'))).body).toEqual({
      user: 'alice',
      scheme: 'basic',
      limit: 50,
    })
    expect((await call(app, '/whoami', 'public-auth-token')).body).toEqual({ user: null, scheme: 'public', limit: 50 })
  })

  it('refuses a wrong Basic secret, an unknown token and a missing header in the dialect’s envelope', async () => {
    const app = dialect(scenarioErrors)
    for (const authorization of [basic('demo-alice', 'nope'), 'Bearer demo-mallory', 'Token abc', undefined]) {
      const { status, body } = await call(app, '/whoami', authorization)
      expect(status).toBe(401)
      expect(body).toEqual({ reason: 'unauthorized', message: expect.any(String) })
    }
  })

  it('answers a missing scope with 403 in Vipanya’s words, and lets a scoped token through', async () => {
    const app = dialect(vipanyaErrors)
    const refused = await call(app, '/write', 'Bearer demo-readonly', 'POST')
    expect(refused).toEqual({
      status: 403,
      body: { error: 'Insufficient permissions', message: 'API key does not have write:assets scope' },
    })
    expect((await call(app, '/write', 'Bearer demo-alice', 'POST')).status).toBe(200)
  })

  it('reports a bad parameter, and a bug in a handler, in each dialect’s own envelope', async () => {
    const gumnut = await call(dialect(gumnutErrors), '/whoami?limit=500', 'Bearer demo-alice')
    expect(gumnut).toEqual({
      status: 422,
      body: { detail: [{ loc: ['query', 'limit'], msg: 'must be between 1 and 100', type: 'value_error' }] },
    })
    const vipanya = await call(dialect(vipanyaErrors), '/whoami?limit=0', 'Bearer demo-alice')
    expect(vipanya).toEqual({
      status: 400,
      body: { error: 'Validation failed', message: 'limit must be between 1 and 100', field: 'limit' },
    })
    const scenario500 = await call(dialect(scenarioErrors), '/boom', 'Bearer demo-alice')
    expect(scenario500).toEqual({ status: 500, body: { reason: 'internal_error', message: expect.any(String) } })
    const gumnut401 = await call(dialect(gumnutErrors), '/whoami')
    expect(gumnut401).toEqual({ status: 401, body: { error: 'unauthorized', message: 'Invalid or expired token' } })
  })

  it('answers a conflict with 409 in each dialect’s own envelope, its message as given', async () => {
    const message = 'Held by bob since 2025-01-31T12:00:00.000Z'
    const held = (errors: DialectErrors) => call(dialect(errors), '/held', 'Bearer demo-alice', 'POST')
    expect(await held(piktidErrors)).toEqual({
      status: 409,
      body: { error: 'Conflict', detail: [{ field: 'claim', message, position: 'body' }] },
    })
    expect(await held(vipanyaErrors)).toEqual({ status: 409, body: { error: 'Conflict', message, field: 'claim' } })
    expect(await held(gumnutErrors)).toEqual({ status: 409, body: { detail: message } })
    expect(await held(scenarioErrors)).toEqual({ status: 409, body: { reason: 'conflict', message } })
  })

  it('is one error path with Hono’s: a refusal is an HTTPException, and Hono’s own keep their status', async () => {
    // Thrown where no dialect renders it (a plain Hono app), a refusal still answers its status.
    const plain = new Hono().get('/gone', () => {
      throw Refusal.notFound('Asset 3fz9a0k2')
    })
    expect((await plain.request('/gone')).status).toBe(404)
    expect(Refusal.field('limit', 'must be a number')).toBeInstanceOf(HTTPException)
    // Under a dialect, an HTTPException that is not a refusal answers as Hono words it, not as a bug.
    const teapot = await dialect(gumnutErrors).request('/teapot', { headers: { authorization: 'Bearer demo-alice' } })
    expect(teapot.status).toBe(418)
    expect(await teapot.text()).toBe('no coffee here')
  })
})
