import type { KeyBinding } from '../../../ui/key-layer'
import type { ZoomController } from '../../../ui/zoomable-image'

/** How far an arrow key moves a zoomed image, in screen pixels. */
const PAN_STEP = 120

interface ViewerActions {
  zoom: ZoomController
  step: (delta: number) => void
  close: () => void
  toggleInfo: () => void
  /** Absent where the asset has no face or detection boxes, or the browser no full screen. */
  toggleBoxes: (() => void) | null
  toggleFullscreen: (() => void) | null
}

/** The viewer's keys: what they do and what the `?` overlay says of them. */
export function viewerBindings(v: ViewerActions): KeyBinding[] {
  const { zoom } = v
  const bindings: (KeyBinding | null)[] = [
    {
      keys: ['ArrowLeft', 'ArrowRight'],
      description: 'Previous or next asset (or swipe)',
      run: (key) => (zoom.zoomed ? false : v.step(key === 'ArrowRight' ? 1 : -1)),
    },
    {
      keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'],
      description: 'Zoomed in: move around the image (or drag)',
      run: (key) => {
        if (!zoom.zoomed) return false
        // → shows more of the image's right side.
        const dx = key === 'ArrowLeft' ? PAN_STEP : key === 'ArrowRight' ? -PAN_STEP : 0
        const dy = key === 'ArrowUp' ? PAN_STEP : key === 'ArrowDown' ? -PAN_STEP : 0
        zoom.panBy(dx, dy)
      },
    },
    { keys: ['z'], description: 'Zoom to the original size (1:1), or back to fit', run: () => zoom.toggle() },
    {
      keys: ['+', '-'],
      description: 'Zoom in or out (also double-click, pinch or the wheel)',
      run: (key) => (key === '+' ? zoom.zoomIn() : zoom.zoomOut()),
    },
    { keys: ['0'], description: 'Fit the image to the window', run: () => zoom.reset() },
    v.toggleBoxes && { keys: ['f'], description: 'Show or hide the face or detection boxes', run: v.toggleBoxes },
    { keys: ['i'], description: 'Show or hide the details panel', run: v.toggleInfo },
    v.toggleFullscreen && { keys: ['Shift+F'], description: 'Full screen on or off', run: v.toggleFullscreen },
    { keys: ['Escape'], description: 'Close the viewer and return to the asset in the grid', run: v.close },
  ]
  return bindings.filter((b) => b !== null)
}
