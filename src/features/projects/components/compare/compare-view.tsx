import { useEffect, useId, useState } from 'react'
import type { Annotation, ProjectImage } from '../../../../dialects/project-types'
import { useKeyLayer } from '../../../../ui/key-layer'
import { LayerImage } from '../../../../ui/layer-image'
import { lineInImage } from '../../../../ui/zoom'
import { ZoomBar } from '../../../../ui/zoom-bar'
import { ZoomableImage, type ZoomController } from '../../../../ui/zoomable-image'
import { AnnotationMarks } from '../annotations/annotation-layer'
import { compareBindings, type CompareMode } from './compare-keys'
import type { CompareSet } from './compare-search'
import { useSyncedZoom } from './synced-zoom'
import type { Versions } from './versions'

/** Most panes compare shows at once. */
const MAX_PANES = 4
/** The blink's half period: A, then B, each this long. */
const BLINK_MS = 500

/** One image compare can show. */
interface Pane {
  id: string
  label: string
  alt: string
  url: string | null
  thumbnailUrl: string | null
  /** Why there is no image to show (a version still pending), when there is none. */
  missing: string | null
  /** The image under review (in versions). */
  current: boolean
  /** Drawn over an output (read only); null for an input. */
  annotations: readonly Annotation[] | null
}

/** Two panes stack on a phone; three go in a row where there is room; four make a square. */
const PANE_GRID: Readonly<Record<number, string>> = {
  2: 'grid-rows-2 sm:grid-cols-2 sm:grid-rows-1',
  3: 'grid-cols-2 grid-rows-2 sm:grid-cols-3 sm:grid-rows-1',
  4: 'grid-cols-2 grid-rows-2',
}

type KeyHandler = (e: KeyboardEvent | React.KeyboardEvent) => void

/** The panes of `set`: the output and each input, or the image index's versions around this one. */
function panesOf(image: ProjectImage, set: CompareSet, versions: Versions): { panes: Pane[]; left: number } {
  if (set === 'inputs') {
    const all: Pane[] = [
      {
        id: 'output',
        label: 'Output',
        alt: `Output: ${image.name}`,
        url: image.outputUrl,
        thumbnailUrl: image.outputThumbnailUrl,
        missing: image.outputUrl ? null : `No output yet: this image is ${image.status}.`,
        current: false,
        annotations: image.annotations,
      },
      ...image.inputs.map((input, n) => ({
        id: `input-${n}`,
        label: `Input ${n + 1}${n === 0 ? ' (primary)' : ''}`,
        alt: `Input ${n + 1} of ${image.name}`,
        url: input.url,
        thumbnailUrl: input.thumbnailUrl,
        missing: input.url ? null : 'This input has no image.',
        current: false,
        annotations: null,
      })),
    ]
    return { panes: all.slice(0, MAX_PANES), left: Math.max(0, all.length - MAX_PANES) }
  }
  const all = versions.images
  const at = Math.max(
    0,
    all.findIndex((v) => v.key === image.key),
  )
  const from = Math.min(Math.max(0, at - 1), Math.max(0, all.length - MAX_PANES))
  const panes = all.slice(from, from + MAX_PANES).map((v) => {
    const current = v.key === image.key
    return {
      id: v.key,
      label: `Variant ${v.groupIndex + 1} · v${v.version}${current ? ' · this image' : ''}`,
      alt: `Variant ${v.groupIndex + 1}, version ${v.version}: ${v.name}`,
      url: v.outputUrl,
      thumbnailUrl: v.outputThumbnailUrl,
      missing: v.outputUrl ? null : `No output yet: this variant is ${v.status}.`,
      current,
      annotations: v.annotations,
    }
  })
  return { panes, left: all.length - panes.length }
}

interface CompareViewProps {
  image: ProjectImage
  set: CompareSet
  /** With their writes still on their way applied, as the review shows them. */
  versions: Versions
  onSet: (set: CompareSet) => void
  onLeave: () => void
  /** Hands the review compare's key handler while it is open (null once closed), to run first. */
  onKeys: (handler: KeyHandler | null) => void
}

/**
 * Compare in the review: the output beside each of its inputs, or the versions of its image
 * index (see versions.ts), 2 to 4 panes with one zoom and pan for all; or two of them, A and B,
 * in one box with a wipe or a blink between them.
 */
export function CompareView({ image, set, versions, onSet, onLeave, onKeys }: CompareViewProps) {
  const { panes, left } = panesOf(image, set, versions)
  const shownKey = `${image.key}|${set}`
  const [mode, setMode] = useState<CompareMode>('side')
  const [chosen, setChosen] = useState({ key: shownKey, a: 0, b: 1 })
  const pair = chosen.key === shownKey ? chosen : { key: shownKey, a: 0, b: 1 }
  const a = Math.min(pair.a, panes.length - 1)
  const b = Math.min(pair.b, panes.length - 1)
  const [split, setSplit] = useState(50)
  const [blink, setBlink] = useState({ auto: true, showB: false })
  const paired = panes.length >= 2
  const shownMode: CompareMode = paired ? mode : 'side'
  const paneA = panes[a] as Pane
  const paneB = panes[b] as Pane
  // Zoom is measured on A, or on the first pane with an image while A has none (a pending output).
  const reference = paneA.url ? paneA : (panes.find((pane) => pane.url) ?? paneA)
  const synced = useSyncedZoom(shownKey, reference.id)

  useEffect(() => {
    if (shownMode !== 'blink' || !blink.auto) return
    const timer = setInterval(() => setBlink((prev) => ({ ...prev, showB: !prev.showB })), BLINK_MS)
    return () => clearInterval(timer)
  }, [shownMode, blink.auto])

  const choose = (which: 'a' | 'b', index: number) => {
    const other = which === 'a' ? b : a
    // Choosing the other's pane swaps the two.
    const next = which === 'a' ? { a: index, b: index === other ? a : b } : { a: index === other ? b : a, b: index }
    setChosen({ key: shownKey, ...next })
  }
  const flip = () => {
    setMode('blink')
    setBlink((prev) => ({ auto: false, showB: !prev.showB }))
  }
  const onKey = useKeyLayer(
    'Compare',
    compareBindings({
      zoom: synced.zoom,
      setMode: paired ? setMode : null,
      switchSet: () => onSet(set === 'inputs' ? 'versions' : 'inputs'),
      swap: () => setChosen({ key: shownKey, a: b, b: a }),
      flip,
      moveWipe: (by) => {
        setMode('wipe')
        setSplit((prev) => Math.min(100, Math.max(0, prev + by)))
      },
      leave: onLeave,
    }),
  )
  useEffect(() => onKeys(onKey))
  useEffect(() => () => onKeys(null), [onKeys])

  const modeButton = (value: CompareMode, label: string, key: string) => (
    <button
      type="button"
      className="btn-dark px-3 text-sm aria-pressed:border-indigo-400 aria-pressed:bg-indigo-900"
      aria-pressed={shownMode === value}
      aria-keyshortcuts={key}
      disabled={!paired}
      onClick={() => setMode(value)}
    >
      {label}
    </button>
  )
  const setButton = (value: CompareSet, label: string) => (
    <button
      type="button"
      className="btn-dark px-3 text-sm aria-pressed:border-indigo-400 aria-pressed:bg-indigo-900"
      aria-pressed={set === value}
      aria-keyshortcuts="V"
      onClick={() => onSet(value)}
    >
      {label}
    </button>
  )

  return (
    <section aria-label="Compare" className="flex min-h-0 flex-1 flex-col gap-2" data-compare-set={set}>
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Compare what" className="flex gap-1">
          {setButton('inputs', 'Output and inputs')}
          {setButton('versions', `Versions (${versions.images.length}${versions.complete ? '' : '+'})`)}
        </div>
        <div role="group" aria-label="Show" className="flex gap-1">
          {modeButton('side', 'Side by side', 'S')}
          {modeButton('wipe', 'Wipe', 'W')}
          {modeButton('blink', 'Blink', 'B')}
        </div>
        {paired && (
          <>
            <PanePicker label="A" panes={panes} value={a} onChange={(n) => choose('a', n)} />
            <PanePicker label="B" panes={panes} value={b} onChange={(n) => choose('b', n)} />
          </>
        )}
        {shownMode === 'wipe' && (
          <label className="flex items-center gap-2 text-sm">
            Wipe
            <input
              type="range"
              min={0}
              max={100}
              value={split}
              onChange={(e) => setSplit(Number(e.target.value))}
              aria-valuetext={`${split}% A, ${100 - split}% B`}
              className="w-28 accent-indigo-400"
            />
          </label>
        )}
        {shownMode === 'blink' && (
          <button
            type="button"
            className="btn-dark px-3 text-sm aria-pressed:border-indigo-400 aria-pressed:bg-indigo-900"
            aria-pressed={blink.auto}
            onClick={() => setBlink((prev) => ({ ...prev, auto: !prev.auto }))}
          >
            Auto blink
          </button>
        )}
        <button
          type="button"
          className="btn-dark ml-auto gap-2 px-3 text-sm"
          aria-keyshortcuts="Escape"
          onClick={onLeave}
        >
          Close compare
          <kbd className="rounded border border-neutral-600 px-1 font-mono text-xs text-neutral-300">Esc</kbd>
        </button>
      </div>
      <div className="relative h-[62vh] min-h-64 lg:h-auto lg:flex-1" data-testid="compare-stage">
        {shownMode === 'side' ? (
          <div className={`grid h-full gap-1 ${PANE_GRID[panes.length] ?? ''}`}>
            {panes.map((pane, n) => (
              <div
                key={pane.id}
                className="relative min-h-0 overflow-hidden rounded bg-neutral-900"
                data-pane={pane.id}
              >
                <PaneImage pane={pane} zoom={synced.pane(pane.id)}>
                  {pane.annotations && <AnnotationMarks annotations={pane.annotations} />}
                </PaneImage>
                <span className="pointer-events-none absolute top-1 left-1 rounded bg-black/75 px-1.5 py-0.5 text-xs text-white">
                  {paired && (n === a || n === b) && <strong className="mr-1">{n === a ? 'A' : 'B'}</strong>}
                  {pane.label}
                  {pane.url && pane.annotations && pane.annotations.length > 0 && (
                    <span data-testid="pane-annotations"> · {annotationCount(pane.annotations.length)}</span>
                  )}
                </span>
              </div>
            ))}
          </div>
        ) : (
          <PairStage
            paneA={paneA}
            paneB={paneB}
            zoom={synced.pane(paneA.id)}
            zoomB={synced.pane(paneB.id)}
            mode={shownMode}
            split={split}
            showB={blink.showB}
          />
        )}
        <ZoomBar zoom={synced.zoom} />
      </div>
      <p className="text-xs text-neutral-300" data-testid="compare-note">
        {set === 'inputs'
          ? 'The output beside each of its inputs; an input of another shape is fitted whole in the output’s box.'
          : `Versions: the variants of image index ${image.imageIndex} of job ${image.jobId} (one per group, each with its own version number) among the images this list shows.`}{' '}
        {set === 'versions' && versions.images.length < 2 && 'This image index has no other version here. '}
        {set === 'versions' && !versions.complete && 'Part of this list is not loaded, so versions may be missing. '}
        {left > 0 && `${left} more not shown (at most ${MAX_PANES} panes). `}
        Zoom and pan move every pane alike (wheel, pinch, drag, + − 0 and the arrows).
      </p>
    </section>
  )
}

const annotationCount = (n: number) => `${n} annotation${n === 1 ? '' : 's'}`

function PanePicker(props: { label: string; panes: readonly Pane[]; value: number; onChange: (n: number) => void }) {
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

function PaneImage({ pane, zoom, children }: { pane: Pane; zoom: ZoomController; children?: React.ReactNode }) {
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
function PairStage({ paneA, paneB, zoom, zoomB, mode, split, showB }: PairStageProps) {
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
