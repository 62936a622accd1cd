import type { Asset } from '../../dialects/types'

/** Whether an asset is something other than a plain image (tiles and the viewer show it by type). */
export function isTyped(asset: Asset): boolean {
  return asset.kind !== undefined && asset.kind !== 'image'
}
