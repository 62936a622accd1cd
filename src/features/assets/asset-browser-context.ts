import { createContext, useContext } from 'react'
import type { Asset } from '../../dialects/types'
import type { ListWindowHandle } from '../../grid/use-list-window'

export interface AssetBrowser {
  list: ListWindowHandle<Asset>
  /** The filters the list was made with (for locating a pasted link's asset in it). */
  filters: Record<string, unknown>
  /** What one item is called: "asset", "photo". */
  noun: string
  /** The way back from the viewer when it was not opened from the grid: "Back to all assets". */
  backLabel: string
  /** Focuses an asset's tile, scrolling to it; the first tile when it is not in the list. */
  focusAsset: (id: string) => void
  /** Moves the list to an index and focuses the tile there. */
  focusAt: (index: number) => void
  /** Moves the list and the grid under the viewer to an index (a located deep link). */
  reveal: (index: number) => void
}

export const AssetBrowserContext = createContext<AssetBrowser | null>(null)

export function useAssetBrowser(): AssetBrowser | null {
  return useContext(AssetBrowserContext)
}
