import { createUseGesture, dragAction, pinchAction, useWheel } from '@use-gesture/react'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import {
  FIT,
  imageRect,
  needsOriginal,
  panBy,
  scaleOf,
  toggleZoom,
  zoomBy,
  zoomTo,
  ZOOM_STEP,
  type Point,
  type Size,
  type ZoomState,
} from './zoom'
import { POINTER_DRAG } from './gestures'
import { LayerImage } from './layer-image'

const useDragAndPinch = createUseGesture([dragAction, pinchAction])

/**
 * The zoom of one image and what changes it; make one with `useZoom` and hand it to `ZoomableImage`.
 * When the original's size is known the image takes its final box before any pixel arrives.
 */
export interface ZoomController {
  /** Screen pixels per original pixel (0 until the viewport and the image size are known). */
  scale: number
  zoomed: boolean
  /** The zoom as people read it: "100%" is the original's own pixels. */
  percent: number
  /** The image's box in the viewport, or null before it can be placed. */
  rect: { left: number; top: number; width: number; height: number } | null
  /** The original's pixel size and the viewport's, each null until known. */
  size: Size | null
  viewport: Size | null
  toggle: (anchor?: Point) => void
  zoomIn: () => void
  zoomOut: () => void
  zoomBy: (factor: number, anchor?: Point) => void
  zoomTo: (scale: number, anchor?: Point) => void
  reset: () => void
  /** Moves the image by screen pixels (`panBy(-100, 0)` shows more of its right side). */
  panBy: (dx: number, dy: number) => void
  /** Set by `ZoomableImage`: the viewport's size, and the image's when its data did not say. */
  setViewport: (size: Size) => void
  setNaturalSize: (size: Size) => void
}

/**
 * The zoom of the image `key` names (an asset id): it starts at "fit" for every new key.
 * `size` is the original's pixel size when known.
 */
export function useZoom(key: string, size: Size | null): ZoomController {
  const [viewport, setViewport] = useState<Size | null>(null)
  const [held, setHeld] = useState<{ key: string; zoom: ZoomState; natural: Size | null }>({
    key,
    zoom: FIT,
    natural: null,
  })
  const own = held.key === key ? held : { key, zoom: FIT, natural: null }
  const image = size ?? own.natural
  const zoom = own.zoom

  const update = (change: (state: ZoomState, image: Size, viewport: Size) => ZoomState) => {
    if (!image || !viewport) return
    setHeld((prev) => {
      const base = prev.key === key ? prev : { key, zoom: FIT, natural: own.natural }
      return { ...base, zoom: change(base.zoom, image, viewport) }
    })
  }
  const measureViewport = useCallback(
    (next: Size) =>
      setViewport((prev) => (prev && prev.width === next.width && prev.height === next.height ? prev : next)),
    [],
  )
  const setNaturalSize = useCallback(
    (natural: Size) => setHeld((prev) => (prev.key === key ? { ...prev, natural } : { key, zoom: FIT, natural })),
    [key],
  )
  const scale = image && viewport ? scaleOf(zoom, image, viewport) : 0
  return {
    scale,
    zoomed: zoom.scale !== null,
    percent: Math.round(scale * 100),
    rect: image && viewport ? imageRect(zoom, image, viewport) : null,
    size: image,
    viewport,
    toggle: (anchor) => update((s, i, v) => toggleZoom(s, i, v, anchor)),
    zoomIn: () => update((s, i, v) => zoomBy(s, ZOOM_STEP, i, v)),
    zoomOut: () => update((s, i, v) => zoomBy(s, 1 / ZOOM_STEP, i, v)),
    zoomBy: (factor, anchor) => update((s, i, v) => zoomBy(s, factor, i, v, anchor)),
    zoomTo: (target, anchor) => update((s, i, v) => zoomTo(s, target, i, v, anchor)),
    reset: () => update(() => FIT),
    panBy: (dx, dy) => update((s, i, v) => panBy(s, dx, dy, i, v)),
    setViewport: measureViewport,
    setNaturalSize,
  }
}

export interface ZoomableImageProps {
  zoom: ZoomController
  alt: string
  /** Small, shown blurred in the final box until the preview is in. */
  thumbnailUrl: string | null
  /** Sized for the screen; null when the API has only the original. */
  previewUrl: string | null
  originalUrl: string
  /** A horizontal swipe on a touch screen while not zoomed: 1 for the next image, -1 for the previous. */
  onSwipe?: (direction: 1 | -1) => void
  /** Drawn over the image, in a box exactly the image's size (position children in %). */
  children?: ReactNode
  className?: string
  /**
   * A vertical swipe scrolls the page while the image fits (it pans once zoomed in): for an image
   * inside a page that scrolls, as the review's on a phone. Pinch still zooms.
   */
  scrollsWhenFit?: boolean
}

// Where a press starts on one of these, it is theirs (a face box link), not a pan or a swipe.
const OWN_GESTURES = 'a, button, [tabindex]'

/**
 * An image that fits its box and zooms (double-click, wheel, pinch, and the controller's
 * actions) up to the original's own pixels and a little past, panned by dragging. The preview
 * is shown first; the original is fetched only once the image is drawn larger than the preview.
 */
export function ZoomableImage(props: ZoomableImageProps) {
  const { zoom, alt, thumbnailUrl, previewUrl, originalUrl, onSwipe, children, className, scrollsWhenFit } = props
  const viewportRef = useRef<HTMLDivElement>(null)
  const [previewWidth, setPreviewWidth] = useState<number | null>(null)
  const [previewShown, setPreviewShown] = useState(false)
  const [originalShown, setOriginalShown] = useState(false)
  const [originalWanted, setOriginalWanted] = useState(false)
  const large = previewUrl ?? originalUrl
  const { setViewport, setNaturalSize } = zoom

  useEffect(() => {
    const el = viewportRef.current
    if (!el) return
    const measure = () => setViewport({ width: el.clientWidth, height: el.clientHeight })
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [setViewport])

  const rect = zoom.rect
  const pixelRatio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1
  // Once fetched, the original stays: zooming back out must not drop to the blurrier preview.
  if (previewUrl && !originalWanted && rect && needsOriginal(rect.width, pixelRatio, previewWidth)) {
    setOriginalWanted(true)
  }

  // Wheel and trackpad pinch (Chrome sends it as Ctrl+wheel): a listener on the element itself,
  // not passive, so it may cancel the page's own zoom (React's wheel handler cannot).
  useWheel(
    ({ event, last }) => {
      // The library's "the wheel stopped" call: no new wheel event.
      if (last || !viewportRef.current) return
      event.preventDefault()
      const speed = event.ctrlKey || event.metaKey ? 0.01 : 0.002
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY
      zoom.zoomBy(Math.exp(-delta * speed), anchorOf(viewportRef.current, event))
    },
    { target: viewportRef, eventOptions: { passive: false } },
  )

  // Whether a second finger came down during the drag now going on: it was a pinch, no swipe.
  const pinched = useRef(false)
  const bindGestures = useDragAndPinch(
    {
      // A press that starts on a link or a button in the image is theirs (memo false).
      onDrag: ({ first, last, event, initial, delta: [dx, dy], touches, memo }) => {
        const el = viewportRef.current
        const ours: boolean = first ? el !== null && !ownedByChild(event.target, el) : memo
        if (!ours || !('pointerType' in event)) return false
        if (first) pinched.current = false
        if (!last) {
          if (touches === 1 && zoom.zoomed) zoom.panBy(dx, dy)
          return true
        }
        // A finger's or a pen's sideways swipe at fit steps: not a pinch's, nor one the page took
        // over (cancelled, to scroll), nor the mouse's.
        if (pinched.current || event.type !== 'pointerup' || zoom.zoomed || event.pointerType === 'mouse') return true
        const sx = event.clientX - initial[0]
        const sy = event.clientY - initial[1]
        if (Math.abs(sx) > 50 && Math.abs(sx) > 1.5 * Math.abs(sy)) onSwipe?.(sx < 0 ? 1 : -1)
        return true
      },
      // Two fingers: the scale they started at, times how far apart they are now over then.
      onPinch: ({ first, da: [distance], origin: [x, y], memo }) => {
        if (first) {
          pinched.current = true
          return { distance, scale: zoom.scale }
        }
        const start: { distance: number; scale: number } = memo
        const el = viewportRef.current
        if (!el) return start
        zoom.zoomTo((start.scale * distance) / Math.max(1, start.distance), anchorOf(el, { clientX: x, clientY: y }))
        return start
      },
    },
    // The wheel above is the only wheel listener: a Ctrl+wheel is no pinch here.
    { drag: POINTER_DRAG, pinch: { pinchOnWheel: false } },
  )

  return (
    // The wheel, pinch and drag gestures have key equivalents (+, -, Z, arrows) and buttons.
    <div
      ref={viewportRef}
      data-testid="zoom-viewport"
      className={`relative overflow-hidden select-none ${scrollsWhenFit && !zoom.zoomed ? 'touch-pan-y' : 'touch-none'} ${zoom.zoomed ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in'} ${className ?? ''}`}
      {...bindGestures()}
      onDoubleClick={(e) => {
        if (ownedByChild(e.target, e.currentTarget)) return
        zoom.toggle(anchorOf(e.currentTarget, e))
      }}
    >
      {rect ? (
        <div data-testid="image-box" className="absolute" style={rect}>
          {thumbnailUrl && !previewShown && !originalShown && <LayerImage src={thumbnailUrl} className="blur-sm" />}
          <LayerImage
            src={large}
            alt={alt}
            onLoad={(e) => {
              setPreviewWidth(e.currentTarget.naturalWidth)
              setPreviewShown(true)
            }}
          />
          {originalWanted && (
            <LayerImage
              src={originalUrl}
              data-testid="original-image"
              onLoad={() => setOriginalShown(true)}
              className={originalShown ? '' : 'opacity-0'}
            />
          )}
          {children && <div className="absolute inset-0">{children}</div>}
        </div>
      ) : (
        // No size in the data: show the image as it comes and take its size from it.
        <div className="flex h-full w-full items-center justify-center p-3">
          <img
            src={large}
            alt={alt}
            draggable={false}
            onLoad={(e) => {
              const img = e.currentTarget
              setPreviewWidth(img.naturalWidth)
              setPreviewShown(true)
              setNaturalSize({ width: img.naturalWidth, height: img.naturalHeight })
            }}
            className="max-h-full max-w-full object-contain"
          />
        </div>
      )}
    </div>
  )
}

function ownedByChild(target: EventTarget | null, viewport: HTMLElement): boolean {
  const owner = target instanceof Element ? target.closest(OWN_GESTURES) : null
  return owner !== null && owner !== viewport && viewport.contains(owner)
}

function anchorOf(el: HTMLElement, at: { clientX: number; clientY: number }): Point {
  const r = el.getBoundingClientRect()
  return { x: at.clientX - r.left - r.width / 2, y: at.clientY - r.top - r.height / 2 }
}
