import { describe, expect, it } from 'vitest'
import { mapGumnutAsset } from '../../src/dialects/gumnut/mapper'
import { mapPiktidPage } from '../../src/dialects/piktid/mapper'
import { mapScenarioAssetBody } from '../../src/dialects/scenario/mapper'
import { coverSrcSet, previewColor } from '../../src/dialects/thumb-hints'
import { mapVipanyaAsset } from '../../src/dialects/vipanya/mapper'
import { gumnutAsset } from '../fixtures/gumnut'
import { wireAsset } from '../fixtures/piktid'
import { scenarioAsset } from '../fixtures/scenario'
import { vipanyaPdf } from '../fixtures/vipanya'

const BASE = 'http://host.test'
const HOSTILE = [
  'red',
  'url(https://evil.test/x)',
  '#12345',
  '#1234567',
  '#ggg',
  'expression(alert(1))',
  '',
  7,
  null,
  {},
]

describe('previewColor', () => {
  it('keeps #rgb and #rrggbb, in lower case', () => {
    expect(previewColor('#7A8B9C')).toBe('#7a8b9c')
    expect(previewColor('#abc')).toBe('#abc')
  })

  it('drops anything else', () => {
    for (const value of HOSTILE) expect(previewColor(value), String(value)).toBeUndefined()
  })
})

describe('the dialect mappers carry the preview colour', () => {
  const piktid = (preview_color: unknown) =>
    mapPiktidPage({ assets: [{ ...wireAsset(1), preview_color }], pagination: { page: 1, total: 1 } }, 10, BASE)
      .items[0]
  const scenario = (previewColor: unknown) =>
    mapScenarioAssetBody({ asset: { ...scenarioAsset(1), previewColor } }, BASE)
  const vipanya = (preview_color: unknown) =>
    mapVipanyaAsset({ ...vipanyaPdf({}), preview_color } as Parameters<typeof mapVipanyaAsset>[0], BASE)
  const gumnut = (preview_color: unknown) =>
    mapGumnutAsset({ ...gumnutAsset, preview_color } as Parameters<typeof mapGumnutAsset>[0], BASE)

  it.each([
    ['piktid', piktid],
    ['scenario', scenario],
    ['vipanya', vipanya],
    ['gumnut', gumnut],
  ] as const)('%s: a valid colour is kept, anything else dropped, none stays none', (_, map) => {
    expect(map('#7A8B9C')?.preview).toBe('#7a8b9c')
    for (const value of HOSTILE) expect(map(value)?.preview, String(value)).toBeUndefined()
    expect(map(undefined)?.preview).toBeUndefined()
  })
})

describe('coverSrcSet', () => {
  it('describes each thumbnail by the short side that spans a square tile', () => {
    expect(coverSrcSet('/s.webp', '/b.webp', 2000, 3000)).toBe('/s.webp 213w, /b.webp 853w')
    expect(coverSrcSet('/s.webp', '/b.webp', 1000, 1000)).toBe('/s.webp 320w, /b.webp 1000w')
  })

  it('gives none without two distinct thumbnails and a size', () => {
    expect(coverSrcSet('/s.webp', null, 100, 100)).toBeUndefined()
    expect(coverSrcSet('/s.webp', '/s.webp', 100, 100)).toBeUndefined()
    expect(coverSrcSet('/s.webp', '/b.webp', null, 100)).toBeUndefined()
  })

  it('is set by the PiktID and Scenario mappers, which have both', () => {
    const page = mapPiktidPage({ assets: [wireAsset(1)], pagination: { page: 1, total: 1 } }, 10, BASE)
    expect(page.items[0]?.thumbnailSrcSet).toMatch(/thumb-small.* 213w, .*thumb-big.* 853w$/)
    expect(mapScenarioAssetBody({ asset: scenarioAsset(1) }, BASE).thumbnailSrcSet).toMatch(/ 320w, .* 1280w$/)
  })
})
