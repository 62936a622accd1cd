import type { Context } from 'hono'

// Render-ahead: when a listing is served, the thumbnails of its items are drawn in the background
// so that they are cached by the time the grid asks for them (the app loads pages ahead of the
// screen, so this covers the next page too). It must never cost what is on screen:
// - one background render at a time, and only while the render queue is idle (nothing running,
//   nothing waiting), so an on-demand render finds a free slot (the queue has one per core) and
//   at worst shares the machine with one small thumbnail render;
// - at most AHEAD_LIMIT ids wait; a new listing's ids go first and the oldest are dropped, so a
//   fling's pages scrolled past give way to the ones now in view;
// - a cached thumbnail costs a file check and no render.
//
// A listing may be answered by a request worker (http/offload.ts), which has no say over the main
// thread's render queue; so a listing names its ids in an internal response header, and the main
// thread's app takes the header off and queues them (app.ts).

/** Internal: the ids of a listing whose thumbnails should be drawn ahead; never sent to a client. */
export const RENDER_AHEAD_HEADER = 'x-vitrine-render-ahead'

/** Ids waiting at most; past it the oldest are dropped. */
export const AHEAD_LIMIT = 240
/** Ids one listing may queue (Gumnut pages hold up to 1,000 photos). */
const PER_LISTING = 120
/** How soon to look again while the render queue is busy. */
const RETRY_MS = 40

/** Names a listing's items for render-ahead (their public ids, in listing order). */
export function markRenderAhead(c: Context, ids: readonly string[]): void {
  if (ids.length > 0) c.header(RENDER_AHEAD_HEADER, ids.slice(0, PER_LISTING).join(','))
}

export interface RenderAhead {
  /** Queues these ids' thumbnails, first ones first, ahead of anything queued before. */
  add(ids: readonly string[]): void
  /** Ids waiting, and whether a background render is running. */
  stats(): { waiting: number; running: boolean }
  /** Drops the ids waiting and takes no more (the server is stopping). */
  stop(): void
}

export interface RenderAheadOptions {
  /** Renders (or finds cached) one thumbnail; its errors are ignored. */
  render(id: string): Promise<unknown>
  /** True while the render queue has anything running or waiting. */
  busy(): boolean
}

export function createRenderAhead(options: RenderAheadOptions): RenderAhead {
  /** Waiting ids; the next to render is the first. A Set keeps insertion order. */
  let waiting = new Set<string>()
  let running = false
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const schedule = (): void => {
    if (timer !== undefined || running || waiting.size === 0) return
    timer = setTimeout(pump, options.busy() ? RETRY_MS : 0)
    timer.unref?.()
  }

  function pump(): void {
    timer = undefined
    if (running || waiting.size === 0) return
    if (options.busy()) return schedule()
    const next = waiting.values().next()
    if (next.done) return
    waiting.delete(next.value)
    running = true
    void options
      .render(next.value)
      .catch(() => undefined)
      .finally(() => {
        running = false
        schedule()
      })
  }

  return {
    add(ids) {
      if (stopped) return
      const fresh = new Set(ids.slice(0, PER_LISTING))
      for (const id of waiting) {
        if (fresh.size >= AHEAD_LIMIT) break
        fresh.add(id)
      }
      waiting = fresh
      schedule()
    },
    stats: () => ({ waiting: waiting.size, running }),
    stop() {
      stopped = true
      waiting.clear()
      clearTimeout(timer)
      timer = undefined
    },
  }
}
