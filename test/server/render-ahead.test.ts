import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AHEAD_LIMIT, createRenderAhead, RENDER_AHEAD_HEADER } from '../../src/server/media/render-ahead'
import type { GumnutAsset, GumnutPage } from '../../src/shared/gumnut'
import type { PiktidAssetsPage } from '../../src/shared/piktid'
import type { ScenarioAssetsPage } from '../../src/shared/scenario'
import type { VipanyaAssetsPage } from '../../src/shared/vipanya'
import { createFixture, getJson, type CatalogFixture } from './fixture'

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A lane over a fake render that finishes only when told. */
function lane(busy: () => boolean = () => false) {
  const started: string[] = []
  const finish: (() => void)[] = []
  const ahead = createRenderAhead({
    render: (id) => {
      started.push(id)
      return new Promise<void>((resolve) => finish.push(resolve))
    },
    busy,
  })
  return { ahead, started, finishOne: () => finish.shift()?.() }
}

describe('the render-ahead lane', () => {
  it('renders one at a time, newest listing first', async () => {
    const { ahead, started, finishOne } = lane()
    ahead.add(['a1', 'a2'])
    ahead.add(['b1', 'b2'])
    await settle()
    expect(started).toEqual(['b1'])
    expect(ahead.stats()).toEqual({ waiting: 3, running: true })
    finishOne()
    await settle()
    await settle()
    expect(started).toEqual(['b1', 'b2'])
  })

  it('keeps at most AHEAD_LIMIT ids waiting, dropping the oldest listings', () => {
    const { ahead } = lane(() => true)
    for (let listing = 0; listing < 20; listing++) ahead.add(ids(`l${listing}-`, 100))
    expect(ahead.stats().waiting).toBe(AHEAD_LIMIT)
    // A Gumnut page of 1,000 photos queues only its first ones.
    const fresh = lane(() => true)
    fresh.ahead.add(ids('p', 1000))
    expect(fresh.ahead.stats().waiting).toBeLessThanOrEqual(AHEAD_LIMIT)
  })

  it('waits while on-demand renders run or queue', async () => {
    let busy = true
    const { ahead, started } = lane(() => busy)
    ahead.add(['x'])
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(started).toEqual([])
    busy = false
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(started).toEqual(['x'])
  })
})

describe('render-ahead from listings', () => {
  let fx: CatalogFixture
  beforeAll(() => {
    fx = createFixture(300)
  })
  afterAll(() => fx.close())

  const until = async (done: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms
    while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25))
    return done()
  }

  it('draws the small thumbnails of each dialect’s listing before anyone asks, and never shows the header', async () => {
    const listed: Record<string, string[]> = {}
    const piktid = await getJson<PiktidAssetsPage>(fx.app, '/api/piktid/assets?per_page=6')
    listed.piktid = piktid.body.assets.map((a) => a.id)
    const scenario = await getJson<ScenarioAssetsPage>(fx.app, '/api/scenario/v1/assets?pageSize=6')
    listed.scenario = scenario.body.assets.map((a) => a.id)
    const vipanya = await getJson<VipanyaAssetsPage>(fx.app, '/api/vipanya/api/v1/assets?per_page=6&asset_type=image')
    listed.vipanya = vipanya.body.data.map((a) => a.id)
    const gumnut = await getJson<GumnutPage<GumnutAsset>>(fx.app, '/api/gumnut/api/assets?limit=6')
    listed.gumnut = gumnut.body.data.map((a) => a.id)
    for (const res of [piktid, scenario, vipanya, gumnut]) expect(res.headers.get(RENDER_AHEAD_HEADER)).toBeNull()

    const all = Object.values(listed).flat()
    expect(all.length).toBeGreaterThanOrEqual(20)
    const rendered = () => new Set(fx.renders.filter((r) => r.kind === 'thumb-small').map((r) => r.id))
    expect(await until(() => all.every((id) => rendered().has(id)))).toBe(true)
    // Only what was listed, once each, and nothing but small thumbnails.
    expect(fx.renders.every((r) => r.kind === 'thumb-small' && all.includes(r.id))).toBe(true)
    expect(fx.renders).toHaveLength(all.length)
  }, 30_000)

  it('a listing again renders nothing already cached', async () => {
    const before = fx.renders.length
    await getJson(fx.app, '/api/piktid/assets?per_page=6')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(fx.renders.length).toBe(before)
  })
})
