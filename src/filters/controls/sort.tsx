import { useId } from 'react'
import { one, withValue } from '../search-values'
import { FieldSet, type ControlProps } from './field'

/** The sort field and its order; a default is left out of the URL. */
export function SortControl({ control, search, onChange }: ControlProps<'sort'>) {
  const id = useId()
  const field = one(search, control.fieldKey) ?? control.defaultField
  const order = one(search, control.orderKey) ?? control.defaultOrder
  const set = (key: string, value: string, fallback: string) =>
    onChange(withValue(search, key, value === fallback ? undefined : value), { replace: false })
  return (
    <FieldSet label={control.label}>
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
    </FieldSet>
  )
}
