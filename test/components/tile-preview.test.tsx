import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mapPiktidPage } from '../../src/dialects/piktid/mapper'
import type { Asset } from '../../src/dialects/types'
import { AssetTile } from '../../src/features/assets/components/asset-tile'
import { PlaceholderTile, thumbLoading } from '../../src/grid/tiles'
import { wireAsset } from '../fixtures/piktid'

const tileProps = { 'data-index': 0, tabIndex: 0 as const, onKeyDown: () => {}, onClick: () => {}, onFocus: () => {} }

function asset(overrides: Record<string, unknown>): Asset {
  const page = mapPiktidPage(
    { assets: [{ ...wireAsset(1), ...overrides }], pagination: { page: 1, total: 1 } },
    10,
    location.origin,
  )
  return page.items[0] as Asset
}

function tileView(item: Asset, width?: number) {
  return render(
    <AssetTile
      item={item}
      index={0}
      href="/piktid/assets/as00001"
      tileProps={tileProps}
      selected={false}
      selecting={false}
      toggleSelected={() => {}}
      width={width}
      onOpen={() => {}}
    />,
  )
}

function renderTile(item: Asset, width?: number) {
  tileView(item, width)
  return screen.getByRole('link')
}

describe('a tile before its image arrives', () => {
  it('shows the preview colour sent with the listing behind the image, which keeps it once loaded', () => {
    const link = renderTile(asset({ preview_color: '#7A8B9C' }))
    expect(link.style.backgroundColor).toBe('rgb(122, 139, 156)')
    expect(link.dataset.preview).toBe('#7a8b9c')
    const img = screen.getByRole('img')
    expect(img.className).toContain('opacity-0')
    fireEvent.load(img)
    expect(img.className).toContain('opacity-100')
  })

  it('is the plain grey box when the listing has no colour or a hostile one', () => {
    for (const preview_color of [undefined, 'red; background: url(https://evil.test/x)']) {
      const link = renderTile(asset({ preview_color }))
      expect(link.getAttribute('style')).toBeNull()
      expect(link.dataset.preview).toBeUndefined()
      link.parentElement?.parentElement?.remove()
    }
  })

  it('offers the small and big thumbnails by the tile size', () => {
    renderTile(asset({}))
    const img = screen.getByRole('img')
    expect(img.getAttribute('srcset')).toMatch(/thumb-small.* 213w, .*thumb-big.* 853w$/)
    // Not measured yet: a square column's width, by the viewport.
    expect(img.getAttribute('sizes')).toBe('(min-width: 640px) 14rem, 50vw')
  })

  it('asks for the thumbnail by its own width once the grid has measured it', () => {
    // A wide image in justified rows is several squares wide: a square's thumbnail would blur.
    renderTile(asset({}), 517.4)
    expect(screen.getByRole('img').getAttribute('sizes')).toBe('518px')
  })
})

describe('a tile flown past (the grid is seeking)', () => {
  it('is the preview colour with no image at all', () => {
    const { container } = render(<PlaceholderTile index={3} failed={false} preview="#112233" />)
    const tile = container.firstElementChild as HTMLElement
    expect(tile.style.backgroundColor).toBe('rgb(17, 34, 51)')
    expect(tile.dataset.placeholder).toBe('preview')
    expect(tile.className).not.toContain('animate-pulse')
    expect(container.querySelector('img')).toBeNull()
  })

  it('pulses grey when the item has no preview', () => {
    const { container } = render(<PlaceholderTile index={3} failed={false} />)
    const tile = container.firstElementChild as HTMLElement
    expect(tile.dataset.placeholder).toBe('loading')
    expect(tile.getAttribute('style')).toBeNull()
  })
})

describe('a tile that goes drops its unfinished image load', () => {
  // The drop waits a task (an unmount may be a move); the timers run it at once, so a kept image
  // is checked after the drop would have happened.
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })
  const settle = () => vi.runAllTimers()

  function mount() {
    const view = tileView(asset({}))
    return { view, img: view.container.querySelector('img') as HTMLImageElement }
  }

  it('points an image still loading at an inline one once its tile is unmounted (its request is dropped)', () => {
    const { view, img } = mount()
    const thumb = img.getAttribute('src')
    expect(thumb).toMatch(/thumb-small/)
    view.unmount()
    settle()
    // An inline image that loads at once, never a bare element: a detached image whose load is
    // cut off by removing its src is never released by Chromium.
    expect(img.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    expect(img.hasAttribute('srcset')).toBe(false)
  })

  it('keeps an image that finished loading', () => {
    const { view, img } = mount()
    Object.defineProperty(img, 'complete', { value: true })
    view.unmount()
    settle()
    expect(img.getAttribute('src')).toBeTruthy()
  })

  it('keeps an image still in the document (a Suspense boundary hides, not removes, its tiles)', () => {
    const img = document.createElement('img')
    img.src = '/media/thumb-small/x.webp'
    document.body.append(img)
    const cleanup = thumbLoading(0).ref?.(img)
    expect(cleanup).toBeTypeOf('function')
    if (typeof cleanup === 'function') cleanup()
    settle()
    expect(img.getAttribute('src')).toBe('/media/thumb-small/x.webp')
    img.remove()
  })
})
