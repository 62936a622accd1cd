// A bounded window over a paged list, headless and framework-free: it knows nothing of assets.
//
// Why not `useInfiniteQuery` with `maxPages`: when Query drops a page it drops the page param
// with it, so a cursor or token API (Gumnut's `starting_after_id`, Scenario's
// `paginationToken`) could not fetch that page again when the user scrolls back, and the
// budget would be counted in pages rather than items. So the window keeps its own ledger of
// every page it has seen (param, index of its first item, item count) and holds the data of
// only the pages near the visible range. Fetches still go through the QueryClient, one query
// per page, so a route loader's prefetch of the first page is shared and requests dedupe; a
// page the window drops is removed from the cache too, so the budget is what memory holds.

import type { QueryClient, QueryKey } from '@tanstack/react-query'

export interface IndexRange {
  startIndex: number
  endIndex: number
}

/**
 * One page of the ledger as a kept place stores it (JSON), so a list that can only walk from
 * page to page (a cursor or token API) can fetch the page at a restored place at once after a
 * reload, and the pages above it as the user scrolls back up.
 */
export interface SavedPage<TParam = unknown> {
  param: TParam
  offset: number
  count: number
  /** Absent on the last page. */
  next?: TParam | undefined
  prev?: TParam | undefined
}

/** Pages a saved ledger holds at most; a longer run is not kept (the place falls back). */
const MAX_SAVED_PAGES = 500

/** One page as a fetcher returns it. */
export interface WindowPage<TItem, TParam> {
  items: readonly TItem[]
  /** Index of the page's first item in the whole list, when the API tells (page numbers). */
  offset?: number | undefined
  /** Items in the whole list, when the API tells; null for APIs that give no total. */
  total: number | null
  nextPageParam: TParam | undefined
  prevPageParam: TParam | undefined
}

export interface WindowSpec<TItem, TParam> {
  /** Identity of the list (the filters included); pages are cached under it. */
  queryKey: QueryKey
  initialPageParam: TParam
  fetchPage: (param: TParam, signal: AbortSignal) => Promise<WindowPage<TItem, TParam>>
  /** A key unique within the list; items repeated across pages (page drift) show once. */
  keyOf: (item: TItem) => string
  /** For grouped views: the group an item belongs to. */
  groupOf?: ((item: TItem) => string) | undefined
  /** Items a page usually holds; sizes look-ahead and placeholders. */
  pageSize: number
  /** Most items kept in memory at once (pages outside the visible range are dropped). */
  budget: number
  /** For APIs that can jump (page numbers): the param of the page holding `index`. */
  paramForIndex?: ((index: number) => TParam) | undefined
  /**
   * For APIs that can jump: the one item at `index`, fetched alone (a page of one), so a
   * scrubber can label parts of the list no page has loaded.
   */
  sampleAt?: ((index: number, signal: AbortSignal) => Promise<TItem | undefined>) | undefined
  /** Whether a failed fetch is worth retrying by itself (a 4xx is not). Default: always. */
  retryable?: ((error: unknown) => boolean) | undefined
  /** The clock page ages are read by (ms); tests move it. */
  now?: (() => number) | undefined
}

/**
 * Age after which a page on screen is fetched again in the background. Listings carry signed
 * media links that expire (the reference server's last hours; vendors' often less), so a tab
 * left open overnight would otherwise show broken images when its user comes back.
 */
export const PAGE_REFRESH_AFTER_MS = 60 * 60 * 1000

/** A run of consecutive items of one group; `head` is its first item, kept for the group's header. */
export interface GroupRun<TItem> {
  key: string
  start: number
  count: number
  head: TItem
}

interface Entry<TItem, TParam> {
  param: TParam
  /**
   * The page's runs of groups (offsets relative to the page), kept after its items are dropped:
   * a grouped grid lays out every group it has seen, loaded or not.
   */
  groups: { key: string; at: number; count: number; head: TItem }[] | null
  /** Index of the first item; exact once fetched next to a loaded neighbour. */
  offset: number
  /** Items kept after dedup, once fetched at least once. */
  count: number | null
  items: readonly TItem[] | null
  nextParam: TParam | undefined
  prevParam: TParam | undefined
  /** When the held items were fetched (the window's clock). */
  loadedAt: number
}

/** What a view renders from; a new object after every change. */
export interface WindowState<TItem> {
  /** Slots a scroller should render: the total, or what is known plus a page of placeholders. */
  length: number
  /** The API's total, or the items known so far when the API gives none. */
  count: number
  /** False when `count` is a lower bound ("1,200+"): the API gives no total and more exist. */
  exact: boolean
  /** Index span of the items held in memory: [start, end). */
  start: number
  end: number
  itemAt: (index: number) => TItem | undefined
  keyAt: (index: number) => string | undefined
  groupAt: (index: number) => string | undefined
  /** Every group of the pages seen so far, in list order (empty without `groupOf`). */
  groups: readonly GroupRun<TItem>[]
  /** Index of a loaded item by key, or -1. */
  indexOf: (key: string) => number
  keyOf: (item: TItem) => string
  /** True until the first page has arrived. */
  initialLoading: boolean
  /** The last fetch failed and has not succeeded since; the window retries by itself. */
  error: unknown
  /** Bumped by every change, for memo dependencies. */
  version: number
}

/** The query a window caches one page under; a route loader prefetches the first with it. */
export function pageQueryOptions<TItem, TParam>(
  spec: Pick<WindowSpec<TItem, TParam>, 'queryKey' | 'fetchPage' | 'initialPageParam'>,
  param: TParam = spec.initialPageParam,
) {
  return {
    queryKey: [...spec.queryKey, 'page', param] as QueryKey,
    queryFn: ({ signal }: { signal: AbortSignal }) => spec.fetchPage(param, signal),
  }
}

const MIN_MARGIN = 24
const MAX_EMPTY_PAGES_WALKED = 50
const RETRY_BASE_MS = 1000
const RETRY_MAX_MS = 30_000

export class ListWindow<TItem, TParam> {
  private readonly spec: WindowSpec<TItem, TParam>
  private readonly client: QueryClient
  /** The ledger: every page of the current run, in list order. Data only for resident ones. */
  private entries: Entry<TItem, TParam>[] = []
  private total: number | null = null
  private range: IndexRange | null = null
  private anchorIndex: number
  private inFlight: AbortController | null = null
  private error: unknown = null
  private failures = 0
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private running = false
  private listeners = new Set<() => void>()
  private state: WindowState<TItem>
  private version = 0
  /** Whether any page has arrived yet; a jump later does not count as a first load. */
  private loadedOnce = false
  /** The ledger entry loaded first (the one holding the anchor). */
  private anchorAt = 0

  constructor(
    spec: WindowSpec<TItem, TParam>,
    client: QueryClient,
    anchorIndex = 0,
    saved?: readonly SavedPage<TParam>[] | undefined,
  ) {
    this.spec = spec
    this.client = client
    this.anchorIndex = Math.max(0, anchorIndex)
    if (this.anchorIndex > 0) this.range = { startIndex: this.anchorIndex, endIndex: this.anchorIndex }
    this.adoptCachedAnchor(saved)
    this.state = this.buildState()
  }

  // ---- subscription (useSyncExternalStore) ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getState = (): WindowState<TItem> => this.state

  /** Begins (or resumes) loading; pair with `stop`. */
  start(): void {
    this.running = true
    this.pump()
  }

  /** Cancels the fetch in flight and any pending retry. */
  stop(): void {
    this.running = false
    this.inFlight?.abort()
    this.inFlight = null
    this.clearRetry()
  }

  // ---- commands ----

  /** The indexes the user is looking at; the window loads or moves to cover them. */
  show = (range: IndexRange): void => {
    const prev = this.range
    if (prev && prev.startIndex === range.startIndex && prev.endIndex === range.endIndex) return
    this.range = { startIndex: range.startIndex, endIndex: Math.max(range.startIndex, range.endIndex) }
    this.pump()
  }

  /** Moves the window to `index` (a restored place, a located deep link). */
  jumpTo = (index: number): void => {
    const target = Math.max(0, index)
    this.range = { startIndex: target, endIndex: target }
    if (this.isNear(target, target)) return this.pump()
    if (this.spec.paramForIndex) this.reanchor(target)
    else this.pump()
  }

  /**
   * The item at `index` fetched alone, cached under the list's key; undefined when the spec
   * cannot sample or the index is past the end.
   */
  get canSample(): boolean {
    return this.spec.sampleAt !== undefined
  }

  sample = async (index: number): Promise<TItem | undefined> => {
    const { sampleAt } = this.spec
    if (!sampleAt) return undefined
    const item = await this.client.query({
      queryKey: [...this.spec.queryKey, 'sample', index],
      queryFn: ({ signal }) => sampleAt(index, signal).then((found) => found ?? null),
      staleTime: PAGE_REFRESH_AFTER_MS,
      retry: false,
    })
    return item ?? undefined
  }

  /** Tries a failed page again now (a Retry button, the browser coming back online). */
  retry = (): void => {
    if (this.error === null) return
    this.clearRetry()
    this.failures = 0
    this.error = null
    this.emit()
    this.pump()
  }

  /**
   * Looks again at what is on screen: a page held longer than PAGE_REFRESH_AFTER_MS is fetched
   * again and its items replaced in place (fresh links), keeping every index where it was. For a
   * tab coming back into view and a periodic tick; scrolling does the same by itself.
   */
  revisit = (): void => this.pump()

  /** Replaces one loaded item in place after a write, without refetching. */
  update = (key: string, change: (item: TItem) => TItem): boolean => this.updateAll(new Map([[key, change]])) > 0

  /**
   * Changes every held item whose key is in `changes`, in this window and in the Query cache,
   * and tells the listeners once: a bulk action's hundreds of answers are one render, not one
   * each (hundreds of synchronous renders in one task exceed React's update depth).
   */
  updateAll = (changes: ReadonlyMap<string, (item: TItem) => TItem>): number => {
    if (changes.size === 0) return 0
    const changeOf = (item: TItem) => changes.get(this.spec.keyOf(item))
    let changed = 0
    for (const entry of this.entries) {
      const held = entry.items
      if (!held || !held.some((item) => changeOf(item) !== undefined)) continue
      entry.items = held.map((item) => {
        const change = changeOf(item)
        if (!change) return item
        changed += 1
        return change(item)
      })
      this.client.setQueryData<WindowPage<TItem, TParam>>(this.pageKey(entry.param), (page) =>
        page ? { ...page, items: page.items.map((item) => changeOf(item)?.(item) ?? item) } : page,
      )
    }
    if (changed > 0) this.emit()
    return changed
  }

  /**
   * Items at `from`..`to` (inclusive) in list order, fetching pages that are not held, without
   * moving the window; for actions over a selection that reaches beyond what is loaded.
   */
  async collect(from: number, to: number, signal: AbortSignal): Promise<{ index: number; item: TItem }[]> {
    const out: { index: number; item: TItem }[] = []
    let index = from
    // Past the ledger's last page of a list that cannot jump, the walk goes on from the page it
    // fetched last (those pages are not added to the ledger).
    let walk: { param: TParam; offset: number } | null | undefined
    let empty = 0
    while (index <= to) {
      const held = this.state.itemAt(index)
      if (held !== undefined) {
        out.push({ index, item: held })
        index++
        continue
      }
      const page = await this.pageHolding(index, signal, walk)
      if (!page) break
      const first = page.offset
      for (let i = Math.max(index, first); i <= to && i - first < page.items.length; i++) {
        out.push({ index: i, item: page.items[i - first] as TItem })
      }
      const next = first + page.items.length
      walk = page.next === undefined ? null : { param: page.next, offset: Math.max(next, index) }
      // A page with nothing on it (a gallery page of projects with no matching image) is walked
      // past, though not forever: a list that keeps answering empty pages has ended.
      empty = page.items.length === 0 ? empty + 1 : 0
      if (next <= index && !(page.items.length === 0 && walk && empty < MAX_EMPTY_PAGES_WALKED)) break
      index = Math.max(next, index)
    }
    return out
  }

  // ---- internals ----

  private pageKey(param: TParam): QueryKey {
    return pageQueryOptions(this.spec, param).queryKey
  }

  private emit(): void {
    this.state = this.buildState()
    for (const listener of this.listeners) listener()
  }

  /**
   * The ledger kept with a place: every page from the top, for a list that cannot jump. Undefined
   * when there is nothing worth keeping (a list that jumps by page number, or a grouped one).
   */
  ledger = (): SavedPage<TParam>[] | undefined => {
    if (this.spec.paramForIndex || this.spec.groupOf) return undefined
    const known = this.entries.filter((e) => e.count !== null)
    if (known.length < 2 || known.length > MAX_SAVED_PAGES || known[0]?.offset !== 0) return undefined
    return known.map((e) => ({
      param: e.param,
      offset: e.offset,
      count: e.count ?? 0,
      next: e.nextParam,
      prev: e.prevParam,
    }))
  }

  /** Seeds the ledger from a kept place's pages, when they run unbroken from the top. */
  private restoreLedger(saved: readonly SavedPage<TParam>[] | undefined): boolean {
    if (!saved?.length || this.anchorIndex === 0 || this.spec.paramForIndex || this.spec.groupOf) return false
    let end = 0
    for (const page of saved) {
      if (page.offset !== end || !Number.isInteger(page.count) || page.count < 0) return false
      end += page.count
    }
    this.entries = saved.map((page) => ({
      ...this.newEntry(page.param, page.offset),
      count: page.count,
      nextParam: page.next,
      prevParam: page.prev,
    }))
    const holding = this.entries.findIndex((e) => this.anchorIndex < e.offset + (e.count ?? 0))
    this.anchorAt = holding < 0 ? this.entries.length - 1 : holding
    return true
  }

  /** A first page a route loader already fetched is shown at once, with no loading state. */
  private adoptCachedAnchor(saved?: readonly SavedPage<TParam>[]): void {
    if (!this.restoreLedger(saved)) {
      this.anchorAt = 0
      this.entries = [this.newEntry(this.anchorParam(), this.anchorOffset())]
    }
    const entry = this.entries[this.anchorAt] as Entry<TItem, TParam>
    const cached = this.client.getQueryData<WindowPage<TItem, TParam>>(this.pageKey(entry.param))
    if (cached) this.place(entry, cached, 'anchor')
  }

  private anchorParam(): TParam {
    const { paramForIndex, initialPageParam } = this.spec
    return paramForIndex && this.anchorIndex > 0 ? paramForIndex(this.anchorIndex) : initialPageParam
  }

  private anchorOffset(): number {
    return this.spec.paramForIndex && this.anchorIndex > 0
      ? Math.floor(this.anchorIndex / this.spec.pageSize) * this.spec.pageSize
      : 0
  }

  private newEntry(param: TParam, offset: number): Entry<TItem, TParam> {
    return {
      param,
      offset,
      count: null,
      items: null,
      groups: null,
      nextParam: undefined,
      prevParam: undefined,
      loadedAt: 0,
    }
  }

  private reanchor(index: number): void {
    this.inFlight?.abort()
    this.inFlight = null
    // A page far from where the user went is no longer wanted.
    for (const entry of this.entries) {
      if (!entry.items) void this.client.cancelQueries({ queryKey: this.pageKey(entry.param), exact: true })
    }
    for (const entry of this.entries)
      if (entry.items) this.client.removeQueries({ queryKey: this.pageKey(entry.param), exact: true })
    this.anchorIndex = index
    this.anchorAt = 0
    this.entries = [this.newEntry(this.anchorParam(), this.anchorOffset())]
    this.emit()
    this.pump()
  }

  private resident(): { lo: number; hi: number } | null {
    let lo = -1
    let hi = -1
    this.entries.forEach((entry, i) => {
      if (!entry.items) return
      if (lo < 0) lo = i
      hi = i
    })
    return lo < 0 ? null : { lo, hi }
  }

  private margin(): number {
    const r = this.range
    return Math.max(MIN_MARGIN, r ? r.endIndex - r.startIndex : 0)
  }

  private isNear(startIndex: number, endIndex: number): boolean {
    const span = this.resident()
    if (!span) return true
    const first = this.entries[span.lo] as Entry<TItem, TParam>
    const last = this.entries[span.hi] as Entry<TItem, TParam>
    const margin = this.margin()
    const end = last.offset + (last.count ?? 0)
    return !(endIndex < first.offset - margin || startIndex > end + margin)
  }

  /** Decides the one fetch to make next, if any. */
  private pump(): void {
    if (!this.running || this.inFlight || this.retryTimer) return
    const span = this.resident()
    if (!span) {
      const anchor = this.entries[this.anchorAt] ?? this.entries[0]
      if (anchor) void this.load(anchor, 'anchor')
      return
    }
    const range = this.range
    if (!range) return
    if (this.spec.paramForIndex && this.total !== null && !this.isNear(range.startIndex, range.endIndex)) {
      this.reanchor(range.startIndex)
      return
    }
    const margin = this.margin()
    const first = this.entries[span.lo] as Entry<TItem, TParam>
    const last = this.entries[span.hi] as Entry<TItem, TParam>
    const end = last.offset + (last.count ?? 0)
    if (range.endIndex + margin >= end && last.nextParam !== undefined) {
      let below = this.entries[span.hi + 1]
      if (!below) {
        below = this.newEntry(last.nextParam, end)
        this.entries.push(below)
      }
      void this.load(below, 'below')
    } else if (range.startIndex - margin < first.offset && (span.lo > 0 || first.prevParam !== undefined)) {
      let above = this.entries[span.lo - 1]
      if (!above) {
        above = this.newEntry(first.prevParam as TParam, Math.max(0, first.offset - this.spec.pageSize))
        this.entries.unshift(above)
      }
      void this.load(above, 'above')
    } else {
      const stale = this.staleOnScreen(range)
      if (stale) void this.refresh(stale)
    }
  }

  private now(): number {
    return (this.spec.now ?? Date.now)()
  }

  /** A held page overlapping `range` that was fetched too long ago, if any. */
  private staleOnScreen(range: IndexRange): Entry<TItem, TParam> | undefined {
    const before = this.now() - PAGE_REFRESH_AFTER_MS
    return this.entries.find(
      (e) =>
        e.items !== null &&
        e.loadedAt < before &&
        e.offset <= range.endIndex &&
        e.offset + e.items.length > range.startIndex,
    )
  }

  /** Fetches a held page again and swaps in the fresh copy of each item it still has. */
  private async refresh(entry: Entry<TItem, TParam>): Promise<void> {
    const controller = new AbortController()
    this.inFlight = controller
    try {
      const page = await this.client.query({
        ...pageQueryOptions(this.spec, entry.param),
        staleTime: 0,
        retry: false,
        networkMode: 'always',
      })
      if (controller.signal.aborted || !this.entries.includes(entry)) return
      const fresh = new Map(page.items.map((item) => [this.spec.keyOf(item), item]))
      if (entry.items) entry.items = entry.items.map((item) => fresh.get(this.spec.keyOf(item)) ?? item)
      this.emit()
    } catch {
      // Kept as it was: the next look after another period tries again.
      if (controller.signal.aborted) return
    } finally {
      if (this.inFlight === controller) this.inFlight = null
      if (this.entries.includes(entry)) entry.loadedAt = this.now()
    }
    this.pump()
  }

  private async load(entry: Entry<TItem, TParam>, side: 'anchor' | 'above' | 'below'): Promise<void> {
    const controller = new AbortController()
    this.inFlight = controller
    try {
      // note: `controller` only stops this window from using the answer. The request itself is
      // left to finish into the cache: a remount (React's development double mount, Back) asks
      // for the same page at once, and would otherwise be handed the cancelled request's error.
      const page = await this.client.query({
        ...pageQueryOptions(this.spec, entry.param),
        // The window retries by itself, with backoff and when the browser comes back online; a
        // request made offline fails at once (rather than waiting unseen) so the grid can say so.
        retry: false,
        networkMode: 'always',
      })
      if (controller.signal.aborted || !this.entries.includes(entry)) return
      this.inFlight = null
      this.failures = 0
      this.error = null
      this.place(entry, page, side)
      this.enforceBudget()
      this.emit()
      this.pump()
    } catch (error) {
      if (controller.signal.aborted) return
      this.inFlight = null
      this.error = error
      this.failures++
      this.emit()
      const retryable = this.spec.retryable ?? (() => true)
      if (retryable(error) && this.running) {
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (this.failures - 1))
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null
          this.pump()
        }, delay)
      }
    }
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  /** Puts a fetched page's items at their indexes, dropping keys already held elsewhere. */
  private place(entry: Entry<TItem, TParam>, page: WindowPage<TItem, TParam>, side: 'anchor' | 'above' | 'below') {
    const held = new Set<string>()
    for (const other of this.entries) {
      if (other === entry || !other.items) continue
      for (const item of other.items) held.add(this.spec.keyOf(item))
    }
    const seen = new Set<string>()
    const items = page.items.filter((item) => {
      const key = this.spec.keyOf(item)
      if (held.has(key) || seen.has(key)) return false
      seen.add(key)
      return true
    })
    const at = this.entries.indexOf(entry)
    if (side === 'below') {
      const prev = this.entries[at - 1]
      entry.offset = prev ? prev.offset + (prev.count ?? 0) : entry.offset
    } else if (side === 'above') {
      const next = this.entries[at + 1]
      entry.offset = next ? Math.max(0, next.offset - items.length) : entry.offset
    } else if (page.offset !== undefined) {
      entry.offset = page.offset
    }
    entry.items = items
    entry.count = items.length
    entry.loadedAt = this.now()
    entry.groups = this.runsOf(items)
    this.loadedOnce = true
    entry.nextParam = page.nextPageParam
    entry.prevParam = page.prevPageParam
    // The last page tells where the list ends; later ledger entries are stale.
    if (page.nextPageParam === undefined) this.entries.length = at + 1
    if (page.total !== null) this.total = page.total
  }

  private runsOf(items: readonly TItem[]): Entry<TItem, TParam>['groups'] {
    const { groupOf } = this.spec
    if (!groupOf) return null
    const runs: NonNullable<Entry<TItem, TParam>['groups']> = []
    items.forEach((item, at) => {
      const key = groupOf(item)
      const last = runs[runs.length - 1]
      if (last && last.key === key) last.count++
      else runs.push({ key, at, count: 1, head: item })
    })
    return runs
  }

  /** Drops resident pages farthest from the visible range until the item budget holds. */
  private enforceBudget(): void {
    const range = this.range ?? { startIndex: this.anchorIndex, endIndex: this.anchorIndex }
    for (;;) {
      const span = this.resident()
      if (!span || span.lo === span.hi) return
      let held = 0
      for (let i = span.lo; i <= span.hi; i++) held += this.entries[i]?.count ?? 0
      if (held <= this.spec.budget) return
      const first = this.entries[span.lo] as Entry<TItem, TParam>
      const last = this.entries[span.hi] as Entry<TItem, TParam>
      const above = range.startIndex - (first.offset + (first.count ?? 0))
      const below = last.offset - range.endIndex
      // Never drop a page the user is looking at.
      const victim = below >= above ? (below > 0 ? last : null) : above > 0 ? first : null
      if (!victim) return
      victim.items = null
      this.client.removeQueries({ queryKey: this.pageKey(victim.param), exact: true })
    }
  }

  /**
   * One page (with its offset) holding `index`, fetched outside the window. `walk` is where a
   * walk past the ledger stands (null: it reached the end).
   */
  private async pageHolding(
    index: number,
    signal: AbortSignal,
    walk?: { param: TParam; offset: number } | null,
  ): Promise<{ offset: number; items: readonly TItem[]; next: TParam | undefined } | null> {
    const known = this.entries.find((e) => e.count !== null && index >= e.offset && index < e.offset + e.count)
    let param: TParam | undefined = known?.param
    let offset = known?.offset ?? 0
    if (param === undefined && this.spec.paramForIndex) {
      param = this.spec.paramForIndex(index)
      offset = Math.floor(index / this.spec.pageSize) * this.spec.pageSize
    }
    if (param === undefined && walk !== undefined) {
      if (walk === null || walk.offset > index) return null
      param = walk.param
      offset = walk.offset
    }
    if (param === undefined) {
      // A cursor API: walk on from the last page the ledger knows.
      const last = [...this.entries].reverse().find((e) => e.count !== null && e.offset <= index)
      if (!last || last.nextParam === undefined) return null
      param = last.nextParam
      offset = last.offset + (last.count ?? 0)
    }
    // Through the cache, so a page the window is fetching at the same moment is asked for once.
    const page = await this.client.query({ ...pageQueryOptions(this.spec, param), gcTime: 0, networkMode: 'always' })
    if (signal.aborted) throw signal.reason
    return { offset: page.offset ?? offset, items: page.items, next: page.nextPageParam }
  }

  private buildState(): WindowState<TItem> {
    const resident = this.entries.filter((e) => e.items !== null)
    const keyIndex = new Map<string, number>()
    for (const entry of resident) {
      entry.items?.forEach((item, i) => keyIndex.set(this.spec.keyOf(item), entry.offset + i))
    }
    const locate = (index: number): TItem | undefined => {
      for (const entry of resident) {
        if (index >= entry.offset && index < entry.offset + (entry.items?.length ?? 0)) {
          return entry.items?.[index - entry.offset]
        }
      }
      return undefined
    }
    const known = this.entries.filter((e) => e.count !== null)
    const lastKnown = known[known.length - 1]
    const knownEnd = lastKnown ? lastKnown.offset + (lastKnown.count ?? 0) : 0
    const hasMore = lastKnown === undefined || lastKnown.nextParam !== undefined
    const count = this.total ?? knownEnd
    const exact = this.total !== null || !hasMore
    const length = this.total ?? knownEnd + (hasMore ? this.spec.pageSize : 0)
    const first = resident[0]
    const last = resident[resident.length - 1]
    const { keyOf, groupOf } = this.spec
    const groups: GroupRun<TItem>[] = []
    for (const entry of known) {
      for (const run of entry.groups ?? []) {
        const last = groups[groups.length - 1]
        const start = entry.offset + run.at
        // A group that goes on over a page boundary is one run.
        if (last && last.key === run.key && last.start + last.count === start) last.count += run.count
        else groups.push({ key: run.key, start, count: run.count, head: run.head })
      }
    }
    return {
      length,
      count,
      exact,
      start: first?.offset ?? 0,
      end: last ? last.offset + (last.items?.length ?? 0) : 0,
      itemAt: locate,
      keyAt: (index) => {
        const item = locate(index)
        return item === undefined ? undefined : keyOf(item)
      },
      groupAt: (index) => {
        const item = locate(index)
        return item === undefined || !groupOf ? undefined : groupOf(item)
      },
      groups,
      indexOf: (key) => keyIndex.get(key) ?? -1,
      keyOf,
      initialLoading: !this.loadedOnce,
      error: this.error,
      version: ++this.version,
    }
  }
}
