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
  type Position,
  type Scale,
} from './position-model'
import { Scrubber } from './scrubber'
import type { LabelOf } from './scrubber-model'
import { PlaceholderTile } from './tiles'
import { useDensityGestures, type Density } from './use-density'
import type { GridPlace } from './use-grid-place'
import type { ListWindowHandle } from './use-list-window'
import { useGridNavigation, type GridLayout, type TileProps } from './use-grid-navigation'
import type { GridSelection } from './use-grid-selection'
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
}

// note: jsdom lays nothing out; these stand in until something is measured.
const fallback: Metrics = { columns: 1, rowHeight: 200, cellWidth: 0, gap: 0, padding: 0, footer: 0, viewport: 600 }

/** Rendered beyond the screen, in px. */
const viewportMargin = { top: 600, bottom: 1200 }

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
  const scale = useMemo(
    () => gridScale({ ...metrics, count, cap: Math.max(cap, 2 * metrics.viewport) }),
    [metrics, count, cap],
  )

  // The latest of everything the event handlers read, without re-subscribing them.
  const live = useRef({ scale, metrics, position })
  useLayoutEffect(() => {
    live.current.scale = scale
    live.current.metrics = metrics
  }, [scale, metrics])

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
      const { scale: now, metrics: m } = live.current
      seekTo(rowOffset(now, Math.floor(index / m.columns), align, m.viewport))
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

  // The place kept at mount goes to the top first (rows of the fallback size; the first measure
  // carries it to the real rows). A new scale keeps the content offset that the measure chose
  // (see below) or that scrolling left, and puts the scroller there now that its height fits.
  const previousScale = useRef<Scale | null>(null)
  useLayoutEffect(() => {
    const before = previousScale.current
    previousScale.current = scale
    if (!before) {
      if (initialIndex > 0) scrollToIndex(initialIndex, 'start')
      return
    }
    if (before !== scale) seekTo(contentTop(live.current.position))
  }, [scale, initialIndex, scrollToIndex, seekTo])

  // The user's scrolling: followed through the model, with fast flings left to placeholders.
  useFollowScroll(scrollerEl, live, moveTo, setPosition, setSeeking)

  const y = contentTop(position)
  const firstRow = rowAt(scale, y - viewportMargin.top)
  const lastRow = rowAt(scale, y + metrics.viewport + viewportMargin.bottom)
  const startIndex = count === 0 ? 0 : firstRow * metrics.columns
  const endIndex = count === 0 ? -1 : Math.min(count - 1, (lastRow + 1) * metrics.columns - 1)
  const rendered = useMemo(() => ({ startIndex, endIndex }), [startIndex, endIndex])

  useDensityGestures(scrollerEl, density)
  const tileWidth = density.width
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
    const cells = grid.children
    const cellWidth = cells[0] instanceof HTMLElement ? cells[0].offsetWidth : 0
    let rowHeight = cellWidth === laidOut.current.cellWidth ? laidOut.current.rowHeight : 0
    for (const cell of cells) {
      const tile = cell.firstElementChild
      if (tile instanceof HTMLElement) rowHeight = Math.max(rowHeight, tile.offsetHeight)
    }
    const next: Metrics = {
      columns,
      rowHeight: rowHeight || fallback.rowHeight,
      cellWidth,
      gap: parseFloat(style.rowGap) || 0,
      padding: parseFloat(style.paddingLeft) || 0,
      footer: footerEl.current?.offsetHeight ?? 0,
      viewport: el.clientHeight || fallback.viewport,
    }
    if (!sameMetrics(next, metrics)) setMetrics(next)
    const known = laidOut.current
    if (sameMetrics(next, known)) return
    laidOut.current = next
    const reshaped = (['columns', 'rowHeight', 'gap', 'padding'] as const).some((key) => next[key] !== known[key])
    if (!reshaped) return
    // The rows change shape: the focused (or centre) item stays where it is on screen, placed in
    // the same render as the new rows, so the focused tile is never dropped from the DOM between.
    const active = document.activeElement
    const focused =
      active instanceof HTMLElement && grid.contains(active) && active.dataset.index !== undefined
        ? Number(active.dataset.index)
        : null
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
  }, [metrics, list, count, cap, seeking, tick, tileWidth])

  const layout: GridLayout = useMemo(
    () => ({
      tileAt: (index) => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"][tabindex]`) ?? null,
      scrollTo: (index) => scrollToIndex(index, 'center'),
      reveal: (index) => {
        const { scale: now, metrics: m, position: at } = live.current
        seekTo(rowOffset(now, Math.floor(index / m.columns), 'nearest', m.viewport, contentTop(at)))
      },
      columns: () => live.current.metrics.columns,
      rowsPerScreen: () => Math.floor(live.current.metrics.viewport / Math.max(1, live.current.scale.pitch)),
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
  useImperativeHandle(
    ref,
    () => ({
      focusIndex: nav.focusIndex,
      scrollToIndex: (index) => scrollToIndex(index, 'start'),
    }),
    [nav.focusIndex, scrollToIndex],
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
  for (let index = startIndex; index <= endIndex; index++) {
    const loaded = list.itemAt(index)
    const item = seeking ? undefined : loaded
    const key = list.keyAt(index)
    cells.push(
      <div key={key ?? `slot-${index}`} className="virtuoso-grid-item">
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
        first: rowAt(scale, y) * metrics.columns,
        last: Math.min(count - 1, (rowAt(scale, y + metrics.viewport - 1) + 1) * metrics.columns - 1),
      }}
      onSeek={(index) => scrollToIndex(index, 'start')}
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
            className="absolute inset-x-0 grid grid-cols-[repeat(auto-fill,minmax(var(--tile-min),1fr))] gap-1.5 px-2 sm:gap-2 sm:px-3"
            style={{
              ['--tile-min' as string]: `${tileWidth}px`,
              top: rowTop(scale, firstRow) - position.base,
              gridAutoRows: metrics.cellWidth > 0 ? `${metrics.rowHeight}px` : undefined,
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
