// What a grid's scrubber knows of a sorted list's labels, headless and framework-free.
//
// A list sorted by a key is labelled by that key ("Mar 2021", "B", "Q 80–89"). The scrubber
// learns labels from the items the window has loaded (exact) and from single items sampled at
// chosen indexes. Between two known items of one sorted list the label can only lie between
// theirs, so:
// - both carry the same label: so does everything between them (exact);
// - their labels are neighbours (March and April): the nearer one is at most one label off;
// - farther apart: the scrubber says the range ("Mar 2021 – Jul 2021") and asks for a sample
//   in the middle, until the gap is down to neighbours or the sampling budget is spent.
// Nothing here is a guess that can be more than one label wrong. A list whose labels turn out
// not to follow the order (an API collating names its own way) is read from its known items
// alone, nearest first.

import { monthOf } from '../ui/dates'

/** An item's label under a sort. */
export interface SortLabel {
  /** What the scrubber shows: "Mar 2021", "B", "Q 80–89". */
  text: string
  /**
   * Orders the labels along the sort: one label, one rank; neighbouring labels (consecutive
   * months, letters, bands) differ by exactly 1.
   */
  rank: number
  /** The larger section the label belongs to, marked on the track: its year, else the label. */
  major: string
}

/** Labels an item under the list's current sort; null when the item has no key (no date). */
export type LabelOf<TItem> = (item: TItem) => SortLabel | null

/** A date sort: the item's month and year, in the user's time zone. */
export function monthLabel(iso: string | null | undefined): SortLabel | null {
  const month = iso ? monthOf(iso) : null
  return month ? { text: month.text, rank: month.year * 12 + month.month, major: String(month.year) } : null
}

/**
 * A name sort: the first character, ASCII letters folded to capitals (as SQLite's NOCASE and
 * most APIs collate); every digit is one label. Anything else is its own label.
 */
export function letterLabel(name: string): SortLabel | null {
  const first = String.fromCodePoint(name.trimStart().codePointAt(0) ?? 0)
  if (first === '\0') return null
  if (first >= '0' && first <= '9') return { text: '0–9', rank: 0x30, major: '0–9' }
  const folded = /[a-z]/.test(first) ? first.toUpperCase() : first
  return { text: folded, rank: folded.codePointAt(0) ?? 0, major: folded }
}

const QUALITY_BANDS = 10

/**
 * A quality sort, in bands of ten as tiles show scores ("Q87" is in "Q 80–89"). Images without
 * a score come last in either order, so their rank follows the order.
 */
export function qualityLabel(score: number | null, order: 'asc' | 'desc'): SortLabel {
  if (score === null) return { text: 'No score', rank: order === 'asc' ? QUALITY_BANDS : -1, major: 'No score' }
  const band = Math.min(QUALITY_BANDS - 1, Math.max(0, Math.floor(Math.round(score * 100) / 10)))
  const text = band === QUALITY_BANDS - 1 ? 'Q 90–100' : `Q ${band * 10}–${band * 10 + 9}`
  return { text, rank: band, major: text }
}

/** Indexes `from`..`to` are all known to carry `label`. */
interface Run {
  from: number
  to: number
  label: SortLabel
}

/** What is known, as disjoint runs in index order. */
export type Known = readonly Run[]

/** Whether the known labels follow the list's order (all ranks rising, or all falling). */
function isMonotone(known: Known): boolean {
  let up = true
  let down = true
  for (let i = 1; i < known.length; i++) {
    const step = (known[i] as Run).label.rank - (known[i - 1] as Run).label.rank
    if (step < 0) up = false
    if (step > 0) down = false
  }
  return up || down
}

/** The runs of `labels`, the labels of consecutive items from index `from` (null: no label). */
function runsOf(from: number, labels: readonly (SortLabel | null)[]): Run[] {
  const runs: Run[] = []
  labels.forEach((label, i) => {
    const last = runs[runs.length - 1]
    if (!label) return
    if (last && last.to === from + i - 1 && last.label.rank === label.rank) last.to++
    else runs.push({ from: from + i, to: from + i, label })
  })
  return runs
}

/**
 * What is known once the consecutive items from `from` are seen with `labels`: they replace
 * whatever was known at their indexes; runs of one label meet up where the order vouches for
 * the indexes between them.
 */
export function observe(known: Known, from: number, labels: readonly (SortLabel | null)[]): Known {
  const fresh = runsOf(from, labels)
  if (fresh.length === 0) return known
  const to = from + labels.length - 1
  const kept: Run[] = []
  for (const run of known) {
    if (run.to < from || run.from > to) kept.push(run)
    else {
      if (run.from < from) kept.push({ ...run, to: from - 1 })
      if (run.to > to) kept.push({ ...run, from: to + 1 })
    }
  }
  const all = [...kept, ...fresh].sort((a, b) => a.from - b.from)
  const ordered = isMonotone(all)
  const out: Run[] = []
  for (const run of all) {
    const last = out[out.length - 1]
    if (last && last.label.rank === run.label.rank && (ordered || last.to + 1 === run.from))
      out[out.length - 1] = { ...last, to: run.to }
    else out.push({ ...run })
  }
  return out
}

/** Index of the last run starting at or before `index`, or -1. */
function runBefore(known: Known, index: number): number {
  let lo = 0
  let hi = known.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((known[mid] as Run).from <= index) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export interface LabelAt {
  /** Null when nothing known lies on both sides. */
  text: string | null
  /** True when the label is known (loaded, sampled, or between two of one label). */
  exact: boolean
}

/** The label at `index` from what is known (see the top of this file). */
export function labelAt(known: Known, index: number): LabelAt {
  const at = runBefore(known, index)
  const prev = known[at]
  if (prev && prev.to >= index) return { text: prev.label.text, exact: true }
  const next = known[at + 1]
  if (!prev || !next) return { text: null, exact: false }
  const nearer = index - prev.to <= next.from - index ? prev : next
  if (!isMonotone(known)) return { text: nearer.label.text, exact: false }
  const apart = Math.abs(next.label.rank - prev.label.rank)
  if (apart === 0) return { text: prev.label.text, exact: true }
  if (apart === 1) return { text: nearer.label.text, exact: false }
  return { text: `${prev.label.text} – ${next.label.text}`, exact: false }
}

/**
 * What a grouped list's groups tell (a gallery's projects): each group is one label, ranked by
 * its place in the list, exact over all its items and a section of its own on the track.
 */
export function groupLabels<TGroup extends { start: number; count: number }>(
  groups: readonly TGroup[],
  textOf: (group: TGroup) => string,
): Known {
  return groups
    .filter((group) => group.count > 0)
    .map((group, rank) => {
      const text = textOf(group)
      return { from: group.start, to: group.start + group.count - 1, label: { text, rank, major: text } }
    })
}

/** `count` indexes spread evenly over a list of `length`, both ends included. */
export function samplePositions(length: number, count: number): number[] {
  if (length <= 0 || count <= 0) return []
  if (length === 1 || count === 1) return [0]
  const n = Math.min(count, length)
  const out = new Set<number>()
  for (let i = 0; i < n; i++) out.add(Math.round((i * (length - 1)) / (n - 1)))
  return [...out]
}

/**
 * Where to sample next: the middle of every gap whose two sides are more than one label apart,
 * the gap holding `near` first, then the widest; at most `limit`, none already `asked`.
 */
export function refinements(known: Known, asked: ReadonlySet<number>, limit: number, near?: number): number[] {
  if (limit <= 0 || !isMonotone(known)) return []
  const gaps: { mid: number; width: number; holds: boolean }[] = []
  for (let i = 1; i < known.length; i++) {
    const prev = known[i - 1] as Run
    const next = known[i] as Run
    const width = next.from - prev.to - 1
    if (width < 1 || Math.abs(next.label.rank - prev.label.rank) <= 1) continue
    const mid = prev.to + 1 + (width >> 1)
    if (asked.has(mid)) continue
    gaps.push({ mid, width, holds: near !== undefined && near > prev.to && near < next.from })
  }
  gaps.sort((a, b) => Number(b.holds) - Number(a.holds) || b.width - a.width)
  return gaps.slice(0, limit).map((g) => g.mid)
}

/** A mark on the track where a larger section (a year) begins. */
export interface Tick {
  index: number
  text: string
  /** False where the section begins somewhere in a gap between samples (drawn at its middle). */
  exact: boolean
}

/** Where each larger section begins, as far as it is known. */
export function ticks(known: Known): Tick[] {
  const out: Tick[] = []
  const first = known[0]
  if (first && first.from === 0) out.push({ index: 0, text: first.label.major, exact: true })
  for (let i = 1; i < known.length; i++) {
    const prev = known[i - 1] as Run
    const next = known[i] as Run
    if (prev.label.major === next.label.major) continue
    const exact = prev.to + 1 === next.from
    out.push({ index: exact ? next.from : Math.round((prev.to + 1 + next.from) / 2), text: next.label.major, exact })
  }
  return out
}

export type ScrubberStep = 'next' | 'prev' | 'next-major' | 'prev-major' | 'first' | 'last'

/**
 * Where a key moves the scrubber from `at`: to the first known item of the next or previous
 * label (or larger section), to the start of the current one first when `at` is past it.
 */
export function stepTarget(known: Known, at: number, step: ScrubberStep, length: number): number {
  const last = Math.max(0, length - 1)
  if (step === 'first') return 0
  if (step === 'last') return last
  const major = step === 'next-major' || step === 'prev-major'
  const starts: number[] = []
  let previous: string | undefined
  for (const run of known) {
    const key = major ? run.label.major : String(run.label.rank)
    if (key !== previous) starts.push(run.from)
    previous = key
  }
  if (step === 'next' || step === 'next-major') return Math.min(last, starts.find((s) => s > at) ?? last)
  const here = starts.filter((s) => s < at)
  return here[here.length - 1] ?? 0
}

/** The item at a fraction (0–1) of the track's height. */
export function indexAtFraction(fraction: number, length: number): number {
  if (length <= 0) return 0
  return Math.min(length - 1, Math.max(0, Math.floor(fraction * length)))
}
