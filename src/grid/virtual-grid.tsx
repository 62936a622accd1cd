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
import { LoadErrorBanner } from './load-error-banner'
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
  type ItemRows,
  type Position,
  type RowScale,
} from './position-model'
import { moveInRows, moveTarget } from './grid-keys'
import type { JustifiedTrack } from './justified-layout'
import { Scrubber } from './scrubber'
import type { LabelOf } from './scrubber-model'
import { PlaceholderTile } from './tiles'
import { useDensityGestures, type Density } from './use-density'
import type { GridPlace } from './use-grid-place'
import type { ListWindowHandle } from './use-list-window'
import { useGridNavigation, type GridLayout, type TileProps } from './use-grid-navigation'
import type { GridSelection } from './use-grid-selection'
import { useJustifiedRows } from './use-justified-rows'
import { scrollerCap, useFollowScroll } from './use-scaled-scroll'

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

/** What the grid reads from its CSS and its tiles. */
interface Metrics {
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
const fallback: Metrics = {
  columns: 1,
  rowHeight: 200,
  cellWidth: 0,
  gap: 0,
  padding: 0,
  footer: 0,
  viewport: 600,
  width: 0,
}

/** Where a grid's rows are: the scale, which items each row holds, and the justified track if any. */
interface Layout {
  scale: RowScale
  rows: ItemRows
  justified: JustifiedTrack | null
}

/** Rendered beyond the screen, in px. */
const viewportMargin = { top: 600, bottom: 1200 }

/** How far justified cells' origin moves at a time (see `origin`). */
const ORIGIN_STEP = 20_000

function sameMetrics(a: Metrics, b: Metrics): boolean {
  return (Object.keys(a) as (keyof Metrics)[]).every((key) => a[key] === b[key])
}

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
  const rowsFor = useJustifiedRows({
    owner: list.show,
    count,
    itemAt: list.itemAt,
    aspectOf: justifying ? aspectOf : undefined,
  })
  /** The rows for `m`: justified at the tile size as the target height, or an even grid. */
  const layoutOf = useCallback(
    (m: Metrics): Layout => {
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
    },
    [rowsFor, tileWidth, cap, count],
  )
  const shaped = useMemo(() => layoutOf(metrics), [layoutOf, metrics])
  const { scale, rows, justified } = shaped

  // The latest of everything the event handlers read, without re-subscribing them.
  const live = useRef({ scale, rows, justified, metrics, position, count, active: 0 })
  useLayoutEffect(() => {
    Object.assign(live.current, { scale, rows, justified, metrics, count })
  }, [scale, rows, justified, metrics, count])

  const moveTo = useCallback((next: Position) => {
    live.current.position = next
    setPosition(next)
    const el = scroller.current
    if (el && Math.abs(el.scrollTop - next.scrollTop) >= 1) el.scrollTop = next.scrollTop
  }, [])

  /** Shows content offset `y` at the top. */
  const seekTo = useCallback((y: number) => moveTo(seek(live.current.scale, live.current.position, y)), [moveTo])

  const scrollToIndex = useCallback(
    (index: number, align: 'start' | 'center') => {
      const { scale: now, metrics: m, rows: at } = live.current
      seekTo(rowOffset(now, at.rowOf(index), align, m.viewport))
    },
    [seekTo],
  )

  // The viewport's size changes without a render: measure again.
  const [tick, remeasure] = useState(0)
  useEffect(() => {
    const el = scroller.current
    if (!el) return
    const observer = new ResizeObserver(() => remeasure((n) => n + 1))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  // A place kept from before (a reload, Back) is held by its own item until the user moves: the
  // rows around it are estimated until its page lands, and the first row's first item then is
  // not the item that was first on screen.
  const holding = useRef(initialIndex > 0)
  useEffect(() => {
    if (!scrollerEl) return
    const moved = () => {
      holding.current = false
    }
    const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const
    for (const type of events) scrollerEl.addEventListener(type, moved, { passive: true })
    return () => {
      for (const type of events) scrollerEl.removeEventListener(type, moved)
    }
  }, [scrollerEl])
  // The place kept at mount goes to the top first (rows of the fallback size; the first measure
  // carries it to the real rows). A new scale keeps the content offset that the measure chose
  // (see below) or that scrolling left, and puts the scroller there now that its height fits.
  // Justified rows change shape by themselves (a block laid out as its page lands, another tile
  // size or width): the focused tile (or the one focused last, while still on screen) stays
  // where it is, else the first row mostly on screen (the centre's, for a change of size).
  const previous = useRef<{ layout: Layout; size: string; measured: boolean } | null>(null)
  const size = `${metrics.width} ${tileWidth} ${density.shape}`
  const measured = metrics.cellWidth > 0
  useLayoutEffect(() => {
    const before = previous.current
    previous.current = { layout: shaped, size, measured }
    if (!before) {
      if (initialIndex > 0) scrollToIndex(initialIndex, 'start')
      return
    }
    if (before.layout.scale === shaped.scale) return
    if (!shaped.justified && !before.layout.justified) return seekTo(contentTop(live.current.position))
    const at = live.current.position
    // The first measure: the rows before it had the fallback's size and no padding, so offsets
    // read from them would shift the place by the padding (the first row flush under the
    // header). The place is the kept one, at the top as `scrollToIndex` puts it.
    if (!before.measured && measured && holding.current === initialIndex > 0) {
      const row = shaped.rows.rowOf(initialIndex)
      return moveTo(seek(shaped.scale, at, initialIndex > 0 ? rowOffset(shaped.scale, row, 'start', 0) : 0))
    }
    const anchor = anchorAt(before.layout.scale, {
      rows: before.layout.rows,
      count: live.current.count,
      y: contentTop(at),
      viewport: live.current.metrics.viewport,
      // The tile with focus, or the one that had it last (focus may be on the tile size control).
      focused: focusedIn(gridEl.current) ?? (holding.current ? initialIndex : live.current.active),
      // Before the first measure, the place is a row (a kept place), not what the user saw.
      prefer: !before.measured || before.size === size ? 'first' : 'centre',
    })
    moveTo(seek(shaped.scale, at, anchoredTop(shaped.scale, shaped.rows, anchor)))
  }, [shaped, size, measured, initialIndex, scrollToIndex, seekTo, moveTo])

  // The user's scrolling: followed through the model, with fast flings left to placeholders.
  useFollowScroll(scrollerEl, live, moveTo, setPosition, setSeeking)

  const y = contentTop(position)
  const firstRow = rowAt(scale, y - viewportMargin.top)
  const lastRow = rowAt(scale, y + metrics.viewport + viewportMargin.bottom)
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
    const style = getComputedStyle(grid)
    const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter(Boolean).length)
    const padding = parseFloat(style.paddingLeft) || 0
    const width = Math.max(0, grid.clientWidth - 2 * padding)
    const cells = grid.children
    // Justified rows are sized by their layout, not by their tiles: the width is what counts.
    const cellWidth = justifying ? width : cells[0] instanceof HTMLElement ? cells[0].offsetWidth : 0
    let rowHeight = cellWidth === laidOut.current.cellWidth ? laidOut.current.rowHeight : 0
    if (!justifying) {
      for (const cell of cells) {
        const tile = cell.firstElementChild
        if (tile instanceof HTMLElement) rowHeight = Math.max(rowHeight, tile.offsetHeight)
      }
    }
    const next: Metrics = {
      columns,
      rowHeight: rowHeight || fallback.rowHeight,
      cellWidth,
      gap: parseFloat(style.rowGap) || 0,
      padding,
      footer: footerEl.current?.offsetHeight ?? 0,
      viewport: el.clientHeight || fallback.viewport,
      width,
    }
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

  const layout: GridLayout = useMemo(
    () => ({
      tileAt: (index) => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"][tabindex]`) ?? null,
      scrollTo: (index) => scrollToIndex(index, 'center'),
      reveal: (index) => {
        const { scale: now, metrics: m, position: at, rows: by } = live.current
        seekTo(rowOffset(now, by.rowOf(index), 'nearest', m.viewport, contentTop(at)))
      },
      columns: () => live.current.metrics.columns,
      rowsPerScreen: () => {
        const { metrics: m, justified: j, scale: now } = live.current
        // Justified rows differ a little in height: their mean step.
        const step = j ? now.track.top(now.rows) / Math.max(1, now.rows) : m.rowHeight + m.gap
        return Math.floor(m.viewport / Math.max(1, step))
      },
      move: (press, index, rowsPerScreen) => {
        const { justified: j, metrics: m, count: n } = live.current
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
    [scrollToIndex, seekTo],
  )
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
        holding.current = false
        focusIndex(index)
      },
      scrollToIndex: (index) => {
        holding.current = false
        scrollToIndex(index, 'start')
      },
    }),
    [focusIndex, scrollToIndex],
  )

  const { show } = list
  useEffect(() => {
    if (rendered.endIndex >= rendered.startIndex) show(rendered)
  }, [rendered, show])

  /** The first loaded tile at least half on screen; null while the screen shows placeholders. */
  const firstVisible = useCallback((): number | null => {
    const el = scroller.current
    if (!el) return null
    const top = el.getBoundingClientRect().top
    for (const tile of el.querySelectorAll<HTMLElement>('.virtuoso-grid-item [data-index][tabindex]')) {
      const box = tile.getBoundingClientRect()
      if (box.top + box.height / 2 >= top) return Number(tile.dataset.index)
    }
    return null
  }, [])

  // The place is read from the loaded tiles on screen once scrolling pauses or a page lands,
  // not from the rendered range (which runs ahead of the viewport and of the DOM).
  const { saveFrom } = place
  const listRef = useRef(list)
  const scheduleSave = useCallback(
    () =>
      saveFrom(() => {
        const index = firstVisible()
        const { keyAt, ledger } = listRef.current
        return index === null ? null : { index, key: keyAt(index), pages: index > 0 ? ledger() : undefined }
      }),
    [saveFrom, firstVisible],
  )
  useEffect(() => {
    listRef.current = list
    scheduleSave()
  }, [list, scheduleSave])
  useEffect(() => {
    if (!scrollerEl) return
    scrollerEl.addEventListener('scroll', scheduleSave, { passive: true })
    return () => scrollerEl.removeEventListener('scroll', scheduleSave)
  }, [scrollerEl, scheduleSave])

  const failed = list.error !== null
  const loadedToEnd = list.exact && list.end >= list.count
  const footer = loadedToEnd
    ? `End of the list · ${noun(list.count)}`
    : failed
      ? 'Could not load more.'
      : 'Loading more…'

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
          renderTile({
            item,
            index,
            tileProps: nav.tileProps(index),
            selected: selection?.isSelected(index, key) ?? false,
            selecting: (selection?.count ?? 0) > 0,
            toggleSelected: () => {
              if (key !== undefined) selection?.toggle(index, key)
            },
            width: box ? box.width : metrics.cellWidth || undefined,
          })
        )}
      </div>,
    )
  }
  const rowsEnd = scale.rows === 0 ? 0 : rowTop(scale, scale.rows) - metrics.gap + scale.padding
  // The scrubber, beside a list longer than about three screens, takes the scrollbar's place.
  const scrubbing = scrubber !== undefined && count > 0 && scale.content > 3 * metrics.viewport
  const scrub = scrubbing && (
    <Scrubber
      list={list}
      labelOf={scrubber.labelOf}
      visible={{
        first: rows.itemsOf(rowAt(scale, y)).start,
        last: Math.min(count - 1, rows.itemsOf(rowAt(scale, y + metrics.viewport - 1)).end - 1),
      }}
      onSeek={(index) => {
        holding.current = false
        scrollToIndex(index, 'start')
      }}
    />
  )

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={(el) => {
          scroller.current = el
          setScrollerEl(el)
        }}
        data-virtuoso-scroller="true"
        data-grid-scroller=""
        data-scaled={scale.scaled || undefined}
        data-scrubbed={scrubbing || undefined}
        className="h-full touch-pan-y overflow-y-auto [overflow-anchor:none]"
      >
        {/* Clips the footer and rows placed past the scroller's height (they would stretch it). */}
        <div className="relative overflow-hidden" style={{ height: scale.height }}>
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
          <p
            ref={footerEl}
            className="absolute inset-x-0 py-6 text-center text-sm text-neutral-600 dark:text-neutral-400"
            style={{ top: rowsEnd - position.base }}
          >
            {footer}
          </p>
        </div>
      </div>
      {scrub}
      <LoadErrorBanner list={list} />
    </div>
  )
}

/** The index of the tile with focus inside `grid`, if any. */
function focusedIn(grid: HTMLElement | null): number | null {
  const active = document.activeElement
  return grid && active instanceof HTMLElement && grid.contains(active) && active.dataset.index !== undefined
    ? Number(active.dataset.index)
    : null
}
