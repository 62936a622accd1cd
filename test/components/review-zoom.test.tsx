import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PiktidAnnotation, PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { freshServer, renderApp, type TestServer } from './render-app'

// Zoom in the review of one image, over the reference server's demo catalog: the output zooms and
// pans by its keys and buttons, its annotations stay on it, a box drawn while zoomed is saved in
// the output's own 0–1 coordinates, and compare draws them over the output's pane. jsdom lays
// nothing out: every element measures 1000 × 800 px, and the output "loads" at 800 × 1200.
const VIEWPORT = { width: 1000, height: 800 }
const IMAGE = { width: 800, height: 1200 }
// What the zoom keeps free around a fitted image, and what + multiplies by (src/ui/zoom.ts).
const MARGIN = 12
const STEP = 1.5
const FIT = Math.min(1, (VIEWPORT.width - 2 * MARGIN) / IMAGE.width, (VIEWPORT.height - 2 * MARGIN) / IMAGE.height)

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(VIEWPORT.width)
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT.height)
})
afterEach(() => vi.restoreAllMocks())

interface Target {
  projectId: number
  image: PiktidGalleryImage
}

const keyOf = (image: PiktidGalleryImage) => `${image.job_id}:${image.image_index}:${image.group_index}`

/** A completed image with an input and without annotations, in the catalog's smallest project. */
async function target(server: TestServer): Promise<Target> {
  const page = await server.read<PiktidGalleryPage>(
    'piktid',
    '/gallery/by-project?per_page=100&status=completed&feedback=none&max_images_per_project=200',
  )
  for (const project of [...page.projects].sort((a, b) => a.total_images - b.total_images)) {
    const image = project.images.find(
      (i) => i.inputs.some((input) => input.full_size) && (i.review_annotations ?? []).length === 0,
    )
    if (image) return { projectId: project.project_id, image }
  }
  throw new Error('The catalog has no completed image with an input and no annotations')
}

async function storedAnnotations(server: TestServer, { projectId, image }: Target): Promise<PiktidAnnotation[]> {
  const page = await server.read<PiktidGalleryPage>(
    'piktid',
    `/gallery/by-project?project_id=${projectId}&max_images_per_project=200`,
  )
  const stored = page.projects[0]?.images.find((i) => keyOf(i) === keyOf(image))
  if (!stored) throw new Error(`${keyOf(image)} is not in project ${projectId}`)
  return stored.review_annotations ?? []
}

interface Box {
  left: number
  top: number
  width: number
  height: number
}

/** The output's box in its viewport, as the page draws it. */
function imageBox(dialog: HTMLElement): Box {
  const style = within(dialog).getByTestId('image-box').style
  return {
    left: parseFloat(style.left),
    top: parseFloat(style.top),
    width: parseFloat(style.width),
    height: parseFloat(style.height),
  }
}

/** The box of the output at `scale`, moved by `x`, `y` from the centre: the zoom's geometry, worked by hand. */
function expected(scale: number, x = 0, y = 0): Box {
  const width = IMAGE.width * scale
  const height = IMAGE.height * scale
  return { left: (VIEWPORT.width - width) / 2 + x, top: (VIEWPORT.height - height) / 2 + y, width, height }
}

function expectBox(actual: Box, want: Box) {
  for (const side of ['left', 'top', 'width', 'height'] as const) expect(actual[side]).toBeCloseTo(want[side], 1)
}

async function openReview() {
  const server = freshServer()
  const found = await target(server)
  renderApp(`/piktid/projects/${found.projectId}/${encodeURIComponent(keyOf(found.image))}`, { server })
  const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 })
  await within(dialog).findByTestId('review-position', {}, { timeout: 10_000 })
  const output = within(dialog).getByRole('img', { name: /^Output:/ })
  Object.defineProperty(output, 'naturalWidth', { configurable: true, value: IMAGE.width })
  Object.defineProperty(output, 'naturalHeight', { configurable: true, value: IMAGE.height })
  fireEvent.load(output)
  await waitFor(() => expect(within(dialog).getByTestId('image-box')).toBeInTheDocument())
  const level = () => within(dialog).getByTestId('zoom-level').textContent
  return { server, target: found, dialog, level, stored: () => storedAnnotations(server, found) }
}

describe('zoom in the review of one image', () => {
  it('zooms and pans the output by keys and buttons; 0 still clears the verdict and Z fits again', async () => {
    const { dialog, level } = await openReview()
    expectBox(imageBox(dialog), expected(FIT))
    expect(level()).toBe(`${Math.round(FIT * 100)}%`)
    const position = within(dialog).getByTestId('review-position').textContent

    await userEvent.keyboard('+')
    expectBox(imageBox(dialog), expected(FIT * STEP))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Zoom in' }))
    const scale = FIT * STEP * STEP
    expectBox(imageBox(dialog), expected(scale))
    expect(level()).toBe(`${Math.round(scale * 100)}%`)

    // Zoomed in, → pans (as far as the image reaches past the viewport) rather than stepping on.
    await userEvent.keyboard('{ArrowRight}{ArrowDown}')
    const reachX = (IMAGE.width * scale - VIEWPORT.width) / 2
    expectBox(imageBox(dialog), expected(scale, -Math.min(120, reachX), -120))
    expect(within(dialog).getByTestId('review-position').textContent).toBe(position)

    // 0 is the review's "clear the verdict", not fit: the zoom stays; the Fit button says Z.
    await userEvent.keyboard('0')
    expect(level()).toBe(`${Math.round(scale * 100)}%`)
    expect(within(dialog).getByTestId('review-verdict')).toHaveTextContent('No verdict yet')
    expect(within(dialog).getByRole('button', { name: 'Fit (reset zoom)' })).toHaveAttribute('aria-keyshortcuts', 'Z')
    await userEvent.keyboard('z')
    expectBox(imageBox(dialog), expected(FIT))
    await userEvent.click(within(dialog).getByRole('button', { name: '1:1 (original size)' }))
    expect(level()).toBe('100%')
    await userEvent.keyboard('-')
    expect(level()).toBe(`${Math.round(100 / STEP)}%`)

    // The ? list names them under the review's keys, from the same bindings.
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const review = within(overlay).getByRole('region', { name: 'Review' })
    expect(review).toHaveTextContent('Zoom in or out')
    expect(review).toHaveTextContent('Zoom to the original size (1:1), or back to fit')
    expect(review).toHaveTextContent('Zoomed in: move around the image')
    expect(review).toHaveTextContent('Clear the verdict')
    expect(review).not.toHaveTextContent('Fit the image to the window')
  })

  it('keeps the annotations on the image at every zoom, and saves a box drawn zoomed in 0–1 coordinates', async () => {
    const { dialog, stored } = await openReview()
    await userEvent.keyboard('e')
    await userEvent.keyboard('++{ArrowDown}')
    const scale = FIT * STEP * STEP
    const box = expected(scale, 0, -120)
    expectBox(imageBox(dialog), box)

    // The layer is the output's box on screen (the viewport sits at the page's top left here).
    const layer = within(dialog).getByTestId('annotation-layer')
    expect(layer.closest('[data-testid="image-box"]')).not.toBeNull()
    layer.getBoundingClientRect = () => {
      const now = imageBox(dialog)
      return {
        ...now,
        x: now.left,
        y: now.top,
        right: now.left + now.width,
        bottom: now.top + now.height,
        toJSON: () => now,
      }
    }
    const from = { clientX: 400, clientY: 300 }
    const to = { clientX: 600, clientY: 450 }
    fireEvent.pointerDown(layer, { ...from, button: 0, buttons: 1, pointerId: 1 })
    fireEvent.pointerMove(layer, { ...to, pointerId: 1 })
    fireEvent.pointerUp(layer, { ...to, pointerId: 1 })
    const unit = (n: number) => Math.round(n * 1e4) / 1e4
    const want = {
      x: unit((from.clientX - box.left) / box.width),
      y: unit((from.clientY - box.top) / box.height),
      w: unit((to.clientX - from.clientX) / box.width),
      h: unit((to.clientY - from.clientY) / box.height),
    }
    await waitFor(async () => expect(await stored()).toEqual([{ ...want, note: '', tag: 'other' }]))

    // Drawn where it was drawn, and placed in the output's box at any zoom: its screen corner is
    // the box's corner plus its share of the box.
    const mark = await within(layer).findByRole('button', { name: 'Box 1: Other' })
    const cornerOnScreen = () => {
      const now = imageBox(dialog)
      return {
        x: now.left + (parseFloat(mark.style.left) / 100) * now.width,
        y: now.top + (parseFloat(mark.style.top) / 100) * now.height,
      }
    }
    expect(cornerOnScreen().x).toBeCloseTo(from.clientX, 0)
    expect(cornerOnScreen().y).toBeCloseTo(from.clientY, 0)
    // Zooming out about the centre brings the corner towards it by the same ratio.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Zoom out' }))
    const out = imageBox(dialog)
    expectBox(out, expected(FIT * STEP, 0, -120 / STEP))
    expect(cornerOnScreen().x).toBeCloseTo(VIEWPORT.width / 2 + (from.clientX - VIEWPORT.width / 2) / STEP, 0)
    expect(cornerOnScreen().y).toBeCloseTo(VIEWPORT.height / 2 + (from.clientY - VIEWPORT.height / 2) / STEP, 0)
    expect(parseFloat(mark.style.width)).toBeCloseTo(want.w * 100, 2)

    // Two quick presses on the layer are pins, not the image's double-click zoom.
    const before = imageBox(dialog)
    fireEvent.doubleClick(layer)
    expect(imageBox(dialog)).toEqual(before)
  })

  it('compare draws the output’s annotations over its pane, and they follow the shared zoom', async () => {
    const { dialog, stored } = await openReview()
    await userEvent.keyboard('e')
    await userEvent.click(within(dialog).getByRole('button', { name: 'New pin' }))
    await userEvent.keyboard('{Enter}')
    await waitFor(async () => expect(await stored()).toHaveLength(1))
    const pin = (await stored())[0]!
    await userEvent.keyboard('{Escape}{Escape}')
    await waitFor(() => expect(within(dialog).queryByTestId('annotation-tools')).not.toBeInTheDocument())

    await userEvent.keyboard('c')
    await within(dialog).findByRole('region', { name: 'Compare' })
    const output = dialog.querySelector<HTMLElement>('[data-pane="output"]')!
    expect(within(output).getByTestId('pane-annotations')).toHaveTextContent('1 annotation')
    const outputImg = within(output).getByRole('img', { name: /^Output:/ })
    Object.defineProperty(outputImg, 'naturalWidth', { configurable: true, value: IMAGE.width })
    Object.defineProperty(outputImg, 'naturalHeight', { configurable: true, value: IMAGE.height })
    fireEvent.load(outputImg)
    const marks = await within(output).findByTestId('annotation-layer')
    expect(marks).toHaveAttribute('aria-hidden', 'true')
    expect(marks.children).toHaveLength(1)
    const place = marks.children[0] as HTMLElement
    expect(place.style.left).toBe(`${pin.x * 100}%`)
    expect(place.style.top).toBe(`${pin.y * 100}%`)
    // Inside the pane's image box, which the shared zoom moves.
    const paneBox = within(output).getByTestId('image-box')
    expect(paneBox.contains(marks)).toBe(true)
    const fit = paneBox.getAttribute('style')
    await userEvent.keyboard('+')
    await waitFor(() => expect(paneBox.getAttribute('style')).not.toBe(fit))
    expect(paneBox.contains(marks)).toBe(true)
    // Inputs carry no annotations.
    for (const pane of dialog.querySelectorAll('[data-pane^="input-"]')) {
      expect(within(pane as HTMLElement).queryByTestId('annotation-layer')).not.toBeInTheDocument()
      expect(within(pane as HTMLElement).queryByTestId('pane-annotations')).not.toBeInTheDocument()
    }

    // Wipe: the output as A carries its marks in its box; swapped to B, in B's own box once placed.
    await userEvent.keyboard('w')
    const stage = await waitFor(() => {
      const found = dialog.querySelector<HTMLElement>('[data-shown="both"]')
      if (!found) throw new Error('no wipe yet')
      return found
    })
    const stageBox = () => within(stage).getByTestId('image-box')
    expect(within(stageBox()).getAllByTestId('annotation-layer')).toHaveLength(1)
    await userEvent.keyboard('x')
    const inputA = within(stage).getByRole('img', { name: /^Input 1 of/ })
    Object.defineProperty(inputA, 'naturalWidth', { configurable: true, value: IMAGE.width })
    Object.defineProperty(inputA, 'naturalHeight', { configurable: true, value: IMAGE.height })
    fireEvent.load(inputA)
    const outputB = within(within(stage).getByTestId('compare-b')).getByRole('img', { name: /^Output:/ })
    Object.defineProperty(outputB, 'naturalWidth', { configurable: true, value: IMAGE.width / 2 })
    Object.defineProperty(outputB, 'naturalHeight', { configurable: true, value: IMAGE.height })
    fireEvent.load(outputB)
    const bBox = await within(stage).findByTestId('compare-b-box')
    expect(within(bBox).getByTestId('annotation-layer').children).toHaveLength(1)
    // B, half as wide as A, is fitted in the middle of A's box.
    const a = imageBox(stage)
    expect(parseFloat(bBox.style.width)).toBeCloseTo(a.width / 2, 1)
    expect(parseFloat(bBox.style.left)).toBeCloseTo(a.width / 4, 1)
    await userEvent.keyboard('s')

    // The versions: the image under review is drawn with its annotation too.
    await userEvent.keyboard('v')
    await waitFor(() => expect(dialog.querySelector('[data-compare-set="versions"]')).not.toBeNull())
    const current = await waitFor(() => {
      const found = Array.from(dialog.querySelectorAll<HTMLElement>('[data-pane]')).find((pane) =>
        pane.textContent?.includes('this image'),
      )
      if (!found) throw new Error('no pane for the image under review')
      return found
    })
    expect(within(current).getByTestId('pane-annotations')).toHaveTextContent('1 annotation')
  })
})
