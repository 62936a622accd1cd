import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { renderApp, sharedServer, type Intercept } from './render-app'
import { keyOf, projectWhere } from './server-gallery'

// A project's images in rows that keep each output's shape (the server's non-seed
// `output_dimensions`), filling the grid's width; square where a size is unknown, and square
// tiles as a choice.

// jsdom lays nothing out: the grid reads this width (no padding, no gap) and places the cells.
const WIDTH = 1000
const clientWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => WIDTH })
})
afterEach(() => {
  if (clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', clientWidth)
})

/** An image's shape as the server sends it; square without an output. */
const aspectOf = (image: PiktidGalleryImage) =>
  image.output_dimensions ? image.output_dimensions.width / image.output_dimensions.height : 1

/** A project of the demo gallery whose first images have outputs of different shapes. */
const mixedProject = () =>
  projectWhere(sharedServer(), (images) => images.length >= 10 && new Set(images.slice(0, 6).map(aspectOf)).size >= 3)

interface Cell {
  key: string
  top: number
  left: number
  width: number
  height: number
}

/** Each drawn tile's cell as the grid placed it, in the list's order. */
function cells(): Cell[] {
  return Array.from(document.querySelectorAll<HTMLElement>('a[data-image-key]')).map((tile) => {
    const style = (tile.closest('.virtuoso-grid-item') as HTMLElement).style
    return {
      key: tile.dataset.imageKey as string,
      top: parseFloat(style.top),
      left: parseFloat(style.left),
      width: parseFloat(style.width),
      height: parseFloat(style.height),
    }
  })
}

/** The cells by row (their top), top to bottom. */
function rows(): Cell[][] {
  const byTop = new Map<number, Cell[]>()
  for (const cell of cells()) byTop.set(cell.top, [...(byTop.get(cell.top) ?? []), cell])
  return [...byTop.entries()].sort(([a], [b]) => a - b).map(([, row]) => row)
}

const grid = () => screen.getByTestId('virtuoso-item-list')

async function open(projectId: number, intercept?: Intercept) {
  const app = renderApp(`/piktid/projects/${projectId}`, intercept ? { intercept } : {})
  await waitFor(() => expect(document.querySelectorAll('a[data-image-key]').length).toBeGreaterThanOrEqual(10), {
    timeout: 5000,
  })
  return app
}

describe('the project page’s justified rows', () => {
  it('keeps each output’s shape and fills the width with tiles of different widths', async () => {
    const project = await mixedProject()
    await open(project.project_id)
    expect(grid()).toHaveAttribute('data-layout', 'justified')
    const images = new Map(project.images.map((image) => [keyOf(image), image]))
    for (const cell of cells()) {
      const image = images.get(cell.key) as PiktidGalleryImage
      expect(cell.width / cell.height, cell.key).toBeCloseTo(aspectOf(image), 2)
    }
    const [first] = rows()
    expect(first?.length).toBeGreaterThan(1)
    const row = first as Cell[]
    expect(new Set(row.map((cell) => Math.round(cell.width))).size).toBeGreaterThan(1)
    // Side by side from the left edge to the right one.
    expect(row[0]?.left).toBe(0)
    row.slice(1).forEach((cell, i) => expect(cell.left).toBeCloseTo((row[i]?.left ?? 0) + (row[i]?.width ?? 0), 3))
    expect(row.reduce((sum, cell) => sum + cell.width, 0)).toBeCloseTo(WIDTH, 0)
  })

  it('moves between justified rows with the arrow keys', async () => {
    const project = await mixedProject()
    await open(project.project_id)
    const [first, second] = rows() as [Cell[], Cell[]]
    const tile = (key: string) => document.querySelector<HTMLElement>(`a[data-image-key="${key}"]`) as HTMLElement
    act(() => tile(first[0]!.key).focus())
    await userEvent.keyboard('{ArrowRight}')
    expect(document.activeElement).toBe(tile(first[1]!.key))
    await userEvent.keyboard('{ArrowDown}')
    expect(second.map((cell) => cell.key)).toContain((document.activeElement as HTMLElement).dataset.imageKey)
  })

  it('lays an image out square where the API sends no size, or one it cannot read', async () => {
    const project = await mixedProject()
    const withoutSizes: Intercept = async (request, pass) => {
      const response = await pass()
      if (!new URL(request.url).pathname.endsWith('/gallery/by-project')) return response
      const body = (await response.json()) as PiktidGalleryPage
      for (const p of body.projects)
        p.images.forEach((image, i) => {
          // Left out, or sent as nothing a size can be read from.
          const odd = [undefined, { width: 0, height: 1536 }, { width: '1024', height: 1536 }, null][i % 4]
          ;(image as unknown as Record<string, unknown>).output_dimensions = odd
        })
      return Response.json(body, { status: response.status })
    }
    await open(project.project_id, withoutSizes)
    expect(grid()).toHaveAttribute('data-layout', 'justified')
    for (const cell of cells()) expect(cell.width, cell.key).toBeCloseTo(cell.height, 3)
    const [first] = rows()
    expect(first?.reduce((sum, cell) => sum + cell.width, 0)).toBeCloseTo(WIDTH, 0)
  })

  it('offers square tiles as a choice, kept for the next visit', async () => {
    const project = await mixedProject()
    const app = await open(project.project_id)
    const toggle = screen.getByRole('button', { name: 'Whole images in rows' })
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(toggle)
    await waitFor(() => expect(grid()).not.toHaveAttribute('data-layout'))
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    app.view.unmount()

    await open(project.project_id)
    expect(grid()).not.toHaveAttribute('data-layout')
    await userEvent.click(screen.getByRole('button', { name: 'Whole images in rows' }))
    await waitFor(() => expect(grid()).toHaveAttribute('data-layout', 'justified'))
  })
})

describe('the review over the project page', () => {
  it('gives its box the output’s shape before the output has loaded', async () => {
    const project = await projectWhere(sharedServer(), (images) =>
      images.some((image) => image.output_dimensions && aspectOf(image) > 1),
    )
    const wide = project.images.find((image) => image.output_dimensions && aspectOf(image) > 1) as PiktidGalleryImage
    renderApp(`/piktid/projects/${project.project_id}/${encodeURIComponent(keyOf(wide))}`)
    // jsdom loads no image: the shape is the API's.
    const box = await screen.findByTestId('compare', {}, { timeout: 5000 })
    expect(box).not.toHaveAttribute('data-aspect')
    expect(Number(box.style.aspectRatio)).toBeCloseTo(aspectOf(wide), 5)
  })
})
