import type { RawSearch } from '../dialects/types'
import type { FilterControl } from '../dialects/filter-types'
import { parseIsoTimestamp } from '../shared/iso-time'
import { formatDay } from '../ui/dates'
import { controlApplies, one } from './search-values'

type DateRangeControl = Extract<FilterControl, { kind: 'date-range' }>

/**
 * Why a date range can match nothing, or undefined: both bounds are exclusive in every API, so
 * "after" must come strictly before "before". The values stay as typed; the field says so.
 */
export function invertedRangeProblem(control: DateRangeControl, search: RawSearch): string | undefined {
  const from = one(search, control.fromKey)
  const to = one(search, control.toKey)
  const start = from && parseIsoTimestamp(from)
  const end = to && parseIsoTimestamp(to)
  if (!start || !end || start < end) return undefined
  return `Before must be later than after: nothing was ${control.label.toLowerCase()} both after ${formatDay(from)} and before ${formatDay(to)}.`
}

/** The problem of each inverted date range in effect, for an empty result to explain itself. */
export function invertedRanges(controls: readonly FilterControl[], search: RawSearch): string[] {
  return controls.flatMap((control) => {
    if (control.kind !== 'date-range' || !controlApplies(control, search)) return []
    const problem = invertedRangeProblem(control, search)
    return problem ? [problem] : []
  })
}
