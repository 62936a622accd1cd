// How a list window (list-window.ts) reads items: the resident pages' items out of the cached
// pages by the keys the ledger keeps, and a range beyond what is resident page by page.

import type { LedgerPage, WindowPage } from './list-types'

/** Lookups over the resident pages, each item read from its page's cached data by key. */
export function residentItems<TItem, TParam>(
  pages: readonly LedgerPage<TItem, TParam>[],
  dataOf: (page: LedgerPage<TItem, TParam>) => WindowPage<TItem, TParam> | undefined,
  keyOf: (item: TItem) => string,
): { itemAt: (index: number) => TItem | undefined; indexOf: (key: string) => number } {
  const resident: { offset: number; keys: readonly string[]; byKey: Map<string, TItem> }[] = []
  const keyIndex = new Map<string, number>()
  for (const page of pages) {
    if (!page.keys) continue
    const byKey = new Map<string, TItem>()
    for (const item of dataOf(page)?.items ?? []) {
      const key = keyOf(item)
      // A key repeated on a page shows its first copy, as the ledger kept it.
      if (!byKey.has(key)) byKey.set(key, item)
    }
    page.keys.forEach((key, i) => keyIndex.set(key, page.offset + i))
    resident.push({ offset: page.offset, keys: page.keys, byKey })
  }
  return {
    itemAt: (index) => {
      const page = resident.find((p) => index >= p.offset && index < p.offset + p.keys.length)
      return page?.byKey.get(page.keys[index - page.offset] as string)
    },
    indexOf: (key) => keyIndex.get(key) ?? -1,
  }
}

const MAX_EMPTY_PAGES_WALKED = 50

interface RangeSource<TItem, TParam> {
  /** A resident item, if any. */
  itemAt: (index: number) => TItem | undefined
  /** The page holding `index` (see `PageLedger.pageFor`). */
  pageFor: (
    index: number,
    walk: { param: TParam; offset: number } | null | undefined,
  ) => { param: TParam; offset: number } | null
  fetchPage: (param: TParam) => Promise<WindowPage<TItem, TParam>>
}

/** Items at `from`..`to` (inclusive) in list order: resident ones as they are, others fetched. */
export async function collectRange<TItem, TParam>(
  source: RangeSource<TItem, TParam>,
  from: number,
  to: number,
  signal: AbortSignal,
): Promise<{ index: number; item: TItem }[]> {
  const out: { index: number; item: TItem }[] = []
  let index = from
  // Past the ledger's last page of a list that cannot jump, the walk goes on from the page it
  // fetched last (those pages are not added to the ledger).
  let walk: { param: TParam; offset: number } | null | undefined
  let empty = 0
  while (index <= to) {
    const held = source.itemAt(index)
    if (held !== undefined) {
      out.push({ index, item: held })
      index++
      continue
    }
    const at = source.pageFor(index, walk)
    if (!at) break
    const page = await source.fetchPage(at.param)
    if (signal.aborted) throw signal.reason
    const first = page.offset ?? at.offset
    for (let i = Math.max(index, first); i <= to && i - first < page.items.length; i++) {
      out.push({ index: i, item: page.items[i - first] as TItem })
    }
    const next = first + page.items.length
    walk = page.nextPageParam === undefined ? null : { param: page.nextPageParam, offset: Math.max(next, index) }
    // A page with nothing on it (a gallery page of projects with no matching image) is walked
    // past, though not forever: a list that keeps answering empty pages has ended.
    empty = page.items.length === 0 ? empty + 1 : 0
    if (next <= index && !(page.items.length === 0 && walk && empty < MAX_EMPTY_PAGES_WALKED)) break
    index = Math.max(next, index)
  }
  return out
}
