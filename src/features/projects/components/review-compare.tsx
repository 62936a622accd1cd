import { useDrag } from '@use-gesture/react'
import { useRef, useState } from 'react'
import type { ProjectImage } from '../../../dialects/project-types'
import { POINTER_DRAG } from '../../../ui/gestures'
import { LayerImage } from '../../../ui/layer-image'
import { lineInImage } from '../../../ui/zoom'
import { ZoomBar } from '../../../ui/zoom-bar'
import { ZoomableImage, type ZoomController } from '../../../ui/zoomable-image'
import { AnnotationLayer, AnnotationTools } from './annotations/annotation-layer'
import type { AnnotationEditor } from './annotations/use-annotation-editor'
import { REVIEW_ZOOM_KEYS } from './review-keys'

/** The tallest the compare box grows, in viewport heights, so the verdict keys stay in view. */
const MAX_HEIGHT_VH = 70

interface CompareProps {
  image: ProjectImage
  annotations: AnnotationEditor
  /** The output's zoom: the review holds it, so its keys are the review's (see `REVIEW_ZOOM_KEYS`). */
  zoom: ZoomController
}

/**
 * The output over its primary input, split by a divider: left of the line is the input. The
 * divider is a handle on the image: drag anywhere on the image (mouse, pen or a horizontal swipe)
 * to move it, or focus the handle and use its own keys (←/→, Home/End). Only those keys stop
 * there; L, D and every other review key still reach the review.
 *
 * The output zooms and pans as the viewer's image does (wheel, pinch, double-click, the zoom
 * bar's buttons and the review's zoom keys); zoomed in, a drag on the image pans it and the
 * handle alone moves the divider, which stays where it is on screen. The input and the
 * annotations are drawn in the output's own box, so they zoom and pan with it.
 *
 * The box takes the output's shape: from the size the API sends, else once the image has loaded
 * (a square until then), so the output
 * fills it (but for the zoom's narrow margin at fit) and the annotations' layer covers exactly
 * the output. The input is fitted inside the
 * output's box (letterboxed on its own dark backdrop when its shape differs): the output is what
 * is judged and annotated, so it keeps the whole box, and the box does not change size with each
 * input. While the annotation tools are open the output is shown whole, without the input or the
 * divider.
 */
export function Compare({ image, annotations, zoom }: CompareProps) {
  const [split, setSplit] = useState(50)
  const boxRef = useRef<HTMLDivElement>(null)
  const before = image.inputs[0]?.url ?? null
  const after = image.outputUrl
  const showInput = before && !annotations.isOpen
  const splitAt = (clientX: number) => {
    const box = boxRef.current?.getBoundingClientRect()
    if (box && box.width > 0) setSplit(Math.round(Math.min(100, Math.max(0, ((clientX - box.left) / box.width) * 100))))
  }
  // The memo: whether this drag moves the divider. Zoomed in, a drag on the image pans it
  // instead; the handle still moves the divider.
  const bindSplit = useDrag(({ first, last, event, memo }) => {
    if (!('pointerType' in event)) return false
    const moves: boolean = first
      ? Boolean(showInput) &&
        (!zoom.zoomed || (event.target instanceof Element && event.target.closest('[role="slider"]') !== null))
      : memo
    if (moves && !last) splitAt(event.clientX)
    return moves
  }, POINTER_DRAG)
  if (!after) {
    return (
      <div className="flex flex-col items-center gap-2">
        {before && (
          <img src={before} alt={`Primary input of ${image.name}`} className="max-h-[60vh] rounded object-contain" />
        )}
        <p className="text-sm text-neutral-300">No output yet: this image is {image.status}.</p>
      </div>
    )
  }
  const onHandleKey = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 10 : 2
    const next =
      e.key === 'ArrowLeft'
        ? split - step
        : e.key === 'ArrowRight'
          ? split + step
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? 100
              : undefined
    if (next === undefined) return
    e.preventDefault()
    e.stopPropagation()
    setSplit(Math.min(100, Math.max(0, next)))
  }
  const { size, rect, viewport } = zoom
  const aspect = size ? size.width / size.height : (image.aspect ?? 1)
  const annotating = annotations.isOpen
  // The input's right edge, in the output's box: where the divider crosses it on screen.
  const inputClip = rect && viewport ? rect.width - lineInImage(split, viewport.width, rect) : 0
  return (
    <div className="flex flex-col items-center gap-2">
      <div
        ref={boxRef}
        className="relative touch-pan-y overflow-hidden rounded bg-neutral-900 select-none"
        style={{ aspectRatio: String(aspect), width: `min(100%, ${(MAX_HEIGHT_VH * aspect).toFixed(2)}vh)` }}
        data-testid="compare"
        data-aspect={size ? `${size.width}x${size.height}` : undefined}
        {...bindSplit()}
      >
        <ZoomableImage
          zoom={zoom}
          alt={`Output: ${image.name}`}
          thumbnailUrl={image.outputThumbnailUrl}
          previewUrl={null}
          originalUrl={after}
          className="h-full w-full"
          scrollsWhenFit
        >
          {showInput && (
            // Its own backdrop: where the input is letterboxed, the output does not show through.
            <LayerImage
              src={before}
              className="bg-neutral-900 object-contain"
              style={{ clipPath: `inset(0 ${inputClip}px 0 0)` }}
            />
          )}
          <AnnotationLayer editor={annotations} />
        </ZoomableImage>
        {showInput && (
          <div
            role="slider"
            tabIndex={0}
            aria-label="Before / after"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={split}
            aria-valuetext={`${split}% input, ${100 - split}% output`}
            aria-keyshortcuts="ArrowLeft ArrowRight Home End"
            onKeyDown={onHandleKey}
            className="absolute inset-y-0 -ml-3 flex w-6 cursor-ew-resize touch-pan-y justify-center focus-visible:outline-2 focus-visible:outline-indigo-400"
            style={{ left: `${split}%` }}
          >
            <span aria-hidden="true" className="h-full w-0.5 bg-white shadow" />
            <span
              aria-hidden="true"
              className="absolute top-1/2 h-8 w-5 -translate-y-1/2 rounded-full border-2 border-white bg-neutral-900/70 shadow"
            />
          </div>
        )}
      </div>
      <ZoomBar zoom={zoom} keys={REVIEW_ZOOM_KEYS} inline />
      {annotating ? (
        <AnnotationTools editor={annotations} />
      ) : (
        showInput && (
          <p className="text-xs text-neutral-300">
            Left of the line: the input; right: the output. Drag on the image or use the handle’s arrow keys; zoomed in,
            drag the handle.
          </p>
        )
      )}
    </div>
  )
}
