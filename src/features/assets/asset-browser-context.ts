import { createContext, useContext } from 'react'
import type { AssetWindow } from './use-asset-window'

export interface AssetBrowser {
  list: AssetWindow
  /** Scrolls the grid to an asset (when it is in the loaded list) and focuses its tile. */
  focusAsset: (id: string) => void
}

export const AssetBrowserContext = createContext<AssetBrowser | null>(null)

export function useAssetBrowser(): AssetBrowser | null {
  return useContext(AssetBrowserContext)
}
