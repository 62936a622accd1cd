import { keyHint } from './key-layer'
import { Tip, TipButton } from './tooltip'
import { fitKeyOf, ZERO_FITS, ZOOM_KEYS, type ZoomKeyOptions } from './zoom-keys'
import type { ZoomController } from './zoomable-image'

interface ZoomBarProps {
  zoom: ZoomController
  /** Which key fits, as the view's `zoomBindings` were given. */
  keys?: ZoomKeyOptions
  /** Under the image rather than over its foot (the review, which judges the whole image). */
  inline?: boolean
}

/** The zoom's buttons and level, at the foot of a zoomable view: the viewer's and the review's. */
export function ZoomBar({ zoom, keys = ZERO_FITS, inline = false }: ZoomBarProps) {
  const fit = keyHint([fitKeyOf(keys)])
  const toggle = keyHint([ZOOM_KEYS.toggle])
  return (
    <div
      role="group"
      aria-label="Zoom"
      className={`flex items-center gap-1 rounded-lg bg-neutral-950/85 p-1 ${inline ? '' : 'absolute bottom-3 left-1/2 -translate-x-1/2'}`}
    >
      <TipButton label="Zoom out" {...keyHint([ZOOM_KEYS.out])} onClick={zoom.zoomOut} disabled={!zoom.zoomed}>
        −
      </TipButton>
      <span className="min-w-14 text-center text-sm tabular-nums" data-testid="zoom-level" aria-live="polite">
        {zoom.scale ? `${zoom.percent}%` : ''}
      </span>
      <TipButton label="Zoom in" {...keyHint([ZOOM_KEYS.in])} onClick={zoom.zoomIn}>
        +
      </TipButton>
      <Tip label="Zoom to the original size" shortcut={toggle.shortcut}>
        <button
          type="button"
          className="btn-dark px-3 text-sm"
          onClick={() => zoom.zoomTo(1)}
          aria-label="1:1 (original size)"
        >
          1:1
        </button>
      </Tip>
      <TipButton
        label="Fit (reset zoom)"
        tip="Reset zoom to fit"
        {...fit}
        className="btn-dark px-3 text-sm"
        onClick={zoom.reset}
        disabled={!zoom.zoomed}
      >
        Fit
      </TipButton>
    </div>
  )
}
