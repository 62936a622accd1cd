import type Database from 'better-sqlite3'
import type { IdCodec } from '../ids/codec'
import { fillScenario, scenarioCountFor, type FillScenarioResult } from './scenario'
import { fillVipanya, vipanyaCountFor, type FillVipanyaResult } from './vipanya'

// The Scenario generations and the Vipanya library, as one step that runs on a freshly built
// catalog (buildCatalog) or on an existing one that predates them (migration step 5): sizes
// follow the catalog's asset count and seed, so both paths give the same rows.

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
  /** The catalog's id codec. */
  ids: IdCodec
}

export function fillLibraries(db: Database.Database, options: FillLibrariesOptions): LibrariesResult {
  const started = performance.now()
  const scenario = fillScenario(db, {
    seed: options.seed,
    count: scenarioCountFor(options.assets),
    end: options.end,
    ids: options.ids,
  })
  const vipanya = fillVipanya(db, {
    seed: options.seed,
    count: vipanyaCountFor(options.assets),
    end: options.end,
    ids: options.ids,
  })
  const upsert = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  )
  upsert.run('scenario_count', String(scenario.assets))
  upsert.run('vipanya_count', String(vipanya.assets))
  return { scenario, vipanya, ms: performance.now() - started }
}
