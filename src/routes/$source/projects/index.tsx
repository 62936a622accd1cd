import { createFileRoute } from '@tanstack/react-router'
import type { RawSearch } from '../../../dialects/types'
import { ProjectsPage } from '../../../features/projects/components/projects-page'
import { projectQueries, projectsApiOf, type GalleryPage } from '../../../features/projects/queries'
import { pageQueryOptions } from '../../../grid/list-window'
import { canonicalSearch } from '../../../search-params'

export const Route = createFileRoute('/$source/projects/')({
  // The dialect decides which params exist; `beforeLoad` parses them with its gallery schema.
  validateSearch: (search: Record<string, unknown>): RawSearch => search as RawSearch,
  beforeLoad: ({ context, search, location }) => ({
    filters: canonicalSearch(projectsApiOf(context.source).filters, { search, location }),
  }),
  loaderDeps: ({ search }) => search,
  // note: the gallery's pages carry the API's project count beside the window's fields.
  loader: ({ context }) =>
    context.queryClient.query(
      pageQueryOptions(projectQueries.gallery(context.source, context.filters)),
    ) as Promise<GalleryPage>,
  component: ProjectsPage,
})
