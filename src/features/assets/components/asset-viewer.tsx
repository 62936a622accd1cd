import { useQuery, useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useNavigate, useParams, useRouter } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import type { Asset } from '../../../dialects/types'
import { Modal, ModalTitle } from '../../../ui/dialog'
import { ErrorPanel } from '../../../ui/error-panel'
import { ShortcutsButton, useShortcuts } from '../../../ui/shortcuts'
import { Tip } from '../../../ui/tooltip'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { useAssetBrowser } from '../asset-browser-context'
import { formatNumber, formatTotal } from '../format'
import { assetQueries } from '../queries'
import { AssetDetails } from './asset-details'

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
  const { source } = sourceRoute.useRouteContext()
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
    if (!browser) return
    const pasted = index < 0 ? detail.data : undefined
    // Located, but its page has not landed yet: go to the index.
    if (pasted && typeof located.data === 'number') browser.focusAt(located.data)
    else if (pasted && located.isFetching) {
      // Closed before the API said where the asset sits: land on it once it does.
      void queryClient
        .query(assetQueries.locate(source, filters, pasted))
        .then((at) => (at === null ? browser.focusAsset(assetId) : browser.focusAt(at)))
        .catch(() => browser.focusAsset(assetId))
    } else browser.focusAsset(assetId)
  }

  useShortcuts('Viewer', VIEWER_KEYS)
  useDocumentTitle([asset?.name ?? (detail.isError ? 'Asset unavailable' : undefined), source.name])

  // Whatever closes the viewer (Esc, the button, Back), focus lands on its asset in the grid.
  const shownId = useRef(assetId)
  useEffect(() => {
    shownId.current = assetId
  }, [assetId])
  const focusTileOnClose = (event: Event) => {
    event.preventDefault()
    browser?.focusAsset(shownId.current)
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || e.shiftKey) return
    if ((e.target as HTMLElement).closest('input, textarea, select')) return
    if (e.key === 'ArrowRight') step(1)
    else if (e.key === 'ArrowLeft') step(-1)
    else return
    e.preventDefault()
  }

  // Warm the neighbours' large images so stepping shows them at once.
  const prev = index > 0 ? browser?.list.itemAt(index - 1) : undefined
  const next = index >= 0 ? browser?.list.itemAt(index + 1) : undefined
  useEffect(() => {
    for (const neighbour of [next, prev]) {
      const src = neighbour && (neighbour.previewUrl ?? neighbour.originalUrl)
      if (src) new Image().src = src
    }
  }, [next, prev])

  const canStep = browser !== null && index >= 0
  return (
    <Modal
      onClose={close}
      onKeyDown={onKeyDown}
      onCloseAutoFocus={focusTileOnClose}
      className="fixed inset-0 z-40 flex flex-col bg-neutral-950 text-neutral-100 outline-none"
    >
      <div className="flex shrink-0 items-center gap-2 border-b border-neutral-800 px-3 py-2">
        <ModalTitle className="min-w-0 flex-1 truncate font-medium">
          {asset?.name ?? (detail.isError ? 'Asset unavailable' : 'Loading…')}
        </ModalTitle>
        {canStep && (
          <span className="hidden text-sm text-neutral-300 sm:inline" data-testid="viewer-position">
            {formatNumber(index + 1)} of {formatTotal(total, browser.list.exact, browser.noun)}
          </span>
        )}
        <ShortcutsButton className="btn-dark hidden px-3 text-sm sm:inline-flex" />
        <Tip label="Previous asset" shortcut="←">
          <button
            type="button"
            className="btn-dark"
            onClick={() => step(-1)}
            disabled={!canStep || index === 0}
            aria-label="Previous asset"
            aria-keyshortcuts="ArrowLeft"
          >
            ←
          </button>
        </Tip>
        <Tip label="Next asset" shortcut="→">
          <button
            type="button"
            className="btn-dark"
            onClick={() => step(1)}
            disabled={!canStep || (browser.list.exact && index >= total - 1)}
            aria-label="Next asset"
            aria-keyshortcuts="ArrowRight"
          >
            →
          </button>
        </Tip>
        <Tip label="Close viewer" shortcut="Esc">
          <button
            type="button"
            className="btn-dark"
            onClick={close}
            aria-label="Close viewer"
            aria-keyshortcuts="Escape"
          >
            ✕
          </button>
        </Tip>
      </div>
      {detail.isError && !fromList ? (
        <ErrorPanel
          error={detail.error}
          tone="dark"
          onRetry={() => void detail.refetch()}
          onBack={{ label: browser?.backLabel ?? 'Back', onClick: close }}
        />
      ) : (
        <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
          <div className="relative flex min-h-0 flex-1 items-center justify-center p-2 sm:p-4">
            {asset ? <ViewerImage key={asset.id} asset={asset} /> : <p role="status">Loading…</p>}
            {stepState !== 'idle' && (
              <p role="status" className="absolute right-4 bottom-4 rounded bg-black/70 px-2 py-1 text-sm">
                {stepState === 'loading' ? 'Loading the next page…' : 'Could not load the next asset. Try again.'}
              </p>
            )}
          </div>
          {asset && <AssetDetails asset={asset} />}
        </div>
      )}
    </Modal>
  )
}

const VIEWER_KEYS = [
  { keys: [['←'], ['→']], description: 'Previous or next asset' },
  { keys: [['Esc']], description: 'Close the viewer and return to the asset in the grid' },
  { keys: [['?']], description: 'Show keyboard shortcuts' },
] as const

function ViewerImage({ asset }: { asset: Asset }) {
  const [loaded, setLoaded] = useState(false)
  const large = asset.previewUrl ?? asset.originalUrl
  return (
    <div className="relative flex h-full w-full items-center justify-center">
      {!loaded && asset.thumbnailUrl && (
        <img
          src={asset.thumbnailUrl}
          alt=""
          aria-hidden="true"
          className="absolute max-h-full max-w-full object-contain blur-sm"
        />
      )}
      <img
        src={large}
        alt={asset.name}
        onLoad={() => setLoaded(true)}
        className="relative max-h-full max-w-full object-contain"
        style={asset.width && asset.height ? { aspectRatio: `${asset.width} / ${asset.height}` } : undefined}
      />
    </div>
  )
}
