import { queryOptions } from '@tanstack/react-query'
import { ApiError, isRetryable } from '../../dialects/http'
import { adapterFor, sourceQueryKey } from '../../dialects/sources'
import type { PeopleCapability, Person, SourceConfig } from '../../dialects/types'
import type { WindowSpec } from '../../grid/list-window'
import type { PeopleSearch } from './search'

/** People a page of `listPeople` holds (the API's default limit). */
const PEOPLE_PAGE_SIZE = 100
/** People kept in memory while scrolling; the rest are fetched again from their cursor. */
const PEOPLE_BUDGET = 1000

function peopleOf(source: SourceConfig): PeopleCapability {
  const people = adapterFor(source).people
  if (!people) throw new ApiError(`${source.name} has no people.`, 404)
  return people
}

export const peopleQueries = {
  all: (source: SourceConfig) => sourceQueryKey('people', source),
  /** Everyone matching the search, favourites first (the API's order), as a bounded window. */
  list: (source: SourceConfig, search: PeopleSearch): WindowSpec<Person, string | null> => ({
    queryKey: [...peopleQueries.all(source), 'list', search],
    initialPageParam: null,
    fetchPage: async (after, signal) => {
      const page = await peopleOf(source).listPeople(
        {
          ...(search.name ? { name: search.name } : {}),
          ...(search.includeHidden ? { includeHidden: true } : {}),
          ...(after ? { after } : {}),
        },
        signal,
      )
      return { items: page.items, total: null, nextPageParam: page.nextCursor, prevPageParam: undefined }
    },
    keyOf: (person) => person.id,
    pageSize: PEOPLE_PAGE_SIZE,
    budget: PEOPLE_BUDGET,
    retryable: isRetryable,
  }),
  detail: (source: SourceConfig, id: string) =>
    queryOptions({
      queryKey: [...peopleQueries.all(source), 'detail', id],
      queryFn: ({ signal }) => peopleOf(source).getPerson(id, signal),
    }),
}
