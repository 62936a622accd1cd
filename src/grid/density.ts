// How big a grid's tiles are: a few sizes to step through, the view's default, and the choice
// kept per view. Pure, so the steps and the gestures' arithmetic are tested without a browser.

/** The tile sizes a grid offers, as the narrowest a tile may be in CSS px, smallest first. */
export const TILE_STEPS: readonly number[] = [64, 96, 136, 176, 224, 272, 320]

/** A view's tile size before the user picks one: on a phone, and on anything wider. */
export interface DensityDefaults {
  phone: number
  desktop: number
}

/** The plain grid's sizes before density could be changed: 8.5rem on a phone, 11rem wider. */
export const GRID_DEFAULTS: DensityDefaults = { phone: 136, desktop: 176 }

/** Where a phone ends, as the grid's CSS has it (Tailwind's `sm`). */
export const WIDE_QUERY = '(min-width: 40rem)'

export type StepDirection = 1 | -1

/** The size one step larger (`1`) or smaller (`-1`) than `width`; the ends stay where they are. */
export function stepFrom(width: number, direction: StepDirection): number {
  const next = direction > 0 ? TILE_STEPS.find((step) => step > width) : TILE_STEPS.findLast((step) => step < width)
  return next ?? width
}

/** The step nearest `width` (a view's default may lie between two), as an index into `TILE_STEPS`. */
export function nearestStep(width: number): number {
  let best = 0
  TILE_STEPS.forEach((step, i) => {
    if (Math.abs(step - width) < Math.abs((TILE_STEPS[best] ?? 0) - width)) best = i
  })
  return best
}

/** How a grid shapes its tiles: rows that keep each image's aspect ratio, or square crops. */
export type TileShape = 'justified' | 'square'

/** The shape of a grid that can lay out rows, until the user picks one. */
export const DEFAULT_SHAPE: TileShape = 'justified'

type Kept = 'tile-size' | 'tile-shape'

/** A choice kept for `view`, or null (nothing kept, storage off, or a value `parse` refuses). */
function readKept<T>(
  storage: Pick<Storage, 'getItem'> | null,
  kind: Kept,
  view: string,
  parse: (value: string) => T | null,
): T | null {
  try {
    const stored = storage?.getItem(`vitrine:${kind}:${view}`)
    return stored === null || stored === undefined ? null : parse(stored)
  } catch {
    // note: storage can be off (private modes, sandboxed frames); the default then holds.
    return null
  }
}

/** Keeps a choice for `view` (null forgets it: the default again). */
function writeKept(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null,
  kind: Kept,
  view: string,
  value: string | null,
) {
  try {
    if (value === null) storage?.removeItem(`vitrine:${kind}:${view}`)
    else storage?.setItem(`vitrine:${kind}:${view}`, value)
  } catch {
    // Kept in memory only; see `readKept`.
  }
}

/** The size kept for `view`, or null for its default (nothing kept, storage off, or a value no step has). */
export function readDensity(storage: Pick<Storage, 'getItem'> | null, view: string): number | null {
  return readKept(storage, 'tile-size', view, (stored) => {
    const width = /^\d+$/.test(stored) ? Number(stored) : Number.NaN
    return TILE_STEPS.includes(width) ? width : null
  })
}

/** Keeps `width` for `view` (null forgets it: the default again). */
export function writeDensity(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null,
  view: string,
  width: number | null,
) {
  if (width !== null && !TILE_STEPS.includes(width)) throw new RangeError(`No tile size step is ${width} px`)
  writeKept(storage, 'tile-size', view, width === null ? null : String(width))
}

/** The tile shape kept for `view`, or null for the default. */
export function readShape(storage: Pick<Storage, 'getItem'> | null, view: string): TileShape | null {
  return readKept(storage, 'tile-shape', view, (stored) =>
    stored === 'justified' || stored === 'square' ? stored : null,
  )
}

/** Keeps `shape` for `view`. */
export function writeShape(storage: Pick<Storage, 'setItem' | 'removeItem'> | null, view: string, shape: TileShape) {
  writeKept(storage, 'tile-shape', view, shape)
}

/** Ctrl+wheel deltas, in px, that make one step: a trackpad pinch sends many small ones. */
export const WHEEL_STEP_PX = 100
/** One wheel event this large is a mouse wheel's notch: a step by itself. */
const WHEEL_NOTCH_PX = 50
/** A pause this long starts a new gesture: what was gathered before is dropped. */
const WHEEL_GESTURE_GAP_MS = 400

/** The Ctrl+wheel deltas gathered toward the next step. */
export interface WheelState {
  total: number
  at: number
}

export const NO_WHEEL: WheelState = { total: 0, at: Number.NEGATIVE_INFINITY }

/**
 * Adds one Ctrl+wheel event (`deltaY` in px, at `now` ms) and says which way to step, if at all:
 * up the wheel (or fingers apart on a trackpad) is larger tiles.
 */
export function addWheel(
  state: WheelState,
  deltaY: number,
  now: number,
): { state: WheelState; step: StepDirection | null } {
  if (Math.abs(deltaY) >= WHEEL_NOTCH_PX) return { state: { total: 0, at: now }, step: deltaY < 0 ? 1 : -1 }
  const fresh = now - state.at > WHEEL_GESTURE_GAP_MS || Math.sign(deltaY) !== Math.sign(state.total)
  const total = (fresh ? 0 : state.total) + deltaY
  if (Math.abs(total) < WHEEL_STEP_PX) return { state: { total, at: now }, step: null }
  return { state: { total: 0, at: now }, step: total < 0 ? 1 : -1 }
}

/** A wheel event's delta in px, whatever unit the device reports it in. */
export function wheelPixels(event: Pick<WheelEvent, 'deltaY' | 'deltaMode'>, pageHeight: number): number {
  if (event.deltaMode === 1) return event.deltaY * 16
  if (event.deltaMode === 2) return event.deltaY * pageHeight
  return event.deltaY
}

/** How much a pinch spreads or closes, as a ratio of finger distances, to make one step. */
export const PINCH_STEP_RATIO = 1.25

/**
 * A pinch's distance between the fingers now, from the distance at its last step (`base`):
 * which way to step, if at all, and the base to measure the next step from.
 */
export function pinchStep(base: number, distance: number): { step: StepDirection | null; base: number } {
  if (!(base > 0) || !(distance > 0)) return { step: null, base: distance > 0 ? distance : base }
  if (distance >= base * PINCH_STEP_RATIO) return { step: 1, base: distance }
  if (distance <= base / PINCH_STEP_RATIO) return { step: -1, base: distance }
  return { step: null, base }
}
