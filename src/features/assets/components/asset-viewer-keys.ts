import type { KeyBinding } from '../../../ui/key-layer'
import type { ZoomController } from '../../../ui/zoomable-image'
import { zoomBindings } from '../../../ui/zoom-keys'

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
    ...zoomBindings(zoom),
    v.toggleBoxes && { keys: ['f'], description: 'Show or hide the face or detection boxes', run: v.toggleBoxes },
    { keys: ['i'], description: 'Show or hide the details panel', run: v.toggleInfo },
    v.toggleFullscreen && { keys: ['Shift+F'], description: 'Full screen on or off', run: v.toggleFullscreen },
    { keys: ['Escape'], description: 'Close the viewer and return to the asset in the grid', run: v.close },
  ]
  return bindings.filter((b) => b !== null)
}
