// The ledger of a bounded window over a paged list (see list-window.ts): pure bookkeeping, with
// no fetching, no cache and no React. It knows every page of the current run (the param it is
// fetched with, the index of its first item, how many items it shows, the params next to it),
// which pages are resident, and decides the one fetch to make next, which pages to drop to keep
// the item budget, and what a kept place stores. It holds no items: a resident page keeps the
// keys of the items it shows, in order, and the window reads each item from the Query cache.

import type {
  IndexRange,
  LedgerPage,
  LedgerSpec,
  LedgerSummary,
  SavedPage,
  Side,
  Step,
  WindowPage,
  GroupRun,
} from './list-types'

/** Pages a saved ledger holds at most; a longer run is not kept (the place falls back). */
const MAX_SAVED_PAGES = 500
const MIN_MARGIN = 24

export class PageLedger<TItem, TParam> {
  private readonly spec: LedgerSpec<TItem, TParam>
  /** Every page of the current run, in list order. */
  private entries: LedgerPage<TItem, TParam>[] = []
  private anchorIndex: number
  /** The entry loaded first (the one holding the anchor). */
  private anchorAt = 0
  /** The API's total, once a page told it. */
  total: number | null = null
  /** The indexes the user is looking at. */
  range: IndexRange | null = null
  /** Whether any page has arrived yet; a jump later does not count as a first load. */
  loadedOnce = false

  constructor(spec: LedgerSpec<TItem, TParam>, anchorIndex = 0, saved?: readonly SavedPage<TParam>[]) {
    this.spec = spec
    this.anchorIndex = Math.max(0, anchorIndex)
    if (this.anchorIndex > 0) this.range = { startIndex: this.anchorIndex, endIndex: this.anchorIndex }
    if (!this.restore(saved)) this.entries = [this.newEntry(this.anchorParam(), this.anchorOffset())]
  }

  get pages(): readonly LedgerPage<TItem, TParam>[] {
    return this.entries
  }

  /** The page to load first. */
  get anchor(): LedgerPage<TItem, TParam> {
    return (this.entries[this.anchorAt] ?? this.entries[0]) as LedgerPage<TItem, TParam>
  }

  has(page: LedgerPage<TItem, TParam>): boolean {
    return this.entries.includes(page)
  }

  /** Sets the visible range; false when it is the one already set. */
  show(range: IndexRange): boolean {
    const prev = this.range
    if (prev && prev.startIndex === range.startIndex && prev.endIndex === range.endIndex) return false
    this.range = { startIndex: range.startIndex, endIndex: Math.max(range.startIndex, range.endIndex) }
    return true
  }

  /** Moves the range to `index`; true when the ledger should start again there (see `reanchor`). */
  jumpTo(index: number): boolean {
    const target = Math.max(0, index)
    this.range = { startIndex: target, endIndex: target }
    return !this.isNear(target, target) && this.spec.paramForIndex !== undefined
  }

  /** Starts a new run at `index`, for a list that can jump; returns the pages of the old run. */
  reanchor(index: number): LedgerPage<TItem, TParam>[] {
    const old = this.entries
    this.anchorIndex = index
    this.anchorAt = 0
    this.entries = [this.newEntry(this.anchorParam(), this.anchorOffset())]
    return old
  }

  /** Decides the one fetch to make next, if any; `now` dates stale pages. */
  next(now: number, refreshAfter: number): Step<TItem, TParam> | null {
    const span = this.resident()
    if (!span) return { kind: 'load', page: this.anchor, side: 'anchor' }
    const range = this.range
    if (!range) return null
    if (this.spec.paramForIndex && this.total !== null) {
      // A range past the end (a place kept when the list was longer) is read as its last item.
      const lastIndex = Math.max(0, this.total - 1)
      const start = Math.min(range.startIndex, lastIndex)
      const beyond = (this.entries[span.lo]?.offset ?? 0) > lastIndex
      if (beyond || !this.isNear(start, Math.min(range.endIndex, lastIndex))) return { kind: 'reanchor', index: start }
    }
    const margin = this.margin()
    const first = this.entries[span.lo] as LedgerPage<TItem, TParam>
    const last = this.entries[span.hi] as LedgerPage<TItem, TParam>
    const end = last.offset + (last.count ?? 0)
    // A page wanted only for the margin is fetched when the budget has room for it, or when the
    // page it pushes out is farther from the range than it is (else the two would take turns).
    const room = this.held(span) + this.spec.pageSize <= this.spec.budget
    const aboveGap = range.startIndex - (first.offset + (first.count ?? 0))
    const belowGap = last.offset - range.endIndex
    if (
      range.endIndex + margin >= end &&
      last.nextParam !== undefined &&
      (range.endIndex >= end || room || aboveGap > end - range.endIndex)
    ) {
      let below = this.entries[span.hi + 1]
      if (!below) {
        below = this.newEntry(last.nextParam, end)
        this.entries.push(below)
      }
      return { kind: 'load', page: below, side: 'below' }
    }
    if (
      range.startIndex - margin < first.offset &&
      (span.lo > 0 || first.prevParam !== undefined) &&
      (range.startIndex < first.offset || room || belowGap > range.startIndex - first.offset)
    ) {
      let above = this.entries[span.lo - 1]
      if (!above) {
        above = this.newEntry(first.prevParam as TParam, Math.max(0, first.offset - this.spec.pageSize))
        this.entries.unshift(above)
      }
      return { kind: 'load', page: above, side: 'above' }
    }
    const before = now - refreshAfter
    const stale = this.entries.find(
      (e) =>
        e.keys !== null &&
        e.loadedAt < before &&
        e.offset <= range.endIndex &&
        e.offset + e.keys.length > range.startIndex,
    )
    return stale ? { kind: 'refresh', page: stale } : null
  }

  /** Takes in a fetched page: its items' keys at their indexes, dropping keys held elsewhere. */
  place(entry: LedgerPage<TItem, TParam>, page: WindowPage<TItem, TParam>, side: Side, now: number): void {
    const { keyOf } = this.spec
    const held = new Set<string>()
    for (const other of this.entries) if (other !== entry) for (const key of other.keys ?? []) held.add(key)
    const keys: string[] = []
    const kept: TItem[] = []
    for (const item of page.items) {
      const key = keyOf(item)
      if (held.has(key)) continue
      held.add(key)
      keys.push(key)
      kept.push(item)
    }
    const at = this.entries.indexOf(entry)
    if (side === 'below') {
      const prev = this.entries[at - 1]
      entry.offset = prev ? prev.offset + (prev.count ?? 0) : entry.offset
    } else if (side === 'above') {
      const next = this.entries[at + 1]
      entry.offset = next ? Math.max(0, next.offset - keys.length) : entry.offset
    } else if (page.offset !== undefined) {
      entry.offset = page.offset
    }
    entry.keys = keys
    entry.count = keys.length
    entry.loadedAt = now
    entry.groups = this.runsOf(kept)
    entry.nextParam = page.nextPageParam
    entry.prevParam = page.prevPageParam
    this.loadedOnce = true
    // The last page tells where the list ends; later ledger entries are stale.
    if (page.nextPageParam === undefined) this.entries.length = at + 1
    if (page.total !== null) this.total = page.total
  }

  /** Drops resident pages farthest from the visible range until the budget holds; returns them. */
  drops(): LedgerPage<TItem, TParam>[] {
    const range = this.range ?? { startIndex: this.anchorIndex, endIndex: this.anchorIndex }
    const dropped: LedgerPage<TItem, TParam>[] = []
    for (;;) {
      const span = this.resident()
      if (!span || span.lo === span.hi) return dropped
      if (this.held(span) <= this.spec.budget) return dropped
      const first = this.entries[span.lo] as LedgerPage<TItem, TParam>
      const last = this.entries[span.hi] as LedgerPage<TItem, TParam>
      const above = range.startIndex - (first.offset + (first.count ?? 0))
      const below = last.offset - range.endIndex
      // Never drop a page the user is looking at.
      const victim = below >= above ? (below > 0 ? last : null) : above > 0 ? first : null
      if (!victim) return dropped
      victim.keys = null
      dropped.push(victim)
    }
  }

  /**
   * The page (param and offset) holding `index`, for a fetch outside the window; `walk` is where
   * a walk past the ledger stands (null: it reached the end). Null when no page can be named.
   */
  pageFor(index: number, walk?: { param: TParam; offset: number } | null): { param: TParam; offset: number } | null {
    const known = this.entries.find((e) => e.count !== null && index >= e.offset && index < e.offset + e.count)
    if (known) return { param: known.param, offset: known.offset }
    const { paramForIndex, pageSize } = this.spec
    if (paramForIndex) return { param: paramForIndex(index), offset: Math.floor(index / pageSize) * pageSize }
    if (walk !== undefined) return walk === null || walk.offset > index ? null : walk
    // A cursor API: walk on from the last page the ledger knows.
    const last = [...this.entries].reverse().find((e) => e.count !== null && e.offset <= index)
    if (!last || last.nextParam === undefined) return null
    return { param: last.nextParam, offset: last.offset + (last.count ?? 0) }
  }

  /**
   * The ledger kept with a place: every page from the top, for a list that cannot jump. Undefined
   * when there is nothing worth keeping (a list that jumps by page number, or a grouped one).
   */
  saved(): SavedPage<TParam>[] | undefined {
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

  summary(): LedgerSummary<TItem> {
    const resident = this.entries.filter((e) => e.keys !== null)
    const known = this.entries.filter((e) => e.count !== null)
    const lastKnown = known[known.length - 1]
    const knownEnd = lastKnown ? lastKnown.offset + (lastKnown.count ?? 0) : 0
    const hasMore = lastKnown === undefined || lastKnown.nextParam !== undefined
    const first = resident[0]
    const last = resident[resident.length - 1]
    const groups: GroupRun<TItem>[] = []
    for (const entry of known) {
      for (const run of entry.groups ?? []) {
        const prev = groups[groups.length - 1]
        const start = entry.offset + run.at
        // A group that goes on over a page boundary is one run.
        if (prev && prev.key === run.key && prev.start + prev.count === start) prev.count += run.count
        else groups.push({ key: run.key, start, count: run.count, head: run.head })
      }
    }
    return {
      length: this.total ?? knownEnd + (hasMore ? this.spec.pageSize : 0),
      count: this.total ?? knownEnd,
      exact: this.total !== null || !hasMore,
      start: first?.offset ?? 0,
      end: last ? last.offset + (last.keys?.length ?? 0) : 0,
      groups,
    }
  }

  // ---- internals ----

  /** Seeds the ledger from a kept place's pages, when they run unbroken from the top. */
  private restore(saved: readonly SavedPage<TParam>[] | undefined): boolean {
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

  private anchorParam(): TParam {
    const { paramForIndex, initialPageParam } = this.spec
    return paramForIndex && this.anchorIndex > 0 ? paramForIndex(this.anchorIndex) : initialPageParam
  }

  private anchorOffset(): number {
    return this.spec.paramForIndex && this.anchorIndex > 0
      ? Math.floor(this.anchorIndex / this.spec.pageSize) * this.spec.pageSize
      : 0
  }

  private newEntry(param: TParam, offset: number): LedgerPage<TItem, TParam> {
    return {
      param,
      offset,
      count: null,
      keys: null,
      groups: null,
      nextParam: undefined,
      prevParam: undefined,
      loadedAt: 0,
    }
  }

  private resident(): { lo: number; hi: number } | null {
    let lo = -1
    let hi = -1
    this.entries.forEach((entry, i) => {
      if (!entry.keys) return
      if (lo < 0) lo = i
      hi = i
    })
    return lo < 0 ? null : { lo, hi }
  }

  /** Items the resident pages hold. */
  private held(span: { lo: number; hi: number }): number {
    let held = 0
    for (let i = span.lo; i <= span.hi; i++) held += this.entries[i]?.count ?? 0
    return held
  }

  private margin(): number {
    const r = this.range
    return Math.max(MIN_MARGIN, r ? r.endIndex - r.startIndex : 0)
  }

  private isNear(startIndex: number, endIndex: number): boolean {
    const span = this.resident()
    if (!span) return true
    const first = this.entries[span.lo] as LedgerPage<TItem, TParam>
    const last = this.entries[span.hi] as LedgerPage<TItem, TParam>
    const end = last.offset + (last.count ?? 0)
    const margin = this.margin()
    return !(endIndex < first.offset - margin || startIndex > end + margin)
  }

  private runsOf(items: readonly TItem[]): LedgerPage<TItem, TParam>['groups'] {
    const { groupOf } = this.spec
    if (!groupOf) return null
    const runs: NonNullable<LedgerPage<TItem, TParam>['groups']> = []
    items.forEach((item, at) => {
      const key = groupOf(item)
      const last = runs[runs.length - 1]
      if (last && last.key === key) last.count++
      else runs.push({ key, at, count: 1, head: item })
    })
    return runs
  }
}
