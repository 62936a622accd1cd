import { useRouter } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'

/** What an overlay steps through: the list window of the grid under it. */
interface SteppableList<T> {
  count: number
  exact: boolean
  indexOf: (key: string) => number
  itemAt: (index: number) => T | undefined
  collect: (from: number, to: number, signal: AbortSignal) => Promise<{ index: number; item: T }[]>
}

export interface ListOverlayOptions<T> {
  /** The open item's key from the URL; undefined while the route closes (the last one stays). */
  openKey: string | undefined
  /** The grid's list; undefined without a grid under the overlay. */
  list: SteppableList<T> | undefined
  /** Shows another item of the list in place (replaces the URL's key). */
  show: (item: T) => void
  /** The item's key, as the URL holds it. */
  keyOf: (item: T) => string
  /** Moves the list and the grid under the overlay to an index whose page has not arrived. */
  reveal: (index: number) => void
  /** The way back when the overlay was not opened from the grid (a pasted or reloaded link). */
  leave: () => void
  /** Focuses the tile of the item last shown, once the overlay has closed. */
  focusTile: (key: string) => void
  /** A neighbour's large image, fetched ahead so stepping shows it at once. */
  warmUrl: (item: T) => string | null | undefined
  /**
   * The indexes the view shows next from `index`, nearest first, whose images are fetched ahead:
   * by default the next one. A view that moves on by itself (the review's auto-advance) gives
   * the images it will move to.
   */
  ahead?: (index: number) => readonly number[]
}

type StepState = 'idle' | 'loading' | 'failed'

export interface ListOverlay {
  /** The item shown, kept while the overlay closes. */
  key: string
  /** Where it sits in the list, or -1 when the list does not hold it. */
  index: number
  canStepBack: boolean
  canStepOn: boolean
  /** Shows the item `delta` away, waiting for its page when the list has not loaded it. */
  step: (delta: number) => void
  stepState: StepState
  /** Back to the grid: Back when opened from it, so the grid is where it was; else `leave`. */
  close: () => void
  /** For the modal's `onCloseAutoFocus`: focus lands on the shown item's tile, nowhere else. */
  onCloseAutoFocus: (event: Event) => void
}

/**
 * Open, step, close and focus of a full-screen view over a grid (the asset viewer, the review):
 * the item is the URL's, ← and → step through the grid's list and past what it has loaded,
 * and closing returns focus to the tile of the item shown.
 */
export function useListOverlay<T>(options: ListOverlayOptions<T>): ListOverlay {
  const { openKey, list, show, keyOf, reveal, leave, focusTile, warmUrl, ahead = (at: number) => [at + 1] } = options
  const router = useRouter()
  // The item shown follows the URL, and a step shows its item at once, in the key press's own
  // render, before the router has moved the URL there (which follows a moment later). The steps
  // shown ahead of the URL are kept, so the URL catching up with one of them (quick presses)
  // moves nothing back; any other change of the URL (Back, Forward, a link) is followed.
  const [key, setKey] = useState(openKey ?? '')
  const [urlKey, setUrlKey] = useState(openKey)
  const [unconfirmed, setUnconfirmed] = useState<readonly string[]>([])
  if (openKey !== urlKey) {
    setUrlKey(openKey)
    const caughtUp = openKey === undefined ? -1 : unconfirmed.indexOf(openKey)
    if (caughtUp >= 0) setUnconfirmed(unconfirmed.slice(caughtUp + 1))
    else if (openKey !== undefined) {
      setKey(openKey)
      setUnconfirmed([])
    }
  }
  const showNow = (item: T) => {
    const shown = keyOf(item)
    setKey(shown)
    setUnconfirmed((keys) => [...keys, shown])
    show(item)
  }
  const [stepState, setStepState] = useState<StepState>('idle')
  const stepping = useRef<AbortController | null>(null)
  useEffect(() => () => stepping.current?.abort(), [])

  const index = list ? list.indexOf(key) : -1
  const count = list?.count ?? 0
  const inList = (target: number) => target >= 0 && !(list?.exact && target >= count)

  const step = (delta: number) => {
    if (!list || index < 0 || stepping.current) return
    const target = index + delta
    if (!inList(target)) return
    const held = list.itemAt(target)
    if (held) return showNow(held)
    // Past the loaded list: move the window there and wait for the page holding the neighbour.
    const controller = new AbortController()
    stepping.current = controller
    setStepState('loading')
    reveal(target)
    list
      .collect(target, target, controller.signal)
      .then(([found]) => {
        if (controller.signal.aborted) return
        setStepState('idle')
        if (found) showNow(found.item)
      })
      .catch(() => {
        if (!controller.signal.aborted) setStepState('failed')
      })
      .finally(() => {
        if (stepping.current === controller) stepping.current = null
      })
  }

  const close = () => {
    const opened = router.state.location.state as { fromGrid?: boolean }
    if (opened.fromGrid) router.history.back()
    else leave()
  }

  // Whatever closes the overlay (Esc, the button, Back), focus lands on its item's tile.
  const shown = useRef(key)
  useEffect(() => {
    shown.current = key
  }, [key])
  const onCloseAutoFocus = (event: Event) => {
    event.preventDefault()
    focusTile(shown.current)
  }

  // The images shown next and the one before, fetched ahead so moving shows them from the cache.
  const warm: string[] = []
  if (list && index >= 0) {
    for (const at of [...ahead(index), index - 1]) {
      const item = at >= 0 ? list.itemAt(at) : undefined
      const src = item ? warmUrl(item) : null
      if (src && !warm.includes(src)) warm.push(src)
    }
  }
  const warmKey = warm.join('\n')
  useEffect(() => {
    if (!warmKey) return
    for (const src of warmKey.split('\n')) {
      // Fetched and decoded ahead: a step then paints the image in its first frame.
      const image = new Image()
      image.src = src
      // note: not every engine has decode() (jsdom has none); fetched is enough there.
      if (typeof image.decode === 'function') image.decode().catch(() => undefined)
    }
  }, [warmKey])

  const steppable = list !== undefined && index >= 0
  return {
    key,
    index,
    canStepBack: steppable && index > 0,
    canStepOn: steppable && inList(index + 1),
    step,
    stepState,
    close,
    onCloseAutoFocus,
  }
}
