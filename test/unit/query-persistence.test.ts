// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { persistWrites } from '../../src/app/query-persistence'

const KEY = 'vitrine:pending-writes'

/** A Storage that counts its writes. */
function countingStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  let writes = 0
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes += 1
      data.set(k, v)
    },
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    get length() {
      return data.size
    },
  } satisfies Storage
  return { storage, data, writes: () => writes }
}

const stops: (() => void)[] = []
afterEach(() => {
  for (const stop of stops.splice(0)) stop()
})

/** A client whose `write` mutations wait until `release` is called. */
function clientWithHeldWrites() {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  const client = new QueryClient()
  client.setMutationDefaults(['write'], { mutationFn: async (n: number) => (await held, n), networkMode: 'always' })
  const start = (n: number) =>
    void client
      .getMutationCache()
      .build(client, { mutationKey: ['write'] })
      .execute(n)
      .catch(() => undefined)
  return { client, start, release: () => release() }
}

const pendingIn = (raw: string | undefined) =>
  (JSON.parse(raw ?? '{}') as { clientState: { mutations: { state: { variables: number; isPaused: boolean } }[] } })
    .clientState.mutations

describe('pending writes kept in storage', () => {
  it('writes once for a burst of a thousand writes started in one task, every one of them paused', async () => {
    const { client, start, release } = clientWithHeldWrites()
    const { storage, data, writes } = countingStorage()
    stops.push(persistWrites(client, storage))
    for (let n = 0; n < 1000; n++) start(n)
    await vi.waitFor(() => expect(writes()).toBeGreaterThan(0))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(writes()).toBeLessThanOrEqual(3)
    const saved = pendingIn(data.get(KEY))
    expect(saved).toHaveLength(1000)
    expect(saved.every((m) => m.state.isPaused)).toBe(true)

    release()
    await vi.waitFor(() => expect(pendingIn(data.get(KEY))).toHaveLength(0))
    expect(writes()).toBeLessThan(20)
  })

  it('makes a write still due when the page goes away, at once', () => {
    const { client, start } = clientWithHeldWrites()
    const { storage, data } = countingStorage()
    stops.push(persistWrites(client, storage))
    start(7)
    expect(data.get(KEY)).toBeUndefined()
    globalThis.dispatchEvent(new Event('pagehide'))
    expect(pendingIn(data.get(KEY)).map((m) => m.state.variables)).toEqual([7])
  })

  it('restores what an earlier page left, and drops a save older than a week or unreadable', () => {
    const { client, start } = clientWithHeldWrites()
    const first = countingStorage()
    const stop = persistWrites(client, first.storage)
    start(1)
    start(2)
    stop()
    const saved = first.data.get(KEY) as string

    const later = new QueryClient()
    stops.push(persistWrites(later, countingStorage({ [KEY]: saved }).storage))
    expect(
      later
        .getMutationCache()
        .getAll()
        .map((m) => m.state.variables),
    ).toEqual([1, 2])

    const week = 7 * 24 * 60 * 60 * 1000
    const old = countingStorage({ [KEY]: saved })
    const stale = new QueryClient()
    stops.push(persistWrites(stale, old.storage, () => Date.now() + week + 1000))
    expect(stale.getMutationCache().getAll()).toHaveLength(0)
    expect(old.data.has(KEY)).toBe(false)

    const broken = countingStorage({ [KEY]: '{not json' })
    stops.push(persistWrites(new QueryClient(), broken.storage))
    expect(broken.data.has(KEY)).toBe(false)
  })
})
