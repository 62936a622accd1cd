import { useSyncExternalStore } from 'react'

// Who the user is on a source, as far as retouch claims go. The PiktID API has no "who am I":
// the name the server records for the user is learned from its answer to the user's own claim,
// and kept in this browser per source, so "Release" shows on the images the user holds.

const STORAGE_KEY = 'vitrine:claim-names'

let names: Readonly<Record<string, string>> = read()
const listeners = new Set<() => void>()

function read(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}')
    if (typeof parsed !== 'object' || parsed === null) return {}
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch {
    return {}
  }
}

/** Records the name the source's server gave the user's own claim. */
export function learnClaimName(sourceId: string, name: string): void {
  if (names[sourceId] === name) return
  names = { ...names, [sourceId]: name }
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(names))
  } catch {
    // note: storage full or refused; the name is still known until the page goes.
  }
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The user's name on the source as its server records claims, or null until one was answered. */
export function useClaimName(sourceId: string): string | null {
  return useSyncExternalStore(subscribe, () => names[sourceId] ?? null)
}
