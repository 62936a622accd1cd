// Multi-select over a list whose items are mostly not loaded. A Shift range is kept as index
// ranges, so "select 40 to 4,000" costs nothing and counts right before the pages arrive;
// single toggles are kept by key (with the index they had) and win over the ranges.

export interface Selection {
  /** Inclusive index ranges, sorted and merged. */
  ranges: readonly (readonly [number, number])[]
  /** Keys toggled on outside the ranges, with their index when toggled. */
  added: ReadonlyMap<string, number>
  /** Keys toggled off inside the ranges, with their index when toggled. */
  removed: ReadonlyMap<string, number>
  /** Where the next Shift range starts. */
  anchor: number | null
}

export const emptySelection: Selection = { ranges: [], added: new Map(), removed: new Map(), anchor: null }

function inRanges(ranges: Selection['ranges'], index: number): boolean {
  return ranges.some(([a, b]) => index >= a && index <= b)
}

function merge(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0])
  const out: [number, number][] = []
  for (const [a, b] of sorted) {
    const last = out[out.length - 1]
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}

export function isSelected(selection: Selection, index: number, key: string | undefined): boolean {
  if (key !== undefined) {
    if (selection.added.has(key)) return true
    if (selection.removed.has(key)) return false
  }
  return inRanges(selection.ranges, index)
}

/** How many items are selected, loaded or not; Infinity while the selection runs to an unknown end. */
export function selectedCount(selection: Selection): number {
  let n = 0
  for (const [a, b] of selection.ranges) n += b - a + 1
  return n + selection.added.size - selection.removed.size
}

/** Ctrl/Cmd+click or X: flips one item, and starts the next Shift range there. */
export function toggle(selection: Selection, index: number, key: string): Selection {
  const added = new Map(selection.added)
  const removed = new Map(selection.removed)
  const on = isSelected(selection, index, key)
  if (inRanges(selection.ranges, index)) {
    if (on) removed.set(key, index)
    else removed.delete(key)
  } else if (on) added.delete(key)
  else added.set(key, index)
  return { ranges: selection.ranges, added, removed, anchor: index }
}

/** Shift+click or Shift+arrow: everything from the anchor to `index` is selected. */
export function selectRange(selection: Selection, index: number): Selection {
  const anchor = selection.anchor ?? index
  const from = Math.min(anchor, index)
  const to = Math.max(anchor, index)
  const ranges = merge([...selection.ranges, [from, to]])
  // Keys added one by one inside the new range are now counted by the range.
  const added = new Map([...selection.added].filter(([, i]) => !inRanges(ranges, i)))
  const removed = new Map([...selection.removed].filter(([, i]) => i < from || i > to))
  return { ranges, added, removed, anchor }
}

/**
 * Ctrl/Cmd+A: every index of a list of `count` items, loaded or not. A list whose length is not
 * known yet (`exact` false: a cursor API, a gallery paged by project) is selected to its end,
 * wherever that turns out to be: the range is open, and an action walks it page by page.
 */
export function selectAll(count: number, exact = true): Selection {
  if (exact && count <= 0) return emptySelection
  return { ranges: [[0, exact ? count - 1 : Infinity]], added: new Map(), removed: new Map(), anchor: 0 }
}

/** The selected indexes in order, as inclusive spans (for resolving keys lazily, page by page). */
export function selectedSpans(selection: Selection): [number, number][] {
  return merge([...selection.ranges, ...[...selection.added.values()].map((i) => [i, i] as const)])
}

/** How many of the indexes `from` to `to` (inclusive) are selected, loaded or not. */
export function countInSpan(selection: Selection, from: number, to: number): number {
  let n = 0
  for (const [a, b] of selection.ranges) n += Math.max(0, Math.min(b, to) - Math.max(a, from) + 1)
  for (const i of selection.added.values()) if (i >= from && i <= to) n++
  for (const i of selection.removed.values()) if (i >= from && i <= to) n--
  return n
}

/** Selects (`on`) or unselects every index from `from` to `to` (inclusive), whatever was there. */
export function setSpan(selection: Selection, from: number, to: number, on: boolean): Selection {
  const outside = ([, i]: [string, number]) => i < from || i > to
  const added = new Map([...selection.added].filter(outside))
  const removed = new Map([...selection.removed].filter(outside))
  const ranges: [number, number][] = []
  for (const [a, b] of selection.ranges) {
    if (b < from || a > to) ranges.push([a, b])
    else {
      if (a < from) ranges.push([a, from - 1])
      if (b > to) ranges.push([to + 1, b])
    }
  }
  if (on) ranges.push([from, to])
  return { ranges: merge(ranges), added, removed, anchor: selection.anchor }
}
