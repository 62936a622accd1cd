import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backdropColor } from '../../src/server/media/preview-color'
import type { GumnutAsset, GumnutPage } from '../../src/shared/gumnut'
import type { PiktidAssetsPage } from '../../src/shared/piktid'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import type { ScenarioAssetsPage } from '../../src/shared/scenario'
import type { VipanyaAssetsPage } from '../../src/shared/vipanya'
import { createFixture, getJson, type CatalogFixture } from './fixture'

let fx: CatalogFixture

beforeAll(() => {
  fx = createFixture(400)
})
afterAll(() => fx.close())

const HEX = /^#[0-9a-f]{6}$/

interface Listed {
  id: string
  preview: string | undefined
  thumbnail: string | null | undefined
}

/** One page of each dialect's listing, as (id, preview, thumbnail URL). */
async function listings(): Promise<Record<string, Listed[]>> {
  const piktid = (await getJson<PiktidAssetsPage>(fx.app, '/api/piktid/assets?per_page=60')).body.assets
  const scenario = (await getJson<ScenarioAssetsPage>(fx.app, '/api/scenario/v1/assets?pageSize=60')).body.assets
  const vipanya = (await getJson<VipanyaAssetsPage>(fx.app, '/api/vipanya/api/v1/assets?per_page=60')).body.data
  const gumnut = (await getJson<GumnutPage<GumnutAsset>>(fx.app, '/api/gumnut/api/assets?limit=60')).body.data
  return {
    piktid: piktid.map((a) => ({ id: a.id, preview: a.preview_color, thumbnail: a.thumbnail_small })),
    scenario: scenario.map((a) => ({ id: a.id, preview: a.previewColor, thumbnail: a.thumbnail?.url })),
    vipanya: vipanya.map((a) => ({ id: a.id, preview: a.preview_color, thumbnail: a.thumbnail_path })),
    gumnut: gumnut.map((a) => ({ id: a.id, preview: a.preview_color, thumbnail: a.thumbnail_url })),
  }
}

/** Distance between two `#rrggbb` colours in RGB, 0–441. */
function distance(a: string, b: { r: number; g: number; b: number }): number {
  const [r, g, bl] = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16)) as [number, number, number]
  return Math.hypot(r - b.r, g - b.g, bl - b.b)
}

describe('preview colours in listings', () => {
  it('every item with a thumbnail carries a #rrggbb preview in all four dialects, and only those', async () => {
    const all = await listings()
    for (const [dialect, items] of Object.entries(all)) {
      expect(items.length, dialect).toBeGreaterThan(10)
      for (const item of items) {
        if (item.thumbnail) expect(item.preview, `${dialect} ${item.id}`).toMatch(HEX)
        else expect(item.preview, `${dialect} ${item.id}`).toBeUndefined()
      }
      // Colours differ from image to image: they are the images', not one stand-in.
      expect(new Set(items.map((i) => i.preview)).size, dialect).toBeGreaterThan(items.length / 3)
    }
  })

  it('is the same colour for the same image in every listing and lookup', async () => {
    const first = await listings()
    const again = await listings()
    expect(again).toEqual(first)
    const piktid = first.piktid?.[0]
    const one = await getJson<{ preview_color?: string }>(fx.app, `/api/piktid/assets/${piktid?.id}`)
    expect(one.body.preview_color).toBe(piktid?.preview)
  })

  it('is close to the dominant or mean colour of the thumbnail actually served', async () => {
    const all = await listings()
    const sample = Object.values(all).flatMap((items) => items.filter((i) => i.thumbnail).slice(0, 20))
    let close = 0
    for (const item of sample) {
      const res = await fx.app.request(item.thumbnail as string, {
        headers: { authorization: 'Bearer demo-alice' },
      })
      expect(res.status).toBe(200)
      const { dominant, channels } = await sharp(Buffer.from(await res.arrayBuffer())).stats()
      const mean = { r: channels[0]!.mean, g: channels[1]!.mean, b: channels[2]!.mean }
      const color = item.preview as string
      if (Math.min(distance(color, dominant), distance(color, mean)) < 80) close++
    }
    // The backdrop is most of nearly every drawing; a busy collage or a photo with a large
    // foreground may be dominated by its pieces.
    expect(close / sample.length).toBeGreaterThanOrEqual(0.7)
  }, 60_000)
})

describe('preview colours in the PiktID gallery', () => {
  it('every completed image carries its output thumbnail’s colour, the others none', async () => {
    const body = (await getJson<PiktidGalleryPage>(fx.app, '/api/piktid/gallery/by-project?per_page=20')).body
    const images = body.projects.flatMap((p) => p.images)
    const done = images.filter((i) => i.output.thumbnail)
    expect(done.length).toBeGreaterThan(10)
    expect(images.length).toBeGreaterThan(done.length)
    for (const image of images) {
      if (image.output.thumbnail) expect(image.preview_color).toMatch(HEX)
      else expect(image.preview_color).toBeUndefined()
    }
    expect(new Set(done.map((i) => i.preview_color)).size).toBeGreaterThan(done.length / 3)

    let close = 0
    const sample = done.slice(0, 12)
    for (const image of sample) {
      const res = await fx.app.request(image.output.thumbnail as string, {
        headers: { authorization: 'Bearer demo-alice' },
      })
      expect(res.status).toBe(200)
      const { dominant, channels } = await sharp(Buffer.from(await res.arrayBuffer())).stats()
      const mean = { r: channels[0]!.mean, g: channels[1]!.mean, b: channels[2]!.mean }
      if (Math.min(distance(image.preview_color!, dominant), distance(image.preview_color!, mean)) < 80) close++
    }
    expect(close / sample.length).toBeGreaterThanOrEqual(0.7)
  }, 60_000)
})

describe('backdropColor', () => {
  it('reads a flat fill, a short hex and a gradient (the mean of its stops)', () => {
    expect(backdropColor('<svg><rect width="10" height="10" fill="hsl(0 100% 50%)"/></svg>')).toBe('#ff0000')
    expect(backdropColor('<svg><rect width="10" fill="#0f0"/><rect fill="#fff"/></svg>')).toBe('#00ff00')
    expect(
      backdropColor(
        '<svg><defs><linearGradient id="bg"><stop offset="0" stop-color="#000000"/><stop offset="1" stop-color="#ffffff"/></linearGradient><pattern id="p"><rect fill="#123456"/></pattern></defs><rect width="1" fill="url(#bg)"/></svg>',
      ),
    ).toBe('#808080')
  })

  it('gives nothing for a drawing it cannot read', () => {
    expect(backdropColor('')).toBeUndefined()
    expect(backdropColor('<svg><rect fill="url(#missing)"/></svg>')).toBeUndefined()
    expect(backdropColor('<svg><rect fill="rebeccapurple"/></svg>')).toBeUndefined()
  })
})
