import { useId, useRef, useState } from 'react'
import { multiLabel, multiValues, withMultiValues } from '../search-values'
import type { ControlProps } from './field'
import { FilterPopover, usePickerSearch } from './popover'

function matches(query: string, ...texts: string[]): boolean {
  const q = query.trim().toLowerCase()
  return q === '' || texts.some((t) => t.toLowerCase().includes(q))
}

/**
 * Many values from a long grouped list (Scenario's ~70 asset types): a button that opens a
 * popover with a filter box and a checkbox per value, grouped. Arrow keys move between the
 * box and the checkboxes, Space toggles, Enter in the box toggles the first match, Esc clears
 * the box and then closes.
 */
export function MultiSelect({ control, search, onChange }: ControlProps<'multi-select'>) {
  const id = useId()
  const { query, setQuery, popover } = usePickerSearch()
  const list = useRef<HTMLDivElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const committed = multiValues(search, control)
  // A toggle shows at once, before the URL (which waits for the new results) catches up.
  const [optimistic, setOptimistic] = useState<{ over: string; values: string[] } | null>(null)
  const values = optimistic && optimistic.over === committed.join(',') ? optimistic.values : committed
  const chosen = new Set(values)
  const summary =
    values.length === 0
      ? 'Any'
      : values.length === 1 && values[0] !== undefined
        ? multiLabel(control, values[0])
        : `${values.length} selected`

  const covering = control.groups
    .flatMap((group) => group.options)
    .find(
      (option) =>
        chosen.has(option.value) && control.groups.some((g) => g.options.some((o) => o.within === option.value)),
    )
  const coveringLabel = covering?.label ?? null

  const groups = control.groups
    .map((group) => ({
      label: group.label,
      options: matches(query, group.label)
        ? group.options
        : group.options.filter((o) => matches(query, o.value, o.label)),
    }))
    .filter((group) => group.options.length > 0)

  const toggle = (value: string) => {
    const next = chosen.has(value) ? values.filter((v) => v !== value) : [...values, value]
    setOptimistic({ over: committed.join(','), values: next })
    onChange(withMultiValues(search, control, next), { replace: false })
  }

  const boxes = () => Array.from(list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])
  const onListKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return
    const all = boxes()
    const at = all.indexOf(e.target as HTMLInputElement)
    if (at < 0) return
    e.preventDefault()
    if (e.key === 'Home') return all[0]?.focus()
    if (e.key === 'End') return all.at(-1)?.focus()
    if (e.key === 'ArrowUp' && at === 0) return input.current?.focus()
    all[Math.min(all.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus()
  }

  return (
    <FilterPopover
      id={id}
      label={control.label}
      {...popover}
      summary={<span className="truncate">{summary}</span>}
      triggerProps={{ 'data-multi-select': control.key }}
    >
      <div className="flex items-center gap-2">
        <input
          ref={input}
          type="search"
          className="field min-w-0 flex-1"
          placeholder={control.placeholder}
          aria-label={control.placeholder}
          aria-controls={`${id}-list`}
          autoComplete="off"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              boxes()[0]?.focus()
            } else if (e.key === 'Enter') {
              e.preventDefault()
              const first = groups[0]?.options[0]
              if (first && query.trim() !== '') toggle(first.value)
            }
          }}
        />
        {values.length > 0 && (
          <button
            type="button"
            className="btn shrink-0 text-sm"
            onClick={() => {
              setOptimistic({ over: committed.join(','), values: [] })
              onChange(withMultiValues(search, control, []), { replace: false })
            }}
          >
            Clear
          </button>
        )}
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {values.length === 0 ? 'None selected' : `${values.length} selected`}
      </p>
      {coveringLabel && (
        <p id={`${id}-within`} className="px-1 text-xs text-neutral-600 dark:text-neutral-400">
          Included in “{coveringLabel}”; uncheck it to choose one by one.
        </p>
      )}
      <div id={`${id}-list`} ref={list} className="min-h-0 overflow-y-auto pr-1">
        {groups.length === 0 && (
          <p className="p-2 text-sm text-neutral-600 dark:text-neutral-400">Nothing matches “{query}”.</p>
        )}
        {groups.map((group) => (
          <fieldset key={group.label} className="mb-2">
            <legend className="px-1 py-1 text-xs font-semibold tracking-wide text-neutral-600 uppercase dark:text-neutral-400">
              {group.label}
            </legend>
            {group.options.map((option) => {
              // Chosen through a value that includes it: shown checked, and left to that value.
              const within = option.within !== undefined && chosen.has(option.within) ? option.within : null
              return (
                <label
                  key={option.value}
                  className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm hover:bg-neutral-100 has-[:focus-visible]:bg-indigo-50 dark:hover:bg-neutral-800 dark:has-[:focus-visible]:bg-indigo-950"
                >
                  <input
                    type="checkbox"
                    className="h-4 w-4 accent-indigo-600 aria-disabled:opacity-60"
                    checked={within !== null || chosen.has(option.value)}
                    aria-disabled={within !== null ? true : undefined}
                    aria-describedby={within !== null ? `${id}-within` : undefined}
                    onChange={() => {
                      if (within === null) toggle(option.value)
                    }}
                    data-value={option.value}
                    onKeyDown={onListKey}
                  />
                  <span className="min-w-0 break-words">{option.label}</span>
                </label>
              )
            })}
          </fieldset>
        ))}
      </div>
    </FilterPopover>
  )
}
