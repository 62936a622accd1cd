import { getRouteApi } from '@tanstack/react-router'
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useCallback, useMemo, useState } from 'react'
import { sourceQueryKey } from '../../../dialects/sources'
import type { Asset, RawSearch } from '../../../dialects/types'
import { ActiveFilterChips } from '../../../filters/active-filter-chips'
import { DroppedFiltersNotice } from '../../../filters/dropped-filters-notice'
import { applyFilterChange } from '../../../filters/apply-change'
import { invertedRanges } from '../../../filters/date-order'
import type { FilterOptionSource } from '../../../filters/filter-options'
import { MULTI_SELECT_KEYS, type FilterChange } from '../../../filters/filter-panel'
import { FilteredView, FiltersButton, useFilteredView } from '../../../filters/filter-sidebar'
import { hasSearchField } from '../../../filters/use-search-key'
import { useLatestSearch } from '../../../filters/use-latest-search'
import { stringifySearch } from '../../../search-params'
import { useShortcuts } from '../../../ui/shortcuts'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { formatCount, itemNoun } from '../format'
import { assetQueries } from '../queries'
import { useGridShortcuts } from '../../../grid/grid-shortcuts'
import { AssetResults, useViewerOpen } from './asset-results'

const route = getRouteApi('/$source/assets')

// Only Vipanya can create assets, and only when asked: the form's code loads when it opens.
const CreateAssetDialog = lazy(() => import('./create-asset-dialog').then((m) => ({ default: m.CreateAssetDialog })))

export function AssetsPage() {
  const { source, adapter, filters } = route.useRouteContext()
  const search = route.useSearch()
  // The panel and the chips follow the URL at once; the results follow once they have loaded.
  const latest = useLatestSearch(
    search,
    (path) => path === `/${source.id}/assets` || path.startsWith(`/${source.id}/assets/`),
  )
  const navigate = route.useNavigate()
  const [creating, setCreating] = useState(false)
  // Bumped after a create: the results start again from the first page, which now holds it.
  const [generation, setGeneration] = useState(0)
  // The note about a new asset, for the view it was created in only.
  const [created, setCreated] = useState<{ name: string; view: string } | null>(null)
  const queryClient = useQueryClient()
  const viewerOpen = useViewerOpen()
  // The first page's total for these filters, for the phone drawer's "Show N assets".
  const total = route.useLoaderData({ select: (page) => page.total })
  const noun = itemNoun(source.dialect)
  const title = noun === 'photo' ? 'Photos' : 'Assets'
  useDocumentTitle([title, source.name])
  useGridShortcuts(noun, { search: hasSearchField(adapter.filters.controls) })

  // Every change goes through the dialect's rules, so dependent parameters move with it.
  const onChange: FilterChange = useCallback(
    (next: RawSearch, { replace }) =>
      void navigate({ to: '/$source/assets', search: applyFilterChange(adapter.filters, latest, next), replace }),
    [navigate, adapter.filters, latest],
  )

  const optionSource: FilterOptionSource | undefined = useMemo(() => {
    const load = adapter.filterOptions
    return load
      ? { queryKey: sourceQueryKey('filter-options', source), load: (key, signal, scope) => load(key, signal, scope) }
      : undefined
  }, [adapter, source])
  const view = useFilteredView({
    controls: adapter.filters.controls,
    search: latest,
    onChange,
    optionSource,
    conflict: adapter.filters.conflict,
  })
  const filterKey = stringifySearch(search)
  const base = `/${encodeURIComponent(source.id)}/assets/`
  const hrefOf = useCallback((asset: Asset) => `${base}${encodeURIComponent(asset.id)}${filterKey}`, [base, filterKey])
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

  return (
    <FilteredView
      {...view}
      resultText={total === null ? null : formatCount(total, noun)}
      inert={viewerOpen}
      name={{ label: title }}
      lead={
        <>
          <h1 className="sr-only">
            {title} · {source.name}
          </h1>
          {adapter.filters.controls.some((c) => c.kind === 'multi-select') && <MultiSelectShortcuts />}
        </>
      }
      trail={
        creating &&
        adapter.createAsset && (
          <Suspense fallback={null}>
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
          </Suspense>
        )
      }
    >
      <AssetResults
        key={`${filterKey}#${generation}`}
        source={source}
        filters={filters}
        placeId={`${source.id}/assets${filterKey}`}
        densityView="assets"
        noun={noun}
        backLabel={`Back to all ${noun}s`}
        hrefOf={hrefOf}
        onOpen={onOpen}
        actions={
          <div className="flex items-center gap-2">
            {adapter.createAsset && (
              <button type="button" className="btn" onClick={() => setCreating(true)}>
                New asset
              </button>
            )}
            <FiltersButton drawer={view.drawer} />
          </div>
        }
        chips={
          <>
            {created?.view === filterKey && (
              <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
                Created “<bdi>{created.name}</bdi>”.
              </p>
            )}
            <DroppedFiltersNotice />
            <ActiveFilterChips {...view.filters} />
          </>
        }
        empty={<EmptyState search={search} noun={noun} problems={invertedRanges(adapter.filters.controls, search)} />}
      />
    </FilteredView>
  )
}

function MultiSelectShortcuts() {
  useShortcuts('List filters', MULTI_SELECT_KEYS)
  return null
}

/** `problems`: why these filters can match nothing (an inverted date range), said plainly. */
function EmptyState({ search, noun, problems }: { search: RawSearch; noun: string; problems: readonly string[] }) {
  const navigate = route.useNavigate()
  const filtered = Object.keys(search).length > 0
  return (
    <div className="mx-auto max-w-md p-10 text-center">
      <p className="font-medium">
        {filtered ? `No ${noun}s match these filters.` : `This library has no ${noun}s yet.`}
      </p>
      {problems.map((problem) => (
        <p key={problem} className="mt-2 text-sm text-neutral-700 dark:text-neutral-300">
          {problem}
        </p>
      ))}
      {filtered && (
        <button type="button" className="btn mt-4" onClick={() => void navigate({ to: '/$source/assets', search: {} })}>
          Clear filters
        </button>
      )}
    </div>
  )
}
