import { lazy, Suspense } from 'react'
import type { RawSearch } from '../dialects/types'
import type { FilterControl } from '../dialects/filter-types'
import type { FilterChange } from './apply-change'
import { blockerOf, type BlockedBy, type ConflictCheck } from './conflicts'
import { DateRange } from './controls/date-range'
import { MultiControl } from './controls/multi'
import { SelectControl } from './controls/select'
import { SortControl } from './controls/sort'
import { TagChips } from './controls/tags'
import { DebouncedText } from './controls/text'
import type { FilterOptionSource } from './filter-options'
import { controlApplies } from './search-values'

export type { FilterChange } from './apply-change'

// The pickers (a popover each) are for some dialects only: their code loads when one is shown.
const IdCombobox = lazy(() => import('./controls/id-by-name').then((m) => ({ default: m.IdCombobox })))
const MultiSelect = lazy(() => import('./controls/multi-select').then((m) => ({ default: m.MultiSelect })))

/** The keys of a multi-select's popover, for the `?` overlay of a view that shows one. */
export const MULTI_SELECT_KEYS = [
  { keys: [['Enter'], ['Space']], description: 'Open a list filter (such as Type) from its button' },
  { keys: [['↓'], ['↑']], description: 'Move between its filter box and its choices' },
  { keys: [['Space']], description: 'Check or uncheck the focused choice' },
  { keys: [['Enter']], description: 'In the filter box: check the first match' },
  { keys: [['Esc']], description: 'Clear the filter box, then close the list' },
] as const

/** Holds a picker's place (its label and a field-high box) while its code loads: nothing shifts. */
function PickerPlaceholder({ label }: { label: string }) {
  return (
    <div aria-hidden="true" data-control-loading="">
      <span className="label">{label}</span>
      <div className="field min-h-9" />
    </div>
  )
}

/** A view's filters bound to its URL: what the panel, and the chips above the results, show and change. */
export interface FilterBinding {
  controls: readonly FilterControl[]
  search: RawSearch
  onChange: FilterChange
  /** Names for `id-by-name` controls; without it they are plain id fields. */
  optionSource?: FilterOptionSource | undefined
  /** The dialect's check for filters the API refuses together; such choices are disabled. */
  conflict?: ConflictCheck | undefined
}

/**
 * The filter controls a dialect declares, bound to the URL's search params: each kind of control
 * is its own file under `controls/`, built from the shared pieces in `controls/field.tsx`.
 */
export function FilterPanel({ controls, search, onChange, optionSource, conflict }: FilterBinding) {
  const blocked: BlockedBy = (key, value) => blockerOf(conflict, controls, search, key, value)
  return (
    <form role="search" aria-label="Filters" className="flex flex-col gap-5" onSubmit={(e) => e.preventDefault()}>
      {controls
        .filter((control) => controlApplies(control, search))
        .map((control) => (
          <FilterControlView
            key={controlKey(control)}
            control={control}
            search={search}
            onChange={onChange}
            optionSource={optionSource}
            blocked={blocked}
          />
        ))}
    </form>
  )
}

function controlKey(control: FilterControl): string {
  switch (control.kind) {
    case 'tags':
      return control.includeKey
    case 'date-range':
      return control.fromKey
    case 'sort':
      return control.fieldKey
    default:
      return control.key
  }
}

function FilterControlView({
  control,
  search,
  onChange,
  optionSource,
  blocked,
}: {
  control: FilterControl
  search: RawSearch
  onChange: FilterChange
  optionSource: FilterOptionSource | undefined
  blocked: BlockedBy
}) {
  switch (control.kind) {
    case 'search':
    case 'text':
      return <DebouncedText control={control} search={search} onChange={onChange} blocked={blocked} />
    case 'tags':
      return <TagChips control={control} search={search} onChange={onChange} />
    case 'select':
      return <SelectControl control={control} search={search} onChange={onChange} blocked={blocked} />
    case 'multi':
      return <MultiControl control={control} search={search} onChange={onChange} />
    case 'id-by-name':
      return optionSource ? (
        <Suspense fallback={<PickerPlaceholder label={control.label} />}>
          <IdCombobox control={control} search={search} onChange={onChange} optionSource={optionSource} />
        </Suspense>
      ) : (
        <DebouncedText
          control={{ kind: 'text', key: control.key, label: control.label, placeholder: 'Id', suggestions: [] }}
          search={search}
          onChange={onChange}
          blocked={blocked}
        />
      )
    case 'date-range':
      return <DateRange control={control} search={search} onChange={onChange} />
    case 'sort':
      return <SortControl control={control} search={search} onChange={onChange} />
    case 'multi-select':
      return (
        <Suspense fallback={<PickerPlaceholder label={control.label} />}>
          <MultiSelect control={control} search={search} onChange={onChange} />
        </Suspense>
      )
  }
}
