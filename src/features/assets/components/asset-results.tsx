import { Outlet, useParams, useRouterState } from '@tanstack/react-router'
import { Suspense, useCallback, useMemo, useRef, type ReactNode } from 'react'
import type { Asset, SourceConfig } from '../../../dialects/types'
import { DensityControl } from '../../../grid/density-control'
import { DownloadSelected, SelectionBar } from '../../../grid/selection-bar'
import { useDensity } from '../../../grid/use-density'
import { useGridPlace } from '../../../grid/use-grid-place'
import { useGridSelection } from '../../../grid/use-grid-selection'
import { useListWindow, type ListWindowHandle } from '../../../grid/use-list-window'
import type { GridHandle, TileRenderArgs } from '../../../grid/grid-tile'
import { UNKNOWN_ASPECT } from '../../../grid/justified-layout'
import { VirtualGrid } from '../../../grid/virtual-grid'
import { AssetBrowserContext, type AssetBrowser } from '../asset-browser-context'
import { assetFile } from '../asset-file'
import { formatCount, formatTotal } from '../format'
import { assetQueries } from '../queries'
import { assetLabelOf } from '../sort-labels'
import { AssetTile } from './asset-tile'
import { ListStates } from '../../../grid/list-states'

/** Whether the viewer (a child route over the grid) is open: its param is on the deepest match. */
const assetPreview = (asset: Asset): string | undefined => asset.preview
/** An asset's shape in justified rows: its image's width over height; square without dimensions. */
const assetAspect = (asset: Asset): number =>
  asset.width && asset.height ? asset.width / asset.height : UNKNOWN_ASPECT

export function useViewerOpen(): boolean {
  return useParams({ strict: false, select: (p) => p.assetId !== undefined })
}

export interface AssetResultsProps {
  source: SourceConfig
  filters: Record<string, unknown>
  /** The list's identity for its kept place, e.g. `piktid/assets?order=asc`. */
  placeId: string
  /** The view whose tile size this grid keeps: `'assets'`, `'person-photos'`. */
  densityView: string
  /** What one item is called: "asset", "photo". */
  noun: string
  /** The viewer's way back when it was opened from a pasted link. */
  backLabel: string
  /** A tile's link to the viewer over this grid. */
  hrefOf: (asset: Asset) => string
  /** Opens the viewer (the child route) on an asset. */
  onOpen: (asset: Asset) => void
  /** Beside the count (a Filters button). */
  actions?: ReactNode
  /** Under the count (the active filters). */
  chips?: ReactNode
  /** Above everything, given the list (a person's header counts their photos with it). */
  header?: (list: ListWindowHandle<Asset>) => ReactNode
  /** Shown when the list is empty. */
  empty: ReactNode
  /** False when the header already counts the list (a person's page): the row keeps the tile size alone. */
  showCount?: boolean
}

/**
 * One result set of assets in the shared grid, with multi-select and the viewer as a child route
 * (`<Outlet />`) over it; callers key it by its filters so a new filter starts at the top.
 */
export function AssetResults({
  source,
  filters,
  placeId,
  densityView,
  noun,
  backLabel,
  hrefOf,
  onOpen,
  actions,
  chips,
  header,
  empty,
  showCount = true,
}: AssetResultsProps) {
  const place = useGridPlace(placeId)
  const spec = useMemo(() => assetQueries.list(source, filters), [source, filters])
  const list = useListWindow(spec, place.initial)
  const scrubber = useMemo(() => ({ labelOf: assetLabelOf(source, filters) }), [source, filters])
  const selection = useGridSelection()
  const density = useDensity(densityView)
  const viewerOpen = useViewerOpen()
  const grid = useRef<GridHandle>(null)
  // The grid keeps showing the previous results while a new filter's first page loads.
  const updating = useRouterState({
    select: (s) => s.status === 'pending' && s.location.pathname === s.resolvedLocation?.pathname,
  })

  const { indexOf, jumpTo } = list
  const browser: AssetBrowser = useMemo(
    () => ({
      list,
      filters,
      noun,
      backLabel,
      focusAsset: (id) => grid.current?.focusIndex(Math.max(0, indexOf(id))),
      focusAt: (index) => {
        jumpTo(index)
        grid.current?.focusIndex(index)
      },
      reveal: (index) => {
        jumpTo(index)
        grid.current?.scrollToIndex(index)
      },
    }),
    [list, filters, noun, backLabel, indexOf, jumpTo],
  )
  const renderTile = useCallback(
    (args: TileRenderArgs<Asset>) => <AssetTile {...args} href={hrefOf(args.item)} onOpen={onOpen} />,
    [hrefOf, onOpen],
  )

  return (
    <AssetBrowserContext.Provider value={browser}>
      {/* While the viewer is open (a modal dialog), what lies under it takes no focus or clicks. */}
      <div className="contents" inert={viewerOpen ? true : undefined}>
        {header?.(list)}
        <div className="flex flex-col gap-2 border-b border-neutral-200 px-3 py-2 empty:hidden sm:px-4 dark:border-neutral-800">
          <div className="flex items-center gap-3">
            {showCount && (
              <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="result-count">
                {list.initialLoading ? 'Loading…' : formatTotal(list.count, list.exact, noun)}
              </p>
            )}
            {showCount && updating && (
              <span className="text-sm text-neutral-600 dark:text-neutral-400" aria-hidden="true">
                Updating…
              </span>
            )}
            <DensityControl density={density} shapes className="ml-auto" />
            {actions}
          </div>
          {chips}
          <SelectionBar selection={selection}>
            <DownloadSelected
              list={list}
              selection={selection}
              fileOf={assetFile}
              archiveName={(n) => `${source.name} ${formatCount(n, noun)}`}
            />
          </SelectionBar>
        </div>
        <ListStates list={list} empty={empty}>
          <VirtualGrid
            ref={grid}
            list={list}
            renderTile={renderTile}
            noun={(n) => formatCount(n, noun)}
            place={place}
            selection={selection}
            previewOf={assetPreview}
            aspectOf={assetAspect}
            scrubber={scrubber}
            density={density}
          />
        </ListStates>
      </div>
      {/* note: the viewer's code loads lazily; suspending above the grid would hide it and lose its scroll place. */}
      <Suspense fallback={null}>
        <Outlet />
      </Suspense>
    </AssetBrowserContext.Provider>
  )
}
