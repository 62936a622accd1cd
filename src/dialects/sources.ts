import type { SourceAdapter, SourceConfig } from './types'

/**
 * The head of every query key about a source's data: `[entity, sourceId, revision]`. The revision
 * keeps an edited source (new token, base URL or demo user) from serving the old one's pages,
 * and the fixed position lets the app find a source's failures in the cache (sources/health.ts).
 */
export function sourceQueryKey(entity: string, source: SourceConfig) {
  return [entity, source.id, source.revision ?? 0] as const
}

// The adapter for a source is created once per config, so query functions stay stable.
const adapters = new WeakMap<SourceConfig, SourceAdapter<never, never>>()

// note: each dialect has its own filter and page-param types; callers only pass back what
// the same adapter gave them, so the erased signature is safe at this one boundary.
export type AnyAdapter = SourceAdapter<Record<string, unknown>, unknown>

type AdapterFactory = (source: SourceConfig) => SourceAdapter<never, never>

// A dialect's code (adapter, filters, mappers) loads the first time one of its sources is used,
// so a first view carries only the dialect it shows.
const dialectLoaders: Readonly<Record<string, () => Promise<AdapterFactory>>> = {
  piktid: () => import('./piktid/adapter').then((m) => m.createPiktidAdapter as unknown as AdapterFactory),
  gumnut: () => import('./gumnut/adapter').then((m) => m.createGumnutAdapter as unknown as AdapterFactory),
  scenario: () => import('./scenario/adapter').then((m) => m.createScenarioAdapter as unknown as AdapterFactory),
  vipanya: () => import('./vipanya/adapter').then((m) => m.createVipanyaAdapter as unknown as AdapterFactory),
}
const factories = new Map<string, AdapterFactory>()

/** The adapter for a source, loading its dialect's code first when needed. */
export async function loadAdapter(source: SourceConfig): Promise<AnyAdapter> {
  if (!factories.has(source.dialect)) {
    const load = Object.hasOwn(dialectLoaders, source.dialect) ? dialectLoaders[source.dialect] : undefined
    if (!load) throw new Error(`The ${source.dialect} dialect is not supported yet.`)
    factories.set(source.dialect, await load())
  }
  return adapterFor(source)
}

/**
 * The adapter for a source whose dialect is loaded: every route under `/$source` has loaded it
 * (`loadAdapter`) before anything below it runs.
 */
export function adapterFor(source: SourceConfig): AnyAdapter {
  let adapter = adapters.get(source)
  if (!adapter) {
    const create = factories.get(source.dialect)
    if (!create) {
      throw new Error(
        Object.hasOwn(dialectLoaders, source.dialect)
          ? `The ${source.dialect} dialect is not loaded yet.`
          : `The ${source.dialect} dialect is not supported yet.`,
      )
    }
    adapter = create(source)
    adapters.set(source, adapter)
  }
  return adapter as unknown as AnyAdapter
}
