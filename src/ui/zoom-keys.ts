import type { KeyBinding } from './key-layer'
import type { ZoomController } from './zoomable-image'

/** How far an arrow key moves a zoomed image, in screen pixels. */
const PAN_STEP = 120

/** The zoom's keys, for its bindings and for the zoom bar's buttons that show them. */
export const ZOOM_KEYS = { in: '+', out: '-', toggle: 'z', fit: '0' } as const

export interface ZoomKeyOptions {
  /**
   * Whether `0` fits the image. Off where the view gives `0` another meaning (the review clears a
   * verdict with it): there `Z`, which goes from any zoom back to fit, is the way back.
   */
  zeroFits: boolean
}

/** Most views: `0` fits. */
export const ZERO_FITS: ZoomKeyOptions = { zeroFits: true }

/** The key that fits the image again, as the bar's Fit button shows it. */
export function fitKeyOf(options: ZoomKeyOptions): string {
  return options.zeroFits ? ZOOM_KEYS.fit : ZOOM_KEYS.toggle
}

/**
 * The keys of a zoomable image: pan with the arrows while zoomed in (at fit they are the view's
 * own: stepping, scrolling), 1:1, in, out and fit. The viewer's, the review's and its compare's.
 */
export function zoomBindings(zoom: ZoomController, options: ZoomKeyOptions = ZERO_FITS): KeyBinding[] {
  const bindings: KeyBinding[] = [
    {
      keys: [ZOOM_KEYS.toggle],
      description: 'Zoom to the original size (1:1), or back to fit',
      run: () => zoom.toggle(),
    },
    {
      keys: [ZOOM_KEYS.in, ZOOM_KEYS.out],
      description: 'Zoom in or out (also double-click, pinch or the wheel)',
      run: (key) => (key === ZOOM_KEYS.in ? zoom.zoomIn() : zoom.zoomOut()),
    },
  ]
  if (options.zeroFits) {
    bindings.push({ keys: [ZOOM_KEYS.fit], description: 'Fit the image to the window', run: () => zoom.reset() })
  }
  // Only while zoomed in (and so only then in the ? list): at fit the arrows are the view's own.
  if (zoom.zoomed) {
    bindings.unshift({
      keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'],
      description: 'Zoomed in: move around the image (or drag)',
      run: (key) => {
        // → shows more of the image's right side.
        const dx = key === 'ArrowLeft' ? PAN_STEP : key === 'ArrowRight' ? -PAN_STEP : 0
        const dy = key === 'ArrowUp' ? PAN_STEP : key === 'ArrowDown' ? -PAN_STEP : 0
        zoom.panBy(dx, dy)
      },
    })
  }
  return bindings
}
