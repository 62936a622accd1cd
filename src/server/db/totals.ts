import { LruCache } from '../lru'
import { perCatalog } from './per-catalog'

// The totals of every dialect's listings. A total may need a scan of the matching rows, and
// paging through one listing asks the same total again and again, so each is kept until the
// catalog's next write (its generation moves). One cache per catalog, shared by the dialects;
// each names its keys (`piktid-assets|…`, `vipanya-assets|…`) so they never meet.

export interface TotalsCache {
  /** The total kept under `key`, or `count()` run once and kept. */
  total(key: string, count: () => number): number
}

const CAPACITY = 2500

export const totalsOf = perCatalog((catalog): TotalsCache => {
  const totals = new LruCache<string, number>(CAPACITY)
  let generation = catalog.generation()
  return {
    total(key, count) {
      if (generation !== catalog.generation()) {
        totals.clear()
        generation = catalog.generation()
      }
      let n = totals.get(key)
      if (n === undefined) {
        n = count()
        totals.set(key, n)
      }
      return n
    },
  }
})
