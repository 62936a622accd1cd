import { useId, useRef, useState } from 'react'
import { DAY_EXAMPLE, formatDay, loadParseDay } from '../../ui/dates'
import { LazyTip } from '../../ui/lazy-tip'
import { invertedRangeProblem } from '../date-order'
import { one, withValue } from '../search-values'
import { FieldError, FieldSet, type ControlProps } from './field'

/** Two days, after and before; a range that ends before it starts is flagged at both. */
export function DateRange({ control, search, onChange }: ControlProps<'date-range'>) {
  const id = useId()
  const inverted = invertedRangeProblem(control, search)
  const rangeError = inverted ? `${id}-order` : undefined
  return (
    <FieldSet label={control.label}>
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
      {rangeError && (
        <FieldError id={rangeError} alert>
          {inverted}
        </FieldError>
      )}
    </FieldSet>
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
      {invalid && <FieldError id={`${id}-error`}>Not a date. Write it like {DAY_EXAMPLE}.</FieldError>}
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
