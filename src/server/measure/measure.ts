import { createApp } from '../app'
import { openCatalog } from '../db/catalog-db'
import { createMediaStore } from '../media/media-store'

// Latency of representative PiktID list queries, in-process (no HTTP), on an existing catalog.
// The first run of each query is reported separately: totals that need a scan are cached.

const REPRESENTATIVE_QUERIES: readonly (readonly [string, string])[] = [
  ['default first page', ''],
  ['page 500', 'page=500'],
  ['sort_by=filename asc', 'sort_by=filename&order=asc'],
  ['filename asc, page 200', 'sort_by=filename&order=asc&page=200'],
  ['include model,product exclude background', 'include_tags=model,product&exclude_tags=background'],
  ['search=look-04', 'search=look-04'],
  ['ownership=shared', 'ownership=shared'],
  ['ownership=mine, created_at asc', 'ownership=mine&order=asc'],
  ['date range (one quarter)', 'created_after=2024-10-01T00:00:00Z&created_before=2025-01-01T00:00:00Z'],
  ['date range + tags + page 10', 'created_after=2024-01-01&created_before=2024-07-01&include_tags=product&page=10'],
  ['per_page=100 page 50', 'per_page=100&page=50'],
]

/** Scenario and Vipanya list queries, as full paths (Scenario pages carry no total). */
const LIBRARY_QUERIES: readonly (readonly [string, string])[] = [
  ['Scenario first page (100)', '/api/scenario/v1/assets?pageSize=100'],
  ['Scenario privacy=public', '/api/scenario/v1/assets?pageSize=100&privacy=public'],
  ['Scenario sortBy=updatedAt asc', '/api/scenario/v1/assets?pageSize=100&sortBy=updatedAt&sortDirection=asc'],
  ['Scenario type=inference', '/api/scenario/v1/assets?pageSize=100&type=inference'],
  [
    'Scenario three rare types',
    '/api/scenario/v1/assets?pageSize=100&types=skybox-hdri&types=uploaded-3d&types=txt2video',
  ],
  ['Scenario tags=character', '/api/scenario/v1/assets?pageSize=100&tags=character'],
  [
    'Scenario created range (one month)',
    '/api/scenario/v1/assets?pageSize=100&sortBy=createdAt&createdAfter=2024-01-01&createdBefore=2024-02-01',
  ],
  ['Vipanya first page (100)', '/api/vipanya/api/v1/assets?per_page=100'],
  ['Vipanya page 100', '/api/vipanya/api/v1/assets?per_page=100&page=100'],
  ['Vipanya title asc', '/api/vipanya/api/v1/assets?per_page=100&sort=title&order=asc'],
  ['Vipanya search=onboarding', '/api/vipanya/api/v1/assets?per_page=100&search=onboarding'],
]

export interface Measurement {
  name: string
  query: string
  coldMs: number
  p50Ms: number
  p99Ms: number
  total: number
}

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? Number.NaN
}

export async function measureCatalog(dataDir: string, runs = 60, token = 'demo-alice'): Promise<Measurement[]> {
  const catalog = openCatalog(dataDir)
  const app = createApp({ db: catalog, media: createMediaStore(catalog) })
  const headers = { authorization: `Bearer ${token}` }
  const results: Measurement[] = []
  try {
    const queries = [
      ...REPRESENTATIVE_QUERIES.map(([name, query]) => [name, query, `/api/piktid/assets${query ? `?${query}` : ''}`]),
      ...LIBRARY_QUERIES.map(([name, path]) => [name, path, path]),
    ]
    for (const [name = '', query = '', url = ''] of queries) {
      const timed = async (): Promise<{ ms: number; total: number }> => {
        const started = performance.now()
        const res = await app.request(url, { headers })
        const body = (await res.json()) as { pagination?: { total: number } }
        const ms = performance.now() - started
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
        return { ms, total: body.pagination?.total ?? -1 }
      }
      const cold = await timed()
      const samples: number[] = []
      for (let i = 0; i < runs; i++) samples.push((await timed()).ms)
      samples.sort((a, b) => a - b)
      results.push({
        name,
        query,
        coldMs: cold.ms,
        p50Ms: percentile(samples, 50),
        p99Ms: percentile(samples, 99),
        total: cold.total,
      })
    }
  } finally {
    catalog.close()
  }
  return results
}

export function printMeasurements(results: readonly Measurement[]): void {
  console.table(
    results.map((r) => ({
      query: r.name,
      total: r.total,
      'cold ms': r.coldMs.toFixed(1),
      'p50 ms': r.p50Ms.toFixed(2),
      'p99 ms': r.p99Ms.toFixed(2),
    })),
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = process.argv[2] ?? process.env.VITRINE_DATA_DIR ?? './data'
  printMeasurements(await measureCatalog(dataDir))
}
