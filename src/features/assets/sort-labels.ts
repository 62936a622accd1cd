import { adapterFor } from '../../dialects/sources'
import type { Asset, SourceConfig } from '../../dialects/types'
import { letterLabel, monthLabel, type LabelOf } from '../../grid/scrubber-model'

/**
 * How the scrubber labels assets under the filters' sort: months for date sorts, first letters
 * for names. A dialect without a sort choice (Gumnut) lists newest first by when the photo was
 * taken, which is its `createdAt`.
 */
export function assetLabelOf(source: SourceConfig, filters: Record<string, unknown>): LabelOf<Asset> {
  const sort = adapterFor(source).filters.common?.(filters).sort ?? 'created'
  switch (sort) {
    case 'name':
      return (asset) => letterLabel(asset.name)
    case 'updated':
      return (asset) => monthLabel(asset.details?.updatedAt ?? asset.createdAt)
    case 'created':
      return (asset) => monthLabel(asset.createdAt)
  }
}
