import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ListWindow,
  PAGE_REFRESH_AFTER_MS,
  pageQueryOptions,
  type SavedPage,
  type WindowPage,
  type WindowSpec,
} from '../../src/grid/list-window'
import { cursorPage, numberedPage } from '../fixtures/paged-list'

interface Item {
  id: string
  label: string
}

const item = (n: number): Item => ({ id: `i${n}`, label: `item ${n}` })
const windows: { stop: () => void }[] = []

afterEach(() => {
  for (const w of windows.splice(0)) w.stop()
})

/** Page-number API (PiktID, Vipanya); `shiftFromPage` simulates an upload arriving (page drift). */
function pageNumbers(total: number, perPage: number, opts: { shiftFromPage?: number } = {}) {
  const asked: number[] = []
  const fetchPage = async (page: number): Promise<WindowPage<Item, number>> => {
    asked.push(page)
    const shift = opts.shiftFromPage !== undefined && page >= opts.shiftFromPage ? 1 : 0
    return numberedPage(item, total, perPage, page, shift)
  }
  return { asked, fetchPage }
}

/** Cursor API (Gumnut's `starting_after_id`). */
function cursors(total: number, perPage: number) {
  const asked: (string | null)[] = []
  const fetchPage = async (after: string | null): Promise<WindowPage<Item, string | null>> => {
    asked.push(after)
    return cursorPage(item, (i) => i.id, total, perPage, after)
  }
  return { asked, fetchPage }
}

function open<TParam>(
  spec: Omit<WindowSpec<Item, TParam>, 'keyOf' | 'queryKey'>,
  anchor = 0,
  saved?: SavedPage<TParam>[],
) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } })
  const w = new ListWindow<Item, TParam>({ queryKey: ['test'], keyOf: (i) => i.id, ...spec }, client, anchor, saved)
  windows.push(w)
  w.start()
  return { w, client }
}

type Viewed = Pick<ListWindow<Item, unknown>, 'getState' | 'show'>

const settled = (w: Viewed, check: () => boolean) =>
  vi.waitFor(() => {
    if (!check()) throw new Error(`not yet: ${JSON.stringify({ start: w.getState().start, end: w.getState().end })}`)
  })

/** Scrolls from `from` to `to` a screen at a time, waiting for each screen to load. */
async function scroll(w: Viewed, from: number, to: number, screen = 40) {
  const step = from <= to ? screen : -screen
  for (let start = from; step > 0 ? start <= to : start >= to; start += step) {
    w.show({ startIndex: start, endIndex: start + screen - 1 })
    await settled(
      w,
      () => w.getState().itemAt(start) !== undefined && w.getState().itemAt(start + screen - 1) !== undefined,
    )
  }
}

describe('list window over page numbers', () => {
  it('starts with the first page and the API total', async () => {
    const api = pageNumbers(1000, 100)
    const { w } = open({ initialPageParam: 1, fetchPage: api.fetchPage, pageSize: 100, budget: 600 })
    await settled(w, () => w.getState().end === 100)
    const s = w.getState()
    expect(s.count).toBe(1000)
    expect(s.exact).toBe(true)
    expect(s.itemAt(42)?.label).toBe('item 42')
    expect(s.indexOf('i42')).toBe(42)
  })

  it('shows an item repeated on the next page once, when an upload shifts the pages', async () => {
    const api = pageNumbers(1000, 100, { shiftFromPage: 2 })
    const { w } = open({ initialPageParam: 1, fetchPage: api.fetchPage, pageSize: 100, budget: 600 })
    await scroll(w, 0, 150)
    const s = w.getState()
    const keys = Array.from({ length: 199 }, (_, i) => s.keyAt(i))
    expect(new Set(keys).size).toBe(199)
    // Item 99 came twice (end of page 1, start of page 2); it keeps its first place.
    expect(s.indexOf('i99')).toBe(99)
    expect(s.itemAt(100)?.id).toBe('i100')
  })

  it('keeps at most its budget of items while scrolling far down', async () => {
    const api = pageNumbers(5000, 100)
    const { w } = open({ initialPageParam: 1, fetchPage: api.fetchPage, pageSize: 100, budget: 300 })
    await scroll(w, 0, 1500)
    const s = w.getState()
    expect(s.end - s.start).toBeLessThanOrEqual(300)
    expect(s.itemAt(0)).toBeUndefined()
    expect(s.itemAt(1500)?.id).toBe('i1500')
  })

  it('jumps to a far index without paging through everything between, and pages back from there', async () => {
    const api = pageNumbers(5000, 100)
    const { w } = open({
      initialPageParam: 1,
      fetchPage: api.fetchPage,
      pageSize: 100,
      budget: 600,
      paramForIndex: (i) => Math.floor(i / 100) + 1,
    })
    await settled(w, () => w.getState().end === 100)
    w.show({ startIndex: 4240, endIndex: 4260 })
    await settled(w, () => w.getState().itemAt(4240)?.id === 'i4240')
    expect(api.asked).toEqual([1, 43])
    w.show({ startIndex: 4190, endIndex: 4210 })
    await settled(w, () => w.getState().itemAt(4190)?.id === 'i4190')
    expect(api.asked).toEqual([1, 43, 42])
  })

  it('starts at a restored index', async () => {
    const api = pageNumbers(5000, 100)
    const { w } = open(
      {
        initialPageParam: 1,
        fetchPage: api.fetchPage,
        pageSize: 100,
        budget: 600,
        paramForIndex: (i) => Math.floor(i / 100) + 1,
      },
      2345,
    )
    await settled(w, () => w.getState().itemAt(2345)?.id === 'i2345')
    expect(api.asked).toEqual([24])
  })

  it('shows an edit written to a cached page, without fetching', async () => {
    const api = pageNumbers(300, 100)
    const { w, client } = open({ initialPageParam: 1, fetchPage: api.fetchPage, pageSize: 100, budget: 600 })
    await settled(w, () => w.getState().end === 100)
    const before = w.getState()
    client.setQueryData<WindowPage<Item, number>>(['test', 'page', 1], (page) =>
      page ? { ...page, items: page.items.map((it) => (it.id === 'i7' ? { ...it, label: 'liked' } : it)) } : page,
    )
    await settled(w, () => w.getState() !== before)
    const after = w.getState()
    expect(after.itemAt(7)?.label).toBe('liked')
    expect(after.itemAt(8)?.label).toBe('item 8')
    expect(after.indexOf('i7')).toBe(7)
    expect(api.asked).toEqual([1])
  })

  it('shows an edit to hundreds of items across cached pages with one notification', async () => {
    const api = pageNumbers(600, 100)
    const { w, client } = open({ initialPageParam: 1, fetchPage: api.fetchPage, pageSize: 100, budget: 600 })
    await settled(w, () => w.getState().end === 100)
    w.show({ startIndex: 150, endIndex: 250 })
    await settled(w, () => w.getState().end >= 300)
    let notified = 0
    const stop = w.subscribe(() => (notified += 1))
    client.setQueriesData<WindowPage<Item, number>>({ queryKey: ['test'] }, (page) =>
      page
        ? { ...page, items: page.items.map((it) => (Number(it.id.slice(1)) < 300 ? { ...it, label: 'liked' } : it)) }
        : page,
    )
    await settled(w, () => notified > 0)
    await new Promise((resolve) => setTimeout(resolve, 10))
    stop()
    expect(notified).toBe(1)
    expect(w.getState().itemAt(0)?.label).toBe('liked')
    expect(w.getState().itemAt(299)?.label).toBe('liked')
    expect(w.getState().itemAt(300)?.label).toBe('item 300')
  })

  it('keeps the pages it shows in the cache while it runs, and removes the pages it drops', async () => {
    const api = pageNumbers(5000, 100)
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000, gcTime: 0 } } })
    const w = new ListWindow<Item, number>(
      {
        queryKey: ['test'],
        keyOf: (i) => i.id,
        initialPageParam: 1,
        fetchPage: api.fetchPage,
        pageSize: 100,
        budget: 300,
      },
      client,
    )
    windows.push(w)
    w.start()
    await scroll(w, 0, 900)
    await new Promise((resolve) => setTimeout(resolve, 10))
    const cached = client
      .getQueryCache()
      .findAll({ queryKey: ['test', 'page'] })
      .map((q) => q.queryKey[2])
    const s = w.getState()
    expect(cached.length).toBeLessThanOrEqual(3)
    expect(cached).toContain(Math.floor(s.start / 100) + 1)
    expect(s.itemAt(900)?.id).toBe('i900')
  })
})

describe('list window sharing a page with others', () => {
  it('leaves a page it stops waiting for to finish for whoever else asked for it (a route loader)', async () => {
    const api = pageNumbers(300, 100)
    let release = () => {}
    const fetchPage = async (page: number, signal?: AbortSignal) => {
      await new Promise<void>((resolve) => (release = resolve))
      signal?.throwIfAborted()
      return api.fetchPage(page)
    }
    const spec = {
      queryKey: ['test'],
      keyOf: (i: Item) => i.id,
      initialPageParam: 1,
      fetchPage,
      pageSize: 100,
      budget: 600,
    }
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } })
    const w = new ListWindow<Item, number>(spec, client)
    windows.push(w)
    w.start()
    const loader = client.query(pageQueryOptions(spec))
    // The window goes (a remount, a jump elsewhere) while the page is on its way.
    w.stop()
    release()
    expect((await loader).items).toHaveLength(100)
  })
})

describe('list window left open for hours', () => {
  it('fetches the pages on screen again once they are old, swapping items in place', async () => {
    let clock = 1_000_000
    let round = 0
    const api = pageNumbers(500, 100)
    // Each fetch hands out new links (a new label) for the same items, as a signed listing does.
    const fetchPage = async (page: number) => {
      const got = await api.fetchPage(page)
      return { ...got, items: got.items.map((it) => ({ ...it, label: `${it.label} #${round}` })) }
    }
    const { w } = open({ initialPageParam: 1, fetchPage, pageSize: 100, budget: 600, now: () => clock })
    w.show({ startIndex: 0, endIndex: 39 })
    await settled(w, () => w.getState().end === 100)
    expect(w.getState().itemAt(5)?.label).toBe('item 5 #0')

    // Within the period nothing is fetched again.
    clock += PAGE_REFRESH_AFTER_MS - 1
    w.revisit()
    expect(api.asked).toEqual([1])

    clock += 2
    round = 1
    w.revisit()
    await settled(w, () => w.getState().itemAt(5)?.label === 'item 5 #1')
    expect(api.asked).toEqual([1, 1])
    expect(w.getState().indexOf('i5')).toBe(5)
    expect(w.getState().count).toBe(500)

    // Fresh again: a second look does not fetch.
    w.revisit()
    expect(api.asked).toEqual([1, 1])
  })
})

describe('list window over a cursor', () => {
  it('counts what it knows as "N+" while more exist, and exactly at the end', async () => {
    const api = cursors(250, 100)
    const { w } = open<string | null>({ initialPageParam: null, fetchPage: api.fetchPage, pageSize: 100, budget: 600 })
    await settled(w, () => w.getState().end === 100)
    expect(w.getState()).toMatchObject({ count: 100, exact: false, length: 200 })
    await scroll(w, 0, 200)
    await settled(w, () => w.getState().end === 250)
    expect(w.getState()).toMatchObject({ count: 250, exact: true, length: 250 })
  })

  it('fetches a dropped page again from the cursor it was first fetched with when scrolling back up', async () => {
    const api = cursors(2000, 100)
    const { w } = open<string | null>({ initialPageParam: null, fetchPage: api.fetchPage, pageSize: 100, budget: 300 })
    await scroll(w, 0, 800)
    expect(w.getState().itemAt(50)).toBeUndefined()
    const firstPass = api.asked.length
    await scroll(w, 800, 0)
    const s = w.getState()
    expect(s.itemAt(0)?.id).toBe('i0')
    expect(s.itemAt(150)?.id).toBe('i150')
    // Going up re-asked for pages by the cursors the ledger kept: "after i199", "after i99", the first.
    const back = api.asked.slice(firstPass)
    expect(back).toContain('i99')
    expect(back).toContain(null)
    expect(s.end - s.start).toBeLessThanOrEqual(300)
  })

  it('comes back to a kept place deep in the list from its saved ledger, without walking there', async () => {
    const api = cursors(2000, 100)
    const spec = { initialPageParam: null, fetchPage: api.fetchPage, pageSize: 100, budget: 300 }
    const first = open<string | null>(spec)
    await scroll(first.w, 0, 840)
    // What a kept place stores goes through JSON, as sessionStorage does.
    const saved = JSON.parse(JSON.stringify(first.w.ledger())) as SavedPage<string | null>[]
    expect(saved.map((p) => p.offset)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800])

    // A reload: a new window (and cache) from the place, index 850 with the pages kept.
    const askedBefore = api.asked.length
    const { w } = open<string | null>(spec, 850, saved)
    expect(w.getState()).toMatchObject({ count: 900, exact: false })
    await settled(w, () => w.getState().itemAt(850) !== undefined)
    // The first request is the page holding the place, by the cursor it was fetched with.
    expect(api.asked[askedBefore]).toBe('i799')
    expect(w.getState().itemAt(850)?.id).toBe('i850')
    // Scrolling back up fetches the pages above by their kept cursors, down to the top.
    await scroll(w, 840, 0)
    expect(w.getState().itemAt(0)?.id).toBe('i0')
    expect(w.getState().itemAt(120)?.id).toBe('i120')
  })

  it('ignores a saved ledger that does not run unbroken from the top, and starts from the first page', async () => {
    const api = cursors(500, 100)
    const broken: SavedPage<string | null>[] = [
      { param: null, offset: 0, count: 100, next: 'i99' },
      { param: 'i199', offset: 200, count: 100, next: 'i299' },
    ]
    const { w } = open<string | null>(
      { initialPageParam: null, fetchPage: api.fetchPage, pageSize: 100, budget: 300 },
      250,
      broken,
    )
    await settled(w, () => w.getState().itemAt(0) !== undefined)
    expect(api.asked[0]).toBeNull()
  })

  it('keeps no ledger for a list that can jump by page number', async () => {
    const api = pageNumbers(1000, 100)
    const { w } = open<number>({
      initialPageParam: 1,
      fetchPage: api.fetchPage,
      pageSize: 100,
      budget: 300,
      paramForIndex: (i) => Math.floor(i / 100) + 1,
    })
    await scroll(w, 0, 240)
    expect(w.ledger()).toBeUndefined()
  })
})

describe('list window recovery', () => {
  it('retries a failed page by itself and clears the error once it loads', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let failing = true
      const api = pageNumbers(300, 100)
      const fetchPage = async (p: number) => {
        if (failing && p === 2) throw new Error('connection refused')
        return api.fetchPage(p)
      }
      const { w } = open({ initialPageParam: 1, fetchPage, pageSize: 100, budget: 600 })
      await vi.waitFor(() => expect(w.getState().end).toBe(100))
      w.show({ startIndex: 80, endIndex: 99 })
      await vi.waitFor(() => expect(w.getState().error).toBeInstanceOf(Error))
      failing = false
      await vi.advanceTimersByTimeAsync(1000)
      await vi.waitFor(() => expect(w.getState().end).toBe(200))
      expect(w.getState().error).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('retries at once when asked, without waiting for the backoff', async () => {
    let failing = true
    const api = pageNumbers(300, 100)
    const fetchPage = async (p: number) => {
      if (failing) throw new Error('offline')
      return api.fetchPage(p)
    }
    const { w } = open({ initialPageParam: 1, fetchPage, pageSize: 100, budget: 600 })
    await vi.waitFor(() => expect(w.getState().error).toBeInstanceOf(Error))
    failing = false
    w.retry()
    await vi.waitFor(() => expect(w.getState().end).toBe(100))
    expect(w.getState().error).toBeNull()
  })

  it('gives up on errors that are not worth retrying', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let calls = 0
      const fetchPage = async (): Promise<WindowPage<Item, number>> => {
        calls++
        throw new Error('forbidden')
      }
      const { w } = open({ initialPageParam: 1, fetchPage, pageSize: 100, budget: 600, retryable: () => false })
      await vi.waitFor(() => expect(w.getState().error).toBeInstanceOf(Error))
      await vi.advanceTimersByTimeAsync(60_000)
      expect(calls).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('collecting a range beyond what is loaded', () => {
  it('returns every item of a range spanning pages that were never loaded', async () => {
    const api = pageNumbers(1000, 100)
    const { w } = open({
      initialPageParam: 1,
      fetchPage: api.fetchPage,
      pageSize: 100,
      budget: 600,
      paramForIndex: (i) => Math.floor(i / 100) + 1,
    })
    await settled(w, () => w.getState().end === 100)
    const items = await w.collect(50, 349, new AbortController().signal)
    expect(items.map((e) => e.item.id)).toEqual(Array.from({ length: 300 }, (_, i) => `i${50 + i}`))
    expect(items.map((e) => e.index)).toEqual(Array.from({ length: 300 }, (_, i) => 50 + i))
    // The window itself did not move.
    expect(w.getState().end).toBe(100)
  })

  it('walks a cursor list to its end, past the pages the window has seen', async () => {
    const api = cursors(730, 100)
    const { w } = open<string | null>({ initialPageParam: null, fetchPage: api.fetchPage, pageSize: 100, budget: 600 })
    await settled(w, () => w.getState().end === 100)
    const items = await w.collect(0, Infinity, new AbortController().signal)
    expect(items.map((e) => e.item.id)).toEqual(Array.from({ length: 730 }, (_, i) => `i${i}`))
    expect(items.at(-1)?.index).toBe(729)
    // Each page once: the walk goes on from the page it fetched last.
    expect(api.asked.filter((a) => a === 'i99')).toHaveLength(1)
    expect(api.asked).toHaveLength(8)
  })

  it('walks past empty pages to the items after them', async () => {
    // Pages 3 and 4 are empty, as a gallery page of projects with no matching image is.
    const sizes = [50, 50, 0, 0, 50]
    const fetchPage = async (page: number): Promise<WindowPage<Item, number>> => {
      const first = sizes.slice(0, page - 1).reduce((a, b) => a + b, 0)
      return {
        items: Array.from({ length: sizes[page - 1] ?? 0 }, (_, i) => item(first + i)),
        total: null,
        nextPageParam: page < sizes.length ? page + 1 : undefined,
        prevPageParam: undefined,
      }
    }
    const { w } = open({ initialPageParam: 1, fetchPage, pageSize: 50, budget: 600 })
    await settled(w, () => w.getState().end === 50)
    const items = await w.collect(0, Infinity, new AbortController().signal)
    expect(items.map((e) => e.item.id)).toEqual(Array.from({ length: 150 }, (_, i) => `i${i}`))
  })
})

describe('list window with groups', () => {
  it('keeps every group it has seen, with its first item, after the group’s page is dropped', async () => {
    const api = cursors(2000, 100)
    // Groups of 30 items: a group runs over page boundaries.
    const { w } = open({
      initialPageParam: null as string | null,
      fetchPage: api.fetchPage,
      pageSize: 100,
      budget: 300,
      groupOf: (i: Item) => `g${Math.floor(Number(i.id.slice(1)) / 30)}`,
    })
    await scroll(w, 0, 900)
    const s = w.getState()
    expect(s.itemAt(0)).toBeUndefined()
    expect(s.groups[0]).toMatchObject({ key: 'g0', start: 0, count: 30, head: { id: 'i0' } })
    // Group 3 (items 90–119) spans pages 1 and 2 and is still one group.
    expect(s.groups[3]).toMatchObject({ key: 'g3', start: 90, count: 30 })
    const last = s.groups[s.groups.length - 1]!
    expect(last.start + last.count).toBe(s.end)
    expect(s.groups.every((g, i) => i === 0 || g.start === s.groups[i - 1]!.start + s.groups[i - 1]!.count)).toBe(true)
  })
})

describe('single-item samples', () => {
  it('fetches an item alone once, under the list key, and only where the spec can sample', async () => {
    const client = new QueryClient()
    const { fetchPage } = pageNumbers(1000, 100)
    const sampled: number[] = []
    const spec: WindowSpec<Item, number> = {
      queryKey: ['items', 'sorted'],
      initialPageParam: 1,
      fetchPage: (page) => fetchPage(page),
      keyOf: (i) => i.id,
      pageSize: 100,
      budget: 300,
      paramForIndex: (index) => Math.floor(index / 100) + 1,
      sampleAt: async (index) => {
        sampled.push(index)
        return index < 1000 ? item(index) : undefined
      },
    }
    const w = new ListWindow(spec, client)
    windows.push(w)
    expect(w.canSample).toBe(true)
    expect(await w.sample(640)).toEqual(item(640))
    expect(await w.sample(640)).toEqual(item(640))
    expect(await w.sample(5000)).toBeUndefined()
    expect(sampled).toEqual([640, 5000])
    expect(client.getQueryData(['items', 'sorted', 'sample', 640])).toEqual(item(640))

    const cursorOnly = new ListWindow({ ...spec, sampleAt: undefined, paramForIndex: undefined }, client)
    windows.push(cursorOnly)
    expect(cursorOnly.canSample).toBe(false)
    expect(await cursorOnly.sample(640)).toBeUndefined()
  })
})
