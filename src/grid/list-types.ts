// The shapes a bounded window over a paged list works with: what a list's spec says, what a
// fetcher returns, what the ledger keeps (list-ledger.ts) and what a view renders from
// (list-window.ts).

import type { QueryKey } from '@tanstack/react-query'

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

/** A run of consecutive items of one group; `head` is its first item, kept for the group's header. */
export interface GroupRun<TItem> {
  key: string
  start: number
  count: number
  head: TItem
}

/** What the ledger needs to know of a list. */
export interface LedgerSpec<TItem, TParam> {
  initialPageParam: TParam
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
}

export interface LedgerPage<TItem, TParam> {
  param: TParam
  /** Index of the first item; exact once fetched next to a loaded neighbour. */
  offset: number
  /** Items shown after dedup, once fetched at least once. */
  count: number | null
  /** While the page is resident: the keys of the items it shows, in order; else null. */
  keys: readonly string[] | null
  /**
   * The page's runs of groups (offsets relative to the page), kept after it is dropped: a grouped
   * grid lays out every group it has seen, loaded or not.
   */
  groups: { key: string; at: number; count: number; head: TItem }[] | null
  nextParam: TParam | undefined
  prevParam: TParam | undefined
  /** When the page was last fetched (the window's clock). */
  loadedAt: number
}

export type Side = 'anchor' | 'above' | 'below'

/** The one thing to fetch next: a page to load, a jump far away, or a stale page on screen. */
export type Step<TItem, TParam> =
  | { kind: 'load'; page: LedgerPage<TItem, TParam>; side: Side }
  | { kind: 'reanchor'; index: number }
  | { kind: 'refresh'; page: LedgerPage<TItem, TParam> }

/** The counts and spans a view renders from. */
export interface LedgerSummary<TItem> {
  /** Slots a scroller should render: the total, or what is known plus a page of placeholders. */
  length: number
  /** The API's total, or the items known so far when the API gives none. */
  count: number
  /** False when `count` is a lower bound ("1,200+"): the API gives no total and more exist. */
  exact: boolean
  /** Index span of the resident items: [start, end). */
  start: number
  end: number
  /** Every group of the pages seen so far, in list order (empty without `groupOf`). */
  groups: GroupRun<TItem>[]
}

export interface WindowSpec<TItem, TParam> extends LedgerSpec<TItem, TParam> {
  /** Identity of the list (the filters included); pages are cached under it. */
  queryKey: QueryKey
  fetchPage: (param: TParam, signal: AbortSignal) => Promise<WindowPage<TItem, TParam>>
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

/** What a view renders from; a new object after every change. */
export interface WindowState<TItem> extends LedgerSummary<TItem> {
  itemAt: (index: number) => TItem | undefined
  keyAt: (index: number) => string | undefined
  groupAt: (index: number) => string | undefined
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
