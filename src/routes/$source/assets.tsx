import { createFileRoute } from '@tanstack/react-router'
import type { RawSearch } from '../../dialects/types'
import { assetQueries } from '../../features/assets/queries'
import { pageQueryOptions } from '../../grid/list-window'
import { AssetsPage } from '../../features/assets/components/assets-page'
import { canonicalSearch } from '../../search-params'
import { withoutRefusedFilters } from '../../filters/refused-filters'

export const Route = createFileRoute('/$source/assets')({
  // The dialect decides which params exist; `beforeLoad` parses them with its schema.
  validateSearch: (search: Record<string, unknown>): RawSearch => search as RawSearch,
  beforeLoad: ({ context, search, location }) => ({
    filters: canonicalSearch(context.adapter.filters, { search, location }),
  }),
  loaderDeps: ({ search }) => search,
  loader: ({ context, location }) =>
    withoutRefusedFilters(location, () =>
      context.queryClient.query(pageQueryOptions(assetQueries.list(context.source, context.filters))),
    ),
  component: AssetsPage,
})
