import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import {
  indexAtFraction,
  labelAt,
  observe,
  refinements,
  samplePositions,
  stepTarget,
  ticks,
  type Known,
  type LabelOf,
  type ScrubberStep,
} from './scrubber-model'
import type { ListWindowHandle } from './use-list-window'

/** Items sampled alone when the scrubber is first used, spread over the list. */
const FIRST_SAMPLES = 24
/** Samples one list takes at most, refinements included. */
const MAX_SAMPLES = 64
/** Sample requests in flight at once. */
const SAMPLE_CONCURRENCY = 3
/**
 * A list this long is sampled once it has loaded, so its ticks show before it is touched; a much
 * longer one only once the scrubber is used. A one-item page deep in a million-item list costs
 * the reference server 0.2 s (its offset is walked), so two dozen of them on every visit would
 * hold up everything else there.
 */
const SAMPLE_EARLY = { from: 2000, upTo: 50_000 }
/**
 * How long after the list's first page early samples wait: a browser holds six connections to a
 * server, and three samples sent with the first screen's thumbnails would take half of them
 * (seen: the first thumbnails answered two at a time behind the samples).
 */
const SAMPLE_EARLY_DELAY_MS = 1500
/** Tick labels closer than this (px) to the one above are left out. */
const TICK_SPACING_PX = 18

const STEP_KEYS: Record<string, ScrubberStep> = {
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'prev',
  ArrowLeft: 'prev',
  PageDown: 'next-major',
  PageUp: 'prev-major',
  Home: 'first',
  End: 'last',
}

/**
 * The labels a scrubber knows: those of the loaded items (exact), and, for a list that can
 * jump, of single items sampled once `active` (a few dozen, then the middles of gaps whose two
 * sides are more than one label apart; `near` is refined first). Nothing without `labelOf`.
 */
function useSortLabels<TItem>(
  list: ListWindowHandle<TItem>,
  labelOf: LabelOf<TItem> | undefined,
  active: boolean,
  near?: number,
) {
  const [known, setKnown] = useState<Known>([])
  const current = useRef(known)
  const learn = useCallback((from: number, labels: Parameters<typeof observe>[2]) => {
    current.current = observe(current.current, from, labels)
    setKnown(current.current)
  }, [])

  const { start, end, itemAt } = list
  useEffect(() => {
    if (!labelOf) return
    const labels = []
    for (let i = start; i < end; i++) {
      const item = itemAt(i)
      labels.push(item === undefined ? null : labelOf(item))
    }
    if (labels.length > 0) learn(start, labels)
  }, [start, end, itemAt, labelOf, learn])

  const sampler = useRef({ asked: new Set<number>(), inFlight: 0, alive: true })
  useEffect(() => {
    const state = sampler.current
    state.alive = true
    return () => {
      state.alive = false
    }
  }, [])

  // Bumped as each sample settles, so the next one goes out.
  const [settled, setSettled] = useState(0)
  const { sample, count, exact, initialLoading } = list
  const early = exact && count >= SAMPLE_EARLY.from && count <= SAMPLE_EARLY.upTo
  const [earlyDue, setEarlyDue] = useState(false)
  const loaded = !initialLoading
  useEffect(() => {
    if (!loaded || earlyDue) return
    const timer = setTimeout(() => setEarlyDue(true), SAMPLE_EARLY_DELAY_MS)
    return () => clearTimeout(timer)
  }, [loaded, earlyDue])
  const wanted = active || (earlyDue && early)
  useEffect(() => {
    const state = sampler.current
    if (!labelOf || !wanted || !sample || !exact || initialLoading || count === 0) return
    const first = samplePositions(count, FIRST_SAMPLES)
    while (state.inFlight < SAMPLE_CONCURRENCY && state.asked.size < MAX_SAMPLES) {
      const index =
        first.find((i) => !state.asked.has(i) && !labelAt(current.current, i).exact) ??
        refinements(current.current, state.asked, 1, near)[0]
      if (index === undefined) return
      state.asked.add(index)
      state.inFlight++
      sample(index)
        .then((item) => {
          if (state.alive && item !== undefined) learn(index, [labelOf(item)])
        })
        // A sample that fails leaves its gap to the neighbours' labels (a range, never a guess).
        .catch(() => undefined)
        .finally(() => {
          state.inFlight--
          if (state.alive) setSettled((n) => n + 1)
        })
    }
  }, [wanted, near, settled, sample, exact, initialLoading, count, labelOf, learn])

  return known
}

type ScrubberProps<TItem> = {
  list: ListWindowHandle<TItem>
  /** The items on screen, first to last. */
  visible: { first: number; last: number }
  /** Shows an index at the top of the grid. */
  onSeek: (index: number) => void
  /** Room above the track, in px (a sticky header the scrubber must not cover). */
  top?: number
} & (
  | {
      /** Labels each item by the list's sort key; learnt from loaded and sampled items. */
      labelOf: LabelOf<TItem>
      known?: never
    }
  | {
      /** The labels, known already by the grid (a grouped list's groups, see `groupLabels`). */
      known: Known
      labelOf?: never
    }
)

/**
 * A track beside the grid labelled by the sort key: hovering or dragging shows the label under
 * the pointer, a press or drag jumps there, and as a slider the keys move by labels (arrows),
 * larger sections (Page Up/Down: years) and to the ends (Home/End). Labels are exact where
 * loaded or sampled and never more than one label off elsewhere (see scrubber-model). Beside a
 * grouped list, given its groups' labels, it moves by groups.
 */
export function Scrubber<TItem>({ list, labelOf, known: given, visible, onSeek, top }: ScrubberProps<TItem>) {
  const track = useRef<HTMLDivElement | null>(null)
  const [height, setHeight] = useState(0)
  const [active, setActive] = useState(false)
  const [pointer, setPointer] = useState<{ index: number; dragging: boolean } | null>(null)
  const [focused, setFocused] = useState(false)
  const learnt = useSortLabels(list, labelOf, active, pointer?.index)
  const known = given ?? learnt
  // A row shows several items: the next key steps on from the item a key chose, not the row's first.
  const [keyTarget, setKeyTarget] = useState<number | null>(null)

  useLayoutEffect(() => {
    const el = track.current
    if (!el) return
    const measure = () => setHeight(el.clientHeight)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const length = list.length
  const last = Math.max(0, length - 1)
  const at = visible.first

  const indexAt = (clientY: number): number => {
    const box = track.current?.getBoundingClientRect()
    if (!box || box.height === 0) return at
    return indexAtFraction((clientY - box.top) / box.height, length)
  }

  // One seek per frame while dragging.
  const frame = useRef<number | null>(null)
  const pending = useRef<number | null>(null)
  const seekSoon = (index: number) => {
    pending.current = index
    frame.current ??= requestAnimationFrame(() => {
      frame.current = null
      if (pending.current !== null) onSeek(pending.current)
    })
  }
  useEffect(() => () => cancelAnimationFrame(frame.current ?? 0), [])

  // Where the keys last sent the grid, while it is on screen.
  const chosen = keyTarget !== null && keyTarget >= visible.first && keyTarget <= visible.last ? keyTarget : null

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return
    e.preventDefault()
    e.currentTarget.setPointerCapture(e.pointerId)
    e.currentTarget.focus({ preventScroll: true })
    setActive(true)
    setKeyTarget(null)
    const index = indexAt(e.clientY)
    setPointer({ index, dragging: true })
    seekSoon(index)
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const index = indexAt(e.clientY)
    const dragging = pointer?.dragging === true
    if (pointer?.index !== index || !dragging) setPointer({ index, dragging })
    if (!active) setActive(true)
    if (dragging) seekSoon(index)
  }
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId)
    // A finger leaves nothing to hover over; a mouse still hovers where it let go.
    setPointer(
      e.pointerType === 'mouse' && e.type === 'pointerup' ? { index: indexAt(e.clientY), dragging: false } : null,
    )
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = STEP_KEYS[e.key]
    if (!step || e.altKey || e.ctrlKey || e.metaKey) return
    e.preventDefault()
    e.stopPropagation()
    const target = stepTarget(known, chosen ?? at, step, length)
    setKeyTarget(target)
    onSeek(target)
  }

  const shownIndex = pointer?.index ?? chosen ?? at
  const shown = labelAt(known, Math.min(shownIndex, last))
  const current = labelAt(known, Math.min(chosen ?? at, last))
  const engaged = pointer !== null || focused
  const fraction = (index: number) => (length <= 1 ? 0 : index / length)

  const bubbleY = Math.min(Math.max(fraction(shownIndex) * height, 14), Math.max(14, height - 14))
  const marks = []
  let previous = -Infinity
  for (const tick of ticks(known)) {
    const y = fraction(tick.index) * height
    if (y - previous < TICK_SPACING_PX) continue
    previous = y
    // The bubble's label covers a tick's own beside it.
    marks.push({ ...tick, y, named: engaged && Math.abs(y - bubbleY) >= TICK_SPACING_PX })
  }

  return (
    <div
      data-scrubber=""
      role="slider"
      tabIndex={0}
      aria-label="Jump through the list"
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={last}
      aria-valuenow={Math.min(chosen ?? at, last)}
      aria-valuetext={textOf(current, 'Not loaded yet')}
      className="group/scrubber absolute inset-y-0 right-0 z-10 w-7 cursor-ns-resize touch-none outline-none select-none"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onPointerLeave={(e) => {
        if (!e.currentTarget.hasPointerCapture(e.pointerId)) setPointer(null)
      }}
      style={top ? { top } : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        setFocused(true)
        setActive(true)
      }}
      onBlur={() => {
        setFocused(false)
        setKeyTarget(null)
      }}
    >
      <div ref={track} className="absolute inset-y-3 right-0 left-0">
        <div
          aria-hidden="true"
          className="absolute inset-y-0 right-2.5 w-0.5 rounded-full bg-neutral-300 group-focus-visible/scrubber:bg-indigo-300 dark:bg-neutral-700 dark:group-focus-visible/scrubber:bg-indigo-700"
        />
        {marks.map((mark) => (
          <div
            key={`${mark.index}:${mark.text}`}
            aria-hidden="true"
            className="absolute top-0 right-1.5"
            // Moved by a transform: the ticks settle as the list is sampled, which is no layout shift.
            style={{ transform: `translateY(${mark.y}px)` }}
          >
            <div
              className={`h-0.5 w-2.5 rounded-full ${mark.exact ? 'bg-neutral-500 dark:bg-neutral-400' : 'bg-neutral-400 dark:bg-neutral-500'}`}
            />
            {mark.named && (
              <span className="absolute top-1/2 right-4 max-w-40 -translate-y-1/2 truncate rounded bg-white/90 px-1 text-[11px] leading-4 font-medium whitespace-nowrap text-neutral-700 shadow-sm dark:bg-neutral-900/90 dark:text-neutral-300">
                {mark.text}
              </span>
            )}
          </div>
        ))}
        <div
          aria-hidden="true"
          className="absolute right-1.5 h-8 w-2.5 -translate-y-1/2 rounded-full bg-indigo-600 shadow ring-2 ring-white group-focus-visible/scrubber:ring-indigo-300 dark:bg-indigo-400 dark:ring-neutral-950"
          style={{ top: `${fraction(pointer?.dragging ? pointer.index : (chosen ?? at)) * 100}%` }}
        />
        {engaged && (
          <div
            aria-hidden="true"
            data-scrubber-label=""
            data-exact={shown.exact || undefined}
            className="pointer-events-none absolute right-8 max-w-[min(24rem,calc(100vw-4rem))] -translate-y-1/2 truncate rounded-md bg-neutral-900 px-2.5 py-1 text-sm font-semibold whitespace-nowrap text-white shadow-lg dark:bg-neutral-100 dark:text-neutral-900"
            style={{ top: bubbleY }}
          >
            {textOf(shown, 'Not loaded yet')}
          </div>
        )}
      </div>
    </div>
  )
}

/** A label as shown: "≈" marks one that may be a neighbour off. */
function textOf(label: { text: string | null; exact: boolean }, unknown: string): string {
  if (label.text === null) return unknown
  return label.exact || label.text.includes(' – ') ? label.text : `≈ ${label.text}`
}
