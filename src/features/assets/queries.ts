import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { adapterFor } from '../../dialects/sources'
import type { SourceConfig } from '../../dialects/types'

export const assetQueries = {
  all: (sourceId: string) => ['assets', sourceId] as const,
  /**
   * One window of a filtered list. `anchor` is the page param the window started from: a user
   * who drags the scrollbar far away gets a fresh window there instead of paging to it.
   */
  list: (source: SourceConfig, filters: Record<string, unknown>, anchor?: unknown) => {
    const adapter = adapterFor(source)
    const start = anchor ?? adapter.initialPageParam
    return infiniteQueryOptions({
      // The revision keeps an edited source (new token or base URL) from serving old pages.
      queryKey: [...assetQueries.all(source.id), source.revision ?? 0, 'list', filters, start],
      queryFn: ({ pageParam, signal }) => adapter.listAssets(filters, pageParam, signal),
      initialPageParam: start,
      getNextPageParam: (last) => last.nextPageParam,
      getPreviousPageParam: (first) => first.prevPageParam,
      maxPages: adapter.maxPages,
    })
  },
  detail: (source: SourceConfig, id: string) =>
    queryOptions({
      queryKey: [...assetQueries.all(source.id), source.revision ?? 0, 'detail', id],
      queryFn: ({ signal }) => adapterFor(source).getAsset(id, signal),
    }),
}
