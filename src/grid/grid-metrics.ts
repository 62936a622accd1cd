import { useEffect, useState } from 'react'

// What a grid reads from its CSS and its tiles: columns, gaps, padding, tile heights, viewport.

/** What the grid reads from its CSS and its tiles. */
export interface Metrics {
  columns: number
  rowHeight: number
  /** The cell width `rowHeight` was measured at. */
  cellWidth: number
  gap: number
  padding: number
  footer: number
  viewport: number
  /** Between the paddings: what justified rows fill. */
  width: number
}

// note: jsdom lays nothing out; these stand in until something is measured.
export const fallback: Metrics = {
  columns: 1,
  rowHeight: 200,
  cellWidth: 0,
  gap: 0,
  padding: 0,
  footer: 0,
  viewport: 600,
  width: 0,
}

export function sameMetrics(a: Metrics, b: Metrics): boolean {
  return (Object.keys(a) as (keyof Metrics)[]).every((key) => a[key] === b[key])
}

/**
 * Reads the grid's metrics (a forced layout: only when they may have changed). `known` is what
 * the rows are laid out for: its row height stands while the cell width is the same.
 */
export function readMetrics(
  el: HTMLElement,
  grid: HTMLElement,
  footer: HTMLElement | null,
  justifying: boolean,
  known: Metrics,
): Metrics {
  const style = getComputedStyle(grid)
  const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter(Boolean).length)
  const padding = parseFloat(style.paddingLeft) || 0
  const width = Math.max(0, grid.clientWidth - 2 * padding)
  const cells = grid.children
  // Justified rows are sized by their layout, not by their tiles: the width is what counts.
  const cellWidth = justifying ? width : cells[0] instanceof HTMLElement ? cells[0].offsetWidth : 0
  let rowHeight = cellWidth === known.cellWidth ? known.rowHeight : 0
  if (!justifying) {
    for (const cell of cells) {
      const tile = cell.firstElementChild
      if (tile instanceof HTMLElement) rowHeight = Math.max(rowHeight, tile.offsetHeight)
    }
  }
  return {
    columns,
    rowHeight: rowHeight || fallback.rowHeight,
    cellWidth,
    gap: parseFloat(style.rowGap) || 0,
    padding,
    footer: footer?.offsetHeight ?? 0,
    viewport: el.clientHeight || fallback.viewport,
    width,
  }
}

/** How many times `el` has changed size (a count to measure again by). */
export function useResizeCount(el: HTMLElement | null): number {
  const [count, setCount] = useState(0)
  useEffect(() => {
    if (!el) return
    const observer = new ResizeObserver(() => setCount((n) => n + 1))
    observer.observe(el)
    return () => observer.disconnect()
  }, [el])
  return count
}

/** How far beyond the screen a grid renders its tiles, in px (both grids). */
export const RENDER_MARGIN = { top: 600, bottom: 1200 } as const
