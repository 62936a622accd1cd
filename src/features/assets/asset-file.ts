import type { Asset } from '../../dialects/types'
import type { DownloadFile } from '../../grid/download'

/**
 * The file an asset downloads as, the one its viewer offers: an image's original, another kind's
 * own file. Links, repositories and collections have none.
 */
export function assetFile(asset: Asset): DownloadFile | null {
  const url = (asset.kind ?? 'image') === 'image' ? asset.originalUrl : asset.details?.downloadUrl
  return url ? { url, name: asset.name } : null
}
