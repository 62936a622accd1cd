import { describe, expect, it } from 'vitest'
import {
  boxOnImage,
  containBox,
  FIT,
  FIT_MARGIN,
  fitScale,
  imageRect,
  lineInImage,
  MAX_SCALE,
  needsOriginal,
  panBy,
  toggleZoom,
  zoomBy,
  zoomTo,
  ZOOM_STEP,
} from '../../src/ui/zoom'

const photo = { width: 3000, height: 2000 }
const viewport = { width: 1024, height: 768 }
const fit = (1024 - 2 * FIT_MARGIN) / 3000

describe('zoom', () => {
  it('fits the whole image with a margin, and never blows a small one up', () => {
    expect(fitScale(photo, viewport)).toBeCloseTo(fit)
    expect(fitScale({ width: 400, height: 300 }, viewport)).toBe(1)
  })

  it('goes fit → 1:1 → fit with Z', () => {
    const actual = toggleZoom(FIT, photo, viewport)
    expect(actual.scale).toBe(1)
    expect(imageRect(actual, photo, viewport)).toEqual({
      left: (1024 - 3000) / 2,
      top: (768 - 2000) / 2,
      width: 3000,
      height: 2000,
    })
    expect(toggleZoom(actual, photo, viewport)).toEqual(FIT)
    expect(imageRect(FIT, photo, viewport).width).toBeCloseTo(1024 - 2 * FIT_MARGIN)
  })

  it('toggles an image that already fits at 1:1 to the most it magnifies', () => {
    expect(toggleZoom(FIT, { width: 400, height: 300 }, viewport).scale).toBe(MAX_SCALE)
  })

  it('steps in and out by one factor, stops at twice the original, and comes back to fit', () => {
    const once = zoomBy(FIT, ZOOM_STEP, photo, viewport)
    expect(once.scale).toBeCloseTo(fit * ZOOM_STEP)
    let far = once
    for (let i = 0; i < 20; i++) far = zoomBy(far, ZOOM_STEP, photo, viewport)
    expect(far.scale).toBe(MAX_SCALE)
    expect(zoomBy(once, 1 / ZOOM_STEP, photo, viewport)).toEqual(FIT)
    expect(zoomBy(FIT, 1 / ZOOM_STEP, photo, viewport)).toEqual(FIT)
  })

  it('keeps the point under the pointer where it is while zooming', () => {
    const anchor = { x: 200, y: -100 }
    const before = imageRect(FIT, photo, viewport)
    const after = imageRect(zoomTo(FIT, 0.6, photo, viewport, anchor), photo, viewport)
    // The image point under the anchor, as a fraction of the image, is the same before and after.
    const at = (r: typeof before) => [
      (viewport.width / 2 + anchor.x - r.left) / r.width,
      (viewport.height / 2 + anchor.y - r.top) / r.height,
    ]
    expect(at(after)[0]).toBeCloseTo(at(before)[0]!)
    expect(at(after)[1]).toBeCloseTo(at(before)[1]!)
  })

  it('pans only as far as the image has more to show, and not at all when it fits', () => {
    const actual = toggleZoom(FIT, photo, viewport)
    const right = panBy(actual, -10_000, 0, photo, viewport)
    expect(imageRect(right, photo, viewport).left + 3000).toBe(1024)
    const down = panBy(actual, 0, 10_000, photo, viewport)
    expect(imageRect(down, photo, viewport).top).toBe(0)
    expect(panBy(FIT, 300, 300, photo, viewport)).toEqual(FIT)
  })
})

describe('loading the original', () => {
  it('is wanted only once the image is drawn larger than the preview', () => {
    expect(needsOriginal(1280, 1, 1280)).toBe(false)
    expect(needsOriginal(1300, 1, 1280)).toBe(true)
    // A 2× screen needs twice the pixels for the same CSS size.
    expect(needsOriginal(700, 2, 1280)).toBe(true)
    expect(needsOriginal(5000, 1, null)).toBe(false)
  })
})

describe('boxes on a letterboxed image', () => {
  it('places a box on a wide image in a tall container (bars above and below)', () => {
    const image = containBox({ width: 400, height: 800 }, 2)
    expect(image).toEqual({ left: 0, top: 300, width: 400, height: 200 })
    expect(boxOnImage([0.25, 0.5, 0.5, 0.25], image)).toEqual({ left: 100, top: 400, width: 200, height: 50 })
  })

  it('places a box on a tall image in a wide container (bars at the sides)', () => {
    const image = containBox({ width: 1000, height: 600 }, 2 / 3)
    expect(image).toEqual({ left: 300, top: 0, width: 400, height: 600 })
    expect(boxOnImage([0.1, 0.2, 0.3, 0.4], image)).toEqual({ left: 340, top: 120, width: 120, height: 240 })
  })

  it('puts the fitted image where containBox says, margin aside', () => {
    const rect = imageRect(FIT, { width: 2000, height: 3000 }, { width: 1000, height: 600 })
    const contain = containBox({ width: 1000 - 2 * FIT_MARGIN, height: 600 - 2 * FIT_MARGIN }, 2 / 3)
    expect(rect.width).toBeCloseTo(contain.width)
    expect(rect.height).toBeCloseTo(contain.height)
    expect(rect.left).toBeCloseTo(contain.left + FIT_MARGIN)
    expect(rect.top).toBeCloseTo(contain.top + FIT_MARGIN)
  })
})

describe('a divider line over a zoomed image', () => {
  it('crosses the image where it stands on screen, and is kept within the image', () => {
    // A 1000 px wide viewport; the image drawn 1600 px wide, its left edge 500 px off screen.
    const image = { left: -500, top: 0, width: 1600, height: 900 }
    expect(lineInImage(50, 1000, image)).toBe(1000)
    expect(lineInImage(0, 1000, image)).toBe(500)
    // Fitted and centred with room at the sides: left of the image is 0, right of it the whole width.
    const fitted = { left: 300, top: 0, width: 400, height: 600 }
    expect(lineInImage(10, 1000, fitted)).toBe(0)
    expect(lineInImage(50, 1000, fitted)).toBe(200)
    expect(lineInImage(90, 1000, fitted)).toBe(400)
  })
})
