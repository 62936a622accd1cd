import { Outlet, getRouteApi, useNavigate, useParams, useRouterState } from '@tanstack/react-router'
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Asset, RawSearch, SourceConfig } from '../../../dialects/types'
import { ActiveFilterChips } from '../../../filters/active-filter-chips'
import { FilterPanel, type FilterChange } from '../../../filters/filter-panel'
import { stringifySearch } from '../../../search-params'
import { AssetBrowserContext, type AssetBrowser } from '../asset-browser-context'
import { formatCount } from '../format'
import { useAssetWindow } from '../use-asset-window'
import { AssetGrid, type AssetGridHandle } from './asset-grid'

const route = getRouteApi('/$source/assets')

export function AssetsPage() {
  const { source, adapter, filters } = route.useRouteContext()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const [drawerOpen, setDrawerOpen] = useState(false)
  const viewerOpen = useViewerOpen()

  const onChange: FilterChange = useCallback(
    (next: RawSearch, { replace }) => void navigate({ to: '/$source/assets', search: next, replace }),
    [navigate],
  )

  // `/` jumps to search from anywhere but a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey) return
      const target = e.target as HTMLElement
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return
      e.preventDefault()
      if (!globalThis.matchMedia?.('(min-width: 64rem)').matches) setDrawerOpen(true)
      requestAnimationFrame(() => {
        const inputs = document.querySelectorAll<HTMLInputElement>('[data-filter-search]')
        const visible = Array.from(inputs).find((el) => el.offsetParent !== null) ?? inputs[0]
        visible?.focus()
      })
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  const panel = <FilterPanel controls={adapter.filters.controls} search={search} onChange={onChange} />
  const filterKey = stringifySearch(search)

  return (
    <div className="flex min-h-0 flex-1">
      <aside
        inert={viewerOpen ? true : undefined}
        aria-label="Filter panel"
        className="hidden w-72 shrink-0 overflow-y-auto border-r border-neutral-200 p-4 lg:block dark:border-neutral-800"
      >
        {panel}
      </aside>
      {drawerOpen && (
        <div className="fixed inset-0 z-30 flex lg:hidden" role="dialog" aria-modal="true" aria-label="Filters">
          <div className="w-[min(20rem,85vw)] overflow-y-auto bg-white p-4 shadow-xl dark:bg-neutral-900">
            <div className="mb-4 flex items-center justify-between">
              <h2 className="font-semibold">Filters</h2>
              <button type="button" className="btn" onClick={() => setDrawerOpen(false)}>
                Done
              </button>
            </div>
            {panel}
          </div>
          <button
            type="button"
            aria-label="Close filters"
            className="flex-1 bg-black/40"
            onClick={() => setDrawerOpen(false)}
          />
        </div>
      )}
      <section aria-label="Assets" className="flex min-w-0 flex-1 flex-col">
        <AssetResults
          key={filterKey}
          source={source}
          filters={filters}
          search={search}
          onOpenFilters={() => setDrawerOpen(true)}
        >
          <ActiveFilterChips controls={adapter.filters.controls} search={search} onChange={onChange} />
        </AssetResults>
      </section>
    </div>
  )
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
  children: React.ReactNode
}

/** One filtered result set: keyed by the filters, so a new filter starts at the top. */
function AssetResults({ source, filters, search, onOpenFilters, children }: AssetResultsProps) {
  const list = useAssetWindow(source, filters)
  const viewerOpen = useViewerOpen()
  const navigate = useNavigate()
  const grid = useRef<AssetGridHandle>(null)
  // The grid keeps showing the previous results while a new filter's first page loads.
  const updating = useRouterState({
    select: (s) => s.status === 'pending' && s.location.pathname === s.resolvedLocation?.pathname,
  })
  const searchString = stringifySearch(search)
  const base = `/${encodeURIComponent(source.id)}/assets/`

  const hrefFor = useCallback(
    (asset: Asset) => `${base}${encodeURIComponent(asset.id)}${searchString}`,
    [base, searchString],
  )
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
  const browser: AssetBrowser = useMemo(
    () => ({
      list,
      focusAsset: (id) => {
        const index = list.indexOf(id)
        if (index >= 0) grid.current?.focusIndex(index)
      },
    }),
    [list],
  )

  return (
    <AssetBrowserContext.Provider value={browser}>
      {/* While the viewer is open (a modal dialog), what lies under it takes no focus or clicks. */}
      <div className="contents" inert={viewerOpen ? true : undefined}>
        <div className="flex flex-col gap-2 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
          <div className="flex items-center gap-3">
            <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="result-count">
              {formatCount(list.total, 'asset')}
            </p>
            {updating && (
              <span className="text-sm text-neutral-600 dark:text-neutral-400" aria-hidden="true">
                Updating…
              </span>
            )}
            <button type="button" className="btn ml-auto lg:hidden" onClick={onOpenFilters}>
              Filters
            </button>
          </div>
          {children}
        </div>
        {list.total === 0 && !list.error ? (
          <EmptyState search={search} />
        ) : (
          <AssetGrid ref={grid} list={list} hrefFor={hrefFor} onOpen={onOpen} />
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
