import { createFileRoute, redirect } from '@tanstack/react-router'
import { assetQueries } from '../../features/assets/queries'
import { pageQueryOptions } from '../../grid/list-window'
import { AssetsPage } from '../../features/assets/components/assets-page'
import { sameSearch, stringifySearch } from '../../search-params'

export const Route = createFileRoute('/$source/assets')({
  // The dialect decides which params exist; `beforeLoad` parses them with its schema.
  validateSearch: (search: Record<string, unknown>): Record<string, string> => search as Record<string, string>,
  beforeLoad: ({ context, search, location }) => {
    const filters = context.adapter.filters.parse(search)
    const canonical = context.adapter.filters.toSearch(filters)
    // A malformed or default-laden URL is rewritten to the view it actually shows.
    if (!sameSearch(canonical, search))
      throw redirect({ href: location.pathname + stringifySearch(canonical), replace: true })
    return { filters }
  },
  loaderDeps: ({ search }) => search,
  loader: ({ context }) =>
    context.queryClient.query(pageQueryOptions(assetQueries.list(context.source, context.filters))),
  component: AssetsPage,
})
