import type { RawSearch } from '../dialects/types'
import type { FilterControl } from '../dialects/filter-types'
import { formatDay } from '../ui/dates'

/** A param's one value (the first, should it be repeated). */
export function one(search: RawSearch, key: string): string | undefined {
  const value = search[key]
  return Array.isArray(value) ? value[0] : value
}

/** A repeated param's values (one value counts as a list of one). */
export function many(search: RawSearch, key: string): string[] {
  const value = search[key]
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** A copy of `search` with a repeated param set to `values` (in the options' order), or removed. */
export function withValues(search: RawSearch, key: string, values: readonly string[]): RawSearch {
  const next = { ...search }
  if (values.length === 0) delete next[key]
  else next[key] = [...values]
  return next
}

/** A copy of `search` with `key` set, or removed when the value is empty. */
export function withValue(search: RawSearch, key: string, value: string | undefined): RawSearch {
  const next = { ...search }
  if (value === undefined || value === '') delete next[key]
  else next[key] = value
  return next
}

function listOf(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : []
}

export type TagState = 'off' | 'include' | 'exclude'

export function tagState(search: RawSearch, control: Extract<FilterControl, { kind: 'tags' }>, tag: string): TagState {
  if (listOf(one(search, control.includeKey)).includes(tag)) return 'include'
  if (listOf(one(search, control.excludeKey)).includes(tag)) return 'exclude'
  return 'off'
}

/** Sets one tag's state, keeping the others and the option order of the control. */
export function withTagState(
  search: RawSearch,
  control: Extract<FilterControl, { kind: 'tags' }>,
  tag: string,
  state: TagState,
): RawSearch {
  const include = new Set(listOf(one(search, control.includeKey)))
  const exclude = new Set(listOf(one(search, control.excludeKey)))
  include.delete(tag)
  exclude.delete(tag)
  if (state === 'include') include.add(tag)
  if (state === 'exclude') exclude.add(tag)
  const ordered = (set: Set<string>) => control.options.filter((o) => set.has(o)).join(',')
  return withValue(withValue(search, control.includeKey, ordered(include)), control.excludeKey, ordered(exclude))
}

export const nextTagState: Record<TagState, TagState> = { off: 'include', include: 'exclude', exclude: 'off' }

export interface ActiveFilter {
  id: string
  label: string
  remove: (search: RawSearch) => RawSearch
}

/**
 * Every filter in effect, as removable chips, in the order of the controls; an `id-by-name`
 * filter reads its name from `names` (by key), its id until the name is known.
 */
export function activeFilters(
  controls: readonly FilterControl[],
  search: RawSearch,
  names: ReadonlyMap<string, string> = new Map(),
): ActiveFilter[] {
  const out: ActiveFilter[] = []
  for (const control of controls) {
    switch (control.kind) {
      case 'search':
      case 'text': {
        const value = one(search, control.key)
        if (value)
          out.push({
            id: control.key,
            label: `${control.label}: ${value}`,
            remove: (s) => withValue(s, control.key, undefined),
          })
        break
      }
      case 'id-by-name': {
        const value = search[control.key]
        if (value)
          out.push({
            id: control.key,
            label: `${control.label}: ${names.get(control.key) ?? value}`,
            remove: (s) => withValue(s, control.key, undefined),
          })
        break
      }
      case 'select': {
        const value = one(search, control.key)
        const option = control.options.find((o) => o.value === value)
        if (option)
          out.push({
            id: control.key,
            label: `${control.label}: ${option.label}`,
            remove: (s) => withValue(s, control.key, undefined),
          })
        break
      }
      case 'multi': {
        for (const value of many(search, control.key)) {
          const option = control.options.find((o) => o.value === value)
          if (!option) continue
          out.push({
            id: `${control.key}=${value}`,
            label: `${control.label}: ${option.label}`,
            remove: (s) =>
              withValues(
                s,
                control.key,
                many(s, control.key).filter((v) => v !== value),
              ),
          })
        }
        break
      }
      case 'tags': {
        for (const tag of listOf(one(search, control.includeKey))) {
          out.push({ id: `+${tag}`, label: `Tag: ${tag}`, remove: (s) => withTagState(s, control, tag, 'off') })
        }
        for (const tag of listOf(one(search, control.excludeKey))) {
          out.push({ id: `-${tag}`, label: `Not tag: ${tag}`, remove: (s) => withTagState(s, control, tag, 'off') })
        }
        break
      }
      case 'multi-select': {
        for (const value of multiValues(search, control)) {
          out.push({
            id: `${control.key}:${value}`,
            label: `${control.label}: ${multiLabel(control, value)}`,
            remove: (s) =>
              withMultiValues(
                s,
                control,
                multiValues(s, control).filter((v) => v !== value),
              ),
          })
        }
        break
      }
      case 'date-range': {
        if (!controlApplies(control, search)) break
        const from = one(search, control.fromKey)
        const to = one(search, control.toKey)
        if (from)
          out.push({
            id: control.fromKey,
            label: `${control.label} after ${formatDay(from)}`,
            remove: (s) => withValue(s, control.fromKey, undefined),
          })
        if (to)
          out.push({
            id: control.toKey,
            label: `${control.label} before ${formatDay(to)}`,
            remove: (s) => withValue(s, control.toKey, undefined),
          })
        break
      }
      case 'sort': {
        const field = one(search, control.fieldKey)
        const order = one(search, control.orderKey)
        if (field || order) {
          const fieldLabel = control.fields.find((f) => f.value === (field ?? control.defaultField))?.label ?? field
          const orderLabel = (order ?? control.defaultOrder) === 'asc' ? 'ascending' : 'descending'
          out.push({
            id: control.fieldKey,
            label: `Sort: ${fieldLabel}, ${orderLabel}`,
            remove: (s) => withValue(withValue(s, control.fieldKey, undefined), control.orderKey, undefined),
          })
        }
        break
      }
    }
  }
  return out
}

type MultiSelect = Extract<FilterControl, { kind: 'multi-select' }>

/** The values a multi-select holds: one under `singleKey`, several under `key`. */
export function multiValues(search: RawSearch, control: MultiSelect): string[] {
  const single = control.singleKey ? one(search, control.singleKey) : undefined
  return [...new Set([...(single ? [single] : []), ...listOf(one(search, control.key))])]
}

/** Sets a multi-select's values in the control's option order: one under `singleKey`, several under `key`. */
export function withMultiValues(search: RawSearch, control: MultiSelect, values: readonly string[]): RawSearch {
  const chosen = new Set(values)
  const ordered = control.groups.flatMap((g) => g.options.map((o) => o.value)).filter((v) => chosen.has(v))
  let next = withValue(search, control.key, undefined)
  if (control.singleKey) next = withValue(next, control.singleKey, undefined)
  if (ordered.length === 1 && control.singleKey) return withValue(next, control.singleKey, ordered[0])
  return withValue(next, control.key, ordered.join(','))
}

/** Whether a control applies to the current search (`when`: shown only beside another value). */
export function controlApplies(control: FilterControl, search: RawSearch): boolean {
  if (control.kind !== 'date-range' || !control.when) return true
  const value = search[control.when.key]
  return value === undefined ? control.when.isDefault : value === control.when.value
}

/** A label for an option value of a multi-select, falling back to the value itself. */
export function multiLabel(control: MultiSelect, value: string): string {
  for (const group of control.groups) {
    const option = group.options.find((o) => o.value === value)
    if (option) return option.label
  }
  return value
}
