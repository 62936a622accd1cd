import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import {
  GRID_DEFAULTS,
  NO_WHEEL,
  TILE_STEPS,
  WIDE_QUERY,
  addWheel,
  pinchStep,
  DEFAULT_SHAPE,
  readDensity,
  readShape,
  stepFrom,
  wheelPixels,
  writeDensity,
  writeShape,
  type DensityDefaults,
  type TileShape,
  type StepDirection,
} from './density'

/** A view's tile size, and the ways to change it. */
export interface Density {
  /** The narrowest a tile may be on this screen now, in CSS px. */
  width: number
  /** One step larger (`1`) or smaller (`-1`). */
  step: (direction: StepDirection) => void
  /** A size of `TILE_STEPS`. */
  set: (width: number) => void
  /** Back to the view's default (forgets the kept choice). */
  reset: () => void
  /** Rows that keep each image's aspect ratio, or squares; for grids that can lay out rows. */
  shape: TileShape
  setShape: (shape: TileShape) => void
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

function subscribeWide(onChange: () => void): () => void {
  const query = globalThis.matchMedia?.(WIDE_QUERY)
  query?.addEventListener('change', onChange)
  return () => query?.removeEventListener('change', onChange)
}

function isWide(): boolean {
  return globalThis.matchMedia?.(WIDE_QUERY).matches ?? true
}

/**
 * The tile size of one view (`'assets'`, `'people'`), kept across visits per view; until the user
 * picks one, the view's default for this screen's width.
 */
export function useDensity(view: string, defaults: DensityDefaults = GRID_DEFAULTS): Density {
  const [chosen, setChosen] = useState(() => readDensity(storage(), view))
  const wide = useSyncExternalStore(subscribeWide, isWide, () => true)
  const fallback = wide ? defaults.desktop : defaults.phone
  const width = chosen ?? fallback

  const kept = useRef(chosen)
  useEffect(() => {
    if (kept.current === chosen) return
    kept.current = chosen
    writeDensity(storage(), view, chosen)
  }, [chosen, view])

  const step = useCallback(
    (direction: StepDirection) => setChosen((now) => stepFrom(now ?? fallback, direction)),
    [fallback],
  )
  const set = useCallback((next: number) => {
    if (!TILE_STEPS.includes(next)) throw new RangeError(`No tile size step is ${next} px`)
    setChosen(next)
  }, [])
  const reset = useCallback(() => setChosen(null), [])

  const [shape, keepShape] = useState(() => readShape(storage(), view) ?? DEFAULT_SHAPE)
  const setShape = useCallback(
    (next: TileShape) => {
      keepShape(next)
      writeShape(storage(), view, next)
    },
    [view],
  )
  return useMemo(() => ({ width, step, set, reset, shape, setShape }), [width, step, set, reset, shape, setShape])
}

/**
 * Ctrl + wheel (a trackpad's pinch arrives as one), a two-finger pinch and Ctrl + `+` / `-` / `0`
 * (while focus is inside) over `el` change `density`. The element should have
 * `touch-action: pan-y` so a pinch is not the page's zoom; one finger still scrolls.
 */
export function useDensityGestures(el: HTMLElement | null, density: Density | null): void {
  const latest = useRef(density)
  useEffect(() => {
    latest.current = density
  }, [density])

  useEffect(() => {
    if (!el) return
    let wheel = NO_WHEEL
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey || !latest.current) return
      // Not the browser's zoom.
      e.preventDefault()
      const next = addWheel(wheel, wheelPixels(e, el.clientHeight), e.timeStamp)
      wheel = next.state
      if (next.step) latest.current.step(next.step)
    }

    /** The finger distance at the pinch's last step; null while not two fingers down. */
    let pinch: number | null = null
    const onTouch = (e: TouchEvent) => {
      const [a, b] = [e.touches[0], e.touches[1]]
      if (e.touches.length !== 2 || !a || !b) {
        pinch = null
        return
      }
      const distance = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY)
      if (pinch === null) {
        pinch = distance
        return
      }
      const next = pinchStep(pinch, distance)
      pinch = next.base
      if (next.step) latest.current?.step(next.step)
    }

    const onKey = (e: KeyboardEvent) => {
      const now = latest.current
      if (!now || !(e.ctrlKey || e.metaKey) || e.altKey) return
      if (e.key === '+' || e.key === '=') now.step(1)
      else if (e.key === '-') now.step(-1)
      else if (e.key === '0') now.reset()
      else return
      // Not the browser's zoom.
      e.preventDefault()
    }

    el.addEventListener('wheel', onWheel, { passive: false })
    // Passive: one finger's scrolling never waits for these.
    for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel'] as const) {
      el.addEventListener(type, onTouch, { passive: true })
    }
    el.addEventListener('keydown', onKey)
    return () => {
      el.removeEventListener('wheel', onWheel)
      for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel'] as const) {
        el.removeEventListener(type, onTouch)
      }
      el.removeEventListener('keydown', onKey)
    }
  }, [el])
}
