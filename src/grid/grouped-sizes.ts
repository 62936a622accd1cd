import { useLayoutEffect, useState, type RefObject } from 'react'

// What a grouped grid reads from its scroller, headers and rows (they decide their size).

/** What the grid reads from its scroller, headers and rows. */
export interface Sizes {
  viewport: number
  /** The end-of-list line. */
  footer: number
  /** A row of tiles, with the gap below it. */
  row: number
  /** Each header measured, by group key. */
  headers: ReadonlyMap<string, number>
  /** For headers not measured yet: the first one measured. */
  header: number | null
}

// note: jsdom lays nothing out; these stand in until something is measured.
export const fallback = { viewport: 600, row: 200, header: 40 }
export const unmeasured: Sizes = {
  viewport: fallback.viewport,
  footer: 0,
  row: fallback.row,
  headers: new Map(),
  header: null,
}

/**
 * The sizes drawn in `el` (each header by its group key, a row of tiles, the viewport and the
 * footer line), or null when they are what `sizes` holds already.
 */
export function measureSizes(el: HTMLElement, footerEl: HTMLElement | null, sizes: Sizes): Sizes | null {
  const headers = new Map(sizes.headers)
  let header = sizes.header
  let changed = false
  for (const line of el.querySelectorAll<HTMLElement>('[data-group-key]')) {
    const height = line.getBoundingClientRect().height
    const key = line.dataset.groupKey ?? ''
    if (height <= 0 || Math.abs((headers.get(key) ?? -1) - height) < 0.5) continue
    headers.set(key, height)
    header ??= height
    changed = true
  }
  const tiles = el.querySelector<HTMLElement>('[data-grid-row]')?.getBoundingClientRect().height ?? 0
  const row = tiles > 0 ? tiles : sizes.row
  const viewport = el.clientHeight || fallback.viewport
  const footer = footerEl?.offsetHeight ?? 0
  if (changed || Math.abs(row - sizes.row) >= 0.5 || viewport !== sizes.viewport || footer !== sizes.footer) {
    return { viewport, footer, row, headers: changed ? headers : sizes.headers, header }
  }
  return null
}

/**
 * `ref`'s width, read before the first paint and again on every resize; null until measured (the
 * rows, and the row a kept place is in, depend on the columns).
 */
export function useWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(el.clientWidth)
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}
