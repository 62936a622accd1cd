import { useId } from 'react'
import { LayerImage } from '../../../../ui/layer-image'
import { lineInImage } from '../../../../ui/zoom'
import { ZoomableImage, type ZoomController } from '../../../../ui/zoomable-image'
import { AnnotationMarks } from '../annotations/annotation-layer'
import type { Pane } from './compare-panes'

// The pieces of compare's stage: the pane pickers, one pane's image, and A and B in one box.

export const annotationCount = (n: number) => `${n} annotation${n === 1 ? '' : 's'}`

export function PanePicker(props: {
  label: string
  panes: readonly Pane[]
  value: number
  onChange: (n: number) => void
}) {
  const id = useId()
  return (
    <span className="flex items-center gap-1 text-sm">
      <label htmlFor={id} className="font-semibold">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        className="h-9 max-w-52 rounded-md border border-neutral-700 bg-neutral-900 px-1 text-neutral-100"
      >
        {props.panes.map((pane, n) => (
          <option key={pane.id} value={n}>
            {pane.label}
          </option>
        ))}
      </select>
    </span>
  )
}

export function PaneImage({ pane, zoom, children }: { pane: Pane; zoom: ZoomController; children?: React.ReactNode }) {
  if (!pane.url) {
    return (
      <p className="flex h-full items-center justify-center p-4 text-center text-sm text-neutral-300">{pane.missing}</p>
    )
  }
  return (
    <ZoomableImage
      key={pane.id}
      zoom={zoom}
      alt={pane.alt}
      thumbnailUrl={pane.thumbnailUrl}
      previewUrl={null}
      originalUrl={pane.url}
      className="h-full w-full"
    >
      {children}
    </ZoomableImage>
  )
}

interface PairStageProps {
  paneA: Pane
  paneB: Pane
  zoom: ZoomController
  /** B's place under the same zoom: fitted in A's box, once its size is known. */
  zoomB: ZoomController
  mode: 'wipe' | 'blink'
  split: number
  showB: boolean
}

/** A and B in one box: B over A, cut at the wipe line (A on its left) or shown every other beat. */
export function PairStage({ paneA, paneB, zoom, zoomB, mode, split, showB }: PairStageProps) {
  // The line stays where the slider puts it on screen, whatever the zoom: B is cut in its own box.
  const cut = zoom.rect && zoom.viewport ? lineInImage(split, zoom.viewport.width, zoom.rect) : 0
  const shown = mode === 'wipe' ? 'both' : showB ? 'b' : 'a'
  return (
    <div className="relative h-full overflow-hidden rounded bg-neutral-900" data-shown={shown}>
      <PaneImage pane={paneA} zoom={zoom}>
        {paneA.annotations && <AnnotationMarks annotations={paneA.annotations} />}
        {paneB.url && (
          <div
            className="absolute inset-0 bg-neutral-900"
            data-testid="compare-b"
            style={
              mode === 'wipe' ? { clipPath: `inset(0 0 0 ${cut}px)` } : { visibility: showB ? 'visible' : 'hidden' }
            }
          >
            <PairB pane={paneB} zoomA={zoom} zoomB={zoomB} />
          </div>
        )}
      </PaneImage>
      {mode === 'wipe' && (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 w-0.5 bg-white shadow"
          style={{ left: `${split}%` }}
        />
      )}
      <span className="pointer-events-none absolute top-1 left-1 rounded bg-black/75 px-1.5 py-0.5 text-xs text-white">
        {mode === 'wipe' ? (
          <>
            <strong>A</strong> {paneA.label}
          </>
        ) : (
          <span data-testid="blink-shown">
            <strong>{showB ? 'B' : 'A'}</strong> {showB ? paneB.label : paneA.label}
          </span>
        )}
      </span>
      {mode === 'wipe' && (
        <span className="pointer-events-none absolute top-1 right-1 rounded bg-black/75 px-1.5 py-0.5 text-xs text-white">
          <strong>B</strong> {paneB.label}
        </span>
      )}
      {!paneB.url && (
        <p className="absolute inset-x-0 bottom-14 text-center text-sm text-neutral-300">B: {paneB.missing}</p>
      )}
    </div>
  )
}

/**
 * B's image inside A's box, with its annotations: in B's own fitted box (where its shape differs
 * from A's) once its size is known, fitted whole in A's box until then.
 */
function PairB({ pane, zoomA, zoomB }: { pane: Pane; zoomA: ZoomController; zoomB: ZoomController }) {
  const a = zoomA.rect
  const b = zoomB.rect
  const { setNaturalSize } = zoomB
  const image = (
    <LayerImage
      src={pane.url ?? undefined}
      alt={pane.alt}
      className="object-contain"
      onLoad={(e) => {
        const { naturalWidth: width, naturalHeight: height } = e.currentTarget
        if (width > 0 && height > 0) setNaturalSize({ width, height })
      }}
    />
  )
  if (!a || !b) return image
  return (
    <div
      className="absolute"
      style={{ left: b.left - a.left, top: b.top - a.top, width: b.width, height: b.height }}
      data-testid="compare-b-box"
    >
      {image}
      {pane.annotations && <AnnotationMarks annotations={pane.annotations} />}
    </div>
  )
}
