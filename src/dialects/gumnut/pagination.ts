// Gumnut pages with `starting_after_id` (the previous page's last id) and gives no total. A page
// param is that cursor plus the page's index in the whole list, so the grid can place items.
// A cursor API never says how to go back: the shared list window (src/grid/list-window.ts)
// remembers every page's param, so a page it dropped is fetched again from its own cursor.

export interface GumnutCursor {
  /** `starting_after_id`; `null` for the first page. */
  after: string | null
  /** Index of the page's first item in the whole list. */
  offset: number
}

export const FIRST_GUMNUT_CURSOR: GumnutCursor = { after: null, offset: 0 }

/** The param of the page after one that started at `page` and held `ids`, or undefined at the end. */
export function nextCursor(page: GumnutCursor, ids: readonly string[], hasMore: boolean): GumnutCursor | undefined {
  const last = ids[ids.length - 1]
  if (!hasMore || last === undefined) return undefined
  return { after: last, offset: page.offset + ids.length }
}
