import { lazy, memo, Suspense, useState } from 'react'
import type { Asset } from '../../../dialects/types'
import { SelectableTile, thumbLoading, TILE_BOX, TILE_SHAPE, tileSizes } from '../../../grid/tiles'
import { openingTileProps, type TileRenderArgs } from '../../../grid/grid-tile'
import { isTyped } from '../asset-kind'

// Documents, media and links (Vipanya) have their own tile face; its code loads with the first one.
const TypedTileFace = lazy(() => import('./typed-tile').then((m) => ({ default: m.TypedTileFace })))

interface AssetTileProps extends TileRenderArgs<Asset> {
  href: string
  onOpen: (asset: Asset) => void
}

export const AssetTile = memo(function AssetTile({
  item: asset,
  index,
  href,
  tileProps,
  width,
  onOpen,
  ...selection
}: AssetTileProps) {
  const [loaded, setLoaded] = useState(false)
  const typed = isTyped(asset)
  return (
    <SelectableTile {...selection} label={asset.name} className={TILE_BOX}>
      <a
        {...openingTileProps(tileProps, () => onOpen(asset), asset.preview)}
        href={href}
        data-asset-id={asset.id}
        data-kind={asset.kind}
        className={`relative block ${TILE_SHAPE} overflow-hidden rounded-md bg-neutral-200 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:bg-neutral-800`}
      >
        {typed ? (
          // The name while the face's code loads: the tile's link is never nameless.
          <Suspense fallback={<span className="sr-only">{asset.name}</span>}>
            <TypedTileFace
              asset={asset}
              loaded={loaded}
              onThumbLoad={() => setLoaded(true)}
              loading={thumbLoading(index)}
            />
          </Suspense>
        ) : asset.thumbnailUrl ? (
          <img
            src={asset.thumbnailUrl}
            srcSet={asset.thumbnailSrcSet}
            sizes={asset.thumbnailSrcSet ? tileSizes(width) : undefined}
            alt={asset.name}
            {...thumbLoading(index)}
            decoding="async"
            draggable={false}
            onLoad={() => setLoaded(true)}
            className={`h-full w-full object-cover transition-opacity duration-200 ${loaded ? 'opacity-100' : 'opacity-0'}`}
          />
        ) : null}
        {selection.selected && <span className="sr-only">, selected</span>}
        {!typed && (
          <span
            aria-hidden="true"
            dir="auto"
            className="pointer-events-none absolute inset-x-0 bottom-0 truncate bg-black/70 px-2 py-1 text-xs text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100"
          >
            {asset.name}
          </span>
        )}
      </a>
    </SelectableTile>
  )
})
