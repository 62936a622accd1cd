import { createFileRoute, notFound } from '@tanstack/react-router'
import { PersonPhotos } from '../../../features/assets/components/person-photos'
import { assetQueries } from '../../../features/assets/queries'
import { PersonPage } from '../../../features/people/components/person-page'
import { peopleQueries } from '../../../features/people/queries'
import { personSearchSchema } from '../../../features/people/search'
import { pageQueryOptions } from '../../../grid/list-window'
import { canonicalSearch } from '../../../search-params'

export const Route = createFileRoute('/$source/people/$personId')({
  validateSearch: (search: Record<string, unknown>): Record<string, string> => search as Record<string, string>,
  beforeLoad: ({ context, params, search, location }) => {
    if (!context.adapter.people) throw notFound()
    canonicalSearch(personSearchSchema, { search, location })
    // The person's photos are the photo list filtered to them, under the seed's own name.
    return { filters: { person_id: params.personId } as Record<string, unknown> }
  },
  // The page shows its own errors (a person who is gone, photos that fail), so none is thrown here.
  loader: ({ context, params }) =>
    Promise.allSettled([
      context.queryClient.query(peopleQueries.detail(context.source, params.personId)),
      context.queryClient.query(pageQueryOptions(assetQueries.list(context.source, context.filters))),
    ]),
  component: PersonRoute,
})

function PersonRoute() {
  return <PersonPage photos={(header) => <PersonPhotos header={header} />} />
}
