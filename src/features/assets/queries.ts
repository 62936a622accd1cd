import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { adapterFor, sourceQueryKey } from '../../dialects/sources'
import type { SourceConfig } from '../../dialects/types'

export const assetQueries = {
  all: (source: SourceConfig) => sourceQueryKey('assets', source),
  /**
   * One window of a filtered list. `anchor` is the page param the window started from: a user
   * who drags the scrollbar far away gets a fresh window there instead of paging to it.
   */
  list: (source: SourceConfig, filters: Record<string, unknown>, anchor?: unknown) => {
    const adapter = adapterFor(source)
    const start = anchor ?? adapter.initialPageParam
    return infiniteQueryOptions({
      queryKey: [...assetQueries.all(source), 'list', filters, start],
      queryFn: ({ pageParam, signal }) => adapter.listAssets(filters, pageParam, signal),
      initialPageParam: start,
      getNextPageParam: (last) => last.nextPageParam,
      getPreviousPageParam: (first) => first.prevPageParam,
      maxPages: adapter.maxPages,
    })
  },
  detail: (source: SourceConfig, id: string) =>
    queryOptions({
      queryKey: [...assetQueries.all(source), 'detail', id],
      queryFn: ({ signal }) => adapterFor(source).getAsset(id, signal),
    }),
}
