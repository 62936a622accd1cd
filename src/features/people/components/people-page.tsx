import { getRouteApi, useRouterState } from '@tanstack/react-router'
import { useCallback, useId, useMemo } from 'react'
import type { Person } from '../../../dialects/types'
import { useDebouncedDraft } from '../../../filters/use-debounced-draft'
import { NO_DRAWER, useSearchKey } from '../../../filters/use-search-key'
import { DensityControl } from '../../../grid/density-control'
import { useDensity } from '../../../grid/use-density'
import { useGridPlace } from '../../../grid/use-grid-place'
import { useListWindow } from '../../../grid/use-list-window'
import type { TileRenderArgs } from '../../../grid/grid-tile'
import { VirtualGrid } from '../../../grid/virtual-grid'
import { stringifySearch } from '../../../search-params'
import { useShortcuts } from '../../../ui/shortcuts'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { peopleCountText, personSortLabel } from '../format'
import { PEOPLE_KEYS } from '../people-shortcuts'
import { peopleQueries } from '../queries'
import { PERSON_NAME_MAX, peopleSearchToUrl, type PeopleSearch } from '../search'
import { PersonTile } from './person-tile'
import { ListStates } from '../../../grid/list-states'

const route = getRouteApi('/$source/people/')

// People come favourites first, then by photo count: the scrubber says which.
const PEOPLE_SCRUBBER = { labelOf: personSortLabel }

/** Everyone in a photo library as round faces, favourites first, searchable by name. */
export function PeoplePage() {
  const { source, people } = route.useRouteContext()
  const navigate = route.useNavigate()
  useDocumentTitle([people.name ? `People matching “${people.name}”` : 'People', source.name])
  useShortcuts('People', PEOPLE_KEYS)

  const write = useCallback(
    (next: PeopleSearch, replace: boolean) =>
      void navigate({ to: '/$source/people', search: peopleSearchToUrl(next), replace }),
    [navigate],
  )
  const searchKey = stringifySearch(peopleSearchToUrl(people))

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <h1 className="sr-only">People · {source.name}</h1>
      <PeopleControls search={people} onChange={write} />
      <section id="results" aria-label="People" className="flex min-h-0 flex-1 flex-col">
        <PeopleResults key={searchKey} search={people} searchKey={searchKey} onClear={() => write({}, false)} />
      </section>
    </div>
  )
}

function PeopleControls({
  search,
  onChange,
}: {
  search: PeopleSearch
  onChange: (next: PeopleSearch, replace: boolean) => void
}) {
  const id = useId()
  // The toggle follows the URL being navigated to, not the one still loading behind it.
  const showHidden = useRouterState({ select: (s) => s.location.search.include_hidden === 'true' })
  // Typing rewrites the current history entry (one per search); the toggle pushes one.
  const { draft, change, flush, onKeyDown } = useDebouncedDraft(search.name ?? '', (value) =>
    onChange({ ...search, name: value.trim() || undefined }, true),
  )

  // `/` jumps to the name search from anywhere but a text field.
  useSearchKey(NO_DRAWER)

  return (
    <form
      id="filters"
      role="search"
      aria-label="Find people"
      className="flex flex-wrap items-end gap-x-4 gap-y-2 border-b border-neutral-200 px-3 py-2 sm:px-4 dark:border-neutral-800"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="min-w-48 flex-1 sm:max-w-sm">
        <label htmlFor={`${id}-name`} className="label">
          Name
        </label>
        <input
          id={`${id}-name`}
          type="search"
          className="field"
          value={draft}
          placeholder="Search by name"
          maxLength={PERSON_NAME_MAX}
          autoComplete="off"
          aria-keyshortcuts="/"
          data-filter-search
          onChange={(e) => change(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={flush}
        />
      </div>
      <label className="flex items-center gap-2 py-2 text-sm">
        <input
          type="checkbox"
          className="size-4 accent-indigo-600"
          checked={showHidden}
          onChange={(e) => onChange({ ...search, includeHidden: e.target.checked || undefined }, false)}
        />
        Show hidden people
      </label>
    </form>
  )
}

function PeopleResults({
  search,
  searchKey,
  onClear,
}: {
  search: PeopleSearch
  searchKey: string
  onClear: () => void
}) {
  const { source } = route.useRouteContext()
  const place = useGridPlace(`${source.id}/people${searchKey}`)
  const spec = useMemo(() => peopleQueries.list(source, search), [source, search])
  const list = useListWindow(spec, place.initial)
  const density = useDensity('people')
  const renderTile = useCallback(
    (args: TileRenderArgs<Person>) => <PersonTile {...args} sourceId={source.id} />,
    [source.id],
  )
  const filtered = Boolean(search.name) || search.includeHidden === true
  return (
    <>
      <div className="flex items-center gap-3 px-3 pt-2 sm:px-4">
        <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="result-count">
          {list.initialLoading ? 'Loading…' : peopleCountText(list.count, list.exact)}
        </p>
        <DensityControl density={density} className="ml-auto" />
      </div>
      <ListStates
        list={list}
        empty={
          <div className="mx-auto max-w-md p-10 text-center">
            <p className="font-medium">
              {search.name
                ? `No one is named like “${search.name}”.`
                : 'No people have been found in this library yet.'}
            </p>
            {filtered && (
              <button type="button" className="btn mt-4" onClick={onClear}>
                Show everyone
              </button>
            )}
          </div>
        }
      >
        <VirtualGrid
          list={list}
          renderTile={renderTile}
          noun={(n) => peopleCountText(n, true)}
          place={place}
          scrubber={PEOPLE_SCRUBBER}
          density={density}
        />
      </ListStates>
    </>
  )
}
