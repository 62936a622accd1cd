import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { useResizeCount } from './grid-metrics'
import { MAX_SCROLLER_HEIGHT, contentTop, follow, rebase, seek, type Position, type RowScale } from './position-model'

// Leaves fast flings to cheap placeholders; thumbnails come back once scrolling settles.
const seekEnter = 3000
const seekExit = 300
const settleMs = 120

/**
 * A lower scroller height cap, for browser tests that reach the end of a list past the cap
 * without building a huge catalog: `sessionStorage['vitrine:grid-cap']`.
 */
export function scrollerCap(): number {
  try {
    const asked = Number(sessionStorage.getItem('vitrine:grid-cap'))
    return Number.isFinite(asked) && asked >= 5000 ? asked : MAX_SCROLLER_HEIGHT
  } catch {
    return MAX_SCROLLER_HEIGHT
  }
}

export interface ScaledScroll<S extends RowScale> {
  /** The scroller element, for event handlers; set it with `scrollerRef`. */
  scroller: () => HTMLDivElement | null
  scrollerRef: (el: HTMLDivElement | null) => void
  /** The scroller once mounted, for effects that listen to it. */
  scrollerEl: HTMLDivElement | null
  position: Position
  /** A fast fling is on: tiles give way to placeholders until it slows. */
  seeking: boolean
  /** Shows content offset `y` at the scroller's top. */
  seekTo: (y: number) => void
  /** The latest scale and place, for event handlers. */
  live: () => { scale: S; position: Position }
  /** Changes whenever the scroller's size does (which renders nothing by itself): measure again. */
  resized: number
}

/**
 * A scroller whose content is placed by the position model: follows the user's scrolling
 * through `scale` (re-based past the height cap), moves the thumb back under the scale once
 * scrolling pauses, tells fast flings apart, and keeps the content on screen where it was when
 * the scale changes: `anchor` gives the content offset in `after` of what was at offset `y` in
 * `before`.
 */
export function useScaledScroll<S extends RowScale>(
  scale: S,
  anchor: (before: S, after: S, y: number) => number,
): ScaledScroll<S> {
  const scroller = useRef<HTMLDivElement | null>(null)
  const [scrollerEl, setScrollerEl] = useState<HTMLDivElement | null>(null)
  const [position, setPosition] = useState<Position>({ scrollTop: 0, base: 0 })
  const [seeking, setSeeking] = useState(false)
  const live = useRef({ scale, position })
  const anchorRef = useRef(anchor)
  useLayoutEffect(() => {
    anchorRef.current = anchor
  }, [anchor])

  const scrollerRef = useCallback((el: HTMLDivElement | null) => {
    scroller.current = el
    setScrollerEl(el)
  }, [])

  const { moveTo, seekTo } = useMoveTo(live, scroller, setPosition)

  // A new scale keeps what was at the top where it was.
  useLayoutEffect(() => {
    const before = live.current.scale
    live.current.scale = scale
    if (before === scale) return
    seekTo(anchorRef.current(before, scale, contentTop(live.current.position)))
  }, [scale, seekTo])

  const resized = useResizeCount(scrollerEl)

  useFollowScroll(scrollerEl, live, moveTo, setPosition, setSeeking)

  const element = useCallback(() => scroller.current, [])
  const latest = useCallback(() => live.current, [])
  return { scroller: element, scrollerRef, scrollerEl, position, seeking, seekTo, live: latest, resized }
}

/**
 * Follows the user's scrolling of `scrollerEl` through the position model (`live` holds the
 * latest scale and place), tells fast flings apart (`setSeeking`), and once scrolling pauses
 * moves the thumb back where the scale puts it (`moveTo`).
 */
export function useFollowScroll(
  scrollerEl: HTMLElement | null,
  live: RefObject<{ scale: RowScale; position: Position }>,
  moveTo: (position: Position) => void,
  setPosition: (position: Position) => void,
  setSeeking: (seeking: boolean) => void,
): void {
  useEffect(() => {
    const el = scrollerEl
    if (!el) return
    let last = { y: contentTop(live.current.position), at: performance.now() }
    let settle: ReturnType<typeof setTimeout> | undefined
    let fast = 0
    const onScroll = () => {
      // Once scrolling pauses (after the user's or after a seek of ours), the thumb goes back
      // where the scale puts it.
      clearTimeout(settle)
      settle = setTimeout(() => {
        setSeeking(false)
        moveTo(rebase(live.current.scale, live.current.position))
      }, settleMs)
      const previous = live.current.position
      if (Math.abs(el.scrollTop - previous.scrollTop) < 1) return
      const next = follow(live.current.scale, previous, el.scrollTop)
      live.current.position = next
      setPosition(next)
      const now = performance.now()
      const y = contentTop(next)
      const velocity = (Math.abs(y - last.y) * 1000) / Math.max(1, now - last.at)
      last = { y, at: now }
      // One fast step is a jump (a key, a click on the track), not a fling: tiles stay.
      fast = velocity > seekEnter ? fast + 1 : 0
      if (fast > 1) setSeeking(true)
      else if (velocity < seekExit) setSeeking(false)
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      el.removeEventListener('scroll', onScroll)
      clearTimeout(settle)
    }
  }, [scrollerEl, live, moveTo, setPosition, setSeeking])
}

/**
 * Moves a scroller placed by the position model: `moveTo` sets the model's position and the
 * element's scroll offset together; `seekTo` shows content offset `y` at the top.
 */
export function useMoveTo(
  liveRef: RefObject<{ scale: RowScale; position: Position }>,
  scrollerRef: RefObject<HTMLElement | null>,
  setPosition: (next: Position) => void,
): { moveTo: (next: Position) => void; seekTo: (y: number) => void } {
  const moveTo = useCallback(
    (next: Position) => {
      liveRef.current.position = next
      setPosition(next)
      const el = scrollerRef.current
      if (el && Math.abs(el.scrollTop - next.scrollTop) >= 1) el.scrollTop = next.scrollTop
    },
    [liveRef, scrollerRef, setPosition],
  )
  const seekTo = useCallback(
    (y: number) => moveTo(seek(liveRef.current.scale, liveRef.current.position, y)),
    [liveRef, moveTo],
  )
  return { moveTo, seekTo }
}
