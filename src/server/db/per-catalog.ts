import type { Catalog } from './catalog-db'

/**
 * `create` run once per catalog, whichever route asks first: the queries and caches that every
 * dialect and route of one catalog share.
 */
export function perCatalog<T extends object>(create: (catalog: Catalog) => T): (catalog: Catalog) => T {
  const byCatalog = new WeakMap<Catalog, T>()
  return (catalog) => {
    let made = byCatalog.get(catalog)
    if (!made) {
      made = create(catalog)
      byCatalog.set(catalog, made)
    }
    return made
  }
}
