import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister'
import type { QueryClient } from '@tanstack/react-query'
import type { PersistedClient, PersistQueryClientOptions } from '@tanstack/react-query-persist-client'

// What survives a reload or a closed tab: only the mutations still waiting for the server
// (review verdicts). No query is persisted: pages of assets and projects are fetched again,
// which keeps storage small and the grids' memory budget meaningful.

const STORAGE_KEY = 'vitrine:pending-writes'
const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Mutations saved while pending are written as paused: whether the tab closed mid-request or
 * between retries, `resumePausedMutations` on the next start sends them again (verdicts are
 * idempotent, so a request that did land is harmless to repeat).
 */
function serialize(client: PersistedClient): string {
  const mutations = client.clientState.mutations.map((m) => ({ ...m, state: { ...m.state, isPaused: true } }))
  return JSON.stringify({ ...client, clientState: { ...client.clientState, mutations } })
}

export function persistOptions(): Omit<PersistQueryClientOptions, 'queryClient'> | null {
  const storage = globalThis.localStorage
  if (!storage) return null
  return {
    // note: no throttle. A verdict's first write happens while it is still idle (not saved), and a
    // throttled follow-up could miss a tab closed within the interval; writes are a few hundred
    // bytes, since no query is persisted.
    persister: createAsyncStoragePersister({ storage, key: STORAGE_KEY, serialize, throttleTime: 0 }),
    maxAge: WEEK_MS,
    dehydrateOptions: {
      shouldDehydrateQuery: () => false,
      shouldDehydrateMutation: (mutation) => mutation.state.status === 'pending',
    },
  }
}

/** After restoring: send what was waiting (when online; otherwise when the connection returns). */
export function resumeWrites(client: QueryClient): Promise<unknown> {
  return client.resumePausedMutations()
}
