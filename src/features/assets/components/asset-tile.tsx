import { memo, useState, type MouseEvent } from 'react'
import type { Asset } from '../../../dialects/types'

interface AssetTileProps {
  asset: Asset
  index: number
  href: string
  tabbable: boolean
  onOpen: (asset: Asset, index: number) => void
}

export const AssetTile = memo(function AssetTile({ asset, index, href, tabbable, onOpen }: AssetTileProps) {
  const [loaded, setLoaded] = useState(false)
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    // Let the browser handle new-tab and download gestures.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    onOpen(asset, index)
  }
  return (
    <a
      href={href}
      data-index={index}
      data-asset-id={asset.id}
      tabIndex={tabbable ? 0 : -1}
      onClick={open}
      className="group relative block aspect-square overflow-hidden rounded-md bg-neutral-200 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-neutral-800"
    >
      {asset.thumbnailUrl && (
        <img
          src={asset.thumbnailUrl}
          alt={asset.name}
          loading="lazy"
          decoding="async"
          draggable={false}
          onLoad={() => setLoaded(true)}
          className={`h-full w-full object-cover transition-opacity duration-200 ${loaded ? 'opacity-100' : 'opacity-0'}`}
        />
      )}
      <span
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 bottom-0 truncate bg-black/70 px-2 py-1 text-xs text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100"
      >
        {asset.name}
      </span>
    </a>
  )
})

export function PlaceholderTile({ index }: { index: number }) {
  return (
    <div
      data-index={index}
      aria-hidden="true"
      className="aspect-square animate-pulse rounded-md bg-neutral-200 motion-reduce:animate-none dark:bg-neutral-800"
    />
  )
}
