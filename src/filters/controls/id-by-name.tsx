import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import type { FilterOption } from '../../dialects/filter-types'
import { filterOptionsQuery, optionScope, type FilterOptionSource } from '../filter-options'
import { one, withValue } from '../search-values'
import { FieldError, type ControlProps } from './field'
import { FilterPopover, usePickerSearch } from './popover'

/** Choices drawn at once; typing narrows a longer list. */
const SHOWN_MAX = 200

function matches(query: string, option: FilterOption): boolean {
  const q = query.toLowerCase()
  return [option.label, option.value, option.detail ?? ''].some((t) => t.toLowerCase().includes(q))
}

type Row = { kind: 'all' } | { kind: 'option'; option: FilterOption } | { kind: 'pasted'; id: string }

/** Text with a space is a name being searched for, not an id. */
const looksLikeId = (text: string) => !/\s/.test(text)

/**
 * An id filter chosen by name: a button showing the chosen name (and face, for people) that opens
 * a searchable list of what the source lists. The URL keeps the id. An id the list does not have
 * (pasted from elsewhere, hidden) is shown as itself, and an id typed or pasted into the search
 * box can be used as it is.
 */
export function IdCombobox({
  control,
  search,
  onChange,
  optionSource,
}: ControlProps<'id-by-name'> & { optionSource: FilterOptionSource }) {
  const id = useId()
  const scope = optionScope(control, search)
  const options = useQuery(filterOptionsQuery(optionSource, control.key, scope))
  // A list that belongs to another filter's value has nothing to show until that one is set.
  const waiting = scope === null
  const value = one(search, control.key) ?? ''
  const chosen = options.data?.find((o) => o.value === value)
  const [active, setActive] = useState(0)
  const { query, setQuery, close, popover } = usePickerSearch(() => setActive(0))

  const q = query.trim()
  const found = (options.data ?? []).filter((o) => q === '' || matches(q, o))
  // Text that names nothing listed may be an id from elsewhere: offered as it is if the
  // parameter's rule takes it, else the rule's reason is shown.
  const candidate = q !== '' && found.length === 0 && looksLikeId(q) ? q : null
  const idProblem = candidate === null ? undefined : control.idProblem(candidate)
  const pasted = candidate !== null && idProblem === undefined ? candidate : null
  const rows: Row[] = [
    ...(q === '' ? [{ kind: 'all' } as const] : []),
    ...found.slice(0, SHOWN_MAX).map((option) => ({ kind: 'option', option }) as const),
    ...(pasted ? [{ kind: 'pasted', id: pasted } as const] : []),
  ]
  const activeRow = Math.min(active, rows.length - 1)
  const rowId = (n: number) => `${id}-row-${n}`

  const choose = (row: Row) => {
    const next = row.kind === 'all' ? undefined : row.kind === 'option' ? row.option.value : row.id
    close()
    if (next !== (value || undefined)) onChange(withValue(search, control.key, next), { replace: false })
  }

  const summary = chosen ? (
    <OptionFace option={chosen} />
  ) : value ? (
    <span className="truncate">{options.isPending && !waiting ? 'Loading…' : `Not listed (${value})`}</span>
  ) : (
    <span className="truncate">{control.allLabel}</span>
  )

  return (
    <FilterPopover
      id={id}
      label={control.label}
      {...popover}
      summary={summary}
      triggerProps={{
        'aria-describedby': options.isError ? `${id}-error` : undefined,
        'aria-busy': (options.isPending && !waiting) || undefined,
        'data-id-combobox': control.key,
      }}
      after={
        options.isError && (
          <FieldError id={`${id}-error`}>
            Could not load the choices.{' '}
            <button type="button" className="underline hover:no-underline" onClick={() => void options.refetch()}>
              Retry
            </button>
          </FieldError>
        )
      }
    >
      <input
        type="search"
        role="combobox"
        className="field"
        placeholder={`Search by name or paste an id`}
        aria-label={`Search ${control.label.toLowerCase()}`}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={rows.length > 0 ? rowId(activeRow) : undefined}
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            const step = e.key === 'ArrowDown' ? 1 : -1
            setActive(Math.min(rows.length - 1, Math.max(0, activeRow + step)))
          } else if (e.key === 'Enter') {
            e.preventDefault()
            const row = rows[activeRow]
            if (row) choose(row)
          }
        }}
      />
      <div id={`${id}-list`} role="listbox" aria-label={control.label} className="min-h-0 overflow-y-auto">
        {rows.map((row, n) => {
          const rowValue = row.kind === 'all' ? '' : row.kind === 'option' ? row.option.value : row.id
          return (
            <div
              key={`${row.kind}:${rowValue}`}
              id={rowId(n)}
              role="option"
              aria-selected={rowValue === value}
              data-value={rowValue}
              className={`flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-sm ${
                n === activeRow ? 'bg-indigo-50 dark:bg-indigo-950' : 'hover:bg-neutral-100 dark:hover:bg-neutral-800'
              } aria-selected:font-semibold`}
              // Keeps focus in the search box, so the keys keep working after a hover.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(n)}
              onClick={() => choose(row)}
              tabIndex={-1}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') choose(row)
              }}
            >
              {row.kind === 'all' && <span>{control.allLabel}</span>}
              {row.kind === 'option' && <OptionFace option={row.option} />}
              {row.kind === 'pasted' && (
                <span className="min-w-0 break-all">
                  Use id <code>{row.id}</code>
                </span>
              )}
            </div>
          )
        })}
        {waiting && <p className="p-1.5 text-sm text-neutral-600 dark:text-neutral-400">{control.within?.hint}</p>}
        {options.isPending && !waiting && (
          <p className="p-1.5 text-sm text-neutral-600 dark:text-neutral-400">Loading…</p>
        )}
        {options.isSuccess && q !== '' && found.length === 0 && !pasted && (
          <p className="p-1.5 text-sm text-neutral-600 dark:text-neutral-400">
            No {control.label.toLowerCase()} named “{q}”
            {idProblem !== undefined ? `, and not an id: it ${idProblem}.` : '.'}
          </p>
        )}
        {found.length > SHOWN_MAX && (
          <p className="p-1.5 text-xs text-neutral-600 dark:text-neutral-400">
            {found.length - SHOWN_MAX} more: type to narrow.
          </p>
        )}
      </div>
    </FilterPopover>
  )
}

/** A choice as a line: its face when it has one, its name, and what tells it apart. */
function OptionFace({ option }: { option: FilterOption }) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      {/* A grey disc while the face loads, or for someone without one, keeps the names aligned. */}
      {option.imageUrl !== undefined &&
        (option.imageUrl ? (
          <img
            src={option.imageUrl}
            alt=""
            loading="lazy"
            className="size-7 shrink-0 rounded-full bg-neutral-200 object-cover dark:bg-neutral-700"
          />
        ) : (
          <span aria-hidden="true" className="size-7 shrink-0 rounded-full bg-neutral-200 dark:bg-neutral-700" />
        ))}
      <span className="min-w-0">
        <span className="block truncate" dir="auto" title={option.label}>
          {option.label}
        </span>
        {option.detail && (
          <span className="block truncate text-xs text-neutral-600 dark:text-neutral-400">{option.detail}</span>
        )}
      </span>
    </span>
  )
}
