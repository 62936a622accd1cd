import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioAssetsPage, ScenarioErrorBody } from '../../src/shared/scenario'
import { createFixture, type CatalogFixture } from './fixture'
import { basic, bearer, call, publicToken } from './scenario-fixture'

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(1200)
})
afterAll(() => fx.close())

async function firstToken(query: string, headers = bearer('alice')): Promise<string> {
  const { body } = await call<ScenarioAssetsPage>(fx.app, `/assets?${query}&pageSize=5`, headers)
  if (!body.nextPaginationToken) throw new Error('expected a next page')
  return body.nextPaginationToken
}

const next = (query: string, token: string, headers = bearer('alice')) =>
  call<ScenarioAssetsPage & ScenarioErrorBody>(
    fx.app,
    `/assets?${query}&pageSize=5&paginationToken=${encodeURIComponent(token)}`,
    headers,
  )

function expectRefused(result: { status: number; body: unknown }, message: RegExp) {
  expect(result.status).toBe(400)
  expect(result.body).toEqual({ reason: 'invalid_pagination_token', message: expect.stringMatching(message) })
}

describe('Scenario pagination tokens', () => {
  it('continue the same listing where the last page ended', async () => {
    const { body: first } = await call<ScenarioAssetsPage>(fx.app, '/assets?type=inference&pageSize=10')
    const { body: halfA } = await call<ScenarioAssetsPage>(fx.app, '/assets?type=inference&pageSize=5')
    const { body: halfB } = await next('type=inference', halfA.nextPaginationToken as string)
    expect([...halfA.assets, ...halfB.assets].map((a) => a.id)).toEqual(first.assets.map((a) => a.id))
  })

  it('keep working when only the page size changes', async () => {
    const token = await firstToken('sortBy=updatedAt')
    const { status, body } = await call<ScenarioAssetsPage>(
      fx.app,
      `/assets?sortBy=updatedAt&pageSize=20&paginationToken=${encodeURIComponent(token)}`,
    )
    expect(status).toBe(200)
    expect(body.assets).toHaveLength(20)
  })

  it('refuse an edited token', async () => {
    const token = await firstToken('privacy=public')
    const [payload, signature] = token.split('.') as [string, string]
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    const forged = Buffer.from(JSON.stringify({ ...decoded, u: 3 })).toString('base64url')
    expectRefused(await next('privacy=public', `${forged}.${signature}`), /malformed or has been altered/)
    const flipped = `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`
    expectRefused(await next('privacy=public', flipped), /altered/)
  })

  it('refuse a truncated token, and garbage', async () => {
    const token = await firstToken('')
    for (const bad of [token.slice(0, -3), token.slice(0, token.indexOf('.')), token.slice(5), 'abc', '..', '%%%']) {
      expectRefused(await next('', bad), /malformed or has been altered/)
    }
  })

  it('refuse a token replayed with other filters or another sort order', async () => {
    const token = await firstToken('type=upscale')
    expectRefused(await next('type=texture', token), /other filters/)
    expectRefused(await next('type=upscale&sortDirection=asc', token), /other filters/)
    expectRefused(await next('', token), /other filters/)
  })

  it('refuse a token taken from another user, or used with public access', async () => {
    const alices = await firstToken('privacy=public')
    expectRefused(await next('privacy=public', alices, bearer('bob')), /other credentials/)
    expectRefused(await next('privacy=public', alices, publicToken), /other credentials/)
    // The same user through Basic credentials is still the same caller.
    expect((await next('privacy=public', alices, basic('alice'))).status).toBe(200)
  })

  it('never fail with a 500, whatever the token', async () => {
    const real = await firstToken('')
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(
            fc.string({ maxLength: 200 }),
            fc.base64String({ maxLength: 200 }),
            fc.nat({ max: real.length }).map((n) => real.slice(0, n) + real.slice(n + 1)),
            fc
              .tuple(fc.nat({ max: real.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }))
              .map(([n, c]) => real.slice(0, n) + c + real.slice(n + 1)),
          )
          .filter((token) => token.trim() !== ''),
        async (token) => {
          const { status } = await next('', token)
          // Only the real token (an edit that changed nothing) may pass.
          expect(status).toBe(token.trim() === real ? 200 : 400)
        },
      ),
      { numRuns: 150 },
    )
  })
})
