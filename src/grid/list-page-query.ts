// The queries a list window (list-window.ts) caches its pages under, one query per page, and how
// it fetches them: a first load Query retries, a background refresh that keeps every index.

import type { QueryKey } from '@tanstack/react-query'
import type { WindowPage, WindowSpec } from './list-types'

/**
 * Age after which a page on screen is fetched again in the background. Listings carry signed
 * media links that expire (the reference server's last hours; vendors' often less), so a tab
 * left open overnight would otherwise show broken images when its user comes back.
 */
export const PAGE_REFRESH_AFTER_MS = 60 * 60 * 1000

/** The query a window caches one page under; a route loader prefetches the first with it. */
export function pageQueryOptions<TItem, TParam>(
  spec: Pick<WindowSpec<TItem, TParam>, 'queryKey' | 'fetchPage' | 'initialPageParam'>,
  param: TParam = spec.initialPageParam,
) {
  return {
    queryKey: [...spec.queryKey, 'page', param] as QueryKey,
    queryFn: ({ signal }: { signal: AbortSignal }) => spec.fetchPage(param, signal),
  }
}

/** A page's first load: Query tries again, with its backoff, for as long as it may help. */
export function pageLoadOptions<TItem, TParam>(spec: WindowSpec<TItem, TParam>, param: TParam) {
  const retryable = spec.retryable ?? (() => true)
  return {
    ...pageQueryOptions(spec, param),
    retry: (_failures: number, error: unknown) => retryable(error),
    // A request made offline fails at once (rather than waiting unseen) so the grid can say so.
    networkMode: 'always' as const,
  }
}

/**
 * A held page fetched again for fresh links. The cached page keeps its items and their order
 * (every index stays where it was); each item the fresh page still has is swapped for its fresh
 * copy. Not retried: the next look after another period tries again.
 */
export function pageRefreshOptions<TItem, TParam>(spec: WindowSpec<TItem, TParam>, param: TParam) {
  const { keyOf } = spec
  return {
    ...pageQueryOptions(spec, param),
    staleTime: 0,
    retry: false,
    networkMode: 'always' as const,
    structuralSharing: (old: unknown, fresh: unknown) => {
      const before = old as WindowPage<TItem, TParam> | undefined
      const after = fresh as WindowPage<TItem, TParam>
      if (!before) return after
      const byKey = new Map(after.items.map((item) => [keyOf(item), item]))
      return { ...before, items: before.items.map((item) => byKey.get(keyOf(item)) ?? item) }
    },
  }
}
