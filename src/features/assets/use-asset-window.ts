import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { adapterFor } from '../../dialects/sources'
import type { Asset, SourceConfig } from '../../dialects/types'
import { assetQueries } from './queries'

export interface IndexRange {
  startIndex: number
  endIndex: number
}

export interface AssetWindow {
  /** Items in the whole result (known total, or what is loaded plus one while more exist). */
  total: number
  /** Index of the first loaded item; items before it were dropped to bound memory. */
  start: number
  items: readonly Asset[]
  itemAt: (index: number) => Asset | undefined
  indexOf: (id: string) => number
  /** Tell the window which indexes the user is looking at; it loads or moves to cover them. */
  show: (range: IndexRange) => void
  error: Error | null
  retry: () => void
}

/**
 * A bounded window over a filtered list: an infinite query that keeps `maxPages` pages, pages
 * in both directions as the visible range moves, and re-anchors when the user jumps far away.
 */
export function useAssetWindow(source: SourceConfig, filters: Record<string, unknown>): AssetWindow {
  const adapter = adapterFor(source)
  const [anchor, setAnchor] = useState<unknown>(adapter.initialPageParam)
  const [range, setRange] = useState<IndexRange | null>(null)
  const revision = source.revision ?? 0
  const query = useInfiniteQuery({
    ...assetQueries.list(source, filters, anchor),
    // Keep the list on screen while another window of it loads, but never an edited source's
    // (or another demo user's) old pages: the revision sits at index 2 of the key.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === revision ? keepPreviousData(previous) : undefined,
  })
  const pages = query.data?.pages

  const loaded = useMemo(() => {
    const seen = new Set<string>()
    const items: Asset[] = []
    // Page-number APIs drift when uploads arrive mid-scroll; an id shows once.
    for (const page of pages ?? []) {
      for (const item of page.items) {
        if (seen.has(item.id)) continue
        seen.add(item.id)
        items.push(item)
      }
    }
    const first = pages?.[0]
    const start = first?.offset ?? 0
    const lastPage = pages?.[pages.length - 1]
    const knownTotal = first?.total ?? null
    const total = knownTotal ?? start + items.length + (lastPage?.nextPageParam !== undefined ? 1 : 0)
    const positions = new Map<string, number>()
    items.forEach((item, i) => positions.set(item.id, start + i))
    return { items, start, total, positions }
  }, [pages])

  const { hasNextPage, hasPreviousPage, isFetching, fetchNextPage, fetchPreviousPage } = query
  const failed = query.isError

  useEffect(() => {
    if (!range || isFetching || failed || loaded.items.length === 0) return
    const end = loaded.start + loaded.items.length
    const margin = Math.max(24, range.endIndex - range.startIndex)
    const far = range.endIndex < loaded.start - margin || range.startIndex > end + margin
    if (far && adapter.pageParamForIndex) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- re-anchoring reacts to the range the scroller reports; it is being replaced by the shared window
      setAnchor(adapter.pageParamForIndex(range.startIndex))
    } else if (range.endIndex + margin >= end && hasNextPage) {
      void fetchNextPage()
    } else if (range.startIndex - margin < loaded.start && hasPreviousPage) {
      void fetchPreviousPage()
    }
  }, [range, loaded, isFetching, failed, hasNextPage, hasPreviousPage, fetchNextPage, fetchPreviousPage, adapter])

  const itemAt = useCallback((index: number) => loaded.items[index - loaded.start], [loaded])
  const indexOf = useCallback((id: string) => loaded.positions.get(id) ?? -1, [loaded])
  const show = useCallback((next: IndexRange) => {
    setRange((prev) => (prev && prev.startIndex === next.startIndex && prev.endIndex === next.endIndex ? prev : next))
  }, [])
  const { refetch, error } = query

  return useMemo(
    () => ({
      total: loaded.total,
      start: loaded.start,
      items: loaded.items,
      itemAt,
      indexOf,
      show,
      error,
      retry: () => void refetch(),
    }),
    [loaded, itemAt, indexOf, show, error, refetch],
  )
}
