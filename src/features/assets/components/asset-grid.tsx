import { useCallback, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react'
import { VirtuosoGrid, type GridComponents, type VirtuosoGridHandle } from 'react-virtuoso'
import type { Asset } from '../../../dialects/types'
import { ErrorPanel } from '../../../ui/error-panel'
import { formatCount } from '../format'
import type { AssetWindow } from '../use-asset-window'
import { AssetTile, PlaceholderTile } from './asset-tile'

export interface AssetGridHandle {
  focusIndex: (index: number) => void
}

interface AssetGridProps {
  list: AssetWindow
  hrefFor: (asset: Asset) => string
  onOpen: (asset: Asset, index: number) => void
  ref?: Ref<AssetGridHandle>
}

interface GridContext {
  list: AssetWindow
}

const gridComponents: GridComponents<GridContext> = {
  Footer: GridFooter,
  ScrollSeekPlaceholder: ({ index }) => <PlaceholderTile index={index} />,
}

// Leaves fast flings to cheap placeholders; thumbnails come back once scrolling settles.
const scrollSeek = {
  enter: (velocity: number) => Math.abs(velocity) > 3000,
  exit: (velocity: number) => Math.abs(velocity) < 300,
}

const viewportMargin = { top: 600, bottom: 1200 }

export function AssetGrid({ list, hrefFor, onOpen, ref }: AssetGridProps) {
  const virtuoso = useRef<VirtuosoGridHandle>(null)
  const scroller = useRef<HTMLElement | null>(null)
  const rendered = useRef({ startIndex: 0, endIndex: 0 })
  const [active, setActive] = useState(0)
  const pendingFocus = useRef<number | null>(null)

  const tileAt = (index: number) => scroller.current?.querySelector<HTMLElement>(`a[data-index="${index}"]`) ?? null

  const tryFocus = useCallback(() => {
    const index = pendingFocus.current
    if (index === null) return
    const tile = tileAt(index)
    if (!tile) return
    tile.focus({ preventScroll: true })
    // note: focus fails while the grid is still inert under a closing viewer; keep trying.
    if (document.activeElement === tile) {
      pendingFocus.current = null
      tile.scrollIntoView({ block: 'nearest' })
    }
  }, [])

  const focusIndex = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(list.total - 1, index))
      setActive(clamped)
      pendingFocus.current = clamped
      const tile = tileAt(clamped)
      if (!tile) virtuoso.current?.scrollToIndex({ index: clamped, align: 'center' })
      tryFocus()
    },
    [list.total, tryFocus],
  )

  useImperativeHandle(ref, () => ({ focusIndex }), [focusIndex])

  // A tile asked for focus may appear only after a scroll or a page load.
  useEffect(() => {
    if (pendingFocus.current === null) return
    let frames = 0
    let handle = requestAnimationFrame(function poll() {
      tryFocus()
      if (pendingFocus.current !== null && ++frames < 120) handle = requestAnimationFrame(poll)
    })
    return () => cancelAnimationFrame(handle)
  })

  const columns = () => {
    const list = scroller.current?.querySelector<HTMLElement>('[data-testid="virtuoso-item-list"]')
    if (!list) return 1
    return Math.max(1, getComputedStyle(list).gridTemplateColumns.split(' ').filter(Boolean).length)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const tile = (e.target as HTMLElement).closest<HTMLElement>('a[data-index]')
    if (!tile) return
    const index = Number(tile.dataset.index)
    const cols = columns()
    const visibleRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / Math.max(1, tile.offsetHeight)))
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      ArrowDown: index + cols,
      ArrowUp: index - cols,
      PageDown: index + cols * visibleRows,
      PageUp: index - cols * visibleRows,
      Home: e.ctrlKey ? 0 : index - (index % cols),
      End: e.ctrlKey ? list.total - 1 : Math.min(list.total - 1, index - (index % cols) + cols - 1),
    }
    const target = moves[e.key]
    if (target === undefined) return
    e.preventDefault()
    focusIndex(target)
  }

  const { startIndex, endIndex } = rendered.current
  // Roving tab stop: the active tile, or the first one on screen when it scrolled away.
  const tabbable = active >= startIndex && active <= endIndex ? active : startIndex

  return (
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- arrow keys bubble up from the tile links; the container only delegates them
    <div className="relative min-h-0 flex-1" onKeyDown={onKeyDown}>
      <VirtuosoGrid<unknown, GridContext>
        ref={virtuoso}
        scrollerRef={(el) => {
          scroller.current = el instanceof HTMLElement ? el : null
        }}
        style={{ height: '100%' }}
        totalCount={list.total}
        context={{ list }}
        components={gridComponents}
        increaseViewportBy={viewportMargin}
        scrollSeekConfiguration={scrollSeek}
        computeItemKey={(index) => list.itemAt(index)?.id ?? `slot-${index}`}
        rangeChanged={(range) => {
          rendered.current = range
          list.show(range)
        }}
        listClassName="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-1.5 p-2 sm:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] sm:gap-2 sm:p-3"
        itemContent={(index) => {
          const asset = list.itemAt(index)
          if (!asset) return <PlaceholderTile index={index} />
          return (
            <AssetTile
              asset={asset}
              index={index}
              href={hrefFor(asset)}
              tabbable={index === tabbable}
              onOpen={onOpen}
            />
          )
        }}
      />
      {list.error && (
        // note: a footer error would sit after the last of thousands of rows; this stays in view.
        <div className="pointer-events-none absolute inset-x-0 bottom-4 flex justify-center px-4">
          <div className="pointer-events-auto rounded-lg border border-red-200 bg-white shadow-lg dark:border-red-900 dark:bg-neutral-900">
            <ErrorPanel error={list.error} onRetry={list.retry} compact />
          </div>
        </div>
      )}
    </div>
  )
}

function GridFooter({ context }: { context: GridContext }) {
  const { list } = context
  const loadedToEnd = list.start + list.items.length >= list.total
  return (
    <p className="py-6 text-center text-sm text-neutral-600 dark:text-neutral-400">
      {loadedToEnd ? `End of the list · ${formatCount(list.total, 'asset')}` : 'Loading more…'}
    </p>
  )
}
