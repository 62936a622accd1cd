import { queryOptions } from '@tanstack/react-query'
import { isRetryable } from '../../dialects/http'
import { adapterFor, sourceQueryKey } from '../../dialects/sources'
import type { Asset, SourceConfig } from '../../dialects/types'
import type { WindowSpec } from '../../grid/list-window'

/** Assets kept in memory while scrolling; the rest are fetched again when scrolled back to. */
const ASSET_BUDGET = 600

export const assetQueries = {
  all: (source: SourceConfig) => sourceQueryKey('assets', source),
  /** The filtered list, as a bounded window pages it. */
  list: (source: SourceConfig, filters: Record<string, unknown>): WindowSpec<Asset, unknown> => {
    const adapter = adapterFor(source)
    const { assetAt } = adapter
    return {
      queryKey: [...assetQueries.all(source), 'list', filters],
      initialPageParam: adapter.initialPageParam,
      fetchPage: (param, signal) => adapter.listAssets(filters, param, signal),
      keyOf: (asset) => asset.id,
      pageSize: adapter.pageSize,
      budget: ASSET_BUDGET,
      paramForIndex: adapter.pageParamForIndex,
      sampleAt: assetAt && ((index, signal) => assetAt(filters, index, signal)),
      retryable: isRetryable,
    }
  },
  detail: (source: SourceConfig, id: string) =>
    queryOptions({
      queryKey: [...assetQueries.all(source), 'detail', id],
      queryFn: ({ signal }) => adapterFor(source).getAsset(id, signal),
    }),
  /** Where a pasted link's asset sits in the filtered list (null: the API cannot tell). */
  locate: (source: SourceConfig, filters: Record<string, unknown>, asset: Asset | undefined) =>
    queryOptions({
      queryKey: [...assetQueries.all(source), 'locate', filters, asset?.id],
      // note: not cancelled with the viewer: closing it before the answer still wants the place.
      queryFn: () => {
        const locate = adapterFor(source).locate
        return asset && locate ? locate(filters, asset, new AbortController().signal) : null
      },
      enabled: asset !== undefined && adapterFor(source).locate !== undefined,
      staleTime: 0,
    }),
}
