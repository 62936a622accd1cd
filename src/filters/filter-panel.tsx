import { lazy, Suspense, useId, useRef, useState } from 'react'
import type { FilterControl, RawSearch } from '../dialects/types'
import type { FilterChange } from './apply-change'
import { DAY_EXAMPLE, formatDay, loadParseDay } from '../ui/dates'
import { LazyTip } from '../ui/lazy-tip'
import { invertedRangeProblem } from './date-order'
import { BlockedNote, blockerOf, type Blocker, type ConflictCheck } from './conflicts'
import type { FilterOptionSource } from './filter-options'
import {
  controlApplies,
  many,
  nextTagState,
  one,
  tagState,
  withTagState,
  withValue,
  withValues,
  type TagState,
} from './search-values'
import { useDebouncedDraft } from './use-debounced-draft'

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

interface FilterPanelProps {
  controls: readonly FilterControl[]
  search: RawSearch
  onChange: FilterChange
  /** Names for `id-by-name` controls; without it they are plain id fields. */
  optionSource?: FilterOptionSource | undefined
  /** The dialect's check for filters the API refuses together; such choices are disabled. */
  conflict?: ConflictCheck | undefined
}

/** The filter controls a dialect declares, bound to the URL's search params. */
export function FilterPanel({ controls, search, onChange, optionSource, conflict }: FilterPanelProps) {
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

/** What blocks `key` from taking `value` beside the filters already set (see conflicts.tsx). */
type BlockedBy = (key: string, value: string) => Blocker | undefined

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
      return <DebouncedText control={control} search={search} onChange={onChange} type="search" blocked={blocked} />
    case 'text':
      return <DebouncedText control={control} search={search} onChange={onChange} type="text" blocked={blocked} />
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
          type="text"
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

interface ControlProps<K extends FilterControl['kind']> {
  control: Extract<FilterControl, { kind: K }>
  search: RawSearch
  onChange: FilterChange
}

function DebouncedText({
  control,
  search,
  onChange,
  type,
  blocked,
}: ControlProps<'search' | 'text'> & { type: 'search' | 'text'; blocked: BlockedBy }) {
  const id = useId()
  const committed = one(search, control.key) ?? ''
  // Any value at all would clash with another filter: the field waits until that one is cleared.
  const blocker = committed === '' ? blocked(control.key, 'x') : undefined
  // Typing rewrites the current history entry: one entry per search, not per keystroke.
  const { draft, change, flush, commitNow } = useDebouncedDraft(committed, (value) =>
    onChange(withValue(search, control.key, value.trim() || undefined), { replace: true }),
  )
  const listId = control.kind === 'text' && control.suggestions.length ? `${id}-suggestions` : undefined
  return (
    <div>
      <label htmlFor={id} className="label">
        {control.label}
      </label>
      <input
        id={id}
        type={type}
        className="field"
        value={draft}
        placeholder={control.placeholder}
        maxLength={200}
        list={listId}
        autoComplete="off"
        data-filter-search={control.kind === 'search' ? '' : undefined}
        aria-keyshortcuts={control.kind === 'search' ? '/' : undefined}
        disabled={blocker !== undefined}
        aria-describedby={blocker ? `${id}-blocked` : undefined}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') flush()
          // Esc clears the field; on an empty field it leaves it (in the drawer, it closes the drawer).
          if (e.key === 'Escape') {
            if (draft !== '') {
              e.preventDefault()
              commitNow('')
            } else if (!e.currentTarget.closest('[role="dialog"]')) {
              e.currentTarget.blur()
            }
          }
        }}
        onBlur={flush}
      />
      {listId && control.kind === 'text' && (
        <datalist id={listId}>
          {control.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {blocker && (
        <BlockedNote id={`${id}-blocked`} what={control.label} blocker={blocker} search={search} onChange={onChange} />
      )}
    </div>
  )
}

const tagStyles: Record<TagState, string> = {
  off: 'border-neutral-300 bg-white text-neutral-700 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-200',
  include:
    'border-emerald-600 bg-emerald-50 text-emerald-800 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-200',
  exclude: 'border-red-600 bg-red-50 text-red-800 line-through dark:border-red-500 dark:bg-red-950 dark:text-red-200',
}
const tagMarks: Record<TagState, string> = { off: '', include: '✓ ', exclude: '✕ ' }
const tagWords: Record<TagState, string> = { off: 'any', include: 'must have', exclude: 'must not have' }

function TagChips({ control, search, onChange }: ControlProps<'tags'>) {
  const id = useId()
  return (
    <fieldset>
      <legend id={id} className="label">
        {control.label}
      </legend>
      <p className="mb-2 text-xs text-neutral-600 dark:text-neutral-400">
        Click to require, again to exclude, again to clear.
      </p>
      <div className="flex flex-wrap gap-1.5">
        {control.options.map((tag) => {
          const state = tagState(search, control, tag)
          return (
            <button
              key={tag}
              type="button"
              data-tag={tag}
              data-state={state}
              aria-label={`${tag}: ${tagWords[state]}`}
              className={`rounded-full border px-2.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${tagStyles[state]}`}
              onClick={() => onChange(withTagState(search, control, tag, nextTagState[state]), { replace: false })}
            >
              {tagMarks[state]}
              {tag}
            </button>
          )
        })}
      </div>
    </fieldset>
  )
}

function SelectControl({ control, search, onChange, blocked }: ControlProps<'select'> & { blocked: BlockedBy }) {
  const id = useId()
  const value = one(search, control.key)
  const refused = control.options.flatMap((o) => {
    const blocker = o.value === value ? undefined : blocked(control.key, o.value)
    return blocker ? [{ option: o, blocker }] : []
  })
  const first = refused[0]
  return (
    <div>
      <label htmlFor={id} className="label">
        {control.label}
      </label>
      <select
        id={id}
        className="field"
        value={value ?? ''}
        aria-describedby={first ? `${id}-blocked` : undefined}
        onChange={(e) => onChange(withValue(search, control.key, e.target.value || undefined), { replace: false })}
      >
        <option value="">{control.emptyLabel ?? 'All'}</option>
        {control.options.map((o) => (
          <option key={o.value} value={o.value} disabled={refused.some((r) => r.option === o)}>
            {o.label}
          </option>
        ))}
      </select>
      {first && (
        <BlockedNote
          id={`${id}-blocked`}
          what={refused.map((r) => r.option.label).join(' and ')}
          blocker={first.blocker}
          search={search}
          onChange={onChange}
        />
      )}
    </div>
  )
}

/** Checkboxes, any number ticked; none ticked means no filter. */
function MultiControl({ control, search, onChange }: ControlProps<'multi'>) {
  const chosen = many(search, control.key)
  const toggle = (value: string, on: boolean) => {
    const next = control.options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v)))
    onChange(withValues(search, control.key, next), { replace: false })
  }
  return (
    <fieldset>
      <legend className="label">{control.label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1.5">
        {control.options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={chosen.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

function DateRange({ control, search, onChange }: ControlProps<'date-range'>) {
  const id = useId()
  const inverted = invertedRangeProblem(control, search)
  const rangeError = inverted ? `${id}-order` : undefined
  return (
    <fieldset>
      <legend className="label">{control.label}</legend>
      <div className="flex flex-col gap-2">
        <DayField
          label="After"
          value={one(search, control.fromKey)}
          rangeError={rangeError}
          onCommit={(day) => onChange(withValue(search, control.fromKey, day), { replace: false })}
        />
        <DayField
          label="Before"
          value={one(search, control.toKey)}
          rangeError={rangeError}
          onCommit={(day) => onChange(withValue(search, control.toKey, day), { replace: false })}
        />
      </div>
      {inverted && (
        <p id={rangeError} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {inverted}
        </p>
      )}
    </fieldset>
  )
}

/**
 * A day typed as "12 Mar 2025" (the one date format of the app) or picked from the browser's
 * calendar; written to the URL as `yyyy-MM-dd`.
 */
function DayField({
  label,
  value,
  rangeError,
  onCommit,
}: {
  label: string
  value: string | undefined
  /** The id of the message saying the range is inverted, while it is. */
  rangeError: string | undefined
  onCommit: (day: string | undefined) => void
}) {
  const id = useId()
  const shown = value ? formatDay(value) : ''
  const [draft, setDraft] = useState(shown)
  const [following, setFollowing] = useState(shown)
  const [invalid, setInvalid] = useState(false)
  const picker = useRef<HTMLInputElement>(null)
  // The URL changed from elsewhere (a removed chip, back/forward): the field follows it.
  if (following !== shown) {
    setFollowing(shown)
    setDraft(shown)
    setInvalid(false)
  }
  const commit = async () => {
    if (draft.trim() === shown) return setInvalid(false)
    if (draft.trim() === '') {
      setInvalid(false)
      return onCommit(undefined)
    }
    // Usually loaded already: the field asked for the reader when it was focused.
    const { parseDay } = await loadParseDay()
    const day = parseDay(draft)
    setInvalid(day === null)
    if (day) {
      setDraft(formatDay(day))
      onCommit(day)
    }
  }
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs text-neutral-700 dark:text-neutral-300">
        {label}
      </label>
      <div className="flex gap-1.5">
        <input
          id={id}
          type="text"
          inputMode="text"
          className="field min-w-0 flex-1 aria-invalid:border-red-600 dark:aria-invalid:border-red-400"
          value={draft}
          placeholder={`e.g. ${DAY_EXAMPLE}`}
          autoComplete="off"
          aria-invalid={invalid || rangeError !== undefined || undefined}
          aria-describedby={[invalid ? `${id}-error` : '', rangeError ?? ''].join(' ').trim() || undefined}
          onChange={(e) => setDraft(e.target.value)}
          onFocus={() => void loadParseDay()}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit()
          }}
        />
        <LazyTip label={`Pick the ${label.toLowerCase()} date from a calendar`}>
          <button
            type="button"
            className="btn shrink-0 px-2"
            aria-label={`${label}: pick from a calendar`}
            onClick={() => {
              const el = picker.current
              if (!el) return
              el.value = value?.slice(0, 10) ?? ''
              if (typeof el.showPicker === 'function') el.showPicker()
              else el.focus()
            }}
          >
            <CalendarIcon />
          </button>
        </LazyTip>
        {/* The browser's own calendar, opened by the button; the text field is what users read. */}
        <input
          ref={picker}
          type="date"
          tabIndex={-1}
          aria-hidden="true"
          className="pointer-events-none absolute h-0 w-0 opacity-0"
          onChange={(e) => {
            const day = e.target.value
            if (!day) return
            setDraft(formatDay(day))
            setInvalid(false)
            onCommit(day)
          }}
        />
      </div>
      {invalid && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
          Not a date. Write it like {DAY_EXAMPLE}.
        </p>
      )}
    </div>
  )
}

function CalendarIcon() {
  return (
    <svg
      viewBox="0 0 20 20"
      width="16"
      height="16"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
    >
      <rect x="3" y="4.5" width="14" height="12.5" rx="1.5" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
    </svg>
  )
}

function SortControl({ control, search, onChange }: ControlProps<'sort'>) {
  const id = useId()
  const field = one(search, control.fieldKey) ?? control.defaultField
  const order = one(search, control.orderKey) ?? control.defaultOrder
  const set = (key: string, value: string, fallback: string) =>
    onChange(withValue(search, key, value === fallback ? undefined : value), { replace: false })
  return (
    <fieldset>
      <legend className="label">{control.label}</legend>
      <div className="grid grid-cols-2 gap-2">
        <select
          id={`${id}-field`}
          aria-label="Sort by"
          className="field"
          value={field}
          onChange={(e) => set(control.fieldKey, e.target.value, control.defaultField)}
        >
          {control.fields.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <select
          id={`${id}-order`}
          aria-label="Order"
          className="field"
          value={order}
          onChange={(e) => set(control.orderKey, e.target.value, control.defaultOrder)}
        >
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
    </fieldset>
  )
}
