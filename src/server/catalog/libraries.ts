import Database from 'better-sqlite3'
import { catalogPath } from '../db/catalog-db'
import { fillScenario, scenarioCountFor, type FillScenarioResult } from './scenario'
import { fillVipanya, vipanyaCountFor, type FillVipanyaResult } from './vipanya'

// The Scenario generations and the Vipanya library, as one step that runs on a freshly built
// catalog or on an existing one that predates them (a migration): sizes follow the catalog's
// recorded asset count and seed, so both paths give the same rows.

export interface LibrariesResult {
  scenario: FillScenarioResult
  vipanya: FillVipanyaResult
  ms: number
}

export interface FillLibrariesOptions {
  seed: string
  /** Size of the PiktID part of the catalog; the other parts are sized from it. */
  assets: number
  end: number
}

export function fillLibraries(db: Database.Database, options: FillLibrariesOptions): LibrariesResult {
  const started = performance.now()
  const scenario = fillScenario(db, {
    seed: options.seed,
    count: scenarioCountFor(options.assets),
    end: options.end,
  })
  const vipanya = fillVipanya(db, { seed: options.seed, count: vipanyaCountFor(options.assets), end: options.end })
  const upsert = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  )
  upsert.run('scenario_count', String(scenario.assets))
  upsert.run('vipanya_count', String(vipanya.assets))
  return { scenario, vipanya, ms: performance.now() - started }
}

/**
 * Adds the Scenario and Vipanya parts to the catalog in `dataDir` when it lacks them; a no-op on
 * a catalog that has them. `end` is the catalog's time horizon (CATALOG_END for demo catalogs).
 */
export function upgradeLibraries(dataDir: string, end: number, fallbackSeed: string): LibrariesResult | undefined {
  const db = new Database(catalogPath(dataDir), { fileMustExist: true })
  try {
    const has = (table: string): boolean =>
      (
        db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as {
          n: number
        }
      ).n > 0
    const filled = has('scenario_assets') && has('vipanya_assets') && meta(db, 'vipanya_count') !== undefined
    if (filled) return undefined
    const assets = Number(meta(db, 'asset_count') ?? 0)
    return fillLibraries(db, { seed: meta(db, 'seed') ?? fallbackSeed, assets, end })
  } finally {
    db.close()
  }
}

function meta(db: Database.Database, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value
}
