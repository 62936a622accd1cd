import { createPiktidAdapter } from './piktid/adapter'
import { createScenarioAdapter } from './scenario/adapter'
import { createVipanyaAdapter } from './vipanya/adapter'
import type { SourceAdapter, SourceConfig } from './types'

/** The sources a fresh install starts with: the bundled reference server, as alice. */
export const BUNDLED_SOURCES: readonly SourceConfig[] = [
  {
    id: 'piktid',
    name: 'PiktID demo',
    dialect: 'piktid',
    baseUrl: '/api/piktid',
    credentials: { token: 'demo-alice' },
  },
]

export function listSources(): readonly SourceConfig[] {
  return BUNDLED_SOURCES
}

export function findSource(id: string): SourceConfig | undefined {
  return listSources().find((s) => s.id === id)
}

// The adapter for a source is created once per config, so query functions stay stable.
const adapters = new WeakMap<SourceConfig, SourceAdapter<never, never>>()

// note: each dialect has its own filter and page-param types; callers only pass back what
// the same adapter gave them, so the erased signature is safe at this one boundary.
export type AnyAdapter = SourceAdapter<Record<string, unknown>, unknown>

export function adapterFor(source: SourceConfig): AnyAdapter {
  let adapter = adapters.get(source)
  if (!adapter) {
    switch (source.dialect) {
      case 'piktid':
        adapter = createPiktidAdapter(source) as unknown as SourceAdapter<never, never>
        break
      case 'scenario':
        adapter = createScenarioAdapter(source) as unknown as SourceAdapter<never, never>
        break
      case 'vipanya':
        adapter = createVipanyaAdapter(source) as unknown as SourceAdapter<never, never>
        break
      default:
        throw new Error(`The ${source.dialect} dialect is not supported yet.`)
    }
    adapters.set(source, adapter)
  }
  return adapter as unknown as AnyAdapter
}
