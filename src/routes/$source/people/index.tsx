import { createFileRoute, notFound } from '@tanstack/react-router'
import { PeoplePage } from '../../../features/people/components/people-page'
import { peopleQueries } from '../../../features/people/queries'
import { peopleSearchSchema } from '../../../features/people/search'
import { pageQueryOptions } from '../../../grid/list-window'
import { canonicalSearch } from '../../../search-params'

export const Route = createFileRoute('/$source/people/')({
  validateSearch: (search: Record<string, unknown>): Record<string, string> => search as Record<string, string>,
  beforeLoad: ({ context, search, location }) => {
    // Only a photo library (Gumnut) has people.
    if (!context.adapter.people) throw notFound()
    return { people: canonicalSearch(peopleSearchSchema, { search, location }) }
  },
  loaderDeps: ({ search }) => search,
  loader: ({ context }) =>
    context.queryClient.query(pageQueryOptions(peopleQueries.list(context.source, context.people))),
  component: PeoplePage,
})
