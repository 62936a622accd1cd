import { describe, expect, it } from 'vitest'
import {
  boxAfterKey,
  CLICK_SLOP_PX,
  fromDrag,
  KEY_STEP,
  MIN_SIZE,
  moveBox,
  resizeBox,
  toUnit,
  unitDelta,
} from '../../src/features/projects/components/annotations/geometry'

// The image drawn 400 × 200 px, its top left at (100, 50) on screen.
const rect = { left: 100, top: 50, width: 400, height: 200 }

describe('annotation coordinates', () => {
  it('turn a screen point into 0–1 coordinates of the drawn image, kept on the image', () => {
    expect(toUnit({ x: 100, y: 50 }, rect)).toEqual({ x: 0, y: 0 })
    expect(toUnit({ x: 300, y: 100 }, rect)).toEqual({ x: 0.5, y: 0.25 })
    expect(toUnit({ x: 500, y: 250 }, rect)).toEqual({ x: 1, y: 1 })
    // Outside the image (on letterboxing or past its edge): clamped to the nearest edge.
    expect(toUnit({ x: 20, y: 400 }, rect)).toEqual({ x: 0, y: 1 })
    expect(toUnit({ x: 10, y: 10 }, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 })
  })

  it('a press that barely moves is a pin where it started', () => {
    expect(fromDrag({ x: 300, y: 100 }, { x: 303, y: 102 }, rect)).toEqual({ x: 0.5, y: 0.25, w: 0, h: 0 })
    const moved = fromDrag({ x: 300, y: 100 }, { x: 300 + CLICK_SLOP_PX, y: 100 }, rect)
    expect(moved.w).toBeGreaterThan(0)
  })

  it('a drag draws the box between its corners, whichever way it goes', () => {
    const down = fromDrag({ x: 140, y: 70 }, { x: 340, y: 170 }, rect)
    const up = fromDrag({ x: 340, y: 170 }, { x: 140, y: 70 }, rect)
    expect(down).toEqual({ x: 0.1, y: 0.1, w: 0.5, h: 0.5 })
    expect(up).toEqual(down)
  })

  it('a drag past the image stops at its edge', () => {
    expect(fromDrag({ x: 300, y: 150 }, { x: 900, y: 900 }, rect)).toEqual({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 })
  })

  it('a thin drag grows to the smallest box, still inside the image', () => {
    // 200 px wide, 4 px tall at the bottom edge: 0.02 tall, moved up to fit.
    const thin = fromDrag({ x: 100, y: 248 }, { x: 300, y: 250 }, rect)
    expect(thin).toEqual({ x: 0, y: 1 - MIN_SIZE, w: 0.5, h: MIN_SIZE })
  })

  it('measures a drag in image units', () => {
    expect(unitDelta({ x: 0, y: 0 }, { x: 40, y: -20 }, rect)).toEqual({ x: 0.1, y: -0.1 })
  })

  it('moves a box no further than the image’s edges, and keeps its size', () => {
    const box = { x: 0.7, y: 0.1, w: 0.2, h: 0.3 }
    expect(moveBox(box, 0.5, -0.5)).toEqual({ x: 0.8, y: 0, w: 0.2, h: 0.3 })
    expect(moveBox({ x: 0.5, y: 0.5, w: 0, h: 0 }, 0.7, 0.1)).toEqual({ x: 1, y: 0.6, w: 0, h: 0 })
  })

  it('resizes from the bottom-right corner, between the smallest box and the image’s edge; a pin has no size', () => {
    const box = { x: 0.6, y: 0.2, w: 0.2, h: 0.2 }
    expect(resizeBox(box, 0.5, -0.5)).toEqual({ x: 0.6, y: 0.2, w: 0.4, h: MIN_SIZE })
    const pin = { x: 0.3, y: 0.3, w: 0, h: 0 }
    expect(resizeBox(pin, 0.1, 0.1)).toBe(pin)
  })

  it('arrow keys move by a step, Shift+arrows resize, other keys are not the box’s', () => {
    const box = { x: 0.4, y: 0.4, w: 0.2, h: 0.2 }
    expect(KEY_STEP).toBe(0.01)
    expect(boxAfterKey(box, 'ArrowRight', false)).toEqual({ ...box, x: 0.41 })
    expect(boxAfterKey(box, 'ArrowUp', false)).toEqual({ ...box, y: 0.39 })
    expect(boxAfterKey(box, 'ArrowLeft', true)).toEqual({ ...box, w: 0.19 })
    expect(boxAfterKey(box, 'ArrowDown', true)).toEqual({ ...box, h: 0.21 })
    expect(boxAfterKey(box, 'Enter', false)).toBeNull()
  })

  it('keeps coordinates to 4 decimals, so many steps do not drift', () => {
    let box = { x: 0, y: 0, w: 0.2, h: 0.2 }
    for (let i = 0; i < 30; i++) box = boxAfterKey(box, 'ArrowRight', false)!
    expect(box.x).toBe(0.3)
  })
})
