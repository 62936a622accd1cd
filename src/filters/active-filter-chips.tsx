import type { RawSearch } from '../dialects/types'
import type { FilterControl } from '../dialects/filter-types'
import { useChosenNames, type FilterOptionSource } from './filter-options'
import type { FilterChange } from './apply-change'
import type { FilterBinding } from './filter-panel'
import { activeFilters } from './search-values'

/**
 * The view's filters as chips that each remove one; `optionSource` names `id-by-name` filters, so
 * their chips say "Person: Rosa" rather than an id.
 */
export function ActiveFilterChips({ controls, search, onChange, optionSource }: FilterBinding) {
  const props = { controls, search, onChange }
  return optionSource ? <NamedChips {...props} optionSource={optionSource} /> : <Chips {...props} />
}

function NamedChips(props: ChipsProps & { optionSource: FilterOptionSource }) {
  const names = useChosenNames(props.optionSource, props.controls, props.search)
  return <Chips {...props} names={names} />
}

interface ChipsProps {
  controls: readonly FilterControl[]
  search: RawSearch
  onChange: FilterChange
  names?: ReadonlyMap<string, string>
}

function Chips({ controls, search, onChange, names }: ChipsProps) {
  const active = activeFilters(controls, search, names)
  if (active.length === 0) return null
  return (
    <ul aria-label="Active filters" className="flex flex-wrap items-center gap-1.5">
      {active.map((filter) => (
        <li key={filter.id}>
          <button
            type="button"
            className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2.5 py-0.5 text-sm text-indigo-900 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:bg-indigo-950 dark:text-indigo-100 dark:hover:bg-indigo-900"
            aria-label={`Remove filter ${filter.label}`}
            onClick={() => onChange(filter.remove(search), { replace: false })}
          >
            {filter.label}
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
      <li>
        <button
          type="button"
          className="px-1 text-sm text-indigo-700 underline hover:no-underline dark:text-indigo-300"
          onClick={() => onChange({}, { replace: false })}
        >
          Clear all
        </button>
      </li>
    </ul>
  )
}
