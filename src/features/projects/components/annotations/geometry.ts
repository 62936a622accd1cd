// Where annotations sit on an output: pure functions between the screen's pixels and the 0–1
// coordinates of the image's drawn rectangle, so pointer, keyboard and tests share one rule.

import type { Point, Rect } from '../../../../ui/zoom'

/** A box (a pin when `w` and `h` are 0) in 0–1 coordinates of the image, from its top left. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** The smallest side a drawn box takes, as a fraction of the image's side. */
export const MIN_SIZE = 0.02
/** What one arrow key moves or resizes by, as a fraction of the image's side. */
export const KEY_STEP = 0.01
/** A press that moves less than this many screen pixels is a click or a tap: a pin. */
export const CLICK_SLOP_PX = 6
/** Coordinates are kept to 4 decimals: a tenth of a pixel on a 1000 px image. */
const PRECISION = 1e4

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value))
const round = (value: number) => Math.round(value * PRECISION) / PRECISION

export function isPin(box: Box): boolean {
  return box.w === 0 && box.h === 0
}

/** A screen point (client pixels) as 0–1 coordinates of the image drawn in `rect`, kept on the image. */
export function toUnit(point: Point, rect: Rect): Point {
  return {
    x: rect.width > 0 ? clamp((point.x - rect.left) / rect.width, 0, 1) : 0,
    y: rect.height > 0 ? clamp((point.y - rect.top) / rect.height, 0, 1) : 0,
  }
}

/** A movement on screen (client pixels) as a movement in 0–1 coordinates of the image in `rect`. */
export function unitDelta(from: Point, to: Point, rect: Rect): Point {
  return {
    x: rect.width > 0 ? (to.x - from.x) / rect.width : 0,
    y: rect.height > 0 ? (to.y - from.y) / rect.height : 0,
  }
}

/** Rounded, inside the image, and as large as `MIN_SIZE` unless it is a pin. */
function settle(box: Box): Box {
  if (isPin(box)) return { x: round(clamp(box.x, 0, 1)), y: round(clamp(box.y, 0, 1)), w: 0, h: 0 }
  const w = round(clamp(box.w, MIN_SIZE, 1))
  const h = round(clamp(box.h, MIN_SIZE, 1))
  return { x: round(clamp(box.x, 0, 1 - w)), y: round(clamp(box.y, 0, 1 - h)), w, h }
}

/**
 * What a press from `start` to `end` (client pixels) over the image in `rect` draws: a pin where
 * it started when it barely moved, else the box between the two corners (each kept on the image),
 * grown to `MIN_SIZE` where it is thinner.
 */
export function fromDrag(start: Point, end: Point, rect: Rect): Box {
  const a = toUnit(start, rect)
  if (Math.hypot(end.x - start.x, end.y - start.y) < CLICK_SLOP_PX) return settle({ ...a, w: 0, h: 0 })
  const b = toUnit(end, rect)
  return settle({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) })
}

/** The box moved by `dx`, `dy` (0–1 units), stopping at the image's edges. */
export function moveBox(box: Box, dx: number, dy: number): Box {
  return settle({ ...box, x: clamp(box.x + dx, 0, 1 - box.w), y: clamp(box.y + dy, 0, 1 - box.h) })
}

/** The box with its bottom-right corner moved by `dw`, `dh` (0–1 units); a pin has no size to change. */
export function resizeBox(box: Box, dw: number, dh: number): Box {
  if (isPin(box)) return box
  return settle({ ...box, w: clamp(box.w + dw, MIN_SIZE, 1 - box.x), h: clamp(box.h + dh, MIN_SIZE, 1 - box.y) })
}

const ARROWS: Readonly<Record<string, Point>> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
}

/** An arrow key's change to a box (Shift resizes), or null for any other key. */
export function boxAfterKey(box: Box, key: string, shift: boolean): Box | null {
  const arrow = ARROWS[key]
  if (!arrow) return null
  return shift
    ? resizeBox(box, arrow.x * KEY_STEP, arrow.y * KEY_STEP)
    : moveBox(box, arrow.x * KEY_STEP, arrow.y * KEY_STEP)
}
