import { useEffect, useState } from 'react'
import type { ProjectImage } from '../../../../dialects/project-types'
import { useKeyLayer } from '../../../../ui/key-layer'
import { ZoomBar } from '../../../../ui/zoom-bar'
import { AnnotationMarks } from '../annotations/annotation-layer'
import { compareBindings, type CompareMode } from './compare-keys'
import { MAX_PANES, panesOf, type Pane } from './compare-panes'
import type { CompareSet } from './compare-search'
import { annotationCount, PaneImage, PanePicker, PairStage } from './compare-stage'
import { useSyncedZoom } from './synced-zoom'
import type { Versions } from './versions'

/** The blink's half period: A, then B, each this long. */
const BLINK_MS = 500

/** Two panes stack on a phone; three go in a row where there is room; four make a square. */
const PANE_GRID: Readonly<Record<number, string>> = {
  2: 'grid-rows-2 sm:grid-cols-2 sm:grid-rows-1',
  3: 'grid-cols-2 grid-rows-2 sm:grid-cols-3 sm:grid-rows-1',
  4: 'grid-cols-2 grid-rows-2',
}

type KeyHandler = (e: KeyboardEvent | React.KeyboardEvent) => void

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
