import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from 'react'
import { VirtuosoGrid, type GridComponents, type VirtuosoGridHandle } from 'react-virtuoso'
import { LoadErrorBanner } from './load-error-banner'
import { PlaceholderTile } from './tiles'
import type { GridPlace } from './use-grid-place'
import type { ListWindowHandle } from './use-list-window'
import { useGridNavigation, type GridLayout, type TileProps } from './use-grid-navigation'
import type { GridSelection } from './use-grid-selection'

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
  ref?: Ref<GridHandle>
}

interface GridContext {
  footer: string
  failed: boolean
}

const gridComponents: GridComponents<GridContext> = {
  Footer: ({ context }) => (
    <p className="py-6 text-center text-sm text-neutral-600 dark:text-neutral-400">{context.footer}</p>
  ),
  ScrollSeekPlaceholder: ({ index, context }) => <PlaceholderTile index={index} failed={context.failed} />,
}

// Leaves fast flings to cheap placeholders; thumbnails come back once scrolling settles.
const scrollSeek = {
  enter: (velocity: number) => Math.abs(velocity) > 3000,
  exit: (velocity: number) => Math.abs(velocity) < 300,
}

const viewportMargin = { top: 600, bottom: 1200 }

/**
 * The shared virtualized grid: a bounded window's items as tiles the view draws, with keyboard
 * navigation, multi-select gestures, the kept scroll place, and a failed-load banner that
 * clears itself once loading works again.
 */
export function VirtualGrid<TItem>({ list, renderTile, noun, place, selection = null, ref }: VirtualGridProps<TItem>) {
  const virtuoso = useRef<VirtuosoGridHandle>(null)
  const scroller = useRef<HTMLElement | null>(null)
  const [rendered, setRendered] = useState({ startIndex: 0, endIndex: 0 })
  const [scrollerEl, setScrollerEl] = useState<HTMLElement | null>(null)
  // Only the place at mount counts; later ones are the user's own scrolling. A list without a
  // total (cursor APIs) knows the length of the pages kept with the place; beyond it, the top.
  const [initialIndex] = useState(() => {
    const saved = place.initial
    return saved && saved.index < list.length ? saved.index : 0
  })

  const layout: GridLayout = useMemo(
    () => ({
      tileAt: (index) => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"][tabindex]`) ?? null,
      scrollTo: (index) => virtuoso.current?.scrollToIndex({ index, align: 'center' }),
      columns: () => {
        const grid = scroller.current?.querySelector<HTMLElement>('[data-testid="virtuoso-item-list"]')
        if (!grid) return 1
        return Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length)
      },
      rowsPerScreen: () => {
        const cell = scroller.current?.querySelector<HTMLElement>('.virtuoso-grid-item')
        return Math.floor((scroller.current?.clientHeight ?? 0) / Math.max(1, cell?.offsetHeight ?? 1))
      },
    }),
    [],
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
      scrollToIndex: (index) => virtuoso.current?.scrollToIndex({ index, align: 'start' }),
    }),
    [nav.focusIndex],
  )

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

  const { saveFrom } = place
  const { show } = list
  const onRange = useCallback(
    (range: { startIndex: number; endIndex: number }) => {
      setRendered(range)
      show(range)
    },
    [show],
  )

  // The place is read from the loaded tiles on screen once scrolling pauses or a page lands,
  // not from the rendered range (which runs ahead of the viewport and of the DOM).
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
  const context: GridContext = {
    failed,
    footer: loadedToEnd ? `End of the list · ${noun(list.count)}` : failed ? 'Could not load more.' : 'Loading more…',
  }

  return (
    <div className="relative min-h-0 flex-1">
      <VirtuosoGrid<unknown, GridContext>
        ref={virtuoso}
        scrollerRef={(el) => {
          scroller.current = el instanceof HTMLElement ? el : null
          setScrollerEl(scroller.current)
        }}
        style={{ height: '100%' }}
        totalCount={list.length}
        initialTopMostItemIndex={initialIndex}
        context={context}
        components={gridComponents}
        increaseViewportBy={viewportMargin}
        scrollSeekConfiguration={scrollSeek}
        computeItemKey={(index) => list.keyAt(index) ?? `slot-${index}`}
        rangeChanged={onRange}
        listClassName="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-1.5 p-2 sm:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] sm:gap-2 sm:p-3"
        itemContent={(index) => {
          const item = list.itemAt(index)
          if (item === undefined) return <PlaceholderTile index={index} failed={failed} />
          const key = list.keyAt(index)
          return renderTile({
            item,
            index,
            tileProps: nav.tileProps(index),
            selected: selection?.isSelected(index, key) ?? false,
            selecting: (selection?.count ?? 0) > 0,
            toggleSelected: () => {
              if (key !== undefined) selection?.toggle(index, key)
            },
          })
        }}
      />
      <LoadErrorBanner list={list} />
    </div>
  )
}
