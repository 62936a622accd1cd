import { Tip, TipButton } from './tooltip'
import type { ZoomController } from './zoomable-image'

/** The zoom's buttons and level, at the foot of a zoomable view: the viewer's and the review's compare. */
export function ZoomBar({ zoom }: { zoom: ZoomController }) {
  return (
    <div
      role="group"
      aria-label="Zoom"
      className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-1 rounded-lg bg-neutral-950/85 p-1"
    >
      <TipButton label="Zoom out" shortcut="-" keys="-" onClick={zoom.zoomOut} disabled={!zoom.zoomed}>
        −
      </TipButton>
      <span className="min-w-14 text-center text-sm tabular-nums" data-testid="zoom-level" aria-live="polite">
        {zoom.scale ? `${zoom.percent}%` : ''}
      </span>
      <TipButton label="Zoom in" shortcut="+" keys="+" onClick={zoom.zoomIn}>
        +
      </TipButton>
      <Tip label="Zoom to the original size" shortcut="Z">
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
        shortcut="0"
        keys="0"
        className="btn-dark px-3 text-sm"
        onClick={zoom.reset}
        disabled={!zoom.zoomed}
      >
        Fit
      </TipButton>
    </div>
  )
}
