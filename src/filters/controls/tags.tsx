import { useId } from 'react'
import { nextTagState, tagState, withTagState, type TagState } from '../search-values'
import { FieldSet, type ControlProps } from './field'

const tagStyles: Record<TagState, string> = {
  off: 'border-neutral-300 bg-white text-neutral-700 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-200',
  include:
    'border-emerald-600 bg-emerald-50 text-emerald-800 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-200',
  exclude: 'border-red-600 bg-red-50 text-red-800 line-through dark:border-red-500 dark:bg-red-950 dark:text-red-200',
}
const tagMarks: Record<TagState, string> = { off: '', include: '✓ ', exclude: '✕ ' }
const tagWords: Record<TagState, string> = { off: 'any', include: 'must have', exclude: 'must not have' }

/** A chip per tag, each cycling through must have, must not have and any. */
export function TagChips({ control, search, onChange }: ControlProps<'tags'>) {
  const id = useId()
  return (
    <FieldSet label={control.label} legendId={id}>
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
    </FieldSet>
  )
}
