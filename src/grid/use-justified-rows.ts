import { useCallback, useMemo, useState } from 'react'
import { justifiedTrack, LAYOUT_BLOCK, LayoutCache, type JustifiedTrack } from './justified-layout'

/**
 * The aspects a list's items had, by index, kept after the window drops their pages: a block laid
 * out once keeps its rows when the user scrolls away and back, instead of returning to estimated
 * rows (which would move everything after it twice). Forgotten when the list changes.
 */
class AspectMemory {
  private owner: unknown = null
  private blocks = new Map<number, Float32Array>()

  /** Reads `aspectOf` for loaded items and what was kept for the rest; `owner` names the list. */
  reader<TItem>(
    owner: unknown,
    itemAt: (index: number) => TItem | undefined,
    aspectOf: (item: TItem) => number,
  ): (index: number) => number | undefined {
    if (owner !== this.owner) {
      this.owner = owner
      this.blocks.clear()
    }
    return (index) => {
      const block = Math.floor(index / LAYOUT_BLOCK)
      let kept = this.blocks.get(block)
      const item = itemAt(index)
      if (item !== undefined) {
        if (!kept) {
          kept = new Float32Array(LAYOUT_BLOCK).fill(Number.NaN)
          this.blocks.set(block, kept)
        }
        const aspect = aspectOf(item)
        kept[index - block * LAYOUT_BLOCK] = aspect
        return aspect
      }
      const value = kept?.[index - block * LAYOUT_BLOCK]
      return value === undefined || Number.isNaN(value) ? undefined : value
    }
  }
}

interface JustifiedInput<TItem> {
  /** The list's window: its items, and its identity (a new window is a new list). */
  owner: unknown
  count: number
  itemAt: (index: number) => TItem | undefined
  /** An item's width over height; absent (or a square grid chosen) for no justified rows. */
  aspectOf: ((item: TItem) => number) | undefined
}

/** The rows for a width, a target height and a gap, or null for the square grid. */
export type JustifiedRowsFor = (width: number, target: number, gap: number) => JustifiedTrack | null

/**
 * Justified rows for a grid (justified-layout.ts): the track for the grid's measured width, tile
 * size and gap, or null while the grid is square (no aspects, or nothing measured yet: an unlaid
 * grid has no width to fill). Blocks are laid out once per size and kept in one cache.
 */
export function useJustifiedRows<TItem>({ owner, count, itemAt, aspectOf }: JustifiedInput<TItem>): JustifiedRowsFor {
  const [cache] = useState(() => new LayoutCache())
  const [memory] = useState(() => new AspectMemory())
  const aspectAt = useMemo(
    () => (aspectOf ? memory.reader(owner, itemAt, aspectOf) : null),
    [memory, owner, itemAt, aspectOf],
  )
  return useCallback(
    (width, target, gap) =>
      aspectAt && width > 0 && target > 0 ? justifiedTrack(count, aspectAt, { width, target, gap }, cache) : null,
    [aspectAt, count, cache],
  )
}
