import { isObject, num } from './wire'

/**
 * A listing's preview colour (`#rgb` or `#rrggbb`, as the bundled server sends it) in lower
 * case, or undefined. Answers are untrusted and the colour lands in a style, so anything else --
 * a named colour, `url(…)`, an expression -- is dropped and the tile looks as it would without.
 */
export function previewColor(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) return undefined
  return value.toLowerCase()
}

/**
 * A picture's width over height from a wire `{width, height}` in pixels, or undefined (unknown)
 * unless both are finite numbers > 0: the grid lays an unknown shape out as it would without one.
 */
export function pixelAspect(dimensions: unknown): number | undefined {
  if (!isObject(dimensions)) return undefined
  const width = num(dimensions.width)
  const height = num(dimensions.height)
  return width !== undefined && height !== undefined && width > 0 && height > 0 ? width / height : undefined
}

/** The long sides of an API's small and big thumbnails (PiktID's and Scenario's, as the bundled server draws them). */
const SMALL_THUMB_PX = 320
const BIG_THUMB_PX = 1280

/**
 * A `srcset` over an API's small and big thumbnails for a square tile the image covers, so the
 * browser picks by the tile's size and the device pixel ratio. Each candidate is described by
 * the image's short side, which is what spans the tile under `object-fit: cover`. Undefined
 * unless both exist, differ and the image's size is known.
 */
export function coverSrcSet(
  small: string | null | undefined,
  big: string | null | undefined,
  width: number | null | undefined,
  height: number | null | undefined,
): string | undefined {
  if (!small || !big || small === big || !width || !height || width <= 0 || height <= 0) return undefined
  const long = Math.max(width, height)
  const shortSide = (side: number) => Math.max(1, Math.round((Math.min(side, long) * Math.min(width, height)) / long))
  return `${small} ${shortSide(SMALL_THUMB_PX)}w, ${big} ${shortSide(BIG_THUMB_PX)}w`
}
