import type { Asset, SourceConfig } from '../types'
import type { ApiError } from '../http'
import { requestJson } from '../http'
import { PIKTID_DEFAULT_ORDER, PIKTID_DEFAULT_SORT, type PiktidFilters } from './filters'
import { buildAssetsUrl } from './request'
import type { PiktidAssetsPage } from '../../shared/piktid'

/** Assets sharing one instant are few; more than this and the place is not worth guessing. */
const MAX_TIES = 100

/**
 * The index of `asset` in the list sorted by upload date: the count of assets before it (newer
 * ones in the default descending order, read from `pagination.total` with an exclusive
 * `created_after`), plus its place among assets uploaded in the same millisecond, which the
 * server orders by id in the same direction. Null for other sorts, or when the asset does not
 * match the filters.
 */
export async function locatePiktidAsset(
  source: SourceConfig,
  filters: PiktidFilters,
  asset: Asset,
  signal: AbortSignal,
  describe: (status: number, body: unknown) => ApiError,
): Promise<number | null> {
  if ((filters.sort_by ?? PIKTID_DEFAULT_SORT) !== 'created_at') return null
  const at = Date.parse(asset.createdAt)
  if (Number.isNaN(at)) return null
  const after = filters.created_after ? Date.parse(filters.created_after) : -Infinity
  const before = filters.created_before ? Date.parse(filters.created_before) : Infinity
  if (!(after < at && at < before)) return null
  const instant = new Date(at).toISOString()
  const descending = (filters.order ?? PIKTID_DEFAULT_ORDER) === 'desc'

  const list = async (narrowed: PiktidFilters, perPage: number) =>
    (await requestJson(source, buildAssetsUrl(source, narrowed, 1, perPage), { signal }, describe)) as PiktidAssetsPage
  const earlier = descending ? { ...filters, created_after: instant } : { ...filters, created_before: instant }
  const sameInstant = {
    ...filters,
    created_after: new Date(at - 1).toISOString(),
    created_before: new Date(at + 1).toISOString(),
  }
  const [ahead, ties] = await Promise.all([list(earlier, 1), list(sameInstant, MAX_TIES)])
  const tie = ties.assets?.findIndex((a) => a.id === asset.id) ?? -1
  if (tie < 0 || typeof ahead.pagination?.total !== 'number') return null
  return ahead.pagination.total + tie
}
