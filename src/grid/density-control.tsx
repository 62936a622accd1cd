import { TILE_STEPS, nearestStep } from './density'
import type { Density } from './use-density'

// aria-disabled, not disabled: a button pressed to its end keeps focus.
const buttonClass =
  'btn min-h-8 min-w-8 justify-center px-2 py-0.5 text-base leading-none aria-disabled:cursor-default aria-disabled:opacity-50'

// note: a plain title, not LazyTip: LazyTip draws its control anew on the first hover, and a
// click that comes at once (a tap, a quick click) can be lost with the old one.

// Rows of tiles of different widths, drawn in a 16 px box.
const ROWS_ICON = 'M1 2h8v5H1zM11 2h4v5h-4zM1 9h4v5H1zM7 9h8v5H7z'

/**
 * Smaller / larger tiles for a grid's header: − and + everywhere, a slider between them where
 * there is room (not on a phone); and, for grids that lay out rows (`shapes`), whole images in
 * rows or square crops.
 */
export function DensityControl({
  density,
  shapes = false,
  className = '',
}: {
  density: Density
  shapes?: boolean
  className?: string
}) {
  const { width, step, set } = density
  const at = nearestStep(width)
  const smallest = TILE_STEPS[0] ?? width
  const largest = TILE_STEPS[TILE_STEPS.length - 1] ?? width
  return (
    <div role="group" aria-label="Tile size" className={`flex shrink-0 items-center gap-1 ${className}`}>
      <button
        type="button"
        className={buttonClass}
        aria-label="Smaller tiles"
        title="Smaller tiles (Ctrl −)"
        aria-disabled={width <= smallest || undefined}
        onClick={() => step(-1)}
        data-testid="density-smaller"
      >
        <span aria-hidden="true">−</span>
      </button>
      <input
        type="range"
        aria-label="Tile size"
        aria-valuetext={`${at + 1} of ${TILE_STEPS.length}`}
        min={0}
        max={TILE_STEPS.length - 1}
        step={1}
        value={at}
        onChange={(e) => set(TILE_STEPS[Number(e.target.value)] ?? width)}
        className="hidden w-24 accent-indigo-600 sm:block"
        data-testid="density-slider"
      />
      <button
        type="button"
        className={buttonClass}
        aria-label="Larger tiles"
        title="Larger tiles (Ctrl +)"
        aria-disabled={width >= largest || undefined}
        onClick={() => step(1)}
        data-testid="density-larger"
      >
        <span aria-hidden="true">+</span>
      </button>
      {shapes && (
        <button
          type="button"
          className={`${buttonClass} aria-pressed:bg-neutral-200 dark:aria-pressed:bg-neutral-700`}
          aria-label="Whole images in rows"
          title="Whole images in rows, or square tiles"
          aria-pressed={density.shape === 'justified'}
          onClick={() => density.setShape(density.shape === 'justified' ? 'square' : 'justified')}
          data-testid="tile-shape"
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 fill-current">
            <path d={ROWS_ICON} />
          </svg>
        </button>
      )}
    </div>
  )
}
