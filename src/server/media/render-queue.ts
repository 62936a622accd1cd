// Renders (SVG drawing + sharp) are the expensive part of media: a cold original takes tens of
// milliseconds of CPU and tens of megabytes while it runs. Started all at once, a burst of 200
// takes every core and ~800 MB, and cached files (read on the same libuv thread pool that runs
// sharp) wait behind it. So renders go through this queue:
// - a global limit on renders running at once (about the number of cores);
// - a per-caller cap on renders queued or running; past it the caller is told to retry later;
// - newest first: a grid asks for what is on screen last, so the latest requests render first
//   and tiles scrolled past wait (or are dropped, below);
// - a request whose client went away leaves the queue before it renders;
// - one render per key however many requests wait for it;
// - memory as well as CPU: each render has a weight (about its pixels, relative to a gallery
//   image), and the weights running at once stay within `concurrency`, so two 2400 px originals
//   (tens of megabytes each while encoding) never run side by side; one always may.

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many renders queued for this caller')
    this.name = 'QueueFullError'
  }
}

export class RenderAbortedError extends Error {
  constructor() {
    super('The request went away before its render started')
    this.name = 'RenderAbortedError'
  }
}

export interface RenderQueueOptions {
  /** Renders running at once. */
  concurrency: number
  /** Renders one caller may have queued or running at once. */
  perCaller: number
}

interface Waiter {
  caller: string
  resolve(value: unknown): void
  reject(reason: unknown): void
  detach(): void
}

interface Job {
  key: string
  weight: number
  task: () => Promise<unknown>
  waiters: Set<Waiter>
  running: boolean
}

/** The queue's interface is its implementation's (createRenderQueue below), written once. */
export type RenderQueue = ReturnType<typeof createRenderQueue>

export function createRenderQueue(options: RenderQueueOptions) {
  const concurrency = Math.max(1, Math.floor(options.concurrency))
  const perCaller = Math.max(1, Math.floor(options.perCaller))
  const jobs = new Map<string, Job>()
  /** Queued jobs, oldest first; the next to run is the last. */
  const pending: Job[] = []
  const load = new Map<string, number>()
  let running = 0
  let runningWeight = 0
  let closed = false
  /** Called once nothing runs: `close` waits on them. */
  const onIdle: (() => void)[] = []
  /** Average render time, for Retry-After. */
  let averageMs = 100

  const release = (caller: string): void => {
    const left = (load.get(caller) ?? 1) - 1
    if (left > 0) load.set(caller, left)
    else load.delete(caller)
  }

  const settle = (job: Job, outcome: { value: unknown } | { error: unknown }): void => {
    for (const waiter of job.waiters) {
      waiter.detach()
      release(waiter.caller)
      if ('value' in outcome) waiter.resolve(outcome.value)
      else waiter.reject(outcome.error)
    }
    job.waiters.clear()
  }

  const pump = (): void => {
    while (running < concurrency) {
      const job = pending.at(-1)
      if (!job) return
      if (running > 0 && runningWeight + job.weight > concurrency) return
      pending.pop()
      job.running = true
      running++
      runningWeight += job.weight
      const started = performance.now()
      // Through a resolved promise, so a task that throws synchronously rejects like any other.
      void Promise.resolve()
        .then(job.task)
        .then(
          (value) => settle(job, { value }),
          (error: unknown) => settle(job, { error }),
        )
        .finally(() => {
          averageMs = averageMs * 0.8 + (performance.now() - started) * 0.2
          running--
          runningWeight -= job.weight
          jobs.delete(job.key)
          pump()
          if (running === 0) for (const resolve of onIdle.splice(0)) resolve()
        })
    }
  }

  return {
    /**
     * Runs `task` (or joins the queued or running task of the same key) when a slot is free.
     * Throws QueueFullError past the caller's cap, RenderAbortedError when `signal` aborts first.
     */
    run<T>(
      key: string,
      caller: string,
      signal: AbortSignal | undefined,
      task: () => Promise<T>,
      weight?: number,
    ): Promise<T> {
      if (signal?.aborted || closed) return Promise.reject(new RenderAbortedError())
      const mine = load.get(caller) ?? 0
      if (mine >= perCaller) {
        const seconds = Math.ceil(((pending.length + running) * averageMs) / concurrency / 1000)
        return Promise.reject(new QueueFullError(Math.min(60, Math.max(1, seconds))))
      }
      let job = jobs.get(key)
      if (!job) {
        job = { key, weight: Math.max(0, weight ?? 1), task, waiters: new Set(), running: false }
        jobs.set(key, job)
        pending.push(job)
      } else if (!job.running) {
        // Asked for again: it is on screen now, so it moves to the front.
        pending.splice(pending.indexOf(job), 1)
        pending.push(job)
      }
      const current = job
      load.set(caller, mine + 1)
      const promise = new Promise<T>((resolve, reject) => {
        const onAbort = (): void => {
          // Only a queued job is dropped; a running one finishes and is cached for next time.
          if (current.running || !current.waiters.delete(waiter)) return
          release(caller)
          if (current.waiters.size === 0) {
            pending.splice(pending.indexOf(current), 1)
            jobs.delete(current.key)
          }
          reject(new RenderAbortedError())
        }
        const waiter: Waiter = {
          caller,
          resolve: resolve as (value: unknown) => void,
          reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
        }
        current.waiters.add(waiter)
        signal?.addEventListener('abort', onAbort, { once: true })
      })
      pump()
      return promise
    },
    /** Renders running and waiting now. */
    stats: (): { running: number; queued: number } => ({ running, queued: pending.length }),
    /**
     * Takes no more renders and drops the waiting ones (their callers get RenderAbortedError);
     * resolves once the running ones have ended, so none writes after its server has stopped.
     */
    close(): Promise<void> {
      closed = true
      for (const job of pending.splice(0)) {
        jobs.delete(job.key)
        settle(job, { error: new RenderAbortedError() })
      }
      return running === 0 ? Promise.resolve() : new Promise<void>((resolve) => onIdle.push(resolve))
    },
  }
}
