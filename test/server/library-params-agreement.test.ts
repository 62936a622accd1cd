import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseScenarioFilters } from '../../src/dialects/scenario/filters'
import { buildAssetsUrl as scenarioUrl } from '../../src/dialects/scenario/request'
import type { SourceConfig } from '../../src/dialects/types'
import { parseVipanyaFilters } from '../../src/dialects/vipanya/filters'
import { buildAssetsUrl as vipanyaUrl } from '../../src/dialects/vipanya/request'
import { createFixture, type CatalogFixture } from './fixture'

// Whatever the app keeps from a URL, however mangled, builds a request its API accepts: the
// client reads URLs with the server's own rule tables and cross rules, leniently.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(300)
})
afterAll(() => fx.close())

const source = (dialect: 'scenario' | 'vipanya', baseUrl: string): SourceConfig => ({
  id: dialect,
  name: dialect,
  dialect,
  baseUrl,
  credentials: dialect === 'vipanya' ? { apiKey: 'demo-alice' } : { token: 'demo-alice' },
})

const anyOf = (...values: string[]) => fc.option(fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 12 })))

async function status(url: URL): Promise<number> {
  const res = await fx.app.request(url.pathname + url.search, { headers: { authorization: 'Bearer demo-alice' } })
  return res.status
}

describe('client URL reading agrees with the server', () => {
  it('never builds a Scenario request the server refuses', async () => {
    const raw = fc.record({
      type: anyOf('upscale', 'inference', 'texture', 'nope'),
      types: anyOf('upscale,texture', 'inference,inference-img2img', 'uploaded-video', 'bad,upscale'),
      privacy: anyOf('private', 'public', 'unlisted', 'team'),
      tags: anyOf('fantasy', 'ui,icon', ' , ', 'A'.repeat(70)),
      authorId: anyOf('alice', 'bob', 'x y'),
      parentAssetId: anyOf('asset_abc', '<b>'),
      sortBy: anyOf('createdAt', 'updatedAt', 'name'),
      sortDirection: anyOf('asc', 'desc', 'up'),
      createdAfter: anyOf('2025-01-01', '2025-02-30', '2024-06-01T10:00:00Z'),
      createdBefore: anyOf('2025-03-01', 'soon'),
      updatedAfter: anyOf('2024-01-01', 'never'),
      updatedBefore: anyOf('2025-05-01T00:00:00+02:00'),
    })
    await fc.assert(
      fc.asyncProperty(raw, async (r) => {
        const present = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))
        const url = scenarioUrl(
          source('scenario', 'http://x/api/scenario/v1'),
          parseScenarioFilters(present),
          undefined,
          10,
        )
        expect(await status(url), url.search).toBe(200)
      }),
      { numRuns: 200 },
    )
  })

  it('never builds a Vipanya request the server refuses', async () => {
    const raw = fc.record({
      asset_type: anyOf('pdf', 'external_video', 'git', 'sheet'),
      search: fc.option(fc.string({ maxLength: 250 })),
      sort: anyOf('title', 'updated_at', 'created_at', 'size'),
      order: anyOf('asc', 'desc', 'sideways'),
    })
    await fc.assert(
      fc.asyncProperty(raw, async (r) => {
        const present = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))
        const url = vipanyaUrl(source('vipanya', 'http://x/api/vipanya'), parseVipanyaFilters(present), 1, 100)
        expect(await status(url), url.search).toBe(200)
      }),
      { numRuns: 200 },
    )
  })
})
