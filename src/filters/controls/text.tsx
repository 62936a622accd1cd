import { useId } from 'react'
import { BlockedNote, type BlockedBy } from '../conflicts'
import { one, withValue } from '../search-values'
import { useDebouncedDraft } from '../use-debounced-draft'
import { Field, type ControlProps } from './field'

/** A search or text field; what is typed reaches the URL once typing pauses. */
export function DebouncedText({
  control,
  search,
  onChange,
  blocked,
}: ControlProps<'search' | 'text'> & { blocked: BlockedBy }) {
  const id = useId()
  const committed = one(search, control.key) ?? ''
  // Any value at all would clash with another filter: the field waits until that one is cleared.
  const blocker = committed === '' ? blocked(control.key, 'x') : undefined
  // Typing rewrites the current history entry: one entry per search, not per keystroke.
  const { draft, change, flush, onKeyDown } = useDebouncedDraft(committed, (value) =>
    onChange(withValue(search, control.key, value.trim() || undefined), { replace: true }),
  )
  const listId = control.kind === 'text' && control.suggestions.length ? `${id}-suggestions` : undefined
  return (
    <Field id={id} label={control.label}>
      <input
        id={id}
        type={control.kind}
        className="field"
        value={draft}
        placeholder={control.placeholder}
        maxLength={control.maxLength}
        list={listId}
        autoComplete="off"
        data-filter-search={control.kind === 'search' ? '' : undefined}
        aria-keyshortcuts={control.kind === 'search' ? '/' : undefined}
        disabled={blocker !== undefined}
        aria-describedby={blocker ? `${id}-blocked` : undefined}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
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
    </Field>
  )
}
