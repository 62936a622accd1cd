import { getRouteApi, useNavigate } from '@tanstack/react-router'
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent } from 'react'
import type { RawSearch, SourceConfig } from '../../../dialects/types'
import type { ProjectImage } from '../../../dialects/project-types'
import { ActiveFilterChips } from '../../../filters/active-filter-chips'
import { useLatestSearch } from '../../../filters/use-latest-search'
import type { FilterChange } from '../../../filters/filter-panel'
import { FilteredView, FiltersButton, useFilteredView } from '../../../filters/filter-sidebar'
import { hasSearchField } from '../../../filters/use-search-key'
import type { DensityDefaults } from '../../../grid/density'
import { DensityControl } from '../../../grid/density-control'
import { GroupedGrid } from '../../../grid/grouped-grid'
import type { GroupRun } from '../../../grid/list-window'
import { useGridShortcuts } from '../../../grid/grid-shortcuts'
import { useGridPlace } from '../../../grid/use-grid-place'
import { useGridSelection } from '../../../grid/use-grid-selection'
import { useDensity, useDensityGestures, type Density } from '../../../grid/use-density'
import { useListWindow } from '../../../grid/use-list-window'
import type { GridHandle, TileRenderArgs } from '../../../grid/grid-tile'
import { stringifySearch } from '../../../search-params'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { usePendingVerdicts } from '../feedback'
import { takeFocusRequest } from '../project-browser-context'
import { formatCount } from '../format'
import { projectQueries, projectsApiOf } from '../queries'
import { ImageTile } from './image-tile'
import { versionsAdjacentIn } from './compare/versions'
import { VersionsContext, type KnownVersions } from './compare/versions-context'
import { ProjectHeader } from './project-header'
import { VerdictTools } from './verdict-status'
import { ListStates } from '../../../grid/list-states'

const route = getRouteApi('/$source/projects/')

/** The gallery's tile size before it could be changed, on every screen. */
const GALLERY_TILES: DensityDefaults = { phone: 160, desktop: 160 }

/** A group of the gallery is a project's images: named by the project. */
const projectName = (run: GroupRun<ProjectImage>) => run.head.project.name
const scrubber = { labelOf: projectName }
const imagePreview = (image: ProjectImage) => image.preview

/** The gallery: every visible project's images, grouped under sticky project headers. */
export function ProjectsPage() {
  const { source, filters } = route.useRouteContext()
  const search = route.useSearch()
  // The panel and the chips follow the URL at once; the results follow once they have loaded.
  const latest = useLatestSearch(search, (path) => path === `/${source.id}/projects`)
  const navigate = route.useNavigate()
  const api = projectsApiOf(source)
  const totalProjects = route.useLoaderData({ select: (page) => page.totalProjects })
  const density = useDensity('projects', GALLERY_TILES)
  useDocumentTitle(['Projects', source.name])
  useGridShortcuts('image', { search: hasSearchField(api.filters.controls) })

  const onChange: FilterChange = useCallback(
    (next: RawSearch, { replace }) => void navigate({ to: '/$source/projects', search: next, replace }),
    [navigate],
  )
  const view = useFilteredView({ controls: api.filters.controls, search: latest, onChange })
  const resultText = formatCount(totalProjects, 'project')

  return (
    <FilteredView
      {...view}
      resultText={resultText}
      inert={false}
      name={{ label: 'Projects' }}
      lead={<h1 className="sr-only">Projects · {source.name}</h1>}
    >
      <GalleryResults key={stringifySearch(search)} source={source} filters={filters} search={search} density={density}>
        <div className="flex items-center gap-3">
          <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="result-count">
            {resultText}
          </p>
          <DensityControl density={density} className="ml-auto" />
          <FiltersButton drawer={view.drawer} />
        </div>
        <ActiveFilterChips {...view.filters} />
      </GalleryResults>
    </FilteredView>
  )
}

interface GalleryResultsProps {
  source: SourceConfig
  filters: Record<string, unknown>
  search: RawSearch
  density: Density
  children: React.ReactNode
}

/** One filtered gallery: keyed by the filters, so new filters start at the top. */
function GalleryResults({ source, filters, search, density, children }: GalleryResultsProps) {
  const searchString = stringifySearch(search)
  const place = useGridPlace(`${source.id}/projects${searchString}`)
  const spec = useMemo(() => projectQueries.gallery(source, filters), [source, filters])
  const list = useListWindow(spec)
  const pending = usePendingVerdicts(source.id)
  const selection = useGridSelection()
  const grid = useRef<GridHandle>(null)
  const navigate = useNavigate()
  // The review keeps the gallery's image filters (status, feedback, sort) on the project's page.
  const reviewFilters = useMemo(() => {
    const { projectFilters } = projectsApiOf(source)
    return projectFilters.toSearch(projectFilters.parse(search))
  }, [source, search])
  const reviewSearch = stringifySearch(reviewFilters)
  // The tiles' version stacks, from the images of each project loaded here.
  const versions: KnownVersions = useMemo(
    () => ({ list, scope: { adjacent: versionsAdjacentIn(filters), projectRuns: true }, fromGallery: reviewFilters }),
    [list, filters, reviewFilters],
  )

  const onOpen = useCallback(
    (image: ProjectImage) =>
      void navigate({
        to: '/$source/projects/$projectId/$imageKey',
        params: { source: source.id, projectId: image.project.id, imageKey: image.key },
        search: reviewFilters,
        // Closing the review goes back here, to the gallery's place, not to the project's page.
        state: (prev) => ({ ...prev, fromGrid: true, fromGallery: true }),
      }),
    [navigate, source.id, reviewFilters],
  )
  // Back from a review: its image's tile takes focus once it is on the page again.
  const { indexOf, length } = list
  useEffect(() => {
    const key = takeFocusRequest((k) => indexOf(k) >= 0)
    if (key !== null) grid.current?.focusIndex(indexOf(key))
  }, [indexOf, length])
  // The grid's rows are drawn anew at another tile size, and a focused tile with them: the focus
  // goes back to the tile that had it.
  const [box, setBox] = useState<HTMLDivElement | null>(null)
  useDensityGestures(box, density)
  const lastFocused = useRef<number | null>(null)
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const index = e.target instanceof HTMLElement ? e.target.dataset.index : undefined
    lastFocused.current = index === undefined ? null : Number(index)
  }
  useEffect(() => {
    const index = lastFocused.current
    if (index !== null && (document.activeElement === null || document.activeElement === document.body)) {
      grid.current?.focusIndex(index)
    }
  }, [density.width])
  const base = `/${encodeURIComponent(source.id)}/projects/`
  const renderTile = useCallback(
    (args: TileRenderArgs<ProjectImage>) => (
      <ImageTile
        {...args}
        pending={pending.get(args.item.key)}
        href={`${base}${encodeURIComponent(args.item.project.id)}/${encodeURIComponent(args.item.key)}${reviewSearch}`}
        onOpen={onOpen}
      />
    ),
    [base, reviewSearch, onOpen, pending],
  )

  return (
    <VersionsContext.Provider value={versions}>
      <div className="flex flex-col gap-2 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
        {children}
        <VerdictTools sourceId={source.id} list={list} selection={selection} pending={pending} />
      </div>
      <ListStates
        list={list}
        empty={Object.keys(search).length > 0 ? 'No project has images matching these filters.' : 'No projects yet.'}
      >
        <div ref={setBox} onFocus={onFocus} className="flex min-h-0 flex-1 touch-pan-y flex-col">
          <GroupedGrid
            ref={grid}
            list={list}
            renderTile={renderTile}
            renderHeader={(run, select) => (
              <ProjectHeader project={run.head.project} sourceId={source.id} select={select} />
            )}
            groupName={projectName}
            scrubber={scrubber}
            noun={(n) => formatCount(n, 'image')}
            place={place}
            selection={selection}
            minTileWidth={density.width}
            previewOf={imagePreview}
          />
        </div>
      </ListStates>
    </VersionsContext.Provider>
  )
}
