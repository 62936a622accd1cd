import { useQuery, useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useNavigate, useParams, useRouter } from '@tanstack/react-router'
import { useEffect } from 'react'
import type { Asset } from '../../../dialects/types'
import { BoxOverlay } from '../../../ui/box-overlay'
import { ErrorPanel } from '../../../ui/error-panel'
import {
  DownloadIcon,
  EnterFullscreenIcon,
  ExitFullscreenIcon,
  ExternalLinkIcon,
  FaceBoxIcon,
  InfoIcon,
} from '../../../ui/icons'
import { useKeyLayer } from '../../../ui/key-layer'
import { OverlayModal, StepButtons, StepStatus } from '../../../ui/overlay/overlay-modal'
import { useListOverlay } from '../../../ui/overlay/use-list-overlay'
import { Tip } from '../../../ui/tooltip'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { useFullscreen } from '../../../ui/use-fullscreen'
import { useStoredFlag } from '../../../ui/use-stored-flag'
import { useZoom, ZoomableImage } from '../../../ui/zoomable-image'
import { ZoomBar } from '../../../ui/zoom-bar'
import { useAssetBrowser } from '../asset-browser-context'
import { assetFile, assetLink } from '../asset-file'
import { formatNumber, formatTotal } from '../format'
import { assetOverlay } from '../overlay-boxes'
import { assetQueries } from '../queries'
import { AssetDetails } from './asset-details'
import { TypedPreview } from './typed-preview'
import { isTyped } from '../asset-kind'
import { viewerBindings } from './asset-viewer-keys'

/** Remembered between visits: whether the details panel and the face boxes show. */
const INFO_PANEL_KEY = 'vitrine.viewer.info'
const BOXES_KEY = 'vitrine.viewer.boxes'

const sourceRoute = getRouteApi('/$source')
const NO_FILTERS = {}

/**
 * The asset viewer, a child route over a grid of assets (`…/$assetId`): the assets grid, a
 * person's photos. The grid under it supplies the list (the AssetBrowser context).
 */
export function AssetViewer() {
  const { source, adapter } = sourceRoute.useRouteContext()
  const navigate = useNavigate()
  const router = useRouter()
  const browser = useAssetBrowser()
  const filters = browser?.filters ?? NO_FILTERS
  const queryClient = useQueryClient()
  // note: while the viewer closes, the route it sat on may already be gone; it keeps showing (and
  // focuses on close) the asset it last had, not none.
  const overlay = useListOverlay<Asset>({
    openKey: useParams({ strict: false, select: (p) => p.assetId }),
    list: browser?.list,
    show: (target) =>
      void navigate({
        to: '.',
        params: (prev: Record<string, string>) => ({ ...prev, assetId: target.id }),
        search: true,
        replace: true,
        state: (prev) => prev,
      }),
    keyOf: (asset) => asset.id,
    reveal: (index) => browser?.reveal(index),
    leave: () => void navigate({ to: '..', search: true, replace: true }),
    focusTile: (id) => focusTileOnClose(id),
    // A typed asset's original is its file or its link, never an image to warm.
    warmUrl: (neighbour) =>
      isTyped(neighbour) ? neighbour.previewUrl : (neighbour.previewUrl ?? neighbour.originalUrl),
  })
  const { key: assetId, index } = overlay

  const fromList = index >= 0 ? browser?.list.itemAt(index) : undefined
  // A pasted or reloaded viewer URL is not in the grid's list: fetch the one asset.
  const detail = useQuery({ ...assetQueries.detail(source, assetId), enabled: !fromList })
  const asset = fromList ?? detail.data
  const total = browser?.list.count ?? 0

  // ...and ask the API where it sits, so the neighbours and the grid under the viewer follow.
  const located = useQuery(assetQueries.locate(source, filters, index < 0 ? detail.data : undefined))
  const locatedIndex = located.data ?? null
  useEffect(() => {
    if (locatedIndex !== null && index < 0) browser?.reveal(locatedIndex)
  }, [locatedIndex, index, browser])

  // Focus lands on the asset shown in the grid; a pasted one at the index the API gave it.
  function focusTileOnClose(shownId: string) {
    if (!browser) return
    const pasted = index < 0 ? detail.data : undefined
    // A pasted asset the API has placed: go to its index, even if its page has not landed yet.
    if (pasted && typeof located.data === 'number') browser.focusAt(located.data)
    else if (pasted && located.isFetching) {
      // Closed before the API said where the asset sits: land on it once it does.
      void queryClient
        .query(assetQueries.locate(source, filters, pasted))
        .then((at) => (at === null ? browser.focusAsset(pasted.id) : browser.focusAt(at)))
        .catch(() => browser.focusAsset(pasted.id))
    } else browser.focusAsset(shownId)
  }

  const size = asset?.width && asset.height ? { width: asset.width, height: asset.height } : null
  const zoom = useZoom(assetId, size)
  const fullscreen = useFullscreen()
  const [infoShown, setInfoShown] = useStoredFlag(INFO_PANEL_KEY, true)
  const [boxesShown, setBoxesShown] = useStoredFlag(BOXES_KEY, true)
  const boxes = asset ? assetOverlay(asset, source.id) : null

  const onKey = useKeyLayer(
    'Viewer',
    viewerBindings({
      zoom,
      step: overlay.step,
      close: overlay.close,
      toggleInfo: () => setInfoShown(!infoShown),
      toggleBoxes: boxes && (() => setBoxesShown(!boxesShown)),
      toggleFullscreen: fullscreen.supported ? fullscreen.toggle : null,
    }),
  )
  useDocumentTitle([asset?.name ?? (detail.isError ? 'Asset unavailable' : undefined), source.name])

  const file = asset && assetFile(asset)
  const link = asset && assetLink(asset)
  return (
    <OverlayModal
      overlay={overlay}
      onKey={onKey}
      title={asset?.name ?? (detail.isError ? 'Asset unavailable' : 'Loading…')}
      position={
        browser &&
        index >= 0 && (
          // note: on a phone the toolbar fills its row; the count would push it into a second one.
          <span className="hidden sm:inline" data-testid="viewer-position">
            {formatNumber(index + 1)} of {formatTotal(total, browser.list.exact, browser.noun)}
          </span>
        )
      }
      closeLabel="Close viewer"
      toolbar={
        <>
          {boxes && (
            <Tip
              label={boxesShown ? `Hide ${boxes.label.toLowerCase()}` : `Show ${boxes.label.toLowerCase()}`}
              shortcut="F"
            >
              <button
                type="button"
                className="btn-dark aria-pressed:bg-neutral-700"
                onClick={() => setBoxesShown(!boxesShown)}
                aria-pressed={boxesShown}
                aria-label={boxes.label === 'Faces' ? 'Face boxes' : 'Detection boxes'}
                aria-keyshortcuts="F"
              >
                <FaceBoxIcon />
              </button>
            </Tip>
          )}
          <Tip label={infoShown ? 'Hide details' : 'Show details'} shortcut="I">
            <button
              type="button"
              className="btn-dark aria-pressed:bg-neutral-700"
              onClick={() => setInfoShown(!infoShown)}
              aria-pressed={infoShown}
              aria-label="Details panel"
              aria-keyshortcuts="I"
            >
              <InfoIcon />
            </button>
          </Tip>
          {file ? (
            <Tip label="Download the original">
              <a className="btn-dark" href={file.url} download={file.name} aria-label={`Download ${asset?.name ?? ''}`}>
                <DownloadIcon />
              </a>
            </Tip>
          ) : link ? (
            <Tip label="Open link in a new tab">
              <a className="btn-dark" href={link} target="_blank" rel="noopener noreferrer" aria-label="Open link">
                <ExternalLinkIcon />
              </a>
            </Tip>
          ) : null}
          {fullscreen.supported && (
            <Tip label={fullscreen.active ? 'Exit full screen' : 'Full screen'} shortcut="Shift+F">
              <button
                type="button"
                className="btn-dark"
                onClick={fullscreen.toggle}
                aria-label={fullscreen.active ? 'Exit full screen' : 'Full screen'}
                aria-keyshortcuts="Shift+F"
              >
                {fullscreen.active ? <ExitFullscreenIcon /> : <EnterFullscreenIcon />}
              </button>
            </Tip>
          )}
          <StepButtons overlay={overlay} noun="asset" backKeys={['ArrowLeft']} onKeys={['ArrowRight']} />
        </>
      }
    >
      {detail.isError && !fromList ? (
        <ErrorPanel
          error={detail.error}
          tone="dark"
          onRetry={() => void detail.refetch()}
          onBack={{ label: browser?.backLabel ?? 'Back', onClick: overlay.close }}
        />
      ) : (
        <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
          <div className="relative min-h-0 flex-1">
            {asset && isTyped(asset) ? (
              <div className="absolute inset-0 flex items-center justify-center p-2 sm:p-4">
                <TypedPreview key={asset.id} asset={asset} />
              </div>
            ) : asset ? (
              <div className="absolute inset-0">
                <ZoomableImage
                  key={asset.id}
                  zoom={zoom}
                  alt={asset.name}
                  thumbnailUrl={asset.thumbnailUrl}
                  previewUrl={asset.previewUrl}
                  originalUrl={asset.originalUrl}
                  onSwipe={overlay.step}
                  className="h-full w-full"
                >
                  {boxes && boxesShown && (
                    <BoxOverlay
                      boxes={boxes.boxes}
                      label={boxes.label}
                      onNavigate={(href) => router.history.push(href)}
                    />
                  )}
                </ZoomableImage>
                <ZoomBar zoom={zoom} />
              </div>
            ) : (
              <p role="status" className="p-4">
                Loading…
              </p>
            )}
            <StepStatus overlay={overlay} noun="asset" />
          </div>
          {asset && infoShown && (
            <AssetDetails
              asset={asset}
              childrenLink={
                adapter.filters.childrenOf && {
                  sourceId: source.id,
                  search: adapter.filters.toSearch(adapter.filters.childrenOf(asset.id)),
                }
              }
            />
          )}
        </div>
      )}
    </OverlayModal>
  )
}
