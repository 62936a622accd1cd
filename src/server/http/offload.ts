import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

// Heavy requests (list pages, searches, gallery pages, writes) run on a pool of worker threads,
// each with its own connection to the catalog, so that the main thread stays free for the cheap
// ones: a lookup by id, a cached image, the app's files. Without it one 150 ms gallery page
// delays every thumbnail queued behind it on the single event loop.

/** Collections whose `…/{collection}/{id}` GET is a lookup by primary key. */
const BY_ID = /\/(?:assets|people)\/[^/]+$/

/** Whether a request should run on the pool: dialect API calls, except GETs of one item. */
export function isHeavyRequest(method: string, path: string): boolean {
  if (!/^\/api\/(?:piktid|gumnut|scenario|vipanya)(?:\/|$)/.test(path)) return false
  if ((method === 'GET' || method === 'HEAD') && BY_ID.test(path)) return false
  return true
}

/** One request as it crosses to a worker: plain data, the body transferred, not copied. */
interface WireRequest {
  id: number
  method: string
  url: string
  headers: [string, string][]
  body: ArrayBuffer | null
}

export type WireReply =
  | { id: number; ok: true; status: number; headers: [string, string][]; body: ArrayBuffer | null }
  | { id: number; ok: false; message: string }

export type WorkerMessage = WireRequest | { id: number; abort: true }

interface Pending {
  resolve(response: Response): void
  reject(error: Error): void
  worker: PooledWorker
}

interface PooledWorker {
  thread: Worker
  inFlight: number
}

export interface OffloadPool {
  /** Runs a request on the least busy worker. */
  fetch(request: Request): Promise<Response>
  /** Ends every worker; requests still on them fail. */
  close(): Promise<void>
  readonly size: number
}

/** How many workers by default: one per core beyond the main thread's, at least one, at most 4. */
export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1))
}

export interface OffloadOptions {
  size: number
  /** Handed to each worker as its `workerData` (the data folder, the shared secret, …). */
  workerData: unknown
}

const WORKER_ENTRY = new URL('../worker.ts', import.meta.url)

/**
 * Starts `size` workers and resolves once each has opened the catalog, so a worker that cannot
 * start fails the server's start instead of its first request.
 */
export async function startOffloadPool(options: OffloadOptions): Promise<OffloadPool> {
  const pending = new Map<number, Pending>()
  let nextId = 1
  let closing = false

  const spawnWorker = async (): Promise<PooledWorker> => {
    // The entry is TypeScript: tsx's loader is registered in the worker first, since a worker
    // inherits no loader hooks from its parent (npm start, the test runners).
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY.href)}) })`
    const thread = new Worker(bootstrap, {
      eval: true,
      workerData: options.workerData,
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
    })
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (message === 'ready') {
          thread.off('error', reject)
          resolve()
        }
      }
      thread.once('message', onMessage)
      thread.once('error', reject)
    })
    const pooled: PooledWorker = { thread, inFlight: 0 }
    thread.on('message', (reply: WireReply) => {
      const entry = pending.get(reply.id)
      if (!entry) return
      pending.delete(reply.id)
      entry.worker.inFlight -= 1
      if (!reply.ok) return entry.reject(new Error(reply.message))
      const body = reply.status === 204 || reply.status === 304 ? null : reply.body
      entry.resolve(new Response(body, { status: reply.status, headers: reply.headers }))
    })
    thread.on('error', (error) => {
      // A worker that dies fails what it held; the next request goes to a fresh one.
      for (const [id, entry] of pending) {
        if (entry.worker !== pooled) continue
        pending.delete(id)
        entry.reject(error)
      }
    })
    thread.on('exit', () => {
      const at = workers.indexOf(pooled)
      if (at === -1 || closing) return
      void spawnWorker().then(
        (fresh) => (workers[at] = fresh),
        (error: unknown) => console.error('A request worker could not be restarted:', error),
      )
    })
    return pooled
  }

  const workers: PooledWorker[] = await Promise.all(Array.from({ length: options.size }, spawnWorker))

  return {
    size: workers.length,
    async fetch(request) {
      const worker = workers.reduce((best, w) => (w.inFlight < best.inFlight ? w : best))
      const id = nextId++
      const body = request.body ? await request.arrayBuffer() : null
      const message: WireRequest = {
        id,
        method: request.method,
        url: request.url,
        headers: [...request.headers],
        body,
      }
      return new Promise<Response>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker })
        worker.inFlight += 1
        worker.thread.postMessage(message, body ? [body] : [])
        request.signal.addEventListener(
          'abort',
          () => {
            if (pending.has(id)) worker.thread.postMessage({ id, abort: true } satisfies WorkerMessage)
          },
          { once: true },
        )
      })
    },
    async close() {
      closing = true
      await Promise.all(workers.map((w) => w.thread.terminate()))
      for (const entry of pending.values()) entry.reject(new Error('the server is shutting down'))
      pending.clear()
    },
  }
}
