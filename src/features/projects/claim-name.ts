import { useSyncExternalStore } from 'react'
import type { SourceConfig } from '../../dialects/types'
import { useSource, useSourceStore } from '../../sources/use-sources'

// Who the user is on a source, as far as retouch claims go. A bundled demo source says which
// demo user it signs in as. Other sources cannot tell (the PiktID API has no "who am I"): the
// name the server records for the user is learned from its answer to the user's own claim, and
// kept in this browser per source and revision, so an edited source (new credentials) starts
// unknown again.

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

const keyOf = (source: Pick<SourceConfig, 'id' | 'revision'>) => `${source.id}@${source.revision ?? 0}`

/** Records the name the source's server gave the user's own claim. */
export function learnClaimName(source: SourceConfig, name: string): void {
  const key = keyOf(source)
  if (names[key] === name) return
  names = { ...names, [key]: name }
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

/** The user's name on the source as its server records claims, or null while it cannot be told. */
export function useClaimName(sourceId: string): string | null {
  const store = useSourceStore()
  const source = useSource(sourceId)
  const learned = useSyncExternalStore(subscribe, () => (source ? (names[keyOf(source)] ?? null) : null))
  return store.demoUser(sourceId) ?? learned
}
