import { useCallback, useState } from 'react'
import { containBox, type Rect, type Size } from '../../../../ui/zoom'
import { useZoom, type ZoomController } from '../../../../ui/zoomable-image'

export interface SyncedZoom {
  /** The one zoom every pane follows: its level, buttons and keys. */
  zoom: ZoomController
  /** The controller to hand pane `id`'s `ZoomableImage`. */
  pane: (id: string) => ZoomController
}

/**
 * One zoom and pan for several panes of the same size, so zooming or dragging any of them moves
 * all alike. The zoom is the viewer's own (`useZoom`) over the reference pane's image; every
 * other pane draws its image in the box the reference image takes, fitted whole (an input of
 * another shape is letterboxed in it), so a point of one pane lies where it lies in the others.
 * `key` starts over at "fit"; `reference` names the pane whose image the zoom is measured on.
 */
export function useSyncedZoom(key: string, reference: string): SyncedZoom {
  const [held, setHeld] = useState<{ key: string; sizes: Readonly<Record<string, Size>> }>({ key, sizes: {} })
  const sizes = held.key === key ? held.sizes : {}
  const zoom = useZoom(key, sizes[reference] ?? null)
  const record = useCallback(
    (id: string, size: Size) =>
      setHeld((prev) => {
        const base = prev.key === key ? prev.sizes : {}
        const had = base[id]
        if (had && had.width === size.width && had.height === size.height) return prev
        return { key, sizes: { ...base, [id]: size } }
      }),
    [key],
  )
  const pane = (id: string): ZoomController => {
    const own = sizes[id]
    return {
      ...zoom,
      rect: zoom.rect && own ? fittedIn(zoom.rect, own) : null,
      size: own ?? null,
      setNaturalSize: (size) => record(id, size),
    }
  }
  return { zoom, pane }
}

/** Where an image of `size` lies when fitted whole in `box`. */
function fittedIn(box: Rect, size: Size): Rect {
  const inner = containBox(box, size.width / size.height)
  return { left: box.left + inner.left, top: box.top + inner.top, width: inner.width, height: inner.height }
}
