import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { assetOverlay } from '../../src/features/assets/overlay-boxes'
import type { Asset } from '../../src/dialects/types'
import { BoxOverlay } from '../../src/ui/box-overlay'
import { useZoom, ZoomableImage } from '../../src/ui/zoomable-image'
import { expectListedHandled, expectOnlyListedHandled, listedPresses } from './listed-keys'
import { piktidList, renderApp, sharedServer } from './render-app'

const server = sharedServer()

/** The first asset of the default order with detected objects, and the one after it. */
async function detectedAsset() {
  const { assets } = await piktidList(server)
  const at = assets.findIndex((a) => a.detected?.length)
  return { asset: assets[at]!, next: assets[at + 1]! }
}

// jsdom lays nothing out: give every element the viewer's size so the image can be placed.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1024)
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(768)
})
afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
})

function loadImage(img: HTMLElement, naturalWidth: number, naturalHeight: number) {
  Object.defineProperty(img, 'naturalWidth', { value: naturalWidth })
  Object.defineProperty(img, 'naturalHeight', { value: naturalHeight })
  fireEvent.load(img)
}

function Photo({
  faces = [] as NonNullable<Asset['faces']>,
  onNavigate = (_: string) => {},
  onSwipe = (_: 1 | -1) => {},
}) {
  const zoom = useZoom('photo-1', { width: 3000, height: 2000 })
  const asset = {
    faces,
    detections: [],
  } as unknown as Asset
  const overlay = assetOverlay(asset, 'gumnut')
  return (
    <>
      <button type="button" onClick={() => zoom.toggle()}>
        Z
      </button>
      <button type="button" onClick={zoom.zoomIn}>
        in
      </button>
      <output data-testid="level">{zoom.percent}%</output>
      <ZoomableImage
        zoom={zoom}
        alt="beach.jpg"
        thumbnailUrl="/thumb.webp"
        previewUrl="/preview.webp"
        originalUrl="/original.jpg"
        onSwipe={onSwipe}
      >
        {overlay && <BoxOverlay boxes={overlay.boxes} label={overlay.label} onNavigate={onNavigate} />}
      </ZoomableImage>
    </>
  )
}

/** A press, moves and a release of one pointer over `el`, each at [clientX, clientY]. */
function press(el: HTMLElement, pointerId: number, pointerType: string, ...points: [number, number][]) {
  const at = (i: number) => ({ pointerId, pointerType, clientX: points[i]![0], clientY: points[i]![1] })
  fireEvent.pointerDown(el, { ...at(0), button: 0, buttons: 1 })
  for (let i = 1; i < points.length; i++) fireEvent.pointerMove(el, { ...at(i), buttons: 1 })
  fireEvent.pointerUp(el, at(points.length - 1))
}

const originalRequested = () => document.querySelector('img[src="/original.jpg"]') !== null

describe('zoomable image', () => {
  it('goes fit → 1:1 → fit, with the zoom level shown', async () => {
    render(<Photo />)
    // Fit: (1024 - 2 × 12) / 3000 of the original.
    expect(screen.getByTestId('level')).toHaveTextContent('33%')
    await userEvent.click(screen.getByRole('button', { name: 'Z' }))
    expect(screen.getByTestId('level')).toHaveTextContent('100%')
    expect(screen.getByTestId('image-box')).toHaveStyle({ width: '3000px', height: '2000px' })
    await userEvent.click(screen.getByRole('button', { name: 'Z' }))
    expect(screen.getByTestId('level')).toHaveTextContent('33%')
    expect(screen.getByTestId('image-box')).toHaveStyle({ width: '1000px' })
  })

  it('holds the final box from the first frame, with the thumbnail in it until the preview is in', () => {
    render(<Photo />)
    const box = screen.getByTestId('image-box')
    expect(box).toHaveStyle({ left: '12px', width: '1000px', height: `${2000 / 3}px` })
    const thumb = box.querySelector('img[src="/thumb.webp"]')
    expect(thumb).toHaveClass('h-full', 'w-full')
    loadImage(screen.getByRole('img', { name: 'beach.jpg' }), 1280, 853)
    expect(box.querySelector('img[src="/thumb.webp"]')).toBeNull()
    expect(box).toHaveStyle({ width: '1000px' })
  })

  it('requests the original only once drawn larger than the preview', async () => {
    render(<Photo />)
    loadImage(screen.getByRole('img', { name: 'beach.jpg' }), 1280, 853)
    expect(originalRequested()).toBe(false)
    // One step: 1,000 px × 1.5 = 1,500 px, more than the preview's 1,280.
    await userEvent.click(screen.getByRole('button', { name: 'in' }))
    expect(originalRequested()).toBe(true)
  })

  it('pinches about the fingers’ midpoint, pans with one finger, and steps with a touch swipe only while it fits', () => {
    const onSwipe = vi.fn()
    render(<Photo onSwipe={onSwipe} />)
    const viewport = screen.getByTestId('zoom-viewport')
    viewport.getBoundingClientRect = () => new DOMRect(0, 0, 1024, 768)
    const box = () => {
      const { left, top, width } = screen.getByTestId('image-box').style
      return { left: parseFloat(left), top: parseFloat(top), width: parseFloat(width) }
    }
    // A swipe by finger steps (leftwards: the next image); by mouse, or mostly vertical, it does not.
    press(viewport, 1, 'touch', [600, 400], [540, 405], [500, 410])
    expect(onSwipe).toHaveBeenCalledExactlyOnceWith(1)
    press(viewport, 2, 'mouse', [500, 400], [600, 400])
    press(viewport, 3, 'touch', [500, 300], [560, 400])
    expect(onSwipe).toHaveBeenCalledTimes(1)

    // Two fingers are a pinch, never a swipe: not even one that leaves the image at fit while its
    // first finger moves 100 px sideways.
    const finger = (id: number, x: number) => ({
      pointerId: id,
      pointerType: 'touch',
      buttons: 1,
      clientX: x,
      clientY: 300,
    })
    fireEvent.pointerDown(viewport, finger(10, 300))
    fireEvent.pointerDown(viewport, finger(11, 500))
    fireEvent.pointerMove(viewport, finger(11, 250))
    fireEvent.pointerMove(viewport, finger(10, 200))
    fireEvent.pointerUp(viewport, finger(11, 250))
    fireEvent.pointerUp(viewport, finger(10, 200))
    expect(screen.getByTestId('level')).toHaveTextContent('33%')
    expect(onSwipe).toHaveBeenCalledTimes(1)

    // At fit the image is 1000 px wide from (12, 50.67); the fingers go from 100 px apart to 300,
    // their midpoint at (450, 300): three times the scale, that point of the image staying put.
    fireEvent.pointerDown(viewport, finger(4, 300))
    fireEvent.pointerDown(viewport, finger(5, 400))
    fireEvent.pointerMove(viewport, finger(5, 600))
    expect(screen.getByTestId('level')).toHaveTextContent('100%')
    expect(box().width).toBe(3000)
    expect(box().left).toBeCloseTo(450 - (450 - 12) * 3, 6)
    expect(box().top).toBeCloseTo(300 - (300 - (768 - 2000 / 3) / 2) * 3, 6)
    fireEvent.pointerUp(viewport, finger(5, 600))
    fireEvent.pointerUp(viewport, finger(4, 300))

    // Zoomed in, one finger pans by as much as it moves, and a swipe does not step.
    const before = box()
    press(viewport, 6, 'touch', [500, 400], [450, 380], [380, 370])
    expect(box().left).toBeCloseTo(before.left - 120, 6)
    expect(box().top).toBeCloseTo(before.top - 30, 6)
    expect(onSwipe).toHaveBeenCalledTimes(1)
  })

  it('does not request the original while the image is drawn no larger than the preview', async () => {
    render(<Photo />)
    loadImage(screen.getByRole('img', { name: 'beach.jpg' }), 2000, 1333)
    await userEvent.click(screen.getByRole('button', { name: 'in' }))
    expect(screen.getByTestId('level')).toHaveTextContent('50%')
    expect(originalRequested()).toBe(false)
    await userEvent.click(screen.getByRole('button', { name: 'in' }))
    expect(originalRequested()).toBe(true)
  })
})

describe('face boxes', () => {
  const faces = [
    {
      id: 'f1',
      personId: 'p1',
      personName: 'Ana Souza',
      box: [0.1, 0.2, 0.15, 0.25] as [number, number, number, number],
    },
    { id: 'f2', personId: null, personName: null, box: [0.6, 0.3, 0.1, 0.2] as [number, number, number, number] },
  ]

  it('links a known person, announces both, and sits on the image in fractions of its box', async () => {
    const onNavigate = vi.fn()
    render(<Photo faces={faces} onNavigate={onNavigate} />)
    const list = screen.getByRole('list', { name: 'Faces' })
    const ana = within(list).getByRole('link', { name: 'Face: Ana Souza' })
    expect(ana).toHaveAttribute('href', '/gumnut/people/p1')
    expect(ana).toHaveStyle({ left: '10%', top: '20%', width: '15%', height: '25%' })
    expect(screen.getByTestId('image-box')).toContainElement(ana)
    const unnamed = within(list).getByRole('img', { name: 'Face: Unnamed person' })
    expect(unnamed).toHaveAttribute('tabindex', '0')
    expect(unnamed).toHaveStyle({ left: '60%', top: '30%' })

    await userEvent.click(ana)
    expect(onNavigate).toHaveBeenCalledWith('/gumnut/people/p1')
    // In tab order after the image's own controls.
    ana.blur()
    await userEvent.tab()
    await userEvent.tab()
    await userEvent.tab()
    expect(document.activeElement).toBe(ana)
    await userEvent.tab()
    expect(document.activeElement).toBe(unnamed)
  })

  it('shows the name in a tooltip when a box is focused', async () => {
    render(<Photo faces={faces} />)
    fireEvent.focus(screen.getByRole('link', { name: 'Face: Ana Souza' }))
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Ana Souza')
  })
})

describe('viewer', () => {
  it('hides the details panel with I, remembers it, and shows it again', async () => {
    const { asset } = await detectedAsset()
    const first = renderApp(`/piktid/assets/${asset.id}`)
    const dialog = await screen.findByRole('dialog', { name: asset.filename })
    expect(within(dialog).getByRole('complementary', { name: 'Asset details' })).toBeInTheDocument()
    await userEvent.keyboard('i')
    expect(within(dialog).queryByRole('complementary', { name: 'Asset details' })).not.toBeInTheDocument()
    expect(within(dialog).getByRole('button', { name: 'Details panel' })).toHaveAttribute('aria-pressed', 'false')
    first.view.unmount()

    renderApp(`/piktid/assets/${asset.id}`)
    const again = await screen.findByRole('dialog', { name: asset.filename })
    expect(within(again).queryByRole('complementary', { name: 'Asset details' })).not.toBeInTheDocument()
    await userEvent.click(within(again).getByRole('button', { name: 'Details panel' }))
    expect(within(again).getByRole('complementary', { name: 'Asset details' })).toBeInTheDocument()
  })

  it('draws the detections with their labels, hides them with F, and zooms with Z and the buttons', async () => {
    const { asset } = await detectedAsset()
    const detection = asset.detected![0]!
    renderApp(`/piktid/assets/${asset.id}`)
    const dialog = await screen.findByRole('dialog', { name: asset.filename })
    const list = within(dialog).getByRole('list', { name: 'Detected objects' })
    const box = within(list).getAllByRole('img', {
      name: `Detected: ${detection.label} (${Math.round(detection.confidence * 100)}%)`,
    })[0]!
    expect(box).toHaveTextContent(detection.label)
    expect(within(list).queryByRole('link')).toBeNull()
    await userEvent.keyboard('f')
    expect(within(dialog).queryByRole('list', { name: 'Detected objects' })).toBeNull()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Detection boxes' }))
    expect(within(dialog).getByRole('list', { name: 'Detected objects' })).toBeInTheDocument()

    const level = within(dialog).getByTestId('zoom-level')
    const fitted = level.textContent
    expect(within(dialog).getByRole('button', { name: 'Fit (reset zoom)' })).toBeDisabled()
    await userEvent.keyboard('z')
    expect(level).toHaveTextContent('100%')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Fit (reset zoom)' }))
    expect(level).toHaveTextContent(fitted ?? '')
  })

  it('pans with the arrow keys while zoomed, and steps with them otherwise', async () => {
    const { asset, next } = await detectedAsset()
    const { router } = renderApp(`/piktid/assets/${asset.id}`)
    const dialog = await screen.findByRole('dialog', { name: asset.filename })
    await userEvent.keyboard('z')
    const box = within(dialog).getByTestId('image-box')
    const left = box.style.left
    await userEvent.keyboard('{ArrowRight}')
    expect(box.style.left).not.toBe(left)
    expect(router.state.location.pathname).toBe(`/piktid/assets/${asset.id}`)
    await userEvent.keyboard('0')
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Fit (reset zoom)' })).toBeDisabled())
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(router.state.location.pathname).toBe(`/piktid/assets/${next.id}`))
  })

  it('lists its zoom, pan, box, panel and full-screen keys in the ? overlay', async () => {
    const { asset } = await detectedAsset()
    renderApp(`/piktid/assets/${asset.id}`)
    const dialog = await screen.findByRole('dialog', { name: asset.filename })
    // Zoomed in, the arrows pan (at fit they step, and the list says only that).
    await userEvent.keyboard('+')
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Fit (reset zoom)' })).toBeEnabled())
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    for (const line of [
      'Zoom to the original size (1:1), or back to fit',
      'Zoom in or out',
      'Zoomed in: move around the image',
      'Show or hide the face or detection boxes',
      'Show or hide the details panel',
    ]) {
      expect(overlay).toHaveTextContent(line)
    }
  })

  it('handles exactly the keys the ? overlay lists for it, no more and no fewer', async () => {
    const { asset } = await detectedAsset()
    const { router } = renderApp(`/piktid/assets/${asset.id}`)
    const dialog = await screen.findByRole('dialog', { name: asset.filename }, { timeout: 5000 })
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const listed = listedPresses(overlay, 'Viewer')
    expect(listed.map((p) => p.key)).toEqual(expect.arrayContaining(['ArrowRight', 'z', '+', '-', '0', 'i', 'Escape']))
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument())
    expect(expectOnlyListedHandled(dialog, listed)).toBeGreaterThan(60)
    expect(router.state.location.pathname).toBe(`/piktid/assets/${asset.id}`)
    // Zoomed in, every arrow moves the image; then the other keys, and Esc last, which closes the viewer.
    await userEvent.keyboard('z')
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Fit (reset zoom)' })).toBeEnabled())
    const arrow = (p: { key: string }) => p.key.startsWith('Arrow')
    expectListedHandled(dialog, listed.filter(arrow))
    expectListedHandled(dialog, [
      ...listed.filter((p) => !arrow(p) && p.key !== 'Escape'),
      { key: 'Escape', shiftKey: false },
    ])
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })

  it('shows the EXIF of a photo', async () => {
    const { AssetDetails } = await import('../../src/features/assets/components/asset-details')
    const asset = {
      id: 'a',
      name: 'IMG_0001.jpg',
      thumbnailUrl: null,
      previewUrl: null,
      originalUrl: '/o.jpg',
      width: 4000,
      height: 3000,
      createdAt: '2024-07-14T18:03:22Z',
      createdBy: '',
      tags: [],
      visibility: null,
      note: null,
      detections: [],
      project: null,
      exif: {
        make: 'FUJIFILM',
        model: 'X-T4',
        lens: 'XF35mmF1.4 R',
        fNumber: 2.8,
        focalLength: 35,
        iso: 200,
        exposureTime: 0.004,
        takenAt: '2024-07-14T18:03:22',
        latitude: null,
        longitude: null,
        city: 'Porto',
        state: null,
        country: 'Portugal',
        rating: null,
      },
      people: [
        { id: 'p1', name: 'Ana Souza', faceUrl: null },
        { id: 'p2', name: null, faceUrl: null },
      ],
    } satisfies Asset
    render(<AssetDetails asset={asset} />)
    const exif = screen.getByTestId('exif')
    expect(exif).toHaveTextContent('CameraFUJIFILM X-T4')
    expect(exif).toHaveTextContent('LensXF35mmF1.4 R')
    expect(exif).toHaveTextContent('Exposure1/250 s · f/2.8 · ISO 200 · 35 mm')
    expect(exif).toHaveTextContent('Taken14 Jul 2024, 18:03:22')
    expect(exif).toHaveTextContent('PlacePorto, Portugal')
    expect(screen.getByText('Ana Souza, Unnamed person')).toBeInTheDocument()
  })
})
