// The geometry of a zoomable image: pure functions, so the viewer and the review view share them
// and tests can check them without a layout engine.

export interface Size {
  width: number
  height: number
}

/** A rectangle in the viewport's own pixels (left/top from its top-left corner). */
export interface Rect {
  left: number
  top: number
  width: number
  height: number
}

/** A point relative to the viewport's centre, in CSS pixels. */
export interface Point {
  x: number
  y: number
}

/**
 * `scale` is screen pixels per pixel of the original image; `null` means "fit", which follows
 * the viewport as it resizes. `x`/`y` move the image's centre away from the viewport's centre.
 */
export interface ZoomState {
  scale: number | null
  x: number
  y: number
}

export const FIT: ZoomState = { scale: null, x: 0, y: 0 }

/** The most the viewer magnifies: twice the original's pixels. */
export const MAX_SCALE = 2
/** What one `+` or `-` multiplies the scale by. */
export const ZOOM_STEP = 1.5
/** Space kept around the image when it fits. */
export const FIT_MARGIN = 12

/** The scale at which the whole image fits the viewport; never above 1:1, a small image is not blown up. */
export function fitScale(image: Size, viewport: Size, margin = FIT_MARGIN): number {
  const room = { width: Math.max(1, viewport.width - 2 * margin), height: Math.max(1, viewport.height - 2 * margin) }
  return Math.min(1, room.width / image.width, room.height / image.height)
}

export function scaleOf(state: ZoomState, image: Size, viewport: Size): number {
  return state.scale ?? fitScale(image, viewport)
}

/** Keeps the image covering the viewport where it is larger than it, and centred where it is not. */
function clamp(state: ZoomState, image: Size, viewport: Size): ZoomState {
  if (state.scale === null) return FIT
  const maxX = Math.max(0, (image.width * state.scale - viewport.width) / 2)
  const maxY = Math.max(0, (image.height * state.scale - viewport.height) / 2)
  return {
    scale: state.scale,
    x: Math.min(maxX, Math.max(-maxX, state.x)),
    y: Math.min(maxY, Math.max(-maxY, state.y)),
  }
}

/**
 * Zooms to `scale`, keeping the image point under `anchor` (default: the centre) where it is.
 * At or below the fit scale the state becomes "fit" again.
 */
export function zoomTo(
  state: ZoomState,
  scale: number,
  image: Size,
  viewport: Size,
  anchor: Point = { x: 0, y: 0 },
): ZoomState {
  const fit = fitScale(image, viewport)
  const target = Math.min(Math.max(MAX_SCALE, fit), scale)
  if (target <= fit * 1.001) return FIT
  const current = scaleOf(state, image, viewport)
  const ratio = target / current
  return clamp(
    { scale: target, x: anchor.x - (anchor.x - state.x) * ratio, y: anchor.y - (anchor.y - state.y) * ratio },
    image,
    viewport,
  )
}

export function zoomBy(state: ZoomState, factor: number, image: Size, viewport: Size, anchor?: Point): ZoomState {
  return zoomTo(state, scaleOf(state, image, viewport) * factor, image, viewport, anchor)
}

/** `Z` and double-click: fit → 1:1 (or the most, for an image that already fits at 1:1) → fit. */
export function toggleZoom(state: ZoomState, image: Size, viewport: Size, anchor?: Point): ZoomState {
  if (state.scale !== null) return FIT
  const fit = fitScale(image, viewport)
  return zoomTo(state, fit < 1 ? 1 : MAX_SCALE, image, viewport, anchor)
}

/** Moves the image by `dx`, `dy` screen pixels, as far as it has more to show. */
export function panBy(state: ZoomState, dx: number, dy: number, image: Size, viewport: Size): ZoomState {
  return clamp({ ...state, x: state.x + dx, y: state.y + dy }, image, viewport)
}

/** Where the image lies in the viewport at this zoom. */
export function imageRect(state: ZoomState, image: Size, viewport: Size): Rect {
  const scale = scaleOf(state, image, viewport)
  const width = image.width * scale
  const height = image.height * scale
  return {
    left: (viewport.width - width) / 2 + state.x,
    top: (viewport.height - height) / 2 + state.y,
    width,
    height,
  }
}

/**
 * The box an image of `aspect` (width / height) takes in `container` under `object-fit: contain`:
 * letterboxed above and below for a wide image, at the sides for a tall one.
 */
export function containBox(container: Size, aspect: number): Rect {
  const wide = container.width / container.height < aspect
  const width = wide ? container.width : container.height * aspect
  const height = wide ? container.width / aspect : container.height
  return { left: (container.width - width) / 2, top: (container.height - height) / 2, width, height }
}

/**
 * Where a vertical line drawn at `percent` of the viewport's width crosses the image drawn at
 * `image`, in pixels from the image's left edge (0 to its width): a wipe or a before/after line
 * stays where it is on screen while the image under it zooms and pans.
 */
export function lineInImage(percent: number, viewportWidth: number, image: Rect): number {
  return Math.min(image.width, Math.max(0, (percent / 100) * viewportWidth - image.left))
}

/** A box given as [x, y, w, h] fractions of the image, in the viewport's pixels. */
export function boxOnImage(box: readonly [number, number, number, number], image: Rect): Rect {
  const [x, y, w, h] = box
  return {
    left: image.left + x * image.width,
    top: image.top + y * image.height,
    width: w * image.width,
    height: h * image.height,
  }
}

/**
 * Whether the image is drawn larger than the preview holds pixels for, so the original is worth
 * fetching. `previewWidth` null: the preview is not in yet, and nothing says it falls short.
 */
export function needsOriginal(shownWidth: number, pixelRatio: number, previewWidth: number | null): boolean {
  if (previewWidth === null) return false
  return shownWidth * pixelRatio > previewWidth + 0.5
}
