import { useRef, useState } from 'react'
import type { ProjectImage } from '../../../dialects/project-types'
import { LayerImage } from '../../../ui/layer-image'
import type { Size } from '../../../ui/zoom'
import { AnnotationLayer, AnnotationTools } from './annotations/annotation-layer'
import type { AnnotationEditor } from './annotations/use-annotation-editor'

/** The tallest the compare box grows, in viewport heights, so the verdict keys stay in view. */
const MAX_HEIGHT_VH = 70

/**
 * The output over its primary input, split by a divider: left of the line is the input. The
 * divider is a handle on the image: drag anywhere on the image (mouse, pen or a horizontal swipe)
 * to move it, or focus the handle and use its own keys (←/→, Home/End). Only those keys stop
 * there; L, D and every other review key still reach the review.
 *
 * The box takes the output's shape once its size is known (a square until then), so the output
 * fills it edge to edge and the annotations' layer covers exactly the output. The input is fitted
 * inside that same box (letterboxed on its own dark backdrop when its shape differs): the output
 * is what is judged and annotated, so it keeps the whole box, and the box does not change size
 * with each input. While the annotation tools are open the output is shown whole, without the
 * input or the divider.
 */
export function Compare({ image, annotations }: { image: ProjectImage; annotations: AnnotationEditor }) {
  const [split, setSplit] = useState(50)
  const [size, setSize] = useState<Size | null>(null)
  const dragging = useRef(false)
  const before = image.inputs[0]?.url ?? null
  const after = image.outputUrl
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
  const splitAt = (e: React.PointerEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect()
    if (box.width > 0) setSplit(Math.round(Math.min(100, Math.max(0, ((e.clientX - box.left) / box.width) * 100))))
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
  const aspect = size ? size.width / size.height : 1
  const annotating = annotations.isOpen
  const showInput = before && !annotating
  return (
    <div className="flex flex-col items-center gap-2">
      <div
        className="relative touch-pan-y overflow-hidden rounded bg-neutral-900 select-none"
        style={{ aspectRatio: String(aspect), width: `min(100%, ${(MAX_HEIGHT_VH * aspect).toFixed(2)}vh)` }}
        data-testid="compare"
        data-aspect={size ? `${size.width}x${size.height}` : undefined}
        onPointerDown={(e) => {
          if (!showInput || e.button !== 0) return
          dragging.current = true
          e.currentTarget.setPointerCapture(e.pointerId)
          splitAt(e)
        }}
        onPointerMove={(e) => dragging.current && splitAt(e)}
        onPointerUp={() => (dragging.current = false)}
        onPointerCancel={() => (dragging.current = false)}
      >
        <LayerImage
          src={after}
          alt={`Output: ${image.name}`}
          className="object-contain"
          onLoad={(e) => {
            const { naturalWidth: width, naturalHeight: height } = e.currentTarget
            if (width > 0 && height > 0) setSize({ width, height })
          }}
        />
        {showInput && (
          <>
            {/* Its own backdrop: where the input is letterboxed, the output does not show through. */}
            <LayerImage
              src={before}
              className="bg-neutral-900 object-contain"
              style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
            />
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
              className="absolute inset-y-0 -ml-3 flex w-6 cursor-ew-resize justify-center focus-visible:outline-2 focus-visible:outline-indigo-400"
              style={{ left: `${split}%` }}
            >
              <span aria-hidden="true" className="h-full w-0.5 bg-white shadow" />
              <span
                aria-hidden="true"
                className="absolute top-1/2 h-8 w-5 -translate-y-1/2 rounded-full border-2 border-white bg-neutral-900/70 shadow"
              />
            </div>
          </>
        )}
        {/* Placed once the output's size is known: until then the box may not be the output's. */}
        {size && <AnnotationLayer editor={annotations} />}
      </div>
      {annotating ? (
        <AnnotationTools editor={annotations} />
      ) : (
        showInput && (
          <p className="text-xs text-neutral-300">
            Left of the line: the input; right: the output. Drag on the image or use the handle’s arrow keys.
          </p>
        )
      )}
    </div>
  )
}
