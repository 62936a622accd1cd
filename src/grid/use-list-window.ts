import { hashKey, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { ListWindow, type IndexRange, type WindowSpec, type WindowState } from './list-window'

/** A window's state with its commands, stable between renders until the state changes. */
export interface ListWindowHandle<TItem> extends WindowState<TItem> {
  show: (range: IndexRange) => void
  jumpTo: (index: number) => void
  retry: () => void
  update: (key: string, change: (item: TItem) => TItem) => boolean
  collect: (from: number, to: number, signal: AbortSignal) => Promise<{ index: number; item: TItem }[]>
}

/**
 * A bounded window over the list `spec` describes, starting around `anchorIndex` (a restored
 * place). A new query key starts a new window; the old one stops.
 */
export function useListWindow<TItem, TParam>(
  spec: WindowSpec<TItem, TParam>,
  anchorIndex = 0,
): ListWindowHandle<TItem> {
  const client = useQueryClient()
  const id = hashKey(spec.queryKey)
  const [current, setCurrent] = useState(() => ({ id, window: new ListWindow(spec, client, anchorIndex) }))
  if (current.id !== id) setCurrent({ id, window: new ListWindow(spec, client, anchorIndex) })
  const { window } = current

  useEffect(() => {
    window.start()
    // A connection that comes back is worth a try at once, not at the next backoff step.
    const online = () => window.retry()
    globalThis.addEventListener?.('online', online)
    return () => {
      globalThis.removeEventListener?.('online', online)
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
      update: window.update,
      collect: (from: number, to: number, signal: AbortSignal) => window.collect(from, to, signal),
    }),
    [state, window],
  )
}
