import type { MouseEvent } from 'react'
import type { TileProps } from './use-grid-navigation'
import type { GridSelection } from './use-grid-selection'

// What a grid and the view drawing its tiles hand each other.

export interface GridHandle {
  /** Scrolls to an index (loading it when needed) and focuses its tile. */
  focusIndex: (index: number) => void
  /** Scrolls an index to the top of the grid without moving focus. */
  scrollToIndex: (index: number) => void
}

export interface TileRenderArgs<TItem> {
  item: TItem
  index: number
  /** Spread onto the tile's focusable element. */
  tileProps: TileProps
  selected: boolean
  /** Anything is selected: tiles show their checkboxes. */
  selecting: boolean
  toggleSelected: () => void
  /**
   * The tile's width in CSS px once the grid has measured it (each tile its own in justified
   * rows), for its image's `sizes`: see `tileSizes`.
   */
  width?: number | undefined
}

/** What a grid gives the view's `renderTile` for the item at `index`. */
export function tileArgs<TItem>(
  item: TItem,
  index: number,
  key: string | undefined,
  tileProps: TileProps,
  selection: GridSelection | null,
  width?: number,
): TileRenderArgs<TItem> {
  return {
    item,
    index,
    tileProps,
    selected: selection?.isSelected(index, key) ?? false,
    selecting: (selection?.count ?? 0) > 0,
    toggleSelected: () => {
      if (key !== undefined) selection?.toggle(index, key)
    },
    width,
  }
}

/**
 * The props of a tile's link that opens its item: the grid's own (focus, selection gestures),
 * and a plain click that opens the item in place (a middle click or Alt is left to the
 * browser). `preview`, the item's own colour sent with the listing, shows until its image is in.
 */
export function openingTileProps(tileProps: TileProps, open: () => void, preview: string | undefined) {
  return {
    ...tileProps,
    onClick: (e: MouseEvent<HTMLElement>) => {
      tileProps.onClick(e)
      if (e.defaultPrevented || e.button !== 0 || e.altKey) return
      e.preventDefault()
      open()
    },
    'data-preview': preview,
    style: preview ? { backgroundColor: preview } : undefined,
  }
}
