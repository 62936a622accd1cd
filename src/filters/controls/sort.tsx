import { useId } from 'react'
import { one, withValue } from '../search-values'
import { FieldSet, type ControlProps } from './field'

const ORDERS = [
  { value: 'asc', label: 'Ascending' },
  { value: 'desc', label: 'Descending' },
] as const

/** The sort field and its order; a default is left out of the URL. */
export function SortControl({ control, search, onChange }: ControlProps<'sort'>) {
  const id = useId()
  const set = (key: string, value: string, fallback: string) =>
    onChange(withValue(search, key, value === fallback ? undefined : value), { replace: false })
  return (
    <FieldSet label={control.label}>
      <div className="grid grid-cols-2 gap-2">
        <SortSelect
          id={`${id}-field`}
          label="Sort by"
          value={one(search, control.fieldKey) ?? control.defaultField}
          options={control.fields}
          onPick={(value) => set(control.fieldKey, value, control.defaultField)}
        />
        <SortSelect
          id={`${id}-order`}
          label="Order"
          value={one(search, control.orderKey) ?? control.defaultOrder}
          options={ORDERS}
          onPick={(value) => set(control.orderKey, value, control.defaultOrder)}
        />
      </div>
    </FieldSet>
  )
}

function SortSelect({
  id,
  label,
  value,
  options,
  onPick,
}: {
  id: string
  label: string
  value: string
  options: readonly { value: string; label: string }[]
  onPick: (value: string) => void
}) {
  return (
    <select id={id} aria-label={label} className="field" value={value} onChange={(e) => onPick(e.target.value)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
