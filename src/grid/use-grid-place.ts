import { useMatch, useRouterState } from '@tanstack/react-router'
import { useCallback, useEffect, useRef, useState } from 'react'
import { placeKey, readPlace, savePlace, type Place } from './place'

export interface GridPlace {
  /** The place this grid was left at in this history entry (reload, Back/Forward), if any. */
  initial: Place | null
  /** Records the current place; written to storage a moment later and when the page goes. */
  save: (place: Place) => void
}

const SAVE_DELAY_MS = 150

/**
 * The kept place of one list (`listId`: its filters) in the current history entry. While a
 * child route (the viewer) is open over the grid, the place stays with the grid's own entry.
 */
export function useGridPlace(listId: string): GridPlace {
  const ownRoute = useMatch({ strict: false, select: (m) => m.routeId })
  const entry = useRouterState({
    select: (s) => {
      const leaf = s.matches[s.matches.length - 1]
      const state = s.location.state
      return { key: state.__TSR_key ?? state.key ?? null, isOwn: leaf?.routeId === ownRoute }
    },
    structuralSharing: true,
  })
  const [initial] = useState(() => (entry.key ? readPlace(placeKey(entry.key, listId)) : null))
  const storageKey = useRef<string | null>(null)
  const pending = useRef<{ key: string; place: Place } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(() => {
    if (entry.isOwn && entry.key) storageKey.current = placeKey(entry.key, listId)
  }, [entry.isOwn, entry.key, listId])

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (pending.current) savePlace(pending.current.key, pending.current.place)
    pending.current = null
  }, [])

  const save = useCallback(
    (place: Place) => {
      const key = storageKey.current
      if (!key) return
      pending.current = { key, place }
      if (!timer.current) timer.current = setTimeout(flush, SAVE_DELAY_MS)
    },
    [flush],
  )

  useEffect(() => {
    globalThis.addEventListener?.('pagehide', flush)
    return () => {
      globalThis.removeEventListener?.('pagehide', flush)
      flush()
    }
  }, [flush])

  return { initial, save }
}
