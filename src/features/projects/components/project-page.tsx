import { Link, Outlet, getRouteApi, useNavigate, useParams } from '@tanstack/react-router'
import { useSuspenseQuery } from '@tanstack/react-query'
import { Suspense, useCallback, useDeferredValue, useMemo, useRef } from 'react'
import type { RawSearch, SourceConfig } from '../../../dialects/types'
import type { ProjectImage } from '../../../dialects/project-types'
import { ActiveFilterChips } from '../../../filters/active-filter-chips'
import { useLatestSearch } from '../../../filters/use-latest-search'
import type { FilterChange } from '../../../filters/filter-panel'
import { FilteredView, FiltersButton, useFilteredView } from '../../../filters/filter-sidebar'
import { hasSearchField } from '../../../filters/use-search-key'
import { useGridShortcuts } from '../../../grid/grid-shortcuts'
import { DensityControl } from '../../../grid/density-control'
import { useDensity } from '../../../grid/use-density'
import { useGridPlace } from '../../../grid/use-grid-place'
import { useGridSelection } from '../../../grid/use-grid-selection'
import { useListWindow, type ListWindowHandle } from '../../../grid/use-list-window'
import type { GridHandle, TileRenderArgs } from '../../../grid/grid-tile'
import { UNKNOWN_ASPECT } from '../../../grid/justified-layout'
import { VirtualGrid } from '../../../grid/virtual-grid'
import { letterLabel, qualityLabel } from '../../../grid/scrubber-model'
import { stringifySearch } from '../../../search-params'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { usePendingVerdicts, type PendingVerdict } from '../feedback'
import { formatCount, formatNumber } from '../format'
import { firstToReview, reviewCounts, reviewPlaceOf } from '../review-queue'
import { ProjectBrowserContext, ProjectPendingContext, type ProjectBrowser } from '../project-browser-context'
import { projectQueries, projectsApiOf, type ProjectOverview } from '../queries'
import { CapNote } from './cap-note'
import { ImageTile } from './image-tile'
import { ProjectMeta, ProjectProgress } from './project-header'
import { ReviewProgress } from './review-progress'
import { VerdictTools } from './verdict-status'
import { withoutCompare } from './compare/compare-search'
import { versionsAdjacentIn } from './compare/versions'
import { VersionsContext, type KnownVersions } from './compare/versions-context'
import { ListStates } from '../../../grid/list-states'

const route = getRouteApi('/$source/projects/$projectId')

/** Whether the review (the child route) is open over the grid. */
function useReviewOpen(): boolean {
  return useParams({ strict: false, select: (p) => p.imageKey !== undefined })
}

/** One project's images for review, with its progress and the gallery's image filters. */
export function ProjectPage() {
  const { source, filters } = route.useRouteContext()
  const { projectId } = route.useParams()
  // The review's compare is the review's: the grid under it does not change with it.
  const routeSearch = route.useSearch()
  const search = useMemo(() => withoutCompare(routeSearch), [routeSearch])
  // The panel and the chips follow the URL at once; the results follow once they have loaded.
  const here = `/${source.id}/projects/${projectId}`
  const latest = useLatestSearch(search, (path) => path === here || path.startsWith(`${here}/`))
  const navigate = route.useNavigate()
  const api = projectsApiOf(source)
  const { data: project } = useSuspenseQuery(projectQueries.info(source, projectId))
  const reviewOpen = useReviewOpen()
  useDocumentTitle([project.name, 'Projects', source.name])
  useGridShortcuts('image', { search: hasSearchField(api.projectFilters.controls) })

  const onChange: FilterChange = useCallback(
    (next: RawSearch, { replace }) =>
      void navigate({
        to: '/$source/projects/$projectId',
        params: { source: source.id, projectId },
        search: next,
        replace,
      }),
    [navigate, source.id, projectId],
  )
  const view = useFilteredView({ controls: api.projectFilters.controls, search: latest, onChange })

  return (
    <FilteredView {...view} resultText={null} inert={reviewOpen} name={{ labelledBy: 'project-title' }}>
      <ProjectResults key={stringifySearch(search)} source={source} project={project} filters={filters} search={search}>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Link
            to="/$source/projects"
            params={{ source: source.id }}
            className="text-sm text-indigo-700 underline dark:text-indigo-300"
          >
            All projects
          </Link>
          <h1 id="project-title" className="text-lg font-semibold">
            {project.name}
          </h1>
          <ProjectMeta project={project} />
          <ProjectProgress project={project} />
          <FiltersButton drawer={view.drawer} className="ml-auto" />
        </div>
        <ActiveFilterChips {...view.filters} />
      </ProjectResults>
    </FilteredView>
  )
}

const imageNoun = (n: number) => formatCount(n, 'image')
/** An image's shape in justified rows: its output's, square while it has none (pending, failed) or its size is unknown. */
const imageAspect = (image: ProjectImage): number => image.aspect ?? UNKNOWN_ASPECT

interface ProjectResultsProps {
  source: SourceConfig
  project: ProjectOverview
  filters: Record<string, unknown>
  search: RawSearch
  children: React.ReactNode
}

function ProjectResults({ source, project, filters, search, children }: ProjectResultsProps) {
  const cap = projectsApiOf(source).maxImagesPerProject
  const searchString = stringifySearch(search)
  const place = useGridPlace(`${source.id}/projects/${project.id}${searchString}`)
  const { readsPastCap } = project
  const spec = useMemo(
    () => projectQueries.project(source, project.id, filters, readsPastCap),
    [source, project.id, filters, readsPastCap],
  )
  const list = useListWindow(spec, place.initial)
  // Labelled by the images' sort: quality bands, or the filename's first letter (the default).
  const scrubber = useMemo(() => {
    const order = filters.order === 'asc' ? 'asc' : 'desc'
    return filters.sort_by === 'quality_score'
      ? { labelOf: (image: ProjectImage) => qualityLabel(image.quality, order) }
      : { labelOf: (image: ProjectImage) => letterLabel(image.name) }
  }, [filters])
  const pending = usePendingVerdicts(source.id)
  const counts = useMemo(() => reviewCounts(list, pending), [list, pending])
  const selection = useGridSelection()
  const density = useDensity('project')
  const reviewOpen = useReviewOpen()
  const navigate = useNavigate()
  const grid = useRef<GridHandle>(null)
  const filtered = Object.keys(search).length > 0
  // The list stops at the cap where the API reads no offset (see ProjectRun.matching).
  const capped = !readsPastCap && !list.initialLoading && list.count >= cap && (filtered || project.totalImages > cap)

  const onOpen = useCallback(
    (image: ProjectImage) =>
      void navigate({
        to: '/$source/projects/$projectId/$imageKey',
        params: { source: source.id, projectId: project.id, imageKey: image.key },
        search: true,
        state: (prev) => ({ ...prev, fromGrid: true }),
      }),
    [navigate, source.id, project.id],
  )
  const { indexOf, jumpTo } = list
  const reveal = useCallback(
    (index: number) => {
      jumpTo(index)
      grid.current?.scrollToIndex(index)
    },
    [jumpTo],
  )
  // What the review over the grid reads. Kept the same object while the review steps (no verdict,
  // no URL in it), so the tiles that read it are not drawn again under the review on each key.
  const browser: ProjectBrowser = useMemo(
    () => ({
      list,
      spec,
      focusImage: (key) => grid.current?.focusIndex(Math.max(0, indexOf(key))),
      reveal,
      versionScope: { adjacent: versionsAdjacentIn(filters) },
    }),
    [list, spec, indexOf, reveal, filters],
  )
  // The grid under the review follows each verdict and each page after the review has drawn its
  // next image: a step shows the image first, the tiles it covers catch up in the background.
  const gridList = useDeferredValue(list)
  const gridPending = useDeferredValue(pending)
  // The tiles' version stacks, from the list the grid shows.
  const versions: KnownVersions = useMemo(
    () => ({ list: gridList, scope: browser.versionScope }),
    [gridList, browser.versionScope],
  )
  const base = `/${encodeURIComponent(source.id)}/projects/${encodeURIComponent(project.id)}/`
  const renderTile = useCallback(
    (args: TileRenderArgs<ProjectImage>) => (
      <ImageTile
        {...args}
        pending={gridPending.get(args.item.key)}
        href={`${base}${encodeURIComponent(args.item.key)}${searchString}`}
        onOpen={onOpen}
      />
    ),
    [base, searchString, onOpen, gridPending],
  )

  // Drawn again only when what it shows changes (not on a step of the review over it). Its props
  // read like the assets grid's on purpose: each view hands the one shared grid its own parts.
  const gridView = useMemo(
    () => (
      <VirtualGrid
        ref={grid}
        list={gridList}
        renderTile={renderTile}
        noun={imageNoun}
        place={place}
        selection={selection}
        scrubber={scrubber}
        density={density}
        aspectOf={imageAspect}
      />
    ),
    [gridList, renderTile, place, selection, scrubber, density],
  )

  return (
    <ProjectBrowserContext.Provider value={browser}>
      <ProjectPendingContext.Provider value={pending}>
        <div className="contents" inert={reviewOpen ? true : undefined}>
          <div className="flex flex-col gap-2 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800">
            {children}
            <div className="flex flex-wrap items-center gap-3 sm:flex-nowrap">
              <StartReview
                list={list}
                pending={pending}
                open={counts.open}
                place={`${source.id}/${project.id}`}
                onOpen={onOpen}
              />
              <ReviewProgress list={list} counts={counts} project={project} filtered={filtered} />
              <DensityControl density={density} shapes className="ml-auto" />
            </div>
            {capped && <CapNote source={source} project={project} search={search} />}
            <VerdictTools sourceId={source.id} list={list} selection={selection} pending={pending} />
          </div>
          <ListStates
            list={list}
            empty={filtered ? 'No image of this project matches these filters.' : 'This project has no images yet.'}
          >
            <VersionsContext.Provider value={versions}>{gridView}</VersionsContext.Provider>
          </ListStates>
        </div>
        <Suspense fallback={null}>
          <Outlet />
        </Suspense>
      </ProjectPendingContext.Provider>
    </ProjectBrowserContext.Provider>
  )
}

/**
 * The way into the review queue: the image where the user last stopped in this project, or else
 * the first one not reviewed in the grid's order, and on from there.
 */
function StartReview({
  list,
  pending,
  open,
  place,
  onOpen,
}: {
  list: ListWindowHandle<ProjectImage>
  pending: ReadonlyMap<string, PendingVerdict>
  /** Loaded images with an output and no review yet. */
  open: number
  /** The project's key for the stored place (`source/project`). */
  place: string
  onOpen: (image: ProjectImage) => void
}) {
  if (list.initialLoading || list.count === 0) return null
  const stopped = reviewPlaceOf(place)
  const stoppedAt = stopped === null ? -1 : list.indexOf(stopped)
  const start = () => {
    const at = open > 0 ? firstToReview(list, pending, Math.max(0, stoppedAt)) : Math.max(0, stoppedAt)
    const image = list.itemAt(at)
    if (image) onOpen(image)
  }
  const label =
    open === 0
      ? 'Review'
      : `${stoppedAt >= 0 ? 'Resume reviewing' : 'Start reviewing'} (${formatNumber(open)} not reviewed)`
  return (
    <button
      type="button"
      className="btn shrink-0 border-indigo-700 bg-indigo-700 whitespace-nowrap text-white hover:bg-indigo-800 dark:border-indigo-500 dark:bg-indigo-600 dark:hover:bg-indigo-500"
      onClick={start}
      data-testid="start-review"
    >
      {label}
    </button>
  )
}
