import { many, withValues } from '../search-values'
import { FieldSet, type ControlProps } from './field'

/** Checkboxes, any number ticked; none ticked means no filter. */
export function MultiControl({ control, search, onChange }: ControlProps<'multi'>) {
  const chosen = many(search, control.key)
  const toggle = (value: string, on: boolean) => {
    const next = control.options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v)))
    onChange(withValues(search, control.key, next), { replace: false })
  }
  return (
    <FieldSet label={control.label}>
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
    </FieldSet>
  )
}
