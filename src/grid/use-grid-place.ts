import { useMatch, useRouterState } from '@tanstack/react-router'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { placeKey, readPlace, savePlace, type Place } from './place'

export interface GridPlace {
  /** The place this grid was left at in this history entry (reload, Back/Forward), if any. */
  initial: Place | null
  /**
   * Reads the place with `read` once scrolling pauses (each call restarts the wait) and records
   * it. While the screen shows no loaded tile (placeholders in a fling, a page on its way),
   * `read` gives null and is asked again a moment later, so the last place is never skipped.
   */
  saveFrom: (read: () => Place | null) => void
}

const SAVE_DELAY_MS = 150
const READ_DELAY_MS = 100
const READ_RETRY_MS = 150
/** Reads tried while the screen shows no loaded tile, about 6 s in all. */
const READ_TRIES = 40

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
      const isOwn = leaf?.routeId === ownRoute
      // The entry's key only while it is the grid's own: a viewer over it replaces its entry on
      // every step, and the grid need not draw again for that.
      return { key: isOwn ? (state.__TSR_key ?? state.key ?? null) : null, isOwn }
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

  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const saveFrom = useCallback(
    (read: () => Place | null) => {
      clearTimeout(readTimer.current)
      let tries = 0
      const attempt = () => {
        const place = read()
        if (place) save(place)
        else if (++tries < READ_TRIES) readTimer.current = setTimeout(attempt, READ_RETRY_MS)
      }
      readTimer.current = setTimeout(attempt, READ_DELAY_MS)
    },
    [save],
  )

  useEffect(() => {
    globalThis.addEventListener?.('pagehide', flush)
    return () => {
      clearTimeout(readTimer.current)
      globalThis.removeEventListener?.('pagehide', flush)
      flush()
    }
  }, [flush])

  return useMemo(() => ({ initial, saveFrom }), [initial, saveFrom])
}
