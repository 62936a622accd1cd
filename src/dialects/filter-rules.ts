import { encodeQuery, lenientQuery, valueProblem, type LenientValues, type RuleTable } from '../shared/query-rules'
import type { RawSearch } from './types'
import type { CommonFilters, FilterControl, FilterSchema } from './filter-types'

// The plumbing every dialect's filter schema shares. A dialect's URL filters are some of its
// API's query parameters, read and written with the API's own rule table (src/shared): reading
// is `lenientQuery` over the picked rules, writing is `searchOf`.

/** The rules of `keys` from an API's table, in the order of `keys`: the order URLs are written in. */
export function pickRules<R extends RuleTable, const K extends keyof R>(table: R, keys: readonly K[]): Pick<R, K> {
  return Object.fromEntries(keys.map((key) => [key, table[key]])) as Pick<R, K>
}

/**
 * Filters as URL search params, in the rules' order, defaults and empty values omitted. A
 * repeated parameter stays a list even with one value, so it is written the same way.
 */
export function searchOf<R extends RuleTable>(rules: R, filters: LenientValues<R>): RawSearch {
  const out: RawSearch = {}
  for (const [key, value] of encodeQuery(rules, filters)) {
    const held = out[key]
    if (rules[key]?.repeated) out[key] = [...(Array.isArray(held) ? held : []), value]
    else out[key] = value
  }
  return out
}

/** `filters` without absent values and empty lists, keyed in the rules' order. */
export function compactFilters<R extends RuleTable>(rules: R, filters: LenientValues<R>): LenientValues<R> {
  const values = filters as Readonly<Record<string, unknown>>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(rules)) {
    const value = values[key]
    if (value !== undefined && (!Array.isArray(value) || value.length > 0)) out[key] = value
  }
  return out as LenientValues<R>
}

/** Parse and write filters with a rule table alone: `lenientQuery` and `searchOf` over `rules`. */
export function ruleReaders<R extends RuleTable>(rules: R): Pick<FilterSchema<LenientValues<R>>, 'parse' | 'toSearch'> {
  return { parse: (raw) => lenientQuery(rules, raw), toSearch: (filters) => searchOf(rules, filters) }
}

/** The choices of a select or multi control, from value → label, in the record's order. */
export function choices<V extends string>(labels: Readonly<Record<V, string>>): { value: V; label: string }[] {
  return (Object.entries(labels) as [V, string][]).map(([value, label]) => ({ value, label }))
}

/** A free-text search box over `key`, as long as the key's rule lets a value be. */
export function searchControl<R extends RuleTable>(
  rules: R,
  key: keyof R & string,
  placeholder: string,
  label = 'Search',
): FilterControl {
  const maxLength = (rules[key] as { readonly maxLength?: number } | undefined)?.maxLength
  if (maxLength === undefined) throw new Error(`The ${key} filter has no text rule with a maximum length.`)
  return { kind: 'search', key, label, placeholder, maxLength }
}

type IdByNameControl = Extract<FilterControl, { kind: 'id-by-name' }>

/**
 * A filter whose value is an id, picked by name; a typed or pasted id is checked with the key's
 * own rule. `within`: its choices belong to another filter's value (see FilterControl).
 */
export function idByName(
  rules: RuleTable,
  key: string,
  label: string,
  allLabel: string,
  within?: IdByNameControl['within'],
): IdByNameControl {
  const rule = rules[key]
  if (!rule) throw new Error(`No rule for the ${key} filter.`)
  const idProblem = (id: string) => valueProblem(rule, id)
  return { kind: 'id-by-name', key, label, allLabel, idProblem, ...(within ? { within } : {}) }
}

type SortControl = Extract<FilterControl, { kind: 'sort' }>
type CommonSort = NonNullable<CommonFilters['sort']>

/**
 * The sort control over `fieldKey` and `orderKey`, its defaults the rules' own. Each field is
 * labelled, and names the neutral sort it means (`common`) when it has one, so switching sources
 * keeps it. A field the rule refuses, or a rule without a default, is a mistake in the dialect.
 */
export function sortControl(
  rules: RuleTable,
  fieldKey: string,
  orderKey: string,
  fields: Readonly<Record<string, string | { label: string; common: CommonSort }>>,
  label = 'Sort',
): SortControl {
  const defaultOf = (key: string) => {
    const value = rules[key]?.default
    if (typeof value !== 'string') throw new Error(`The ${key} filter has no default.`)
    return value
  }
  const defaultOrder = defaultOf(orderKey)
  if (defaultOrder !== 'asc' && defaultOrder !== 'desc') throw new Error(`${orderKey} must default to asc or desc.`)
  const fieldRule = rules[fieldKey]
  return {
    kind: 'sort',
    fieldKey,
    orderKey,
    label,
    fields: Object.entries(fields).map(([value, field]) => {
      const problem = fieldRule ? valueProblem(fieldRule, value) : 'has no rule'
      if (problem !== undefined) throw new Error(`Sort field ${value}: ${fieldKey} ${problem}.`)
      return typeof field === 'string' ? { value, label: field } : { value, ...field }
    }),
    defaultField: defaultOf(fieldKey),
    defaultOrder,
  }
}

/**
 * A dialect's filter schema from its readers and controls. What carries over to another source
 * (`common`, `fromCommon`) is the free text of its search control, when it has one, and the
 * sort, when the sort control's fields name the neutral sorts they mean; a dialect with neither
 * keeps nothing when switching.
 */
export function filterSchema<F>(schema: Omit<FilterSchema<F>, 'common' | 'fromCommon'>): FilterSchema<F> {
  const searchKey = schema.controls.find((control) => control.kind === 'search')?.key
  const sort = schema.controls.find(
    (control): control is SortControl => control.kind === 'sort' && control.fields.some((f) => f.common),
  )
  if (searchKey === undefined && !sort) return schema
  return {
    ...schema,
    common: (filters) => {
      const values = filters as Readonly<Record<string, unknown>>
      const search = searchKey === undefined ? undefined : (values[searchKey] as string | undefined)
      const field = sort && (values[sort.fieldKey] ?? sort.defaultField)
      return {
        ...(search === undefined ? {} : { search }),
        ...(sort && {
          sort: sort.fields.find((f) => f.value === field)?.common,
          order: (values[sort.orderKey] ?? sort.defaultOrder) as 'asc' | 'desc',
        }),
      }
    },
    fromCommon: (common) => {
      const field = sort?.fields.find((f) => f.common !== undefined && f.common === common.sort)?.value
      return schema.parse({
        ...(searchKey === undefined ? {} : { [searchKey]: common.search }),
        ...(sort && { [sort.fieldKey]: field, [sort.orderKey]: field ? common.order : undefined }),
      })
    },
  }
}
