import { useMemo, type RefObject } from 'react'
import { moveInRows, moveTarget } from './grid-keys'
import type { Metrics } from './grid-metrics'
import type { JustifiedTrack } from './justified-layout'
import {
  columnRows,
  contentTop,
  gridScale,
  rowOffset,
  type ItemRows,
  type Position,
  type RowScale,
} from './position-model'
import { useJustifiedRows } from './use-justified-rows'
import type { ListWindowHandle } from './use-list-window'
import type { GridLayout } from './use-grid-navigation'

/** Where a grid's rows are: the scale, which items each row holds, and the justified track if any. */
export interface Layout {
  scale: RowScale
  rows: ItemRows
  justified: JustifiedTrack | null
}

/**
 * The rows for `metrics`: justified at the tile size as the target height (given `aspectOf`, an
 * item's width over height), or an even grid of the columns the CSS made.
 */
export function useRowsLayout<TItem>(
  list: ListWindowHandle<TItem>,
  metrics: Metrics,
  tileWidth: number,
  cap: number,
  aspectOf: ((item: TItem) => number) | undefined,
): Layout {
  const count = list.length
  const rowsFor = useJustifiedRows({ owner: list.show, count, itemAt: list.itemAt, aspectOf })
  return useMemo(() => {
    const m = metrics
    const justified = rowsFor(m.width, tileWidth, m.gap)
    const capped = Math.max(cap, 2 * m.viewport)
    if (!justified)
      return { scale: gridScale({ ...m, count, cap: capped }), rows: columnRows(m.columns, count), justified }
    const scale = gridScale({
      track: justified,
      gap: m.gap,
      padding: m.padding,
      footer: m.footer,
      viewport: m.viewport,
      cap: capped,
    })
    return { scale, rows: justified, justified }
  }, [rowsFor, tileWidth, cap, count, metrics])
}

/** The latest of everything a grid's event handlers read, kept in a ref (no re-subscribing). */
export interface LiveGrid extends Layout {
  metrics: Metrics
  position: Position
  count: number
  /** The index keyboard navigation is at. */
  active: number
}

/**
 * How keyboard navigation reads a grid laid out by the position model: its tiles, rows and
 * moves, from `liveRef` as it is at the time of the key press (an even grid or justified rows).
 */
export function useGridLayout(
  liveRef: RefObject<LiveGrid>,
  scroller: RefObject<HTMLElement | null>,
  scrollToIndex: (index: number, align: 'start' | 'center') => void,
  seekTo: (y: number) => void,
): GridLayout {
  return useMemo(
    () => ({
      tileAt: (index) => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"][tabindex]`) ?? null,
      scrollTo: (index) => scrollToIndex(index, 'center'),
      reveal: (index) => {
        const { scale: now, metrics: m, position: at, rows: by } = liveRef.current
        seekTo(rowOffset(now, by.rowOf(index), 'nearest', m.viewport, contentTop(at)))
      },
      columns: () => liveRef.current.metrics.columns,
      rowsPerScreen: () => {
        const { metrics: m, justified: j, scale: now } = liveRef.current
        // Justified rows differ a little in height: their mean step.
        const step = j ? now.track.top(now.rows) / Math.max(1, now.rows) : m.rowHeight + m.gap
        return Math.floor(m.viewport / Math.max(1, step))
      },
      move: (press, index, rowsPerScreen) => {
        const { justified: j, metrics: m, count: n } = liveRef.current
        if (!j) return moveTarget(press, { index, count: n, columns: m.columns, rowsPerScreen })
        const spanOf = (i: number) => {
          const box = j.boxOf(i)
          return { left: box.left, right: box.left + box.width }
        }
        return moveInRows(press, {
          index,
          count: n,
          rowsPerScreen,
          rows: j.rows,
          rowOf: j.rowOf,
          itemsOf: j.itemsOf,
          spanOf,
        })
      },
    }),
    [liveRef, scroller, scrollToIndex, seekTo],
  )
}

/** The index of the tile with focus inside `grid`, if any. */
export function focusedIn(grid: HTMLElement | null): number | null {
  const active = document.activeElement
  return grid && active instanceof HTMLElement && grid.contains(active) && active.dataset.index !== undefined
    ? Number(active.dataset.index)
    : null
}
