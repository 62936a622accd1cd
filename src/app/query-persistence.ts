import { dehydrate, hydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query'

// What survives a reload or a closed tab: only the mutations still waiting for the server
// (review verdicts). No query is persisted: pages of assets and projects are fetched again,
// which keeps storage small and the grids' memory budget meaningful.
//
// Why not PersistQueryClientProvider: it dehydrates the whole client and serializes it on every
// cache event. A bulk verdict on a thousand images makes thousands of events, each writing every
// pending mutation: quadratic work that froze and then crashed the tab. Here every event of one
// task becomes one write, made once the task is done, and a write still due when the page goes
// away is made then, synchronously.

const STORAGE_KEY = 'vitrine:pending-writes'
const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/** The stored form (the same as TanStack's persisters write, so older saves still restore). */
interface Saved {
  buster: string
  timestamp: number
  clientState: DehydratedState
}

/**
 * Mutations saved while pending are written as paused: whether the tab closed mid-request or
 * between retries, `resumePausedMutations` on the next start sends them again (verdicts are
 * idempotent, so a request that did land is harmless to repeat).
 */
function snapshot(client: QueryClient, now: number): string {
  const state = dehydrate(client, {
    shouldDehydrateQuery: () => false,
    shouldDehydrateMutation: (mutation) => mutation.state.status === 'pending',
  })
  const mutations = state.mutations.map((m) => ({ ...m, state: { ...m.state, isPaused: true } }))
  const saved: Saved = { buster: '', timestamp: now, clientState: { ...state, mutations } }
  return JSON.stringify(saved)
}

/** Puts back what an earlier page left waiting, unless it is older than a week or unreadable. */
function restore(client: QueryClient, storage: Storage, now: number): void {
  const raw = storage.getItem(STORAGE_KEY)
  if (raw === null) return
  try {
    const saved = JSON.parse(raw) as Saved
    if (saved.buster !== '' || !(now - saved.timestamp <= WEEK_MS)) throw new Error('stale')
    hydrate(client, saved.clientState)
  } catch {
    storage.removeItem(STORAGE_KEY)
  }
}

/**
 * Restores the writes an earlier page left waiting into `client`, then keeps storage in step with
 * its pending mutations. Returns a function that stops (tests).
 */
export function persistWrites(
  client: QueryClient,
  storage: Storage | undefined = globalThis.localStorage,
  now: () => number = Date.now,
): () => void {
  if (!storage) return () => undefined
  restore(client, storage, now())
  let due: ReturnType<typeof setTimeout> | null = null
  const write = () => {
    if (due !== null) clearTimeout(due)
    due = null
    try {
      storage.setItem(STORAGE_KEY, snapshot(client, now()))
    } catch {
      // note: storage full or refused. The writes are still in memory and being sent; only a
      // reload before they land would lose them, and there is nowhere else to keep them.
    }
  }
  const unsubscribe = client.getMutationCache().subscribe((event) => {
    if (event.type === 'added' || event.type === 'removed' || event.type === 'updated') due ??= setTimeout(write, 0)
  })
  const flush = () => {
    if (due !== null) write()
  }
  globalThis.addEventListener?.('pagehide', flush)
  globalThis.document?.addEventListener('visibilitychange', flush)
  return () => {
    flush()
    unsubscribe()
    globalThis.removeEventListener?.('pagehide', flush)
    globalThis.document?.removeEventListener('visibilitychange', flush)
  }
}

/** After restoring: send what was waiting (when online; otherwise when the connection returns). */
export function resumeWrites(client: QueryClient): Promise<unknown> {
  return client.resumePausedMutations()
}
