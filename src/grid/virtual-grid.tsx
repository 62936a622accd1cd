import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ReactNode, Ref } from 'react'
import { focusedIn, useGridLayout, useRowsLayout, type LiveGrid } from './grid-layout'
import { tileArgs, type GridHandle, type TileRenderArgs } from './grid-tile'
import { fallback, readMetrics, RENDER_MARGIN, sameMetrics, useResizeCount } from './grid-metrics'
import { listFooter } from './list-states'
import { GridFrame } from './grid-frame'
import {
  anchorAt,
  anchoredTop,
  columnRows,
  contentTop,
  gridScale,
  rowAt,
  rowOffset,
  rowTop,
  seek,
  type Position,
} from './position-model'
import { Scrubber } from './scrubber'
import type { LabelOf } from './scrubber-model'
import { PlaceholderTile } from './tiles'
import { useDensityGestures, type Density } from './use-density'
import type { GridPlace } from './use-grid-place'
import type { ListWindowHandle } from './use-list-window'
import { useGridNavigation } from './use-grid-navigation'
import type { GridSelection } from './use-grid-selection'
import { useKeptPlace } from './use-kept-place'
import { useHeldPlace, usePlaceThroughReshape } from './use-place-through-reshape'
import { scrollerCap, useFollowScroll, useMoveTo } from './use-scaled-scroll'
import { useScrubbing } from './use-scrubbing'

interface VirtualGridProps<TItem> {
  list: ListWindowHandle<TItem>
  renderTile: (args: TileRenderArgs<TItem>) => ReactNode
  /** "asset" — for the end-of-list line. */
  noun: (count: number) => string
  place: GridPlace
  selection?: GridSelection | null
  /** A scrubber beside the grid, labelling items by the list's sort key. */
  scrubber?: { labelOf: LabelOf<TItem> } | undefined
  ref?: Ref<GridHandle>
  /** An item's preview colour, shown while the grid flies past too fast to draw tiles. */
  previewOf?: (item: TItem) => string | undefined
  /** The tiles' size; Ctrl + wheel, a pinch and Ctrl + `+` / `-` over the grid change it. */
  density: Density
  /**
   * An item's width over height: the grid lays its tiles out in rows that keep each image's
   * shape (justified), unless the user picked square tiles (`density.shape`).
   */
  aspectOf?: ((item: TItem) => number) | undefined
}

/** How far justified cells' origin moves at a time (see `origin`). */
const ORIGIN_STEP = 20_000

/**
 * The shared virtualized grid: a bounded window's items as tiles the view draws, with keyboard
 * navigation, multi-select gestures, the kept scroll place, and a failed-load banner that
 * clears itself once loading works again. Rows are placed by the position model, so lists of
 * any length keep the scroller under the browsers' height cap and every item reachable.
 */
export function VirtualGrid<TItem>({
  list,
  renderTile,
  noun,
  place,
  selection = null,
  scrubber,
  ref,
  previewOf,
  density,
  aspectOf,
}: VirtualGridProps<TItem>) {
  const scroller = useRef<HTMLDivElement | null>(null)
  const gridEl = useRef<HTMLDivElement | null>(null)
  const footerEl = useRef<HTMLParagraphElement | null>(null)
  const [cap] = useState(scrollerCap)
  const [metrics, setMetrics] = useState(fallback)
  const [position, setPosition] = useState<Position>({ scrollTop: 0, base: 0 })
  const [seeking, setSeeking] = useState(false)
  const [scrollerEl, setScrollerEl] = useState<HTMLElement | null>(null)
  // Only the place at mount counts; later ones are the user's own scrolling. A list without a
  // total (cursor APIs) knows the length of the pages kept with the place; beyond it, the top.
  const [initialIndex] = useState(() => {
    const saved = place.initial
    return saved && saved.index < list.length ? saved.index : 0
  })

  const count = list.length
  const tileWidth = density.width
  const justifying = aspectOf !== undefined && density.shape === 'justified'
  const shaped = useRowsLayout(list, metrics, tileWidth, cap, justifying ? aspectOf : undefined)
  const { scale, rows, justified } = shaped

  // The latest of everything the event handlers read, without re-subscribing them.
  const live = useRef<LiveGrid>({ scale, rows, justified, metrics, position, count, active: 0 })
  useLayoutEffect(() => {
    Object.assign(live.current, { scale, rows, justified, metrics, count })
  }, [scale, rows, justified, metrics, count])

  const { moveTo, seekTo } = useMoveTo(live, scroller, setPosition)

  const scrollToIndex = useCallback(
    (index: number, align: 'start' | 'center') => {
      const { scale: now, metrics: m, rows: at } = live.current
      seekTo(rowOffset(now, at.rowOf(index), align, m.viewport))
    },
    [seekTo],
  )

  // The viewport's size changes without a render: measure again.
  const tick = useResizeCount(scrollerEl)

  const holdingRef = useHeldPlace(scrollerEl, initialIndex)
  const size = `${metrics.width} ${tileWidth} ${density.shape}`
  const measured = metrics.cellWidth > 0
  usePlaceThroughReshape({
    shaped,
    size,
    measured,
    initialIndex,
    holding: holdingRef,
    live,
    gridEl,
    scrollToIndex,
    seekTo,
    moveTo,
  })

  // The user's scrolling: followed through the model, with fast flings left to placeholders.
  useFollowScroll(scrollerEl, live, moveTo, setPosition, setSeeking)

  const y = contentTop(position)
  const firstRow = rowAt(scale, y - RENDER_MARGIN.top)
  const lastRow = rowAt(scale, y + metrics.viewport + RENDER_MARGIN.bottom)
  const rendered = useMemo(
    () =>
      count === 0
        ? { startIndex: 0, endIndex: -1 }
        : { startIndex: rows.itemsOf(firstRow).start, endIndex: Math.min(count - 1, rows.itemsOf(lastRow).end - 1) },
    [rows, count, firstRow, lastRow],
  )
  const { startIndex, endIndex } = rendered

  useDensityGestures(scrollerEl, density)
  // The metrics the kept position is laid out for. Not the state: React can run the effect below
  // again before the state its last run set has rendered (seen on a place restored at a reload).
  const laidOut = useRef(fallback)

  // Reads columns, gaps and tile heights from the CSS (tiles decide their size) when they may have
  // changed: the viewport's size, the tile size, the list (new items, a first real tile), fast
  // scrolling's placeholders coming or going. Not on every scroll: each read forces a layout.
  useLayoutEffect(() => {
    const el = scroller.current
    const grid = gridEl.current
    if (!el || !grid) return
    const next = readMetrics(el, grid, footerEl.current, justifying, laidOut.current)
    if (!sameMetrics(next, metrics)) setMetrics(next)
    const known = laidOut.current
    if (sameMetrics(next, known)) return
    laidOut.current = next
    const reshaped = (['columns', 'rowHeight', 'gap', 'padding'] as const).some((key) => next[key] !== known[key])
    // Justified rows keep their place as their layout changes (above).
    if (!reshaped || justifying) return
    // The rows change shape: the focused (or centre) item stays where it is on screen, placed in
    // the same render as the new rows, so the focused tile is never dropped from the DOM between.
    const focused = focusedIn(grid)
    const at = live.current.position
    const anchor = anchorAt(gridScale({ ...known, count, cap: Math.max(cap, 2 * known.viewport) }), {
      rows: columnRows(known.columns, count),
      count,
      y: contentTop(at),
      viewport: known.viewport,
      focused,
      prefer: known.cellWidth === 0 ? 'first' : 'centre',
    })
    const after = gridScale({ ...next, count, cap: Math.max(cap, 2 * next.viewport) })
    const placed = seek(after, at, anchoredTop(after, columnRows(next.columns, count), anchor))
    live.current.position = placed
    setPosition(placed)
  }, [metrics, list, count, cap, seeking, tick, tileWidth, justifying])

  const layout = useGridLayout(live, scroller, scrollToIndex, seekTo)
  const nav = useGridNavigation({
    count,
    exact: list.exact,
    layout,
    keyAt: list.keyAt,
    selection,
    rendered,
  })
  useLayoutEffect(() => {
    live.current.active = nav.active
  }, [nav.active])
  const { focusIndex } = nav
  useImperativeHandle(
    ref,
    () => ({
      focusIndex: (index) => {
        holdingRef.current = false
        focusIndex(index)
      },
      scrollToIndex: (index) => {
        holdingRef.current = false
        scrollToIndex(index, 'start')
      },
    }),
    [focusIndex, scrollToIndex, holdingRef],
  )

  const { show } = list
  useEffect(() => {
    if (rendered.endIndex >= rendered.startIndex) show(rendered)
  }, [rendered, show])

  useKeptPlace(scrollerEl, list, place, '.virtuoso-grid-item [data-index][tabindex]', true)

  const failed = list.error !== null
  const footer = listFooter(list, noun)

  const cells: ReactNode[] = []
  // Where the cells are placed from. Square rows flow in the grid below the first row; justified
  // cells are placed one by one from a coarse origin that moves only every ORIGIN_STEP px, so a
  // scroll changes the container's offset alone, not every cell's style.
  const firstTop = rowTop(scale, firstRow)
  const origin = justified ? Math.floor(firstTop / ORIGIN_STEP) * ORIGIN_STEP : firstTop
  // A justified grid keeps the focused tile in the DOM wherever it is (its place is known), so a
  // change of rows never drops the focus.
  const indexes: number[] = []
  for (let index = startIndex; index <= endIndex; index++) indexes.push(index)
  if (justified && (nav.active < startIndex || nav.active > endIndex) && nav.active < count) indexes.push(nav.active)
  for (const index of indexes) {
    const loaded = list.itemAt(index)
    const item = seeking ? undefined : loaded
    const key = list.keyAt(index)
    const box = justified?.boxOf(index)
    cells.push(
      <div
        key={key ?? `slot-${index}`}
        className="virtuoso-grid-item"
        style={
          box && justified
            ? {
                position: 'absolute',
                top: rowTop(scale, box.row) - origin,
                left: metrics.padding + box.left,
                width: box.width,
                height: justified.height(box.row),
              }
            : undefined
        }
      >
        {item === undefined ? (
          <PlaceholderTile index={index} failed={failed} preview={loaded && previewOf?.(loaded)} />
        ) : (
          renderTile(
            tileArgs(
              item,
              index,
              key,
              nav.tileProps(index),
              selection,
              box ? box.width : metrics.cellWidth || undefined,
            ),
          )
        )}
      </div>,
    )
  }
  const rowsEnd = scale.rows === 0 ? 0 : rowTop(scale, scale.rows) - metrics.gap + scale.padding
  const scrubbing = useScrubbing(scrubber !== undefined && count > 0, scale.content, metrics.viewport)
  const scrub = scrubbing && scrubber && (
    <Scrubber
      list={list}
      labelOf={scrubber.labelOf}
      visible={{
        first: rows.itemsOf(rowAt(scale, y)).start,
        last: Math.min(count - 1, rows.itemsOf(rowAt(scale, y + metrics.viewport - 1)).end - 1),
      }}
      onSeek={(index) => {
        holdingRef.current = false
        scrollToIndex(index, 'start')
      }}
    />
  )

  return (
    <GridFrame
      list={list}
      scrollerRef={(el) => {
        scroller.current = el
        setScrollerEl(el)
      }}
      scale={scale}
      scrollerClassName="touch-pan-y"
      footer={footer}
      footerRef={footerEl}
      footerTop={rowsEnd - position.base}
      scrub={scrub}
    >
      <div
        ref={gridEl}
        data-testid="virtuoso-item-list"
        data-layout={justified ? 'justified' : undefined}
        className="absolute inset-x-0 grid grid-cols-[repeat(auto-fill,minmax(var(--tile-min),1fr))] gap-1.5 px-2 sm:gap-2 sm:px-3"
        style={{
          ['--tile-min' as string]: `${tileWidth}px`,
          top: origin - position.base,
          gridAutoRows: metrics.cellWidth > 0 && !justified ? `${metrics.rowHeight}px` : undefined,
        }}
      >
        {cells}
      </div>
    </GridFrame>
  )
}
