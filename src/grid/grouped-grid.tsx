import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ReactNode, Ref } from 'react'
import type { GroupRun } from './list-window'
import {
  anchorIn,
  columnsFor,
  GAP,
  itemsOf,
  layoutRows,
  lineOf,
  moveInGroups,
  spansOf,
  PADDING,
  type GroupedScale,
  type RowLayout,
} from './grouped-rows'
import { tileArgs, type GridHandle, type TileRenderArgs } from './grid-tile'
import { RENDER_MARGIN } from './grid-metrics'
import { fallback, measureSizes, unmeasured, useWidth } from './grouped-sizes'
import { listFooter } from './list-states'
import { GridFrame } from './grid-frame'
import { contentTop, gridScale, rowAt, rowTop, rowTrack } from './position-model'
import { Scrubber } from './scrubber'
import { groupLabels } from './scrubber-model'
import { GroupSelectToggle, PlaceholderTile } from './tiles'
import type { GridPlace } from './use-grid-place'
import type { ListWindowHandle } from './use-list-window'
import { useGridNavigation, type GridLayout } from './use-grid-navigation'
import type { GridSelection } from './use-grid-selection'
import { useKeptPlace } from './use-kept-place'
import { scrollerCap, useScaledScroll } from './use-scaled-scroll'
import { useScrubbing } from './use-scrubbing'

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
  /**
   * A scrubber beside the grid, labelling each group by `labelOf` (a gallery's project name)
   * over the groups seen so far; its keys move by groups.
   */
  scrubber?: { labelOf: (run: GroupRun<TItem>) => string } | undefined
  ref?: Ref<GridHandle>
  /** Narrowest a tile may be, in CSS pixels; the container's width decides how many fit a row. */
  minTileWidth?: number
  /** An item's preview colour, shown while the grid flies past too fast to draw tiles. */
  previewOf?: (item: TItem) => string | undefined
}

/** The group of the slots past the pages seen so far. */
const PENDING_GROUP = '\u0000pending'

/**
 * The shared grid for grouped lists: rows of N tiles (N from the container's width) under a
 * sticky header per group, over the same bounded window, keyboard, selection and kept place as
 * the plain grid. Up and down cross group headers. Headers and rows are placed by the position
 * model, so a library of any size keeps the scroller under the browsers' height cap.
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
  scrubber,
  previewOf,
}: GroupedGridProps<TItem>) {
  const box = useRef<HTMLDivElement>(null)
  const footerEl = useRef<HTMLParagraphElement>(null)
  // null until measured: the rows (and the row a kept place is in) depend on the columns, so the
  // kept place is sought only once the real width is known, before the first paint.
  const width = useWidth(box)
  const columns = columnsFor(width || 800, minTileWidth)

  const spans = useMemo(() => spansOf(list.groups, list.length), [list.groups, list.length])
  const layout: RowLayout = useMemo(() => layoutRows(spans, columns), [spans, columns])
  const groupKey = useCallback((group: number) => list.groups[group]?.key ?? PENDING_GROUP, [list.groups])

  const [cap] = useState(scrollerCap)
  const [sizes, setSizes] = useState(unmeasured)
  const scale: GroupedScale = useMemo(() => {
    const { group, row } = layout.lines
    const heights = new Float64Array(group.length)
    const header = sizes.header ?? fallback.header
    for (let line = 0; line < heights.length; line++) {
      heights[line] = (row[line] ?? 0) < 0 ? (sizes.headers.get(groupKey(group[line] ?? 0)) ?? header) : sizes.row
    }
    const shape = { track: rowTrack(heights), gap: 0, padding: 0, footer: sizes.footer, viewport: sizes.viewport }
    return { ...gridScale({ ...shape, cap: Math.max(cap, 2 * sizes.viewport) }), layout }
  }, [layout, sizes, groupKey, cap])

  const { scroller, scrollerRef, scrollerEl, position, seeking, seekTo, live, resized } = useScaledScroll(
    scale,
    anchorIn,
  )

  /** Covered by its group's sticky header when a row is at the top: the header's height. */
  const cover = useCallback((at: GroupedScale, line: number) => {
    const { lines, headerLine } = at.layout
    return (lines.row[line] ?? -1) < 0 ? 0 : at.track.height(headerLine(lines.group[line] ?? 0))
  }, [])
  const scrollToIndex = useCallback(
    (index: number, align: 'start' | 'center') => {
      const now = live().scale
      const line = lineOf(now, index)
      if (line < 0) return
      const top = rowTop(now, line)
      const viewport = scroller()?.clientHeight || fallback.viewport
      seekTo(align === 'start' ? top - cover(now, line) : top - (viewport - now.track.height(line)) / 2)
    },
    [live, scroller, seekTo, cover],
  )

  const layoutRef = useRef(layout)
  useEffect(() => {
    layoutRef.current = layout
  }, [layout])
  const gridLayout: GridLayout = useMemo(
    () => ({
      tileAt: (index) => scroller()?.querySelector<HTMLElement>(`[data-index="${index}"][tabindex]`) ?? null,
      scrollTo: (index) => scrollToIndex(index, 'center'),
      reveal: (index) => {
        const { scale: now, position: at } = live()
        const line = lineOf(now, index)
        if (line < 0) return
        const top = rowTop(now, line)
        const y = contentTop(at)
        const viewport = scroller()?.clientHeight || fallback.viewport
        const covered = cover(now, line)
        if (top - covered < y) seekTo(top - covered)
        else if (top + now.track.height(line) > y + viewport) seekTo(top + now.track.height(line) - viewport)
      },
      columns: () => columnsFor(box.current?.clientWidth ?? 800, minTileWidth),
      rowsPerScreen: () => {
        const rowHeight = live().scale.track.height(live().scale.layout.rowLine(0))
        return Math.floor((scroller()?.clientHeight ?? 0) / Math.max(1, rowHeight))
      },
      move: (press, index, rowsPerScreen) => moveInGroups(press, index, layoutRef.current, rowsPerScreen),
    }),
    [minTileWidth, scrollToIndex, live, scroller, seekTo, cover],
  )

  const y = contentTop(position)
  const { lines } = scale.layout
  const firstLine = rowAt(scale, y - RENDER_MARGIN.top)
  const lastLine = scale.rows === 0 ? -1 : rowAt(scale, y + sizes.viewport + RENDER_MARGIN.bottom)
  const rendered = useMemo(() => itemsOf(layout, firstLine, lastLine), [layout, firstLine, lastLine])
  // The group at the top, once its header has scrolled away: its header sticks there instead.
  const topGroup = scale.rows === 0 ? -1 : (lines.group[rowAt(scale, y)] ?? -1)
  const stickyGroup = topGroup >= 0 && y - rowTop(scale, scale.layout.headerLine(topGroup)) > 0.5 ? topGroup : -1

  const nav = useGridNavigation({
    count: list.length,
    exact: list.exact,
    layout: gridLayout,
    keyAt: list.keyAt,
    selection,
    rendered,
  })
  useImperativeHandle(
    ref,
    () => ({ focusIndex: nav.focusIndex, scrollToIndex: (index) => scrollToIndex(index, 'start') }),
    [nav.focusIndex, scrollToIndex],
  )

  // The kept place (reload, Back to the gallery). One beyond the pages held: the window walks its
  // pages there, and the grid goes to it once it is loaded (its group's rows are known only
  // then). Meanwhile the top of the grid must not pull the window back.
  const { show, jumpTo, itemAt } = list
  const [restoring] = useState(() => {
    const saved = place.initial
    return saved && saved.index > 0 && itemAt(saved.index) === undefined ? saved.index : null
  })
  const target = useRef(place.initial && place.initial.index > 0 ? place.initial.index : null)
  useEffect(() => {
    if (restoring !== null) jumpTo(restoring)
  }, [restoring, jumpTo])
  useLayoutEffect(() => {
    const index = target.current
    if (width === null || index === null || itemAt(index) === undefined || layout.rowOf(index) < 0) return
    target.current = null
    scrollToIndex(index, 'start')
  }, [width, layout, itemAt, scrollToIndex])
  useEffect(() => {
    if (target.current === null && rendered.endIndex >= rendered.startIndex) show(rendered)
  }, [rendered, show])

  // Reads the scroller's height, the footer's, and the headers and rows drawn, after every
  // change of what is drawn: headers and tiles decide their size.
  useLayoutEffect(() => {
    const el = scroller()
    if (!el) return
    const next = measureSizes(el, footerEl.current, sizes)
    if (next) setSizes(next)
  }, [sizes, scroller, firstLine, lastLine, stickyGroup, seeking, resized, list])

  useKeptPlace(scrollerEl, list, place, '[data-grid-row] [data-index][tabindex]', false)

  const failed = list.error !== null
  const footer = listFooter(list, noun)

  const header = (group: number): ReactNode => {
    const run = list.groups[group]
    if (!run) {
      return (
        <div className="bg-white px-3 py-2 text-sm text-neutral-600 dark:bg-neutral-950 dark:text-neutral-400">
          {failed ? 'Could not load more.' : 'Loading more…'}
        </div>
      )
    }
    const select =
      selection && groupName ? (
        <GroupSelectToggle
          selected={selection.countIn(run.start, run.start + run.count - 1)}
          total={run.count}
          groupName={groupName(run)}
          onChange={(on) => selection.setSpan(run.start, run.start + run.count - 1, on)}
        />
      ) : null
    return renderHeader(run, select)
  }

  const drawn: ReactNode[] = []
  for (let line = firstLine; line <= lastLine; line++) {
    const group = lines.group[line] ?? 0
    const r = lines.row[line] ?? -1
    const row = scale.layout.rows[r]
    if (!row) {
      const key = groupKey(group)
      drawn.push(
        group === stickyGroup ? (
          // Its header is stuck at the top; this keeps its place.
          <div key={`spacer-${key}`} style={{ height: scale.track.height(line) }} />
        ) : (
          <div key={`header-${key}`} data-group-key={key}>
            {header(group)}
          </div>
        ),
      )
      continue
    }
    const cells: ReactNode[] = []
    for (let index = row.start; index < row.end; index++) {
      const loaded = itemAt(index)
      const item = seeking ? undefined : loaded
      const key = list.keyAt(index)
      cells.push(
        item === undefined ? (
          <PlaceholderTile
            key={`slot-${index}`}
            index={index}
            failed={failed}
            preview={loaded && previewOf?.(loaded)}
          />
        ) : (
          <div key={key}>{renderTile(tileArgs(item, index, key, nav.tileProps(index), selection))}</div>
        ),
      )
    }
    drawn.push(
      <div
        key={list.keyAt(row.start) ?? `slot-${row.start}`}
        data-grid-row={r}
        className="grid pb-2"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: GAP, paddingInline: PADDING }}
      >
        {cells}
      </div>,
    )
  }

  // The scrubber takes the scrollbar's place below the sticky header (its controls stay uncovered).
  const labelOf = scrubber?.labelOf
  const labels = useMemo(() => (labelOf ? groupLabels(list.groups, labelOf) : []), [list.groups, labelOf])
  const scrubbing = useScrubbing(labelOf !== undefined && list.length > 0, scale.content, sizes.viewport)
  const headerRoom = Math.max(sizes.header ?? fallback.header, ...sizes.headers.values())
  const shown = itemsOf(layout, rowAt(scale, y), rowAt(scale, y + sizes.viewport - 1))
  const scrub = scrubbing && (
    <Scrubber
      list={list}
      known={labels}
      top={headerRoom}
      visible={{ first: shown.startIndex, last: Math.max(shown.startIndex, shown.endIndex) }}
      onSeek={(index) => scrollToIndex(index, 'start')}
    />
  )

  return (
    <GridFrame
      list={list}
      boxRef={box}
      scrollerRef={scrollerRef}
      scale={scale}
      lead={
        // The top group's header, over the rows; as tall as nothing, so it adds no height.
        <div className="sticky top-0 z-10 h-0">
          {stickyGroup >= 0 && <div data-group-key={groupKey(stickyGroup)}>{header(stickyGroup)}</div>}
        </div>
      }
      footer={footer}
      footerRef={footerEl}
      footerTop={rowTop(scale, scale.rows) - position.base}
      scrub={scrub}
    >
      <div className="absolute inset-x-0" style={{ top: rowTop(scale, firstLine) - position.base }}>
        {drawn}
      </div>
    </GridFrame>
  )
}
