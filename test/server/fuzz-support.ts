import { createHash } from 'node:crypto'
import type { Catalog } from '../../src/server/db/catalog-db'

// Helpers shared by the input and fuzz tests.

/**
 * A digest of every row of `table`, every column: equal before and after a refused write means
 * nothing changed. The rows are joined inside SQLite (`quote` keeps NULL, text and blobs apart),
 * so a 60,000-row table takes milliseconds.
 */
export function tableChecksum(catalog: Catalog, table: string): string {
  const columns = (catalog.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
    .map((c) => `quote("${c.name}")`)
    .join(` || ',' || `)
  const row = catalog.sqlite
    .prepare(
      `SELECT count(*) AS n, group_concat(line, char(10)) AS text
                FROM (SELECT ${columns} AS line FROM "${table}" ORDER BY rowid)`,
    )
    .get() as { n: number; text: string | null }
  return `${row.n}:${createHash('sha256')
    .update(row.text ?? '')
    .digest('hex')}`
}
