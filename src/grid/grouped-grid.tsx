import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from 'react'
import { GroupedVirtuoso, type GroupedVirtuosoHandle } from 'react-virtuoso'
import type { GroupRun } from './list-window'
import { layoutRows, moveInRows, type GroupSpan, type RowLayout } from './grouped-rows'
import { LoadErrorBanner } from './load-error-banner'
import { GroupSelectToggle, PlaceholderTile } from './tiles'
import type { GridPlace } from './use-grid-place'
import type { ListWindowHandle } from './use-list-window'
import { useGridNavigation, type GridLayout } from './use-grid-navigation'
import type { GridSelection } from './use-grid-selection'
import type { GridHandle, TileRenderArgs } from './virtual-grid'

interface GroupedGridProps<TItem> {
  /** A window whose spec has `groupOf`. */
  list: ListWindowHandle<TItem>
  renderTile: (args: TileRenderArgs<TItem>) => ReactNode
  /**
   * A group's sticky header, from its first item; `select` is the group's select-all checkbox
   * (null without a selection or `groupName`), for the header to place.
   */
  renderHeader: (run: GroupRun<TItem>, select: ReactNode) => ReactNode
  /** A group's name, for its checkbox's label ("Select all 37 in …"). */
  groupName?: (run: GroupRun<TItem>) => string
  noun: (count: number) => string
  place: GridPlace
  selection?: GridSelection | null
  ref?: Ref<GridHandle>
  /** Narrowest a tile may be, in CSS pixels; the container's width decides how many fit a row. */
  minTileWidth?: number
}

const GAP = 8
const PADDING = 8
const viewportMargin = { top: 600, bottom: 1200 }

/** Cells that fit a row of `width` pixels. */
export function columnsFor(width: number, minTileWidth: number): number {
  return Math.max(1, Math.floor((width - 2 * PADDING + GAP) / (minTileWidth + GAP)))
}

/**
 * The shared grid for grouped lists: rows of N tiles (N from the container's width) under a
 * sticky header per group, over the same bounded window, keyboard, selection and kept place as
 * the plain grid. Up and down cross group headers.
 */
export function GroupedGrid<TItem>({
  list,
  renderTile,
  renderHeader,
  noun,
  place,
  selection = null,
  ref,
  minTileWidth = 160,
  groupName,
}: GroupedGridProps<TItem>) {
  const virtuoso = useRef<GroupedVirtuosoHandle>(null)
  const scroller = useRef<HTMLElement | null>(null)
  const box = useRef<HTMLDivElement>(null)
  // null until measured: the rows (and the row a kept place is in) depend on the columns, so the
  // grid is laid out only once the real width is known, before the first paint.
  const [width, setWidth] = useState<number | null>(null)
  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    setWidth(el.clientWidth)
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  const columns = columnsFor(width || 800, minTileWidth)

  // Every group seen so far, then the slots still to come as one placeholder group.
  const spans: GroupSpan[] = useMemo(() => {
    const known = list.groups.map((g) => ({ start: g.start, count: g.count }))
    const last = list.groups[list.groups.length - 1]
    const knownEnd = last ? last.start + last.count : 0
    if (list.length > knownEnd) known.push({ start: knownEnd, count: list.length - knownEnd })
    return known
  }, [list.groups, list.length])
  const rows: RowLayout = useMemo(() => layoutRows(spans, columns), [spans, columns])
  const rowsRef = useRef(rows)
  useEffect(() => {
    rowsRef.current = rows
  }, [rows])

  const [rendered, setRendered] = useState({ startIndex: 0, endIndex: 0 })
  /** The first rows have been drawn (the footer waits for them). */
  const [drawn, setDrawn] = useState(false)
  const layout: GridLayout = useMemo(
    () => ({
      tileAt: (index) => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"][tabindex]`) ?? null,
      scrollTo: (index) => {
        const row = rowsRef.current.rowOf(index)
        if (row >= 0) virtuoso.current?.scrollToIndex({ index: row, align: 'center' })
      },
      columns: () => columnsFor(box.current?.clientWidth ?? 800, minTileWidth),
      rowsPerScreen: () => {
        const row = scroller.current?.querySelector<HTMLElement>('[data-grid-row]')
        return Math.floor((scroller.current?.clientHeight ?? 0) / Math.max(1, row?.offsetHeight ?? 1))
      },
      move: (press, index, rowsPerScreen) => moveInRows(press, index, rowsRef.current, rowsPerScreen),
    }),
    [minTileWidth],
  )
  const nav = useGridNavigation({
    count: list.length,
    exact: list.exact,
    layout,
    keyAt: list.keyAt,
    selection,
    rendered,
  })
  useImperativeHandle(
    ref,
    () => ({
      focusIndex: nav.focusIndex,
      scrollToIndex: (index) => {
        const row = rowsRef.current.rowOf(index)
        if (row >= 0) virtuoso.current?.scrollToIndex({ index: row, align: 'start' })
      },
    }),
    [nav.focusIndex],
  )

  // A place beyond the first page (Back to the gallery): the window walks its pages there, and the
  // grid scrolls to it once it is loaded. Meanwhile the top of the grid must not pull it back.
  const [restoring] = useState(() => {
    const saved = place.initial
    return saved && saved.index > 0 && list.itemAt(saved.index) === undefined ? saved.index : null
  })
  const restoringRef = useRef(restoring)
  const { show, jumpTo, itemAt } = list
  useEffect(() => {
    if (restoring !== null) jumpTo(restoring)
  }, [restoring, jumpTo])
  useEffect(() => {
    const target = restoringRef.current
    if (target === null || itemAt(target) === undefined) return
    const row = rows.rowOf(target)
    if (row < 0) return
    restoringRef.current = null
    virtuoso.current?.scrollToIndex({ index: row, align: 'start' })
  }, [rows, itemAt])

  const onRange = useCallback(
    (range: { startIndex: number; endIndex: number }) => {
      const { rows: all } = rowsRef.current
      const first = all[Math.max(0, range.startIndex)]
      const last = all[Math.min(all.length - 1, range.endIndex)]
      if (!first || !last) return
      const items = { startIndex: first.start, endIndex: last.end - 1 }
      setRendered(items)
      setDrawn(true)
      if (restoringRef.current === null) show(items)
    },
    [show],
  )

  // The kept place: the first loaded tile on screen once scrolling pauses.
  const { saveFrom } = place
  const keyAtRef = useRef(list.keyAt)
  useEffect(() => {
    keyAtRef.current = list.keyAt
  }, [list.keyAt])
  const onScroll = useCallback(
    () =>
      saveFrom(() => {
        const el = scroller.current
        if (!el) return null
        const top = el.getBoundingClientRect().top
        for (const tile of el.querySelectorAll<HTMLElement>('[data-grid-row] [data-index][tabindex]')) {
          const b = tile.getBoundingClientRect()
          if (b.top + b.height / 2 >= top) {
            const index = Number(tile.dataset.index)
            return { index, key: keyAtRef.current(index) }
          }
        }
        return null
      }),
    [saveFrom],
  )
  // The row the kept place is in, taken once, with the measured columns.
  const [initialRow, setInitialRow] = useState<number | null>(null)
  if (width !== null && initialRow === null) {
    const saved = place.initial
    setInitialRow(saved ? Math.max(0, rows.rowOf(saved.index)) : 0)
  }

  const failed = list.error !== null
  const loadedToEnd = list.exact && list.end >= list.count
  const footer = loadedToEnd
    ? `End of the list · ${noun(list.count)}`
    : failed
      ? 'Could not load more.'
      : 'Loading more…'
  const selecting = (selection?.count ?? 0) > 0

  return (
    <div ref={box} className="relative min-h-0 flex-1">
      {initialRow !== null && (
        <GroupedVirtuoso
          ref={virtuoso}
          scrollerRef={(el) => {
            scroller.current = el instanceof HTMLElement ? el : null
          }}
          onScroll={onScroll}
          style={{ height: '100%' }}
          groupCounts={rows.groupCounts}
          initialTopMostItemIndex={initialRow}
          increaseViewportBy={viewportMargin}
          rangeChanged={onRange}
          computeItemKey={(row) => {
            const span = rows.rows[row]
            return span ? (list.keyAt(span.start) ?? `slot-${span.start}`) : `row-${row}`
          }}
          components={{
            // Not before the first rows are drawn: drawn first, it would sit at the top and then be
            // pushed down by them (a layout shift on every first view).
            Footer: () =>
              !drawn ? null : (
                <p className="py-6 text-center text-sm text-neutral-600 dark:text-neutral-400">{footer}</p>
              ),
          }}
          groupContent={(g) => {
            const run = list.groups[g]
            return run ? (
              renderHeader(
                run,
                selection && groupName ? (
                  <GroupSelectToggle
                    selected={selection.countIn(run.start, run.start + run.count - 1)}
                    total={run.count}
                    groupName={groupName(run)}
                    onChange={(on) => selection.setSpan(run.start, run.start + run.count - 1, on)}
                  />
                ) : null,
              )
            ) : (
              <div className="bg-white px-3 py-2 text-sm text-neutral-600 dark:bg-neutral-950 dark:text-neutral-400">
                {failed ? 'Could not load more.' : 'Loading more…'}
              </div>
            )
          }}
          itemContent={(r) => {
            const row = rows.rows[r]
            if (!row) return null
            const cells: ReactNode[] = []
            for (let index = row.start; index < row.end; index++) {
              const item = list.itemAt(index)
              const key = list.keyAt(index)
              cells.push(
                item === undefined ? (
                  <PlaceholderTile key={`slot-${index}`} index={index} failed={failed} />
                ) : (
                  <div key={key}>
                    {renderTile({
                      item,
                      index,
                      tileProps: nav.tileProps(index),
                      selected: selection?.isSelected(index, key) ?? false,
                      selecting,
                      toggleSelected: () => {
                        if (key !== undefined) selection?.toggle(index, key)
                      },
                    })}
                  </div>
                ),
              )
            }
            return (
              <div
                data-grid-row={r}
                className="grid pb-2"
                style={{
                  gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                  gap: GAP,
                  paddingInline: PADDING,
                }}
              >
                {cells}
              </div>
            )
          }}
        />
      )}
      <LoadErrorBanner list={list} />
    </div>
  )
}
