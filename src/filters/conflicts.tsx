import type { RawSearch } from '../dialects/types'
import type { FilterConflict, FilterControl } from '../dialects/filter-types'
import type { FilterChange } from './apply-change'
import { one, withValue } from './search-values'

/** The dialect's check for parameters the API refuses together (`FilterSchema.conflict`). */
export type ConflictCheck = (search: RawSearch) => FilterConflict | undefined

/** What keeps a control from taking a value: another filter already set, and why. */
export interface Blocker {
  key: string
  /** The blocking filter as a person reads it: "Privacy: Private". */
  label: string
  /** Its control's name, for "Clear privacy". */
  name: string
  reason: string
}

/** What blocks `key` from taking `value` beside the filters already set (bound by the panel). */
export type BlockedBy = (key: string, value: string) => Blocker | undefined

function controlKeys(control: FilterControl): string[] {
  switch (control.kind) {
    case 'tags':
      return [control.includeKey, control.excludeKey]
    case 'date-range':
      return [control.fromKey, control.toKey]
    case 'sort':
      return [control.fieldKey, control.orderKey]
    case 'multi-select':
      return control.singleKey ? [control.key, control.singleKey] : [control.key]
    default:
      return [control.key]
  }
}

function describe(controls: readonly FilterControl[], key: string, search: RawSearch): { label: string; name: string } {
  const control = controls.find((c) => controlKeys(c).includes(key))
  if (!control) return { label: key, name: key }
  const value = one(search, key)
  const option = control.kind === 'select' ? control.options.find((o) => o.value === value) : undefined
  return { label: option ? `${control.label}: ${option.label}` : control.label, name: control.label.toLowerCase() }
}

/**
 * Whether setting `key` to `value` would clash with a filter already in `search`: the blocking
 * filter and the reason, or undefined when the API would take it.
 */
export function blockerOf(
  check: ConflictCheck | undefined,
  controls: readonly FilterControl[],
  search: RawSearch,
  key: string,
  value: string,
): Blocker | undefined {
  const found = check?.(withValue(search, key, value))
  if (!found || !found.keys.includes(key)) return undefined
  const other = found.keys[0] === key ? found.keys[1] : found.keys[0]
  if (search[other] === undefined) return undefined
  return { key: other, ...describe(controls, other, search), reason: found.reason }
}

/** "X can't be combined with Y: why." and a button that clears Y. */
export function BlockedNote({
  id,
  what,
  blocker,
  search,
  onChange,
}: {
  id: string
  what: string
  blocker: Blocker
  search: RawSearch
  onChange: FilterChange
}) {
  return (
    <p id={id} className="mt-1 text-xs text-amber-900 dark:text-amber-200" data-blocked-by={blocker.key}>
      {what} can’t be combined with {blocker.label}: {blocker.reason}.{' '}
      <button
        type="button"
        className="underline hover:no-underline"
        onClick={() => onChange(withValue(search, blocker.key, undefined), { replace: false })}
      >
        Clear {blocker.name}
      </button>
    </p>
  )
}
