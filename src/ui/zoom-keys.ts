import type { KeyBinding } from './key-layer'
import type { ZoomController } from './zoomable-image'

/** How far an arrow key moves a zoomed image, in screen pixels. */
const PAN_STEP = 120

/**
 * The keys of a zoomable image: pan with the arrows while zoomed (unzoomed, they pass on to the
 * view's next binding of them), 1:1, in, out and fit. The viewer's and the review's compare.
 */
export function zoomBindings(zoom: ZoomController): KeyBinding[] {
  return [
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
  ]
}
