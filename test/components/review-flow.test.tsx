import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { freshServer, renderApp, type TestServer } from './render-app'
import { imagesOf, keyOf, projectWhere, unreviewed } from './server-gallery'

// The review's culling flow over the reference server's demo gallery (12 images per project in
// this catalog): A, R, M, auto-advance and the queue, each write read back from the server.

const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  // jsdom lays nothing out; the grid reads its width to choose how many tiles fit a row.
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })
})
afterEach(() => {
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
  localStorage.clear()
})

/** The project's images in the grid's order: the server's, as the tiles drawn show. */
async function gridOrder(server: TestServer, projectId: number): Promise<string[]> {
  const order = [...(await imagesOf(server, projectId)).keys()]
  await waitFor(
    () => {
      const drawn = Array.from(document.querySelectorAll<HTMLElement>('a[data-image-key][data-index]'))
        .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
        .map((a) => a.dataset.imageKey ?? '')
      expect(drawn.length).toBeGreaterThan(3)
      expect(drawn).toEqual(order.slice(0, drawn.length))
    },
    { timeout: 8000 },
  )
  return order
}

const shownKey = (app: ReturnType<typeof renderApp>) =>
  decodeURIComponent(app.router.state.location.pathname.split('/').pop() ?? '')

async function expectShown(app: ReturnType<typeof renderApp>, key: string) {
  await waitFor(() => expect(shownKey(app)).toBe(key))
}

describe('culling in the review', () => {
  it('A approves and R sends to retouch, each stored, and the review moves on to the next image not reviewed', async () => {
    const server = freshServer()
    const project = await projectWhere(server, (images) => images.filter(unreviewed).length >= 4)
    const app = renderApp(`/piktid/projects/${project.project_id}`, { server })
    const order = await gridOrder(server, project.project_id)
    const before = await imagesOf(server, project.project_id)
    const queue = order.filter((key) => unreviewed(before.get(key)!))
    const [first, second, third, fourth] = queue as [string, string, string, string]

    await userEvent.click(screen.getByRole('button', { name: `Start reviewing (${queue.length} not reviewed)` }))
    await expectShown(app, first)
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByRole('button', { name: 'Auto-advance' })).toHaveAttribute('aria-pressed', 'true')

    await userEvent.keyboard('a')
    await expectShown(app, second)
    // R opens the annotation tools on the image; closing them (Esc) moves on.
    await userEvent.keyboard('r')
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'New box' })).toHaveFocus())
    await expectShown(app, second)
    await userEvent.keyboard('{Escape}')
    await expectShown(app, third)
    await waitFor(async () => {
      const stored = await imagesOf(server, project.project_id)
      expect(stored.get(first)?.review_status).toBe('approved')
      expect(stored.get(second)?.review_status).toBe('needs_retouch')
    })

    // M opens the comment; what is typed there (an A, an R, an L) is the comment's, and saving it moves nothing.
    await userEvent.keyboard('m')
    const field = within(dialog).getByRole('textbox', { name: 'Comment' })
    await userEvent.type(field, 'Arm and collar look real{Enter}')
    await waitFor(async () =>
      expect((await imagesOf(server, project.project_id)).get(third)?.feedback_comment).toBe(
        'Arm and collar look real',
      ),
    )
    expect(shownKey(app)).toBe(third)
    expect(within(dialog).getByTestId('review-status')).toHaveTextContent('No review status')

    await userEvent.keyboard('l')
    await expectShown(app, fourth)
    const stored = await waitFor(async () => {
      const now = await imagesOf(server, project.project_id)
      expect(now.get(third)?.feedback).toBe('like')
      return now
    })
    // The progress counts what the server now holds.
    const all = [...stored.values()]
    const reviewed = all.filter((i) => i.feedback !== null || i.review_status !== null).length
    const approved = all.filter((i) => i.review_status === 'approved').length
    const retouch = all.filter((i) => i.review_status === 'needs_retouch').length
    expect(within(dialog).getByTestId('review-progress')).toHaveTextContent(
      `${reviewed} of ${all.length} reviewed · ${approved} approved · ${retouch} to retouch`,
    )
    // Back on the second image, its status shows.
    await app.router.navigate({ to: `/piktid/projects/${project.project_id}/${encodeURIComponent(second)}` as string })
    await waitFor(() => expect(within(dialog).getByTestId('review-status')).toHaveTextContent('Needs retouch'))
    expect(within(dialog).getByRole('button', { name: /^Needs retouch/ })).toHaveAttribute('aria-pressed', 'true')
  })

  it('auto-advance off stays on the image, and the choice is kept in this browser', async () => {
    const server = freshServer()
    const project = await projectWhere(server, (images) => images.filter(unreviewed).length >= 3)
    const [first, second] = project.images.filter(unreviewed).map(keyOf) as [string, string]
    const url = `/piktid/projects/${project.project_id}/${encodeURIComponent(first)}`
    const app = renderApp(url, { server })
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    await within(dialog).findByTestId('review-position', {}, { timeout: 5000 })
    const toggle = within(dialog).getByRole('button', { name: 'Auto-advance' })
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    await userEvent.keyboard('{Shift>}A{/Shift}')
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await userEvent.keyboard('a')
    await waitFor(() => expect(within(dialog).getByTestId('review-status')).toHaveTextContent('Approved'))
    await waitFor(async () =>
      expect((await imagesOf(server, project.project_id)).get(first)?.review_status).toBe('approved'),
    )
    expect(shownKey(app)).toBe(first)
    app.view.unmount()

    // Opened again in the same browser: still off, and turned on it moves on after a verdict.
    const again = renderApp(url, { server })
    const reopened = await screen.findByRole('dialog', {}, { timeout: 5000 })
    await within(reopened).findByTestId('review-position', {}, { timeout: 5000 })
    const toggleAgain = within(reopened).getByRole('button', { name: 'Auto-advance' })
    expect(toggleAgain).toHaveAttribute('aria-pressed', 'false')
    await userEvent.click(toggleAgain)
    expect(toggleAgain).toHaveAttribute('aria-pressed', 'true')
    act(() => reopened.focus())
    await userEvent.keyboard('d')
    await expectShown(again, second)
  })

  it('Start opens the first image not reviewed, Resume where the review stopped, and at the end it says all are reviewed', async () => {
    const server = freshServer()
    const project = await projectWhere(server, (images) => {
      const n = images.filter(unreviewed).length
      return n >= 2 && n <= 4
    })
    const app = renderApp(`/piktid/projects/${project.project_id}`, { server })
    const order = await gridOrder(server, project.project_id)
    const before = await imagesOf(server, project.project_id)
    const queue = order.filter((key) => unreviewed(before.get(key)!))
    const count = queue.length

    await userEvent.click(screen.getByRole('button', { name: `Start reviewing (${count} not reviewed)` }))
    await expectShown(app, queue[0]!)
    await userEvent.keyboard('n')
    await expectShown(app, queue[1]!)
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    await userEvent.click(await screen.findByRole('button', { name: `Resume reviewing (${count} not reviewed)` }))
    await expectShown(app, queue[1]!)
    const dialog = screen.getByRole('dialog')
    // From the second: A on each one left, then the first again (the queue goes round once).
    for (const key of [...queue.slice(1), queue[0]!]) {
      await expectShown(app, key)
      await userEvent.keyboard('a')
    }
    await waitFor(() =>
      expect(within(dialog).getByTestId('review-note')).toHaveTextContent('Every image here is reviewed.'),
    )
    expect(shownKey(app)).toBe(queue[0])
    await waitFor(async () => {
      const stored = await imagesOf(server, project.project_id)
      expect(queue.map((key) => stored.get(key)?.review_status)).toEqual(queue.map(() => 'approved'))
    })
    await userEvent.keyboard('{Escape}')
    expect(await screen.findByRole('button', { name: 'Review' })).toBeInTheDocument()
  })
})
