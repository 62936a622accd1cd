import { hashKey, onlineManager, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import {
  ListWindow,
  PAGE_REFRESH_AFTER_MS,
  type IndexRange,
  type SavedPage,
  type WindowSpec,
  type WindowState,
} from './list-window'
import type { Place } from './place'

/** A window's state with its commands, stable between renders until the state changes. */
export interface ListWindowHandle<TItem> extends WindowState<TItem> {
  show: (range: IndexRange) => void
  jumpTo: (index: number) => void
  retry: () => void
  collect: (from: number, to: number, signal: AbortSignal) => Promise<{ index: number; item: TItem }[]>
  /** One item fetched alone, for lists that can jump (see `WindowSpec.sampleAt`); else absent. */
  sample: ((index: number) => Promise<TItem | undefined>) | undefined
  /** The pages to keep with a place (see `ListWindow.ledger`). */
  ledger: () => SavedPage[] | undefined
}

/**
 * A bounded window over the list `spec` describes, starting at a restored place (its index, and
 * the pages leading there for a list that cannot jump). A new query key starts a new window; the
 * old one stops.
 */
export function useListWindow<TItem, TParam>(
  spec: WindowSpec<TItem, TParam>,
  place?: Place | null,
): ListWindowHandle<TItem> {
  const client = useQueryClient()
  const id = hashKey(spec.queryKey)
  const create = () => new ListWindow(spec, client, place?.index ?? 0, place?.pages as SavedPage<TParam>[] | undefined)
  const [current, setCurrent] = useState(() => ({ id, window: create() }))
  if (current.id !== id) setCurrent({ id, window: create() })
  const { window } = current

  useEffect(() => {
    window.start()
    // A connection that comes back is worth a try at once, not at Query's next backoff step.
    const offOnline = onlineManager.subscribe((online) => {
      if (online) window.retry()
    })
    // A tab left open comes back with fresh media links (see PAGE_REFRESH_AFTER_MS).
    const visible = () => {
      if (document.visibilityState === 'visible') window.revisit()
    }
    document.addEventListener('visibilitychange', visible)
    const tick = setInterval(visible, PAGE_REFRESH_AFTER_MS / 6)
    return () => {
      offOnline()
      document.removeEventListener('visibilitychange', visible)
      clearInterval(tick)
      window.stop()
    }
  }, [window])

  const state = useSyncExternalStore(window.subscribe, window.getState, window.getState)
  return useMemo(
    () => ({
      ...state,
      show: window.show,
      jumpTo: window.jumpTo,
      retry: window.retry,
      collect: (from: number, to: number, signal: AbortSignal) => window.collect(from, to, signal),
      ledger: window.ledger,
      sample: window.canSample ? window.sample : undefined,
    }),
    [state, window],
  )
}
