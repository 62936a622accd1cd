import { Outlet, getRouteApi, useNavigate, useParams, useRouterState } from '@tanstack/react-router'
import { useQueryClient } from '@tanstack/react-query'
import { Suspense, useCallback, useMemo, useRef, useState } from 'react'
import type { Asset, RawSearch, SourceConfig } from '../../../dialects/types'
import { ActiveFilterChips } from '../../../filters/active-filter-chips'
import { applyFilterChange } from '../../../filters/apply-change'
import { FilterPanel, type FilterChange } from '../../../filters/filter-panel'
import { MULTI_SELECT_KEYS } from '../../../filters/multi-select'
import { FilterSidebar } from '../../../filters/filter-sidebar'
import { useSearchKey } from '../../../filters/use-search-key'
import { stringifySearch } from '../../../search-params'
import { useShortcuts } from '../../../ui/shortcuts'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { AssetBrowserContext, type AssetBrowser } from '../asset-browser-context'
import { formatCount } from '../format'
import { assetQueries } from '../queries'
import { DownloadSelected, SelectionBar } from '../../../grid/selection-bar'
import { useGridPlace } from '../../../grid/use-grid-place'
import { useGridSelection } from '../../../grid/use-grid-selection'
import { useListWindow } from '../../../grid/use-list-window'
import { VirtualGrid, type GridHandle, type TileRenderArgs } from '../../../grid/virtual-grid'
import { AssetTile } from './asset-tile'
import { CreateAssetDialog } from './create-asset-dialog'
import { useGridShortcuts } from '../../../grid/grid-shortcuts'

const route = getRouteApi('/$source/assets')

export function AssetsPage() {
  const { source, adapter, filters } = route.useRouteContext()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const [drawerOpen, setDrawerOpen] = useState(false)
  const [creating, setCreating] = useState(false)
  // Bumped after a create: the results start again from the first page, which now holds it.
  const [generation, setGeneration] = useState(0)
  // The note about a new asset, for the view it was created in only.
  const [created, setCreated] = useState<{ name: string; view: string } | null>(null)
  const queryClient = useQueryClient()
  const openDrawer = useCallback(() => setDrawerOpen(true), [])
  const viewerOpen = useViewerOpen()
  // The first page's total for these filters, for the phone drawer's "Show N assets".
  const total = route.useLoaderData({ select: (page) => page.total })
  useDocumentTitle(['Assets', source.name])
  useGridShortcuts('asset')

  // Every change goes through the dialect's rules, so dependent parameters move with it.
  const onChange: FilterChange = useCallback(
    (next: RawSearch, { replace }) =>
      void navigate({ to: '/$source/assets', search: applyFilterChange(adapter.filters, search, next), replace }),
    [navigate, adapter.filters, search],
  )

  // `/` jumps to search from anywhere but a text field.
  useSearchKey(openDrawer)

  const panel = <FilterPanel controls={adapter.filters.controls} search={search} onChange={onChange} />
  const filterKey = stringifySearch(search)

  return (
    <div className="flex min-h-0 flex-1">
      <h1 className="sr-only">Assets · {source.name}</h1>
      {adapter.filters.controls.some((c) => c.kind === 'multi-select') && <MultiSelectShortcuts />}
      <FilterSidebar
        panel={panel}
        drawerOpen={drawerOpen}
        onDrawerOpenChange={setDrawerOpen}
        resultText={total === null ? null : formatCount(total, 'asset')}
        inert={viewerOpen}
      />
      <section id="results" aria-label="Assets" className="flex min-w-0 flex-1 flex-col">
        <AssetResults
          key={`${filterKey}#${generation}`}
          source={source}
          filters={filters}
          search={search}
          onOpenFilters={() => setDrawerOpen(true)}
          actions={
            adapter.createAsset && (
              <button type="button" className="btn" onClick={() => setCreating(true)}>
                New asset
              </button>
            )
          }
        >
          {created?.view === filterKey && (
            <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
              Created “<bdi>{created.name}</bdi>”.
            </p>
          )}
          <ActiveFilterChips controls={adapter.filters.controls} search={search} onChange={onChange} />
        </AssetResults>
      </section>
      {creating && adapter.createAsset && (
        <CreateAssetDialog
          capability={adapter.createAsset}
          sourceName={source.name}
          onClose={() => setCreating(false)}
          onCreated={(asset) => {
            setCreating(false)
            setCreated({ name: asset.name, view: filterKey })
            queryClient.removeQueries({ queryKey: assetQueries.all(source) })
            setGeneration((g) => g + 1)
          }}
        />
      )}
    </div>
  )
}

function MultiSelectShortcuts() {
  useShortcuts('List filters', MULTI_SELECT_KEYS)
  return null
}

/** Whether the viewer (the child route) is open: its param is on the deepest match. */
function useViewerOpen(): boolean {
  return useParams({ strict: false, select: (p) => p.assetId !== undefined })
}

interface AssetResultsProps {
  source: SourceConfig
  filters: Record<string, unknown>
  search: RawSearch
  onOpenFilters: () => void
  /** Buttons beside the result count (creating an asset, where the API can). */
  actions?: React.ReactNode
  children: React.ReactNode
}

/** One filtered result set: keyed by the filters, so a new filter starts at the top. */
function AssetResults({ source, filters, search, onOpenFilters, actions, children }: AssetResultsProps) {
  const searchString = stringifySearch(search)
  const place = useGridPlace(`${source.id}/assets${searchString}`)
  const spec = useMemo(() => assetQueries.list(source, filters), [source, filters])
  const list = useListWindow(spec, place.initial?.index ?? 0)
  const selection = useGridSelection()
  const viewerOpen = useViewerOpen()
  const navigate = useNavigate()
  const grid = useRef<GridHandle>(null)
  // The grid keeps showing the previous results while a new filter's first page loads.
  const updating = useRouterState({
    select: (s) => s.status === 'pending' && s.location.pathname === s.resolvedLocation?.pathname,
  })
  const base = `/${encodeURIComponent(source.id)}/assets/`

  const onOpen = useCallback(
    (asset: Asset) =>
      void navigate({
        to: '/$source/assets/$assetId',
        params: { source: source.id, assetId: asset.id },
        search: true,
        state: (prev) => ({ ...prev, fromGrid: true }),
      }),
    [navigate, source.id],
  )
  const { indexOf, jumpTo } = list
  const browser: AssetBrowser = useMemo(
    () => ({
      list,
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
    [list, indexOf, jumpTo],
  )
  const renderTile = useCallback(
    (args: TileRenderArgs<Asset>) => (
      <AssetTile {...args} href={`${base}${encodeURIComponent(args.item.id)}${searchString}`} onOpen={onOpen} />
    ),
    [base, searchString, onOpen],
  )

  return (
    <AssetBrowserContext.Provider value={browser}>
      {/* While the viewer is open (a modal dialog), what lies under it takes no focus or clicks. */}
      <div className="contents" inert={viewerOpen ? true : undefined}>
        <div className="flex flex-col gap-2 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
          <div className="flex items-center gap-3">
            <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="result-count">
              {list.initialLoading ? 'Loading…' : formatCount(list.count, 'asset') + (list.exact ? '' : '+')}
            </p>
            {updating && (
              <span className="text-sm text-neutral-600 dark:text-neutral-400" aria-hidden="true">
                Updating…
              </span>
            )}
            <div className="ml-auto flex items-center gap-2">
              {actions}
              <button type="button" className="btn lg:hidden" onClick={onOpenFilters}>
                Filters
              </button>
            </div>
          </div>
          {children}
          <SelectionBar selection={selection}>
            <DownloadSelected
              list={list}
              selection={selection}
              fileOf={(asset) => ({ url: asset.originalUrl, name: asset.name })}
            />
          </SelectionBar>
        </div>
        {list.initialLoading && list.error === null ? (
          <p role="status" className="p-10 text-center text-sm text-neutral-600 dark:text-neutral-400">
            Loading…
          </p>
        ) : list.count === 0 && list.exact && list.error === null ? (
          <EmptyState search={search} />
        ) : (
          <VirtualGrid
            ref={grid}
            list={list}
            renderTile={renderTile}
            noun={(n) => formatCount(n, 'asset')}
            place={place}
            selection={selection}
          />
        )}
      </div>
      {/* note: the viewer's code loads lazily; suspending above the grid would hide it and lose its scroll place. */}
      <Suspense fallback={null}>
        <Outlet />
      </Suspense>
    </AssetBrowserContext.Provider>
  )
}

function EmptyState({ search }: { search: RawSearch }) {
  const navigate = route.useNavigate()
  const filtered = Object.keys(search).length > 0
  return (
    <div className="mx-auto max-w-md p-10 text-center">
      <p className="font-medium">{filtered ? 'No assets match these filters.' : 'This library has no assets yet.'}</p>
      {filtered && (
        <button type="button" className="btn mt-4" onClick={() => void navigate({ to: '/$source/assets', search: {} })}>
          Clear filters
        </button>
      )}
    </div>
  )
}
