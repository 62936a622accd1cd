import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { expectOnlyListedHandled, listedPresses } from './listed-keys'
import { renderApp, sharedServer } from './render-app'
import { keyOf } from './server-gallery'

// Compare in the review, over the reference server's demo gallery: a small project holding an
// image index with several variants (rows sharing job_id and image_index), all with outputs.
const server = sharedServer()

interface Demo {
  projectId: number
  /** How many variants each image index of the project has. */
  groupSizes: Map<string, number>
  /** The variants of one image index, by group_index. */
  versions: PiktidGalleryImage[]
}

let demo: Demo | undefined
async function demoProject(): Promise<Demo> {
  if (demo) return demo
  for (let page = 1; page < 20; page++) {
    const body = await server.read<PiktidGalleryPage>(
      'piktid',
      `/gallery/by-project?per_page=100&page=${page}&max_images_per_project=200`,
    )
    for (const project of body.projects) {
      if (project.total_images > 40 || project.images.length !== project.total_images) continue
      const groups = new Map<string, PiktidGalleryImage[]>()
      for (const image of project.images) {
        const key = `${image.job_id}:${image.image_index}`
        groups.set(key, [...(groups.get(key) ?? []), image])
      }
      for (const group of groups.values()) {
        const withInputs = group[0]?.inputs.some((input) => input.full_size)
        if (group.length >= 2 && withInputs && group.every((image) => image.output.full_size)) {
          const groupSizes = new Map([...groups].map(([key, images]) => [key, images.length]))
          demo = {
            projectId: project.project_id,
            groupSizes,
            versions: group.sort((a, b) => a.group_index - b.group_index),
          }
          return demo
        }
      }
    }
    if (!body.pagination.has_next) break
  }
  throw new Error('The demo gallery has no small project with an image index of several finished variants')
}

/** An image still pending or processing, with inputs, in a small project. */
async function pendingImage(): Promise<{ projectId: number; image: PiktidGalleryImage }> {
  for (let page = 1; page < 20; page++) {
    const body = await server.read<PiktidGalleryPage>(
      'piktid',
      `/gallery/by-project?per_page=100&page=${page}&max_images_per_project=200`,
    )
    for (const project of body.projects) {
      if (project.total_images > 40) continue
      const image = project.images.find((i) => !i.output.full_size && i.inputs.every((input) => input.full_size))
      if (image) return { projectId: project.project_id, image }
    }
    if (!body.pagination.has_next) break
  }
  throw new Error('The demo gallery has no small project with an image waiting for its output')
}

// jsdom lays nothing out: every element gets this size, so panes can place their images.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000)
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800)
})
afterEach(() => vi.restoreAllMocks())

async function openReview(image: PiktidGalleryImage, projectId: number, search = '') {
  const app = renderApp(`/piktid/projects/${projectId}/${encodeURIComponent(keyOf(image))}${search}`)
  const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 })
  await within(dialog).findByTestId('review-position', {}, { timeout: 10_000 })
  return { app, dialog }
}

const panesShown = (dialog: HTMLElement) =>
  Array.from(dialog.querySelectorAll('[data-pane]'), (pane) => pane.getAttribute('data-pane'))

/** Gives each pane's image its pixel size, as the browser does once it has loaded. */
function loadPanes(dialog: HTMLElement, width = 1200, height = 1600) {
  for (const viewport of within(dialog).getAllByTestId('zoom-viewport')) {
    const img = viewport.querySelector('img')
    if (!img) continue
    Object.defineProperty(img, 'naturalWidth', { value: width })
    Object.defineProperty(img, 'naturalHeight', { value: height })
    fireEvent.load(img)
  }
}

const boxes = (dialog: HTMLElement) =>
  within(dialog)
    .getAllByTestId('image-box')
    .map((box) => box.getAttribute('style'))

describe('compare in the review', () => {
  it('C opens the output beside its inputs, V switches to the versions of its image index', async () => {
    const { projectId, versions } = await demoProject()
    const image = versions[0]!
    const { app, dialog } = await openReview(image, projectId)
    await userEvent.keyboard('c')
    const region = await within(dialog).findByRole('region', { name: 'Compare' })
    const inputs = image.inputs.filter((input) => input.full_size).length
    expect(panesShown(dialog)).toEqual(['output', ...Array.from({ length: inputs }, (_, n) => `input-${n}`)])
    expect(app.router.state.location.search).toMatchObject({ compare: 'inputs' })
    expect(within(region).getByRole('button', { name: 'Output and inputs' })).toHaveAttribute('aria-pressed', 'true')

    await userEvent.keyboard('v')
    await waitFor(() => expect(panesShown(dialog)).toEqual(versions.slice(0, 4).map(keyOf)))
    expect(app.router.state.location.search).toMatchObject({ compare: 'versions' })
    expect(within(region).getByRole('button', { name: /^Versions \(\d+\)$/ })).toHaveAttribute('aria-pressed', 'true')
    const current = dialog.querySelector(`[data-pane="${keyOf(image)}"]`)!
    expect(current).toHaveTextContent(`Variant 1 · v${image.version} · this image`)
    expect(within(dialog).getByTestId('compare-note')).toHaveTextContent(
      `image index ${image.image_index} of job ${image.job_id}`,
    )
  })

  it('zooms the inputs of an image with no output yet, and says why its output pane is empty', async () => {
    const pending = await pendingImage()
    const { dialog } = await openReview(pending.image, pending.projectId, '?compare=inputs')
    await within(dialog).findByRole('region', { name: 'Compare' })
    expect(dialog.querySelector('[data-pane="output"]')).toHaveTextContent(
      `No output yet: this image is ${pending.image.status}.`,
    )
    loadPanes(dialog)
    await waitFor(() => expect(boxes(dialog)).toHaveLength(pending.image.inputs.length))
    const fit = boxes(dialog)
    await userEvent.keyboard('+')
    await waitFor(() => expect(boxes(dialog)[0]).not.toBe(fit[0]))
  })

  it('zooms and pans every pane alike, from the wheel on one, the keys or the buttons', async () => {
    const { projectId, versions } = await demoProject()
    const { dialog } = await openReview(versions[0]!, projectId, '?compare=versions')
    await within(dialog).findByRole('region', { name: 'Compare' })
    loadPanes(dialog)
    await waitFor(() => expect(boxes(dialog)).toHaveLength(Math.min(4, versions.length)))
    const fit = boxes(dialog)
    expect(new Set(fit).size).toBe(1)

    // The wheel over the second pane zooms them all, about the same point.
    const second = within(dialog).getAllByTestId('zoom-viewport')[1]!
    fireEvent.wheel(second, { deltaY: -200 })
    await waitFor(() => expect(boxes(dialog)[0]).not.toBe(fit[0]))
    const zoomed = boxes(dialog)
    expect(new Set(zoomed).size).toBe(1)
    expect(within(dialog).getByTestId('zoom-level')).not.toHaveTextContent(/^$/)

    // Dragging one pans all; + zooms further; 0 fits again (and gives no verdict).
    fireEvent.pointerDown(second, { pointerId: 1, button: 0, buttons: 1, clientX: 500, clientY: 400 })
    fireEvent.pointerMove(second, { pointerId: 1, clientX: 450, clientY: 380 })
    fireEvent.pointerUp(second, { pointerId: 1, clientX: 450, clientY: 380 })
    await waitFor(() => expect(boxes(dialog)[0]).not.toBe(zoomed[0]))
    expect(new Set(boxes(dialog)).size).toBe(1)
    await userEvent.keyboard('+')
    expect(new Set(boxes(dialog)).size).toBe(1)
    await userEvent.keyboard('0')
    await waitFor(() => expect(boxes(dialog)).toEqual(fit))
    expect(within(dialog).getByTestId('review-verdict')).not.toHaveTextContent('saving')
  })

  it('wipes and blinks between A and B, chosen from the panes', async () => {
    const { projectId, versions } = await demoProject()
    const { dialog } = await openReview(versions[0]!, projectId, '?compare=inputs')
    const region = await within(dialog).findByRole('region', { name: 'Compare' })
    const stage = () => region.querySelector('[data-shown]')

    await userEvent.keyboard('w')
    await waitFor(() => expect(stage()).toHaveAttribute('data-shown', 'both'))
    loadPanes(dialog)
    const cut = () => within(region).getByTestId('compare-b').style.clipPath
    await waitFor(() => expect(cut()).toMatch(/^inset\(0(px)? 0(px)? 0(px)? \d+(\.\d+)?px\)$/))
    const before = cut()
    await userEvent.keyboard(']')
    await waitFor(() => expect(cut()).not.toBe(before))
    expect(within(region).getByRole('slider')).toHaveValue('55')
    expect(within(region).getByRole('img', { name: /^Input 1 of/ })).toBeInTheDocument()

    // B is chosen from the panes; choosing A's pane for B swaps them.
    await userEvent.selectOptions(within(region).getByRole('combobox', { name: 'B' }), 'Output')
    expect(within(region).getByRole('combobox', { name: 'A' })).toHaveDisplayValue('Input 1 (primary)')
    // The new A is placed once its size is known, B in its box.
    loadPanes(dialog)
    expect(within(region).getByRole('img', { name: /^Output:/ })).toBeInTheDocument()
    // A key pressed in the picker is the picker's; from the review, X swaps.
    act(() => dialog.focus())
    await userEvent.keyboard('x')
    expect(within(region).getByRole('combobox', { name: 'A' })).toHaveDisplayValue('Output')

    // Blink shows A, then B, by itself; T shows the other at once and stops it.
    await userEvent.keyboard('b')
    await waitFor(() => expect(stage()).toHaveAttribute('data-shown', 'a'))
    expect(within(region).getByTestId('blink-shown')).toHaveTextContent('A Output')
    await waitFor(() => expect(stage()).toHaveAttribute('data-shown', 'b'), { timeout: 2000 })
    expect(within(region).getByTestId('blink-shown')).toHaveTextContent('B Input 1 (primary)')
    await userEvent.keyboard('t')
    expect(stage()).toHaveAttribute('data-shown', 'a')
    expect(within(region).getByRole('button', { name: 'Auto blink' })).toHaveAttribute('aria-pressed', 'false')
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(stage()).toHaveAttribute('data-shown', 'a')
  })

  it('lists its keys in ? while open; Esc leaves compare, a second Esc closes the review', async () => {
    const { projectId, versions } = await demoProject()
    const { app, dialog } = await openReview(versions[1]!, projectId)
    await userEvent.keyboard('c')
    await within(dialog).findByRole('region', { name: 'Compare' })
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const keys = within(overlay).getByRole('region', { name: 'Compare' })
    for (const text of [
      'Compare: wipe between A and B',
      'Compare: blink between A and B',
      'Swap A and B',
      'Leave compare',
    ])
      expect(keys).toHaveTextContent(text)
    const listed = [...listedPresses(overlay, 'Compare'), ...listedPresses(overlay, 'Review')]
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument())
    // With compare open, the review answers to exactly the keys listed under the two headings.
    expect(expectOnlyListedHandled(dialog, listed)).toBeGreaterThan(40)
    expect(within(dialog).getByRole('region', { name: 'Compare' })).toBeInTheDocument()

    act(() => dialog.focus())
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(within(dialog).queryByRole('region', { name: 'Compare' })).not.toBeInTheDocument())
    expect(screen.getByRole('dialog')).toBe(dialog)
    expect(app.router.state.location.search).not.toHaveProperty('compare')
    // The same by pointer or touch: a button opens compare, another closes it.
    await userEvent.click(within(dialog).getByRole('button', { name: /^Compare inputs or versions/ }))
    await userEvent.click(await within(dialog).findByRole('button', { name: /^Close compare/ }))
    await waitFor(() => expect(within(dialog).queryByRole('region', { name: 'Compare' })).not.toBeInTheDocument())
    act(() => dialog.focus())
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(app.router.state.location.pathname).toBe(`/piktid/projects/${projectId}`)
  })

  it('the tile’s version stack opens the review on the versions, and Back leaves it', async () => {
    const { projectId, versions, groupSizes } = await demoProject()
    const image = versions[1]!
    const app = renderApp(`/piktid/projects/${projectId}`)
    const tile = await waitFor(
      () => {
        const found = document.querySelector(`a[data-image-key="${keyOf(image)}"]`)
        if (!found) throw new Error('tile not drawn yet')
        return found.parentElement as HTMLElement
      },
      { timeout: 10_000 },
    )
    const badge = within(tile).getByRole('link', { name: /^v\d+ · \d+\+? versions: compare the versions of/ })
    expect(badge).toHaveTextContent(`v${image.version} · ${versions.length} versions`)
    // Each tile says how many variants its image index has; one of a single variant says nothing.
    for (const link of document.querySelectorAll('a[data-image-key]')) {
      const [job, index] = (link.getAttribute('data-image-key') ?? '').split(':')
      const size = groupSizes.get(`${job}:${index}`) ?? 0
      const stack = link.parentElement?.querySelector('[data-versions]')
      if (size < 2) expect(stack).toBeNull()
      else expect(stack).toHaveAttribute('data-versions', String(size))
    }

    await userEvent.click(badge)
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 })
    await within(dialog).findByRole('region', { name: 'Compare' })
    expect(app.router.state.location.search).toMatchObject({ compare: 'versions' })
    expect(panesShown(dialog)).toEqual(versions.slice(0, 4).map(keyOf))
    act(() => app.router.history.back())
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })
})
