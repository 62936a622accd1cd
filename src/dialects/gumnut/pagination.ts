// Gumnut pages with `starting_after_id` (the previous page's last id) and gives no total. A page
// param is that cursor plus the page's index in the whole list, so the grid can place items.
//
// Going back needs the cursor of the page before, which a cursor API never returns. The ledger
// remembers, per filter, the cursor of every page fetched: when a bounded window has dropped
// pages behind the user, the page before any page is fetched again from its own cursor.

export interface GumnutCursor {
  /** `starting_after_id`; `null` for the first page. */
  after: string | null
  /** Index of the page's first item in the whole list. */
  offset: number
}

export const FIRST_GUMNUT_CURSOR: GumnutCursor = { after: null, offset: 0 }

export interface CursorLedger {
  /** Records a fetched page: where it starts, its cursor, how many items it held. */
  record(listKey: string, page: GumnutCursor, count: number): void
  /** The param of the page that ends where `page` starts, if that page was ever fetched. */
  before(listKey: string, page: GumnutCursor): GumnutCursor | undefined
}

export function createCursorLedger(): CursorLedger {
  // listKey → (offset at which a page ends → that page's param)
  const lists = new Map<string, Map<number, GumnutCursor>>()
  return {
    record(listKey, page, count) {
      if (count <= 0) return
      let ends = lists.get(listKey)
      if (!ends) {
        ends = new Map()
        lists.set(listKey, ends)
      }
      ends.set(page.offset + count, { after: page.after, offset: page.offset })
    },
    before(listKey, page) {
      if (page.offset === 0) return undefined
      return lists.get(listKey)?.get(page.offset)
    },
  }
}

/** The param of the page after one that started at `page` and held `ids`, or undefined at the end. */
export function nextCursor(page: GumnutCursor, ids: readonly string[], hasMore: boolean): GumnutCursor | undefined {
  const last = ids[ids.length - 1]
  if (!hasMore || last === undefined) return undefined
  return { after: last, offset: page.offset + ids.length }
}
