import { rootRouteId, useRouteContext } from '@tanstack/react-router'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { adapterFor, loadAdapter, type AnyAdapter } from '../dialects/sources'
import type { SourceConfig } from '../dialects/types'
import type { SourceStore } from './store'
import type { Source } from './types'

// React views of the app's source store, which the router's context carries (router.tsx): they
// re-render when a source is added, edited, hidden, switched to another demo user, or when the
// server's sources arrive.

function useStore(): SourceStore {
  return useRouteContext({ from: rootRouteId, select: (context) => context.sources })
}

/** The store itself, for actions; re-renders on every change so its getters read fresh. */
export function useSourceStore(): SourceStore {
  const store = useStore()
  useSyncExternalStore(store.subscribe, store.all)
  return store
}

/** Visible sources, bundled first, then server, then browser. */
export function useSources(): readonly Source[] {
  const store = useStore()
  return useSyncExternalStore(store.subscribe, store.list)
}

/** Every source, hidden ones included (the Sources page). */
export function useAllSources(): readonly Source[] {
  const store = useStore()
  return useSyncExternalStore(store.subscribe, store.all)
}

/** The current object for a source id: a new one after each edit. */
export function useSource(id: string | undefined): Source | undefined {
  const store = useStore()
  return useSyncExternalStore(store.subscribe, () => (id === undefined ? undefined : store.get(id)))
}

/**
 * A source's adapter once its dialect's code is loaded; until then (or for a dialect this build
 * cannot speak) undefined, and the view re-renders when it arrives.
 */
export function useAdapter(source: SourceConfig | undefined): AnyAdapter | undefined {
  const [, setLoads] = useState(0)
  let adapter: AnyAdapter | undefined
  try {
    adapter = source && adapterFor(source)
  } catch {
    adapter = undefined
  }
  useEffect(() => {
    if (!source || adapter) return
    let live = true
    loadAdapter(source).then(
      () => live && setLoads((n) => n + 1),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [source, adapter])
  return adapter
}
