import type { ImgHTMLAttributes, ReactNode, RefCallback } from 'react'
import { GRID_DEFAULTS } from './density'

// The narrowest tile a grid draws at its usual size (the phone's): no row holds more than the
// window's width over it. At a smaller tile size the user picks, the rest of the row loads lazily.
const NARROWEST_TILE_PX = GRID_DEFAULTS.phone

/** How a tile's image loads: spread onto its `<img>`. */
export type ThumbLoading = Pick<ImgHTMLAttributes<HTMLImageElement>, 'loading' | 'fetchPriority' | 'onError'> & {
  ref?: RefCallback<HTMLImageElement>
}

/**
 * How a tile's image loads. The first row's load at once and before anything else (the largest
 * paint of a first view is among them); the rest wait until they near the screen. The first row
 * is counted as many tiles as the narrowest tile allows across the window, so it is always in,
 * and at most the next row of the first screen with it. Every tile drops its unfinished load
 * when it goes (`dropUnfinishedLoad`).
 */
export function thumbLoading(index: number): ThumbLoading {
  const firstRow = Math.max(1, Math.floor(window.innerWidth / NARROWEST_TILE_PX))
  const priority: ThumbLoading = index < firstRow ? { loading: 'eager', fetchPriority: 'high' } : { loading: 'lazy' }
  return { ...priority, ref: dropUnfinishedLoad, onError: (e) => retryThumb(e.currentTarget) }
}

/** Waits before each new try of a thumbnail that failed: about 1, 2, 4 and 8 s. */
const THUMB_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000]
const thumbTries = new WeakMap<HTMLImageElement, number>()

/**
 * Asks again, a little later, for a thumbnail that failed to load, and says whether it will.
 * The reference server answers 429 while it is drawing too many images for one caller (a fling
 * over a fresh catalog), and a phone's connection drops requests; an `<img>` never tries again
 * by itself, so the tile would keep its preview colour for good. An element cannot read the
 * status, so every failure is retried the same few times, with a spread so a row of tiles does
 * not come back at once; a tile that has left the page is not.
 */
export function retryThumb(img: HTMLImageElement): boolean {
  const tries = thumbTries.get(img) ?? 0
  const delay = THUMB_RETRY_DELAYS_MS[tries]
  if (delay === undefined) return false
  thumbTries.set(img, tries + 1)
  setTimeout(
    () => {
      const src = img.getAttribute('src')
      // Setting the attribute again, even to the same address, makes the element load anew.
      if (img.isConnected && src) img.setAttribute('src', src)
    },
    delay * (0.75 + Math.random() / 2),
  )
  return true
}

/**
 * A tile's `<img>` ref: once the tile is gone (scrolled past), a load still under way is dropped,
 * so the browser cancels its request. Otherwise every tile passed on the way keeps its request
 * queued, a browser holds only six connections to a server, and the list's next page waits behind
 * hundreds of images no one will see (seen: 10 s after a few quick Page Downs on a fresh catalog).
 * Checked a task later and only for an image out of the document: React detaches refs before it
 * removes the element, and also when a Suspense boundary merely hides it, to show it again with
 * the same attributes (which must then still load).
 */
function dropUnfinishedLoad(img: HTMLImageElement | null): (() => void) | undefined {
  if (!img) return undefined
  return () => {
    setTimeout(() => {
      if (img.isConnected || img.complete) return
      img.removeAttribute('srcset')
      // note: pointed at an image that loads at once, not stripped of its `src`: a detached image
      // whose load is cut off that way is never released (Chromium), and every tile scrolled past
      // stayed in memory with its whole subtree (48,500 nodes after 4,000 assets; 1,091 now).
      img.src = NOTHING_TO_LOAD
    })
  }
}

/** A 1×1 transparent GIF, inline: what a dropped load ends on. */
const NOTHING_TO_LOAD = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'

/**
 * A tile's `sizes`, so the browser picks the thumbnail that fits: its width once the grid has
 * measured it (a justified tile can be two or three squares wide); until then, what a square
 * column is: two columns of at least 8.5rem on a phone, columns of 11rem and up (rarely past
 * 14rem) from the `sm` breakpoint on (virtual-grid.tsx).
 */
export function tileSizes(width: number | undefined): string {
  return width !== undefined && width > 0 ? `${Math.ceil(width)}px` : '(min-width: 640px) 14rem, 50vw'
}

/**
 * A tile's square, which in justified rows (virtual-grid.tsx marks them `data-layout="justified"`)
 * gives way to the cell the layout sized: the whole image, at its own shape.
 */
export const TILE_SHAPE = 'aspect-square in-data-[layout=justified]:aspect-auto in-data-[layout=justified]:h-full'

/** A tile's outer box: as tall as its cell in justified rows. */
export const TILE_BOX = 'in-data-[layout=justified]:h-full'

interface PlaceholderTileProps {
  index: number
  /** While loading has failed the placeholder stops pulsing: nothing is on its way. */
  failed: boolean
  /**
   * The item's preview colour (`#rrggbb`), when it is loaded but drawn cheaply (a fast fling):
   * the tile shows the image's colour instead of a pulsing grey.
   */
  preview?: string | undefined
}

/** A grid cell whose item is not loaded yet, or is passing by too fast to draw in full. */
export function PlaceholderTile({ index, failed, preview }: PlaceholderTileProps) {
  if (preview) {
    return (
      <div
        data-index={index}
        data-placeholder="preview"
        data-preview={preview}
        aria-hidden="true"
        style={{ backgroundColor: preview }}
        className={`${TILE_SHAPE} rounded-md`}
      />
    )
  }
  return (
    <div
      data-index={index}
      data-placeholder={failed ? 'failed' : 'loading'}
      aria-hidden="true"
      className={`${TILE_SHAPE} rounded-md bg-neutral-200 dark:bg-neutral-800 ${failed ? 'opacity-60' : 'animate-pulse motion-reduce:animate-none'}`}
    />
  )
}

interface SelectableTileProps {
  /** From the tile's render args. */
  selected: boolean
  selecting: boolean
  toggleSelected: () => void
  /** Names the item for its checkbox. */
  label: string
  /** The frame's own classes besides its outline. */
  className?: string
  /** The tile's link. */
  children: ReactNode
  /** Drawn over the tile after its checkbox. */
  badges?: ReactNode
}

/** A tile's frame: outlined while selected, its link beside its checkbox (controls never nest). */
export function SelectableTile({
  selected,
  selecting,
  toggleSelected,
  label,
  className = '',
  children,
  badges,
}: SelectableTileProps) {
  return (
    <div
      className={`group relative rounded-md ${className} ${selected ? 'outline-3 outline-offset-1 outline-indigo-600 dark:outline-indigo-400' : ''}`}
    >
      {children}
      <SelectToggle selected={selected} label={label} onToggle={toggleSelected} selecting={selecting} />
      {badges}
    </div>
  )
}

interface SelectToggleProps {
  selected: boolean
  /** Names the item: "Select look-0001.jpg". */
  label: string
  onToggle: () => void
  /** Shown at all times while anything is selected, else on hover and focus. */
  selecting: boolean
}

/**
 * A tile's checkbox, a sibling of its link (controls never nest). Keyboard users select with X
 * on the tile, so it is left out of the Tab order.
 */
function SelectToggle({ selected, label, onToggle, selecting }: SelectToggleProps) {
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={selected}
      aria-label={`Select ${label}`}
      tabIndex={-1}
      onClick={onToggle}
      className={`absolute top-1.5 left-1.5 flex size-7 items-center justify-center rounded-full border-2 text-sm font-bold shadow transition-opacity ${
        selected
          ? 'border-white bg-indigo-600 text-white opacity-100'
          : `border-white bg-black/40 text-transparent ${selecting ? 'opacity-100' : 'opacity-0 group-hover:opacity-100 group-focus-within:opacity-100'}`
      }`}
    >
      ✓
    </button>
  )
}

interface GroupSelectToggleProps {
  /** How many of the group's items are selected, of `total`. */
  selected: number
  total: number
  /** Names the group: "Select all 37 in Spring looks". */
  groupName: string
  /** Selects the whole group, or unselects it once all of it is selected. */
  onChange: (select: boolean) => void
}

const groupCount = new Intl.NumberFormat('en')

/**
 * A group header's checkbox: selects or unselects every item of the group. Some selected is
 * "mixed"; choosing it then selects the rest. A Tab stop with its own visible label.
 */
export function GroupSelectToggle({ selected, total, groupName, onChange }: GroupSelectToggleProps) {
  const state = selected <= 0 ? false : selected >= total ? true : 'mixed'
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={state}
      data-testid="group-select"
      onClick={() => onChange(state !== true)}
      className="inline-flex shrink-0 items-center gap-1.5 rounded px-1 py-0.5 text-xs font-medium text-neutral-800 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-neutral-200 dark:hover:bg-neutral-800"
    >
      <span
        aria-hidden="true"
        className={`flex size-4 items-center justify-center rounded border-2 text-[0.7rem] leading-none font-bold ${
          state === false
            ? 'border-neutral-500 bg-white text-transparent dark:border-neutral-400 dark:bg-neutral-900'
            : 'border-indigo-600 bg-indigo-600 text-white dark:border-indigo-400 dark:bg-indigo-500'
        }`}
      >
        {state === 'mixed' ? '–' : '✓'}
      </span>
      Select all {groupCount.format(total)} <span className="sr-only">in {groupName}</span>
    </button>
  )
}
