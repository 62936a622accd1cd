import type { Asset, AssetPage, SourceAdapter, SourceConfig } from './types'

/**
 * APIs may give media links as paths (`/media/thumb-small/…`), meaning their own origin. For a
 * source on another origin (a second Vitrine server kept in the browser) such a path would load
 * from this page's origin instead; this resolves it against the source's base URL. Same-origin
 * sources (bundled, and server sources behind /api/proxy) keep their links exactly as given.
 */
export function withMediaFromSource<F, P>(source: SourceConfig, adapter: SourceAdapter<F, P>): SourceAdapter<F, P> {
  const here = globalThis.location?.origin
  if (!here) return adapter
  let base: URL
  try {
    base = new URL(source.baseUrl, here)
  } catch {
    return adapter
  }
  if (base.origin === here) return adapter

  const resolve = (url: string) => {
    try {
      return new URL(url, base).href
    } catch {
      return url
    }
  }
  // note: only the links every dialect fills; dialect-specific extras (face crops, downloads)
  // are absolute in the vendor APIs and relative only on the reference server.
  // A srcset's candidates are "url width" pairs; each url is resolved like the others.
  const resolveSet = (set: string) =>
    set
      .split(',')
      .map((candidate) => {
        const [url = '', ...descriptor] = candidate.trim().split(/\s+/)
        return [resolve(url), ...descriptor].join(' ')
      })
      .join(', ')
  const asset = (a: Asset): Asset => ({
    ...a,
    thumbnailUrl: a.thumbnailUrl && resolve(a.thumbnailUrl),
    ...(a.thumbnailSrcSet ? { thumbnailSrcSet: resolveSet(a.thumbnailSrcSet) } : {}),
    previewUrl: a.previewUrl && resolve(a.previewUrl),
    originalUrl: resolve(a.originalUrl),
  })
  const page = (p: AssetPage<P>): AssetPage<P> => ({ ...p, items: p.items.map(asset) })
  const { probe, assetAt } = adapter
  return {
    ...adapter,
    listAssets: async (filters, pageParam, signal) => page(await adapter.listAssets(filters, pageParam, signal)),
    getAsset: async (id, signal) => asset(await adapter.getAsset(id, signal)),
    ...(probe ? { probe: async (signal: AbortSignal) => page(await probe(signal)) } : {}),
    ...(assetAt
      ? {
          assetAt: async (filters: F, index: number, signal: AbortSignal) => {
            const found = await assetAt(filters, index, signal)
            return found && asset(found)
          },
        }
      : {}),
  }
}
