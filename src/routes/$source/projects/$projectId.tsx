import { createFileRoute } from '@tanstack/react-router'
import type { RawSearch } from '../../../dialects/types'
import { ProjectPage } from '../../../features/projects/components/project-page'
import { projectQueries, projectsApiOf } from '../../../features/projects/queries'
import { pageQueryOptions } from '../../../grid/list-window'
import { canonicalSearch } from '../../../search-params'
import { compareSearch, withoutCompare } from '../../../features/projects/components/compare/compare-search'

export const Route = createFileRoute('/$source/projects/$projectId')({
  validateSearch: (search: Record<string, unknown>): RawSearch => search as RawSearch,
  // The review over the page keeps its compare (`?compare=versions`) after the filters.
  beforeLoad: ({ context, search, location }) => ({
    filters: canonicalSearch(projectsApiOf(context.source).projectFilters, { search, location }, compareSearch(search)),
  }),
  loaderDeps: ({ search }) => withoutCompare(search),
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.query(projectQueries.info(context.source, params.projectId)),
      context.queryClient.query(
        pageQueryOptions(projectQueries.project(context.source, params.projectId, context.filters)),
      ),
    ]),
  component: ProjectPage,
})
