import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PiktidAnnotation, PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { freshServer, renderApp, type TestServer } from './render-app'

// The annotation editor over the reference server's demo catalog: every edit is read back from the
// server through the API. jsdom lays nothing out and loads no image, so each test gives the output
// its natural size (as a load would) and the annotation layer its place on screen.

// The project page's grid reads its width to choose how many tiles fit a row.
const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })
})
afterEach(() => {
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
})

interface Target {
  projectId: number
  image: PiktidGalleryImage
}

/** A completed image without a verdict (so without annotations) in the catalog's smallest project. */
async function unreviewedImage(server: TestServer): Promise<Target> {
  const page = await server.read<PiktidGalleryPage>(
    'piktid',
    '/gallery/by-project?per_page=100&status=completed&feedback=none&max_images_per_project=200',
  )
  const project = page.projects.filter((p) => p.images.length > 0).sort((a, b) => a.total_images - b.total_images)[0]
  if (!project) throw new Error('The catalog has no completed image without a verdict')
  return { projectId: project.project_id, image: project.images[0]! }
}

/** The image's annotations as the server now answers them. */
async function storedAnnotations(server: TestServer, { projectId, image }: Target): Promise<PiktidAnnotation[]> {
  const page = await server.read<PiktidGalleryPage>(
    'piktid',
    `/gallery/by-project?project_id=${projectId}&max_images_per_project=200`,
  )
  const stored = page.projects[0]?.images.find(
    (i) => i.job_id === image.job_id && i.image_index === image.image_index && i.group_index === image.group_index,
  )
  if (!stored) throw new Error(`${image.job_id}:${image.image_index} is not in project ${projectId}`)
  return stored.review_annotations ?? []
}

// The output is drawn 400 × 600 px with its top left at (100, 50).
const RECT = { left: 100, top: 50, width: 400, height: 600 }

async function openReview() {
  const server = freshServer()
  const target = await unreviewedImage(server)
  const { image, projectId } = target
  const key = `${image.job_id}:${image.image_index}:${image.group_index}`
  renderApp(`/piktid/projects/${projectId}/${encodeURIComponent(key)}`, { server })
  const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 })
  await within(dialog).findByTestId('review-position', {}, { timeout: 10_000 })
  // The output "loads" at 800 × 1200: the box takes its shape and the layer appears over it.
  const output = within(dialog).getByRole('img', { name: /^Output:/ })
  Object.defineProperty(output, 'naturalWidth', { configurable: true, value: 800 })
  Object.defineProperty(output, 'naturalHeight', { configurable: true, value: 1200 })
  fireEvent.load(output)
  expect(within(dialog).getByTestId('compare')).toHaveAttribute('data-aspect', '800x1200')
  expect(within(dialog).getByTestId('compare').style.aspectRatio).toMatch(/^0\.66/)
  const layer = () => {
    const el = within(dialog).getByTestId('annotation-layer')
    el.getBoundingClientRect = () => ({ ...RECT, right: 500, bottom: 650, x: 100, y: 50, toJSON: () => RECT })
    return el
  }
  const onImage = () => within(within(dialog).getByTestId('annotation-layer'))
  const inList = () => within(within(dialog).getByTestId('annotation-panel'))
  return { server, target, dialog, layer, onImage, inList, stored: () => storedAnnotations(server, target) }
}

const at = (x: number, y: number) => ({ clientX: RECT.left + x * RECT.width, clientY: RECT.top + y * RECT.height })

describe('annotations on the review', () => {
  it('draws a box by dragging and drops a pin by clicking, each saved in 0–1 coordinates of the output', async () => {
    const { dialog, layer, onImage, inList, stored } = await openReview()
    expect(within(dialog).getByTestId('annotation-panel')).toHaveTextContent('None yet.')
    await userEvent.click(within(dialog).getByRole('button', { name: /^Annotate/ }))
    expect(within(dialog).getByRole('button', { name: /^Annotate/ })).toHaveAttribute('aria-pressed', 'true')
    expect(within(dialog).queryByRole('slider', { name: 'Before / after' })).not.toBeInTheDocument()

    fireEvent.pointerDown(layer(), { ...at(0.6, 0.5), button: 0, buttons: 1, pointerId: 1 })
    fireEvent.pointerMove(layer(), { ...at(0.3, 0.2), pointerId: 1 })
    fireEvent.pointerUp(layer(), { ...at(0.1, 0.1), pointerId: 1 })
    const box = await onImage().findByRole('button', { name: 'Box 1: Other' })
    expect(box).toHaveAttribute('aria-pressed', 'true')
    await waitFor(() => expect(box).toHaveFocus())
    expect(box.style.left).toBe('10%')
    expect(box.style.height).toBe('40%')
    await waitFor(async () =>
      expect(await stored()).toEqual([{ x: 0.1, y: 0.1, w: 0.5, h: 0.4, note: '', tag: 'other' }]),
    )

    // A press that does not move is a pin; one past the image's edge stops at the edge.
    fireEvent.pointerDown(layer(), { ...at(0.25, 0.75), button: 0, buttons: 1, pointerId: 2 })
    fireEvent.pointerUp(layer(), { ...at(0.25, 0.75), pointerId: 2 })
    await onImage().findByRole('button', { name: 'Pin 2: Other' })
    await waitFor(async () => expect(await stored()).toHaveLength(2))
    expect((await stored())[1]).toEqual({ x: 0.25, y: 0.75, w: 0, h: 0, note: '', tag: 'other' })

    // The list beside the image names both; the pin is selected there and on the image.
    expect(inList().getByRole('button', { name: 'Pin 2: Other' })).toHaveAttribute('aria-pressed', 'true')
    expect(inList().getByRole('button', { name: 'Box 1: Other' })).toHaveAttribute('aria-pressed', 'false')
    // Selecting in the list selects on the image.
    await userEvent.click(inList().getByRole('button', { name: 'Box 1: Other' }))
    expect(onImage().getByRole('button', { name: 'Box 1: Other' })).toHaveAttribute('aria-pressed', 'true')
    expect(onImage().getByRole('button', { name: 'Pin 2: Other' })).toHaveAttribute('aria-pressed', 'false')
  })

  it('moves a box by dragging it and resizes it by its corner', async () => {
    const { layer, onImage, stored } = await openReview()
    await userEvent.keyboard('e')
    fireEvent.pointerDown(layer(), { ...at(0.1, 0.1), button: 0, buttons: 1, pointerId: 1 })
    fireEvent.pointerUp(layer(), { ...at(0.3, 0.3), pointerId: 1 })
    const box = await onImage().findByRole('button', { name: 'Box 1: Other' })
    fireEvent.pointerDown(box, { ...at(0.2, 0.2), button: 0, buttons: 1, pointerId: 2 })
    fireEvent.pointerMove(layer(), { ...at(0.3, 0.25), pointerId: 2 })
    fireEvent.pointerUp(layer(), { ...at(0.3, 0.25), pointerId: 2 })
    await waitFor(async () =>
      expect(await stored()).toEqual([expect.objectContaining({ x: 0.2, y: 0.15, w: 0.2, h: 0.2 })]),
    )
    const handle = box.querySelector('[data-resize-handle]')!
    fireEvent.pointerDown(handle, { ...at(0.4, 0.35), button: 0, buttons: 1, pointerId: 3 })
    fireEvent.pointerUp(layer(), { ...at(0.5, 0.55), pointerId: 3 })
    await waitFor(async () =>
      expect(await stored()).toEqual([expect.objectContaining({ x: 0.2, y: 0.15, w: 0.3, h: 0.4 })]),
    )
    // The box drawn has focus: its keys work at once.
    expect(box).toHaveFocus()
    await userEvent.keyboard('{Delete}')
    await waitFor(async () => expect(await stored()).toEqual([]))
  })

  it('makes, moves and resizes a box with the keyboard alone, then tags, notes and deletes it', async () => {
    const { dialog, onImage, stored } = await openReview()
    const position = within(dialog).getByTestId('review-position').textContent
    await userEvent.keyboard('e')
    const newBox = within(dialog).getByRole('button', { name: 'New box' })
    expect(newBox).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    const draft = within(dialog).getByRole('button', { name: /^New box: arrows move, Shift\+arrows resize/ })
    expect(draft).toHaveFocus()
    // Arrows move the draft (not the review to the next image); Shift+arrows resize it.
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowUp}{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{/Shift}')
    expect(within(dialog).getByTestId('review-position').textContent).toBe(position)
    await userEvent.keyboard('{Enter}')
    await waitFor(async () =>
      expect(await stored()).toEqual([{ x: 0.42, y: 0.39, w: 0.2, h: 0.23, note: '', tag: 'other' }]),
    )

    // Placed: its tag field has focus; the tag is saved on choosing it, the note on Enter.
    const tag = within(dialog).getByRole('combobox', { name: 'Tag' })
    await waitFor(() => expect(tag).toHaveFocus())
    await userEvent.selectOptions(tag, 'hands')
    await waitFor(async () => expect((await stored())[0]?.tag).toBe('hands'))
    await userEvent.tab()
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveFocus()
    await userEvent.keyboard('sleeve seam{Enter}')
    await waitFor(async () => expect((await stored())[0]?.note).toBe('sleeve seam'))

    // The box on the image is named by its tag and note; its own arrows move and resize it.
    const box = onImage().getByRole('button', { name: 'Box 1: Hands — sleeve seam' })
    act(() => box.focus())
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Shift>}{ArrowRight}{/Shift}')
    await waitFor(async () =>
      expect(await stored()).toEqual([{ x: 0.42, y: 0.41, w: 0.21, h: 0.23, note: 'sleeve seam', tag: 'hands' }]),
    )
    await userEvent.keyboard('{Delete}')
    await waitFor(async () => expect(await stored()).toEqual([]))
    expect(within(dialog).getByTestId('annotation-panel')).toHaveTextContent('None yet.')
  })

  it('Esc leaves the drawing first, then the tools, and only then the review', async () => {
    const { dialog, layer, onImage, inList, stored } = await openReview()
    await userEvent.keyboard('e')
    await userEvent.click(within(dialog).getByRole('button', { name: 'New pin' }))
    expect(within(dialog).getByRole('button', { name: /^New pin: arrows move, Enter places it/ })).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(within(dialog).queryByRole('button', { name: /^New pin:/ })).not.toBeInTheDocument()
    expect(within(dialog).getByTestId('annotation-tools')).toBeInTheDocument()
    // A selected annotation: Esc drops the selection, then closes the tools.
    fireEvent.pointerDown(layer(), { ...at(0.5, 0.5), button: 0, buttons: 1, pointerId: 1 })
    fireEvent.pointerUp(layer(), { ...at(0.5, 0.5), pointerId: 1 })
    await waitFor(async () => expect(await stored()).toHaveLength(1))
    expect(onImage().getByRole('button', { name: 'Pin 1: Other' })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.keyboard('{Escape}')
    expect(onImage().getByRole('button', { name: 'Pin 1: Other' })).toHaveAttribute('aria-pressed', 'false')
    await userEvent.keyboard('{Escape}')
    expect(within(dialog).queryByTestId('annotation-tools')).not.toBeInTheDocument()
    expect(within(dialog).getByRole('slider', { name: 'Before / after' })).toBeInTheDocument()
    // Closed, the annotation is still drawn on the image and listed beside it.
    expect(within(dialog).getByTestId('annotation-layer').children).toHaveLength(1)
    expect(within(dialog).getByTestId('annotation-panel')).toHaveTextContent('Pin 1: Other')
    // Choosing it in the list opens the tools with it selected on the image.
    await userEvent.click(inList().getByRole('button', { name: 'Pin 1: Other' }))
    expect(within(dialog).getByTestId('annotation-tools')).toBeInTheDocument()
    expect(onImage().getByRole('button', { name: 'Pin 1: Other' })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.keyboard('{Escape}{Escape}{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })
})
