import { useEffect, useState, useSyncExternalStore } from 'react'
import { adapterFor, loadAdapter, sourceStore, type AnyAdapter } from './sources'
import type { Source, SourceStore } from './source-store'
import type { SourceConfig } from './types'

// React views of the one source store: they re-render when a source is added, edited, hidden,
// switched to another demo user, or when the server's sources arrive.

const subscribe = (listener: () => void) => sourceStore().subscribe(listener)

/** The store itself, for actions; re-renders on every change so its getters read fresh. */
export function useSourceStore(): SourceStore {
  useSyncExternalStore(subscribe, () => sourceStore().all())
  return sourceStore()
}

/** Visible sources, bundled first, then server, then browser. */
export function useSources(): readonly Source[] {
  return useSyncExternalStore(subscribe, () => sourceStore().list())
}

/** Every source, hidden ones included (the Sources page). */
export function useAllSources(): readonly Source[] {
  return useSyncExternalStore(subscribe, () => sourceStore().all())
}

/** The current object for a source id: a new one after each edit. */
export function useSource(id: string | undefined): Source | undefined {
  return useSyncExternalStore(subscribe, () => (id === undefined ? undefined : sourceStore().get(id)))
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
