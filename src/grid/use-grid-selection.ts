import { useCallback, useMemo, useState } from 'react'
import {
  emptySelection,
  isSelected,
  selectAll,
  selectRange,
  selectedCount,
  selectedSpans,
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
    }),
    [selection, toggleOne, extendTo, clear, all],
  )
}
