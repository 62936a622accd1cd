import { useId } from 'react'
import { BlockedNote, type BlockedBy } from '../conflicts'
import { one, withValue } from '../search-values'
import { Field, type ControlProps } from './field'

/** One value from a short list; a choice that would clash with another filter is disabled. */
export function SelectControl({ control, search, onChange, blocked }: ControlProps<'select'> & { blocked: BlockedBy }) {
  const id = useId()
  const value = one(search, control.key)
  const refused = control.options.flatMap((o) => {
    const blocker = o.value === value ? undefined : blocked(control.key, o.value)
    return blocker ? [{ option: o, blocker }] : []
  })
  const first = refused[0]
  return (
    <Field id={id} label={control.label}>
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
    </Field>
  )
}
