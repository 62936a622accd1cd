import type { ReactNode } from 'react'
import type { RawSearch } from '../../dialects/types'
import type { FilterControl } from '../../dialects/filter-types'
import type { FilterChange } from '../apply-change'

/** What every control is given: its declaration, the URL's search, and where a change goes. */
export interface ControlProps<K extends FilterControl['kind']> {
  control: Extract<FilterControl, { kind: K }>
  search: RawSearch
  onChange: FilterChange
}

/** A control that is one form field: its label above it. */
export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
    </div>
  )
}

/**
 * A control made of several fields or buttons: one legend names them all. (The same shape as
 * `Field` on purpose: a group is named by a legend, a single field by its label.)
 */
export function FieldSet({ label, legendId, children }: { label: string; legendId?: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend id={legendId} className="label">
        {label}
      </legend>
      {children}
    </fieldset>
  )
}

/** A field's error line, under it; the field points at it with `aria-describedby`. */
export function FieldError({ id, alert, children }: { id: string; alert?: boolean; children: ReactNode }) {
  return (
    <p id={id} role={alert ? 'alert' : undefined} className="mt-1 text-xs text-red-700 dark:text-red-300">
      {children}
    </p>
  )
}
