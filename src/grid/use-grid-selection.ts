import { useCallback, useMemo, useState } from 'react'
import {
  countInSpan,
  emptySelection,
  isSelected,
  selectAll,
  selectRange,
  selectedCount,
  selectedSpans,
  setSpan,
  toggle,
  type Selection,
} from './selection'

export interface GridSelection {
  selection: Selection
  /** How many items are selected, loaded or not; Infinity for "all" of a list of unknown length. */
  count: number
  isSelected: (index: number, key: string | undefined) => boolean
  toggle: (index: number, key: string) => void
  /** Selects from the range anchor (or `from` when there is none yet) to `index`. */
  extendTo: (index: number, from: number) => void
  clear: () => void
  /** Selects every item of a list of `count`, loaded or not; to its end when not `exact`. */
  selectAll: (count: number, exact?: boolean) => void
  /** Selected indexes in order, as inclusive spans. */
  spans: () => [number, number][]
  /** How many of the indexes `from` to `to` (inclusive) are selected. */
  countIn: (from: number, to: number) => number
  /** Selects or unselects every index from `from` to `to` (a whole group). */
  setSpan: (from: number, to: number, on: boolean) => void
}

/** Selection state for one list; key the owner by the list so new filters start empty. */
export function useGridSelection(): GridSelection {
  const [selection, setSelection] = useState<Selection>(emptySelection)
  const toggleOne = useCallback((index: number, key: string) => setSelection((s) => toggle(s, index, key)), [])
  const extendTo = useCallback(
    (index: number, from: number) =>
      setSelection((s) => selectRange(s.anchor === null ? { ...s, anchor: from } : s, index)),
    [],
  )
  const clear = useCallback(() => setSelection(emptySelection), [])
  const all = useCallback((count: number, exact?: boolean) => setSelection(selectAll(count, exact)), [])
  const span = useCallback((from: number, to: number, on: boolean) => setSelection((s) => setSpan(s, from, to, on)), [])
  return useMemo(
    () => ({
      selection,
      count: selectedCount(selection),
      isSelected: (index: number, key: string | undefined) => isSelected(selection, index, key),
      toggle: toggleOne,
      extendTo,
      clear,
      selectAll: all,
      spans: () => selectedSpans(selection),
      countIn: (from: number, to: number) => countInSpan(selection, from, to),
      setSpan: span,
    }),
    [selection, toggleOne, extendTo, clear, all, span],
  )
}
