import { encodeQuery, type LenientValues, type RuleTable } from '../shared/query-rules'
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

type SortControl = Extract<FilterControl, { kind: 'sort' }>

/**
 * `common` and `fromCommon` for a dialect whose sort control's fields each mean one neutral sort
 * (`notions`), and whose free-text search, if it has one, is under `searchKey`. The parameter
 * names and defaults are the sort control's own.
 */
export function commonFilters<F, S extends string>(
  sort: SortControl,
  notions: Readonly<Record<S, NonNullable<CommonFilters['sort']>>>,
  parse: (raw: Readonly<Record<string, unknown>>) => F,
  searchKey?: string,
): Required<Pick<FilterSchema<F>, 'common' | 'fromCommon'>> {
  const fields = Object.keys(notions) as S[]
  return {
    common: (filters) => {
      const values = filters as Readonly<Record<string, unknown>>
      const field = (values[sort.fieldKey] ?? sort.defaultField) as S
      const search = searchKey === undefined ? undefined : (values[searchKey] as string | undefined)
      return {
        ...(search === undefined ? {} : { search }),
        sort: notions[field],
        order: (values[sort.orderKey] ?? sort.defaultOrder) as 'asc' | 'desc',
      }
    },
    fromCommon: (common) => {
      const field = fields.find((f) => notions[f] === common.sort)
      return parse({
        ...(searchKey === undefined ? {} : { [searchKey]: common.search }),
        [sort.fieldKey]: field,
        [sort.orderKey]: field ? common.order : undefined,
      })
    },
  }
}
