import type { SourceConfig } from '../dialects/types'
import { createSourceStore, type SourceStore } from './store'
import { SOURCE_STORE_KEY } from './stored-format'
import type { KeyValueStorage } from './types'

/** The sources a fresh install starts with: the bundled reference server, as alice. */
export const BUNDLED_SOURCES: readonly SourceConfig[] = [
  {
    id: 'piktid',
    name: 'PiktID demo',
    dialect: 'piktid',
    baseUrl: '/api/piktid',
    credentials: { token: 'demo-alice' },
  },
  {
    id: 'scenario',
    name: 'Scenario demo',
    dialect: 'scenario',
    baseUrl: '/api/scenario/v1',
    credentials: { apiKey: 'demo-alice', apiSecret: 'demo-secret' },
  },
  {
    id: 'vipanya',
    name: 'Vipanya demo',
    dialect: 'vipanya',
    baseUrl: '/api/vipanya',
    credentials: { apiKey: 'demo-alice' },
  },
  {
    id: 'gumnut',
    name: 'Gumnut demo',
    dialect: 'gumnut',
    baseUrl: '/api/gumnut',
    credentials: { token: 'demo-alice' },
  },
]

/** A Storage that works everywhere: localStorage when the browser allows it, else memory. */
function browserStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage
    if (storage) return storage
  } catch {
    // Access can throw (storage disabled); fall through to memory.
  }
  const memory = new Map<string, string>()
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
  }
}

/**
 * The store a page uses: the bundled sources and the ones kept in this browser's localStorage,
 * followed when another tab changes them. The server's sources arrive with `loadServerSources`.
 */
export function createBrowserSourceStore(): SourceStore {
  const store = createSourceStore({ storage: browserStorage(), bundled: BUNDLED_SOURCES })
  // Another tab added or edited a source.
  globalThis.addEventListener?.('storage', (event: StorageEvent) => {
    if (event.key === SOURCE_STORE_KEY) store.reload()
  })
  return store
}
