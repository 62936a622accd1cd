import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { renderApp, sharedServer } from './render-app'

// The version stack on the all-projects gallery's tiles, over the reference server's demo
// gallery: counted from the images of each project the gallery holds, and opening compare.

const server = sharedServer()

const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  // jsdom lays nothing out; the grouped grid reads its width to choose how many tiles fit a row.
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })
})
afterEach(() => {
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
})

describe('version stacks in the gallery', () => {
  it('count the variants of each image index among its project’s images, and open the review on them', async () => {
    // The gallery's first page as the app reads it (10 projects, the API's default image cap).
    const body = await server.read<PiktidGalleryPage>('piktid', '/gallery/by-project?page=1&per_page=10')
    const sizes = new Map<string, number>()
    const cut = new Set<string>()
    for (const project of body.projects) {
      for (const image of project.images) {
        const key = `${image.job_id}:${image.image_index}`
        sizes.set(key, (sizes.get(key) ?? 0) + 1)
        // The project's last index may have more variants past the cap.
        if (project.images.length < project.total_images && image === project.images.at(-1)) cut.add(key)
      }
    }
    const app = renderApp('/piktid/projects', { server })
    const tiles = await waitFor(
      () => {
        const drawn = Array.from(document.querySelectorAll<HTMLElement>('a[data-image-key]'))
        if (drawn.length < 10) throw new Error('tiles not drawn yet')
        return drawn
      },
      { timeout: 10_000 },
    )
    let stacks = 0
    for (const tile of tiles) {
      const [job, index] = (tile.dataset.imageKey ?? '').split(':')
      const key = `${job}:${index}`
      const stack = tile.parentElement?.querySelector('[data-versions]')
      const size = sizes.get(key) ?? 0
      if (size < 2) {
        expect(stack, tile.dataset.imageKey).toBeNull()
        continue
      }
      stacks++
      expect(stack).toHaveAttribute('data-versions', String(size))
      expect(stack).toHaveTextContent(new RegExp(` · ${size}${cut.has(key) ? '\\+' : ''} versions`))
    }
    expect(stacks, 'the gallery draws some image index of several variants').toBeGreaterThan(0)

    const stack = tiles.map((tile) => tile.parentElement?.querySelector<HTMLElement>('[data-versions]')).find(Boolean)!
    const [projectId] = (stack.getAttribute('href') ?? '').split('/').slice(-2)
    await userEvent.click(stack)
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 })
    await within(dialog).findByRole('region', { name: 'Compare' })
    expect(app.router.state.location.pathname).toContain(`/piktid/projects/${projectId}/`)
    expect(app.router.state.location.search).toMatchObject({ compare: 'versions' })
    // Closing the review goes back to the gallery.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close review' }))
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/piktid/projects'))
  })
})
