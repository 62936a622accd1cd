import { useQuery, useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useNavigate, useParams, useRouter } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import type { Asset } from '../../../dialects/types'
import { BoxOverlay } from '../../../ui/box-overlay'
import { Modal, ModalHeader } from '../../../ui/dialog'
import { ErrorPanel } from '../../../ui/error-panel'
import {
  DownloadIcon,
  EnterFullscreenIcon,
  ExitFullscreenIcon,
  ExternalLinkIcon,
  FaceBoxIcon,
  InfoIcon,
} from '../../../ui/icons'
import { ShortcutsButton, useShortcuts, type Shortcut } from '../../../ui/shortcuts'
import { Tip, TipButton } from '../../../ui/tooltip'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { useFullscreen } from '../../../ui/use-fullscreen'
import { useStoredFlag } from '../../../ui/use-stored-flag'
import { useZoom, ZoomableImage, type ZoomController } from '../../../ui/zoomable-image'
import { useAssetBrowser } from '../asset-browser-context'
import { assetFile, assetLink } from '../asset-file'
import { formatNumber, formatTotal } from '../format'
import { assetOverlay } from '../overlay-boxes'
import { assetQueries } from '../queries'
import { AssetDetails } from './asset-details'
import { TypedPreview } from './typed-preview'
import { isTyped } from '../asset-kind'

/** Remembered between visits: whether the details panel and the face boxes show. */
const INFO_PANEL_KEY = 'vitrine.viewer.info'
const BOXES_KEY = 'vitrine.viewer.boxes'
/** How far an arrow key moves a zoomed image, in screen pixels. */
const PAN_STEP = 120

const sourceRoute = getRouteApi('/$source')
const NO_FILTERS = {}

/**
 * The asset viewer, a child route over a grid of assets (`…/$assetId`): the assets grid, a
 * person's photos. The grid under it supplies the list (the AssetBrowser context).
 */
export function AssetViewer() {
  // note: while the viewer closes, the route it sat on may already be gone; it keeps showing (and
  // focuses on close) the asset it last had, not none.
  const param = useParams({ strict: false, select: (p) => p.assetId })
  const [assetId, setAssetId] = useState(param ?? '')
  if (param !== undefined && param !== assetId) setAssetId(param)
  const { source, adapter } = sourceRoute.useRouteContext()
  const navigate = useNavigate()
  const router = useRouter()
  const browser = useAssetBrowser()
  const filters = browser?.filters ?? NO_FILTERS
  const [stepState, setStepState] = useState<'idle' | 'loading' | 'failed'>('idle')
  const stepping = useRef<AbortController | null>(null)
  useEffect(() => () => stepping.current?.abort(), [])

  const index = browser ? browser.list.indexOf(assetId) : -1
  const fromList = index >= 0 ? browser?.list.itemAt(index) : undefined
  // A pasted or reloaded viewer URL is not in the grid's list: fetch the one asset.
  const detail = useQuery({ ...assetQueries.detail(source, assetId), enabled: !fromList })
  const asset = fromList ?? detail.data
  const total = browser?.list.count ?? 0

  // ...and ask the API where it sits, so the neighbours and the grid under the viewer follow.
  const queryClient = useQueryClient()
  const located = useQuery(assetQueries.locate(source, filters, index < 0 ? detail.data : undefined))
  const locatedIndex = located.data ?? null
  useEffect(() => {
    if (locatedIndex !== null && index < 0) browser?.reveal(locatedIndex)
  }, [locatedIndex, index, browser])

  const goTo = (target: Asset) =>
    void navigate({
      to: '.',
      params: (prev: Record<string, string>) => ({ ...prev, assetId: target.id }),
      search: true,
      replace: true,
      state: (prev) => prev,
    })

  const step = (delta: number) => {
    if (!browser || index < 0 || stepping.current) return
    const target = index + delta
    if (target < 0 || (browser.list.exact && target >= total)) return
    const next = browser.list.itemAt(target)
    if (next) return goTo(next)
    // Past the loaded list: move the window there and wait for the page holding the neighbour.
    const controller = new AbortController()
    stepping.current = controller
    setStepState('loading')
    browser.reveal(target)
    browser.list
      .collect(target, target, controller.signal)
      .then(([found]) => {
        if (controller.signal.aborted) return
        setStepState('idle')
        if (found) goTo(found.item)
      })
      .catch(() => {
        if (!controller.signal.aborted) setStepState('failed')
      })
      .finally(() => {
        if (stepping.current === controller) stepping.current = null
      })
  }

  const close = () => {
    const opened = router.state.location.state as { fromGrid?: boolean }
    if (opened.fromGrid) router.history.back()
    else void navigate({ to: '..', search: true, replace: true })
  }

  const size = asset?.width && asset.height ? { width: asset.width, height: asset.height } : null
  const zoom = useZoom(assetId, size)
  const fullscreen = useFullscreen()
  const [infoShown, setInfoShown] = useStoredFlag(INFO_PANEL_KEY, true)
  const [boxesShown, setBoxesShown] = useStoredFlag(BOXES_KEY, true)
  const overlay = asset ? assetOverlay(asset, source.id) : null

  useShortcuts('Viewer', viewerKeys(overlay !== null, fullscreen.supported))
  useDocumentTitle([asset?.name ?? (detail.isError ? 'Asset unavailable' : undefined), source.name])

  // Whatever closes the viewer (Esc, the button, Back), focus lands on its asset in the grid; this
  // is the only place that moves it, so nothing lands on a fallback tile after the right one.
  const shownId = useRef(assetId)
  useEffect(() => {
    shownId.current = assetId
  }, [assetId])
  const focusTileOnClose = (event: Event) => {
    event.preventDefault()
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
    } else browser.focusAsset(shownId.current)
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return
    if ((e.target as HTMLElement).closest('input, textarea, select')) return
    const key = e.key
    // `+` needs Shift on most layouts, so it is read before Shift ends the single-key shortcuts.
    if (key === '+' || key === '=') zoom.zoomIn()
    else if (key === '-' || key === '_') zoom.zoomOut()
    else if (key === 'F' && e.shiftKey && fullscreen.supported) fullscreen.toggle()
    else if (e.shiftKey) return
    else if (key === 'z') zoom.toggle()
    else if (key === '0') zoom.reset()
    else if (key === 'f' && overlay) setBoxesShown(!boxesShown)
    else if (key === 'i') setInfoShown(!infoShown)
    else if (zoom.zoomed && key.startsWith('Arrow')) {
      // Zoomed, the arrows look around the image; → shows more of its right side.
      const dx = key === 'ArrowLeft' ? PAN_STEP : key === 'ArrowRight' ? -PAN_STEP : 0
      const dy = key === 'ArrowUp' ? PAN_STEP : key === 'ArrowDown' ? -PAN_STEP : 0
      zoom.panBy(dx, dy)
    } else if (key === 'ArrowRight') step(1)
    else if (key === 'ArrowLeft') step(-1)
    else return
    e.preventDefault()
  }

  // Warm the neighbours' large images so stepping shows them at once.
  const prev = index > 0 ? browser?.list.itemAt(index - 1) : undefined
  const next = index >= 0 ? browser?.list.itemAt(index + 1) : undefined
  useEffect(() => {
    for (const neighbour of [next, prev]) {
      // A typed asset's original is its file or its link, never an image to warm.
      const src =
        neighbour && (isTyped(neighbour) ? neighbour.previewUrl : (neighbour.previewUrl ?? neighbour.originalUrl))
      if (src) new Image().src = src
    }
  }, [next, prev])

  const canStep = browser !== null && index >= 0
  const file = asset && assetFile(asset)
  const link = asset && assetLink(asset)
  return (
    <Modal
      onClose={close}
      onKeyDown={onKeyDown}
      onCloseAutoFocus={focusTileOnClose}
      className="fixed inset-0 z-40 flex flex-col bg-neutral-950 text-neutral-100 outline-none"
    >
      <ModalHeader
        title={asset?.name ?? (detail.isError ? 'Asset unavailable' : 'Loading…')}
        position={
          canStep && (
            // note: on a phone the toolbar fills its row; the count would push it into a second one.
            <span className="hidden sm:inline" data-testid="viewer-position">
              {formatNumber(index + 1)} of {formatTotal(total, browser.list.exact, browser.noun)}
            </span>
          )
        }
        close={
          <TipButton label="Close viewer" shortcut="Esc" keys="Escape" onClick={close}>
            ✕
          </TipButton>
        }
      >
        <ShortcutsButton className="btn-dark hidden px-3 text-sm sm:inline-flex" />
        {overlay && (
          <Tip
            label={boxesShown ? `Hide ${overlay.label.toLowerCase()}` : `Show ${overlay.label.toLowerCase()}`}
            shortcut="F"
          >
            <button
              type="button"
              className="btn-dark aria-pressed:bg-neutral-700"
              onClick={() => setBoxesShown(!boxesShown)}
              aria-pressed={boxesShown}
              aria-label={overlay.label === 'Faces' ? 'Face boxes' : 'Detection boxes'}
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
        <TipButton
          label="Previous asset"
          shortcut="←"
          keys="ArrowLeft"
          onClick={() => step(-1)}
          disabled={!canStep || index === 0}
        >
          ←
        </TipButton>
        <TipButton
          label="Next asset"
          shortcut="→"
          keys="ArrowRight"
          onClick={() => step(1)}
          disabled={!canStep || (browser.list.exact && index >= total - 1)}
        >
          →
        </TipButton>
      </ModalHeader>
      {detail.isError && !fromList ? (
        <ErrorPanel
          error={detail.error}
          tone="dark"
          onRetry={() => void detail.refetch()}
          onBack={{ label: browser?.backLabel ?? 'Back', onClick: close }}
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
                  onSwipe={step}
                  className="h-full w-full"
                >
                  {overlay && boxesShown && (
                    <BoxOverlay
                      boxes={overlay.boxes}
                      label={overlay.label}
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
            {stepState !== 'idle' && (
              <p role="status" className="absolute right-4 bottom-4 rounded bg-black/70 px-2 py-1 text-sm">
                {stepState === 'loading' ? 'Loading the next page…' : 'Could not load the next asset. Try again.'}
              </p>
            )}
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
    </Modal>
  )
}

function viewerKeys(boxes: boolean, fullscreen: boolean): Shortcut[] {
  return [
    { keys: [['←'], ['→']], description: 'Previous or next asset (or swipe)' },
    { keys: [['←'], ['→'], ['↑'], ['↓']], description: 'Zoomed in: move around the image (or drag)' },
    { keys: [['Z']], description: 'Zoom to the original size (1:1), or back to fit' },
    { keys: [['+'], ['-']], description: 'Zoom in or out (also double-click, pinch or the wheel)' },
    { keys: [['0']], description: 'Fit the image to the window' },
    ...(boxes ? [{ keys: [['F']], description: 'Show or hide the face or detection boxes' }] : []),
    { keys: [['I']], description: 'Show or hide the details panel' },
    ...(fullscreen ? [{ keys: [['Shift', 'F']], description: 'Full screen on or off' }] : []),
    { keys: [['Esc']], description: 'Close the viewer and return to the asset in the grid' },
    { keys: [['?']], description: 'Show keyboard shortcuts' },
  ]
}

function ZoomBar({ zoom }: { zoom: ZoomController }) {
  return (
    <div
      role="group"
      aria-label="Zoom"
      className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-1 rounded-lg bg-neutral-950/85 p-1"
    >
      <TipButton label="Zoom out" shortcut="-" keys="-" onClick={zoom.zoomOut} disabled={!zoom.zoomed}>
        −
      </TipButton>
      <span className="min-w-14 text-center text-sm tabular-nums" data-testid="zoom-level" aria-live="polite">
        {zoom.scale ? `${zoom.percent}%` : ''}
      </span>
      <TipButton label="Zoom in" shortcut="+" keys="+" onClick={zoom.zoomIn}>
        +
      </TipButton>
      <Tip label="Zoom to the original size" shortcut="Z">
        <button
          type="button"
          className="btn-dark px-3 text-sm"
          onClick={() => zoom.zoomTo(1)}
          aria-label="1:1 (original size)"
        >
          1:1
        </button>
      </Tip>
      <TipButton
        label="Fit (reset zoom)"
        tip="Reset zoom to fit"
        shortcut="0"
        keys="0"
        className="btn-dark px-3 text-sm"
        onClick={zoom.reset}
        disabled={!zoom.zoomed}
      >
        Fit
      </TipButton>
    </div>
  )
}
