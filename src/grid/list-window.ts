// A bounded window over a paged list, headless and framework-free: it knows nothing of assets.
//
// Why not `useInfiniteQuery` with `maxPages`: when Query drops a page it drops the page param
// with it, so a cursor or token API (Gumnut's `starting_after_id`, Scenario's
// `paginationToken`) could not fetch that page again when the user scrolls back, and the
// budget would be counted in pages rather than items. So the window keeps its own ledger of
// every page it has seen (list-ledger.ts: param, index of its first item, the keys it shows)
// and keeps only the pages near the visible range. The items themselves live in the Query
// cache, one query per page: the window fetches each page through the QueryClient (so a route
// loader's prefetch of the first page is shared and requests dedupe), keeps the pages it shows
// in the cache while it shows them, and reads their items from there, so an edit written to a
// cached page (`setQueryData`) shows at once. A page the window drops is removed from the cache
// too, so the budget is what memory holds. Failed fetches are retried by Query.

import {
  QueryObserver,
  type Query,
  type QueryClient,
  type QueryKey,
  type QueryObserverResult,
} from '@tanstack/react-query'
import { PageLedger } from './list-ledger'
import { pageLoadOptions, pageQueryOptions, pageRefreshOptions, PAGE_REFRESH_AFTER_MS } from './list-page-query'
import { collectRange, residentItems } from './list-window-read'
import type { IndexRange, LedgerPage, SavedPage, Side, WindowPage, WindowSpec, WindowState } from './list-types'

export { pageQueryOptions, PAGE_REFRESH_AFTER_MS } from './list-page-query'
export type { GroupRun, IndexRange, SavedPage, WindowPage, WindowSpec, WindowState } from './list-types'

type Page<TItem, TParam> = LedgerPage<TItem, TParam>

export class ListWindow<TItem, TParam> {
  private readonly spec: WindowSpec<TItem, TParam>
  private readonly client: QueryClient
  private readonly book: PageLedger<TItem, TParam>
  /** One observer per page shown or being loaded: it keeps the page in the cache and reports changes. */
  private readonly watched = new Map<Page<TItem, TParam>, { observer: QueryObserver; stop: () => void }>()
  /** The cached data each resident page was last shown from. */
  private shown = new Map<Page<TItem, TParam>, unknown>()
  private inFlight: AbortController | null = null
  /** The page being loaded, and its query: Query retries it, the window hears of each failure. */
  private loading: { page: Page<TItem, TParam>; query: Query | undefined } | null = null
  private offCache: (() => void) | null = null
  private error: unknown = null
  private running = false
  private emitSoon = false
  private listeners = new Set<() => void>()
  private state: WindowState<TItem>
  private version = 0

  constructor(
    spec: WindowSpec<TItem, TParam>,
    client: QueryClient,
    anchorIndex = 0,
    saved?: readonly SavedPage<TParam>[] | undefined,
  ) {
    this.spec = spec
    this.client = client
    this.book = new PageLedger(spec, anchorIndex, saved)
    // A first page a route loader already fetched is shown at once, with no loading state.
    const anchor = this.book.anchor
    const cached = client.getQueryData<WindowPage<TItem, TParam>>(this.pageKey(anchor.param))
    if (cached) this.book.place(anchor, cached, 'anchor', this.now())
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
    for (const page of this.book.pages) if (page.keys) this.watch(page)
    this.offCache ??= this.client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'failed' || event.query !== this.loading?.query) return
      // Query tries again by itself; meanwhile the grid says it failed.
      this.error = event.action.error
      this.emit()
    })
    if (this.shownChanged()) this.emit()
    this.pump()
  }

  /** Stops using the fetch in flight (a failing one stops retrying) and lets the cache age the pages. */
  stop(): void {
    this.running = false
    this.inFlight?.abort()
    this.inFlight = null
    if ((this.loading?.query?.state.fetchFailureCount ?? 0) > 0) void this.loading?.query?.cancel({ revert: true })
    this.loading = null
    this.offCache?.()
    this.offCache = null
    for (const page of [...this.watched.keys()]) this.unwatch(page)
  }

  // ---- commands ----

  /** The indexes the user is looking at; the window loads or moves to cover them. */
  show = (range: IndexRange): void => {
    if (this.book.show(range)) this.pump()
  }

  /** Moves the window to `index` (a restored place, a located deep link). */
  jumpTo = (index: number): void => {
    if (this.book.jumpTo(index)) this.reanchor(Math.max(0, index))
    else this.pump()
  }

  /** Whether the spec can fetch one item alone (see `sample`). */
  get canSample(): boolean {
    return this.spec.sampleAt !== undefined
  }

  /**
   * The item at `index` fetched alone, cached under the list's key; undefined when the spec
   * cannot sample or the index is past the end.
   */
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
    this.error = null
    if (this.loading) {
      // Query waits between its tries; this one should not.
      void this.loading.query?.cancel({ revert: true })
      this.inFlight?.abort()
      this.inFlight = null
      this.loading = null
    }
    this.emit()
    this.pump()
  }

  /**
   * Looks again at what is on screen: a page held longer than PAGE_REFRESH_AFTER_MS is fetched
   * again and its items replaced in place (fresh links), keeping every index where it was. For a
   * tab coming back into view and a periodic tick; scrolling does the same by itself.
   */
  revisit = (): void => this.pump()

  /**
   * Items at `from`..`to` (inclusive) in list order, fetching pages that are not held, without
   * moving the window; for actions over a selection that reaches beyond what is loaded.
   */
  collect(from: number, to: number, signal: AbortSignal): Promise<{ index: number; item: TItem }[]> {
    const source = {
      itemAt: (index: number) => this.state.itemAt(index),
      pageFor: this.book.pageFor.bind(this.book),
      // Through the cache, so a page the window is fetching at the same moment is asked for once.
      fetchPage: (param: TParam) =>
        this.client.query({ ...pageQueryOptions(this.spec, param), gcTime: 0, networkMode: 'always' }),
    }
    return collectRange(source, from, to, signal)
  }

  /**
   * The ledger kept with a place: every page from the top, for a list that cannot jump. Undefined
   * when there is nothing worth keeping (a list that jumps by page number, or a grouped one).
   */
  ledger = (): SavedPage<TParam>[] | undefined => this.book.saved()

  // ---- internals ----

  private pageKey(param: TParam): QueryKey {
    return pageQueryOptions(this.spec, param).queryKey
  }

  private now(): number {
    return (this.spec.now ?? Date.now)()
  }

  private emit(): void {
    this.emitSoon = false
    this.state = this.buildState()
    for (const listener of this.listeners) listener()
  }

  /**
   * Keeps a resident `page` in the cache while the window shows it, and hears of its changes
   * there. note: only once it has arrived: a query's last observer leaving cancels its fetch, and
   * a route loader may be waiting for that fetch too.
   */
  private watch(page: Page<TItem, TParam>): void {
    if (this.watched.has(page)) return
    const observer = new QueryObserver<WindowPage<TItem, TParam>>(this.client, {
      ...pageLoadOptions(this.spec, page.param),
      enabled: false,
      notifyOnChangeProps: ['data'],
    })
    const stop = observer.subscribe((result) => this.heard(page, result))
    this.watched.set(page, { observer: observer as QueryObserver, stop })
  }

  private unwatch(page: Page<TItem, TParam>): void {
    this.watched.get(page)?.stop()
    this.watched.delete(page)
  }

  private heard(page: Page<TItem, TParam>, result: QueryObserverResult<WindowPage<TItem, TParam>>): void {
    if (page.keys && result.data !== this.shown.get(page) && !this.emitSoon) {
      // An edit to a cached page (a verdict, a bulk change): one render for a burst of them.
      this.emitSoon = true
      queueMicrotask(() => {
        if (this.emitSoon) this.emit()
      })
    }
  }

  private shownChanged(): boolean {
    return [...this.shown].some(([page, data]) => this.dataOf(page) !== data)
  }

  private dataOf(page: Page<TItem, TParam>): WindowPage<TItem, TParam> | undefined {
    const watched = this.watched.get(page)
    if (watched) return watched.observer.getCurrentResult().data as WindowPage<TItem, TParam> | undefined
    return this.client.getQueryData<WindowPage<TItem, TParam>>(this.pageKey(page.param))
  }

  /** Drops the pages of the old run and starts again at `index`. */
  private reanchor(index: number): void {
    this.inFlight?.abort()
    this.inFlight = null
    this.loading = null
    for (const page of this.book.reanchor(index)) {
      this.unwatch(page)
      // A page far from where the user went is no longer wanted.
      if (page.keys) this.client.removeQueries({ queryKey: this.pageKey(page.param), exact: true })
      else void this.client.cancelQueries({ queryKey: this.pageKey(page.param), exact: true })
    }
    this.emit()
    this.pump()
  }

  /** Makes the one fetch the ledger asks for next, if any. */
  private pump(): void {
    if (!this.running || this.inFlight) return
    const step = this.book.next(this.now(), PAGE_REFRESH_AFTER_MS)
    if (!step) return
    if (step.kind === 'reanchor') this.reanchor(step.index)
    else if (step.kind === 'refresh') void this.refresh(step.page)
    else void this.load(step.page, step.side)
  }

  /** Fetches a held page again and swaps in the fresh copy of each item it still has. */
  private async refresh(page: Page<TItem, TParam>): Promise<void> {
    const controller = new AbortController()
    this.inFlight = controller
    try {
      await this.client.query(pageRefreshOptions(this.spec, page.param))
    } catch {
      // Kept as it was: the next look after another period tries again.
    } finally {
      if (this.inFlight === controller) this.inFlight = null
      if (this.book.has(page)) page.loadedAt = this.now()
    }
    if (controller.signal.aborted) return
    this.emit()
    this.pump()
  }

  private async load(page: Page<TItem, TParam>, side: Side): Promise<void> {
    const controller = new AbortController()
    this.inFlight = controller
    // note: `controller` only stops this window from using the answer. The request itself is
    // left to finish into the cache: a remount (React's development double mount, Back) asks
    // for the same page at once, and would otherwise be handed the cancelled request's error.
    const options = pageLoadOptions(this.spec, page.param)
    const request = this.client.query(options)
    this.loading = { page, query: this.client.getQueryCache().find({ queryKey: options.queryKey, exact: true }) }
    try {
      const data = await request
      if (controller.signal.aborted) return
      this.inFlight = null
      this.loading = null
      if (!this.book.has(page)) return
      this.error = null
      this.book.place(page, data, side, this.now())
      for (const dropped of this.book.drops()) {
        this.unwatch(dropped)
        this.client.removeQueries({ queryKey: this.pageKey(dropped.param), exact: true })
      }
      if (page.keys) this.watch(page)
      this.emit()
      this.pump()
    } catch (error) {
      if (controller.signal.aborted) return
      this.inFlight = null
      this.loading = null
      this.error = error
      this.emit()
    }
  }

  private buildState(): WindowState<TItem> {
    const { keyOf, groupOf } = this.spec
    this.shown = new Map()
    const dataOf = (page: Page<TItem, TParam>) => {
      const data = this.dataOf(page)
      this.shown.set(page, data)
      return data
    }
    const { itemAt, indexOf } = residentItems(this.book.pages, dataOf, keyOf)
    return {
      ...this.book.summary(),
      itemAt,
      keyAt: (index) => {
        const item = itemAt(index)
        return item === undefined ? undefined : keyOf(item)
      },
      groupAt: (index) => {
        const item = itemAt(index)
        return item === undefined || !groupOf ? undefined : groupOf(item)
      },
      indexOf,
      keyOf,
      initialLoading: !this.book.loadedOnce,
      error: this.error,
      version: ++this.version,
    }
  }
}
