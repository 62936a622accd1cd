import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import type { MediaKind } from '../../src/server/media/media-kinds'
import { createMediaStore } from '../../src/server/media/media-store'
import {
  createRenderQueue,
  QueueFullError,
  RenderAbortedError,
  type RenderQueue,
} from '../../src/server/media/render-queue'
import { createFixture, type CatalogFixture } from './fixture'

function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Resolves once `count()` reaches `n`, re-checked whenever `poke` is called. */
function waiter() {
  const waiting: { n: number; count: () => number; done: () => void }[] = []
  return {
    until(n: number, count: () => number): Promise<void> {
      if (count() >= n) return Promise.resolve()
      return new Promise((done) => waiting.push({ n, count, done }))
    },
    poke() {
      for (const w of [...waiting]) {
        if (w.count() >= w.n) {
          waiting.splice(waiting.indexOf(w), 1)
          w.done()
        }
      }
    },
  }
}

describe('render queue', () => {
  it('runs at most `concurrency` tasks at once, newest first, and refuses a caller past its cap', async () => {
    const queue = createRenderQueue({ concurrency: 2, perCaller: 5 })
    const progress = waiter()
    const gates = new Map<string, () => void>()
    const started: string[] = []
    let running = 0
    let most = 0
    const task = (key: string) => async () => {
      started.push(key)
      most = Math.max(most, ++running)
      const gate = deferred()
      gates.set(key, gate.resolve)
      progress.poke()
      await gate.promise
      running--
      return key
    }
    const results = ['a', 'b', 'c', 'd', 'e'].map((key) => queue.run(key, 'me', undefined, task(key)))
    await expect(queue.run('f', 'me', undefined, task('f'))).rejects.toBeInstanceOf(QueueFullError)
    // Another caller is not held by my cap.
    const theirs = queue.run('g', 'them', undefined, task('g'))
    expect(queue.stats()).toEqual({ running: 2, queued: 4 })
    // Let the tasks finish one at a time, in the order they started.
    for (let i = 0; i < 6; i++) {
      await progress.until(i + 1, () => started.length)
      gates.get(started[i] as string)?.()
    }
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(await theirs).toBe('g')
    expect(most).toBe(2)
    // The first two took the free slots; then the newest waiting ran first.
    expect(started).toEqual(['a', 'b', 'g', 'e', 'd', 'c'])
  })

  it('keeps the weights running at once within its capacity, and always runs one', async () => {
    const queue = createRenderQueue({ concurrency: 2, perCaller: 10 })
    const gates = new Map<string, () => void>()
    const started: string[] = []
    const progress = waiter()
    const task = (key: string) => async () => {
      started.push(key)
      const gate = deferred()
      gates.set(key, gate.resolve)
      progress.poke()
      await gate.promise
      return key
    }
    // A light thumbnail starts at once; the two heavy originals (2.4 each) wait for it, then run
    // one at a time, newest first.
    const all = [
      queue.run('thumb-1', 'me', undefined, task('thumb-1'), 0.1),
      queue.run('original-1', 'me', undefined, task('original-1'), 2.4),
      queue.run('original-2', 'me', undefined, task('original-2'), 2.4),
    ]
    await progress.until(1, () => started.length)
    expect(queue.stats()).toEqual({ running: 1, queued: 2 })
    gates.get('thumb-1')?.()
    await progress.until(2, () => started.length)
    expect(started).toEqual(['thumb-1', 'original-2'])
    expect(queue.stats()).toEqual({ running: 1, queued: 1 })
    gates.get('original-2')?.()
    await progress.until(3, () => started.length)
    expect(started).toEqual(['thumb-1', 'original-2', 'original-1'])
    gates.get('original-1')?.()
    expect(await Promise.all(all)).toEqual(['thumb-1', 'original-1', 'original-2'])
  })

  it('gives the Retry-After a whole number of seconds', async () => {
    const queue = createRenderQueue({ concurrency: 1, perCaller: 1 })
    const gate = deferred()
    const first = queue.run('a', 'me', undefined, () => gate.promise)
    const refused = await queue.run('b', 'me', undefined, async () => undefined).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(QueueFullError)
    expect(Number.isInteger((refused as QueueFullError).retryAfterSeconds)).toBe(true)
    expect((refused as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1)
    gate.resolve()
    await first
  })

  it('renders one key once for all who wait, and drops a queued task once everyone waiting left', async () => {
    const queue = createRenderQueue({ concurrency: 1, perCaller: 10 })
    const gate = deferred()
    const ran: string[] = []
    const blocker = queue.run('busy', 'me', undefined, async () => {
      ran.push('busy')
      await gate.promise
    })
    const a = new AbortController()
    const b = new AbortController()
    const first = queue.run('x', 'me', a.signal, async () => ran.push('x'))
    const second = queue.run('x', 'you', b.signal, async () => ran.push('x again'))
    a.abort()
    await expect(first).rejects.toBeInstanceOf(RenderAbortedError)
    expect(queue.stats().queued).toBe(1)
    b.abort()
    await expect(second).rejects.toBeInstanceOf(RenderAbortedError)
    expect(queue.stats().queued).toBe(0)
    const joined = [
      queue.run('y', 'me', undefined, async () => ran.push('y')),
      queue.run('y', 'you', undefined, async () => ran.push('y twice')),
    ]
    gate.resolve()
    await blocker
    await Promise.all(joined)
    expect(ran).toEqual(['busy', 'y'])
    // Aborted before it was asked: never queued.
    const gone = AbortSignal.abort()
    await expect(queue.run('z', 'me', gone, async () => ran.push('z'))).rejects.toBeInstanceOf(RenderAbortedError)
  })

  it('closes: drops what waits, takes nothing more, and resolves once the running render has ended', async () => {
    const queue = createRenderQueue({ concurrency: 1, perCaller: 10 })
    const gate = deferred()
    const ran: string[] = []
    const running = queue.run('busy', 'me', undefined, async () => {
      await gate.promise
      ran.push('busy')
    })
    const waiting = queue.run('next', 'me', undefined, async () => ran.push('next'))
    let closed = false
    const closing = queue.close().then(() => (closed = true))
    await expect(waiting).rejects.toBeInstanceOf(RenderAbortedError)
    await expect(queue.run('late', 'me', undefined, async () => ran.push('late'))).rejects.toBeInstanceOf(
      RenderAbortedError,
    )
    expect(closed).toBe(false)
    gate.resolve()
    await running
    await closing
    expect(ran).toEqual(['busy'])
    expect(queue.stats()).toEqual({ running: 0, queued: 0 })
  })
})

describe('media renders under load', () => {
  let fx: CatalogFixture
  beforeAll(() => {
    fx = createFixture(150)
  })
  afterAll(() => fx.close())

  it('renders at most K at once for one caller, 429s the overflow, serves cached files meanwhile and drops an abandoned request', async () => {
    const K = 2
    const CAP = 5
    const inner = createRenderQueue({ concurrency: K, perCaller: CAP })
    const progress = waiter()
    let admitted = 0
    const queue: RenderQueue = {
      run(key, caller, signal, task) {
        const result = inner.run(key, caller, signal, task)
        admitted++
        progress.poke()
        return result
      },
      stats: () => inner.stats(),
      close: () => inner.close(),
    }
    let hold = deferred()
    const rendering = new Set<string>()
    const rendered: string[] = []
    let most = 0
    const media = createMediaStore(fx.catalog, {
      queue,
      onRender: async (_kind: MediaKind, id: string) => {
        rendering.add(id)
        rendered.push(id)
        most = Math.max(most, rendering.size)
        progress.poke()
        await hold.promise
        rendering.delete(id)
      },
    })
    const app = createApp({ db: fx.catalog, media })
    const ids = (
      fx.catalog.sqlite.prepare('SELECT public_id FROM assets LIMIT 9').all() as { public_id: string }[]
    ).map((r) => r.public_id)
    const [warm, ...cold] = ids as [string, ...string[]]
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })

    // One file rendered before the burst.
    hold.resolve()
    expect((await app.request(media.url('thumb-small', warm), {}, from('10.0.0.1'))).status).toBe(200)
    hold = deferred()
    admitted = 0
    rendered.length = 0

    // The burst: 8 cold thumbnails from one client, the third abandoned while it waits.
    const abandon = new AbortController()
    const responses: Promise<Response>[] = []
    for (const [i, id] of cold.entries()) {
      responses.push(
        Promise.resolve(
          app.request(media.url('thumb-small', id), i === 2 ? { signal: abandon.signal } : {}, from('10.0.0.1')),
        ),
      )
      // Admitted in order, so which ones overflow is known.
      await progress.until(i + 1, () => admitted)
    }
    await progress.until(K, () => rendering.size)
    expect(rendering.size).toBe(K)

    // Past the cap of 5: the last 3 are told to come back.
    for (const res of await Promise.all(responses.slice(CAP))) {
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }
    // A cached file does not wait, even for the client whose renders fill the queue.
    const cached = await app.request(media.url('thumb-small', warm), {}, from('10.0.0.1'))
    expect(cached.status).toBe(200)
    expect(inner.stats()).toEqual({ running: K, queued: CAP - K })

    abandon.abort()
    await responses[2]?.catch(() => undefined)
    expect(inner.stats().queued).toBe(CAP - K - 1)

    hold.resolve()
    const served = await Promise.all(responses.slice(0, CAP).filter((_, i) => i !== 2))
    expect(served.map((r) => r.status)).toEqual([200, 200, 200, 200])
    expect(most).toBe(K)
    expect(rendered).not.toContain(cold[2])
    expect(rendered).toHaveLength(4)
    // The two that waited ran newest first.
    expect(rendered.slice(K)).toEqual([cold[4], cold[3]])
  })
})
