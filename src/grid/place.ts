// The scroll place of a grid, kept per history entry and list in sessionStorage, so a reload
// (same history entry) and Back/Forward (each entry its own place) come back to it.

import type { SavedPage } from './list-window'

export interface Place {
  /** First visible index. */
  index: number
  /** Key of the focused (or first visible) item, to find it again if indexes moved. */
  key?: string | undefined
  /** For a list that walks page to page: its pages down to the place, to fetch it again at once. */
  pages?: SavedPage[] | undefined
}

const STORAGE_KEY = 'vitrine:places'
/** Places kept at most, the least recently saved dropped first, so storage never fills up. */
const MAX_PLACES = 200

export function placeKey(historyKey: string, listId: string): string {
  return `${historyKey}:${listId}`
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage
  } catch {
    // note: storage can be blocked by the browser; the grid then starts at the top.
    return undefined
  }
}

function readAll(): [string, Place][] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isEntry) : []
  } catch {
    return []
  }
}

function isEntry(value: unknown): value is [string, Place] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string') return false
  const place = value[1] as Partial<Place> | null
  return (
    typeof place === 'object' &&
    place !== null &&
    Number.isInteger(place.index) &&
    (place.index ?? -1) >= 0 &&
    (place.key === undefined || typeof place.key === 'string') &&
    (place.pages === undefined || (Array.isArray(place.pages) && place.pages.every(isSavedPage)))
  )
}

function isSavedPage(value: unknown): value is SavedPage {
  const page = value as Partial<SavedPage> | null
  return (
    typeof page === 'object' &&
    page !== null &&
    'param' in page &&
    Number.isInteger(page.offset) &&
    Number.isInteger(page.count)
  )
}

export function readPlace(key: string): Place | null {
  return readAll().find(([k]) => k === key)?.[1] ?? null
}

export function savePlace(key: string, place: Place): void {
  const entries = readAll().filter(([k]) => k !== key)
  entries.push([key, place])
  const kept = entries.slice(-MAX_PLACES)
  const write = (list: [string, Place][]) => storage()?.setItem(STORAGE_KEY, JSON.stringify(list))
  try {
    write(kept)
  } catch {
    // Storage is full: older places give up their pages (they fall back to walking there), then
    // this one does; a blocked storage only costs the kept place.
    try {
      write(kept.map(([k, p]) => [k, k === key ? p : { index: p.index, key: p.key }]))
    } catch {
      try {
        write(kept.map(([k, p]) => [k, { index: p.index, key: p.key }]))
      } catch {
        // note: nothing more to give up; the grid starts at the top next time.
      }
    }
  }
}
