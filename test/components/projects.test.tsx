import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PiktidGalleryImage, PiktidGalleryProject } from '../../src/shared/piktid-gallery'
import { expectListedHandled, expectOnlyListedHandled, listedPresses } from './listed-keys'
import { freshServer, offline, renderApp, sharedServer, type Intercept, type TestServer } from './render-app'
import { galleryPage, imagesOf, judgeable, keyOf, projectWhere, refOf, unreviewed } from './server-gallery'

// The gallery and the review over the reference server's demo gallery (12 images a project in
// this catalog, see global-setup.ts): every number and name checked is the server's, every
// verdict is read back from it, and a failing network or a refusal is an intercept in front of it.

// jsdom lays nothing out; the grouped grid reads its width to choose how many tiles fit a row.
const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })
})
afterEach(() => {
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
})

/** 1000 px fits 5 tiles of at least 160 px. */
const PER_ROW = 5

const tilesOfRow = (row: number) =>
  Array.from(document.querySelectorAll(`[data-grid-row="${row}"] a[data-image-key]`)).map((a) =>
    a.getAttribute('data-image-key'),
  )
const tileOf = (image: PiktidGalleryImage) => document.querySelector<HTMLElement>(`a[data-image-key="${keyOf(image)}"]`)
/** The image's tile, once it is drawn. */
const findTileOf = (image: PiktidGalleryImage) =>
  waitFor(
    () => {
      const tile = tileOf(image)
      if (!tile) throw new Error(`No tile for ${keyOf(image)}`)
      return tile
    },
    { timeout: 5000 },
  )
/** The verdicts the page has sent. */
const verdictPosts = (requests: readonly URL[]) => requests.filter((u) => u.pathname === '/api/piktid/gallery/feedback')
const reviewUrl = (projectId: number, image: PiktidGalleryImage) =>
  `/piktid/projects/${projectId}/${encodeURIComponent(keyOf(image))}`

/** The gallery's first two projects, as the server answers the app's first page. */
async function firstProjects(server: TestServer = sharedServer()) {
  const page = await galleryPage(server)
  const [first, second] = page.projects
  if (!first || !second) throw new Error('The demo gallery has fewer than two projects')
  return { page, first, second }
}

/** The grid's rows of a project's images, in order. */
const rowsOf = (project: PiktidGalleryProject) =>
  Array.from({ length: Math.ceil(project.images.length / PER_ROW) }, (_, r) =>
    project.images.slice(r * PER_ROW, (r + 1) * PER_ROW).map(keyOf),
  )

describe('projects gallery', () => {
  it('lays out rows of as many tiles as the width allows, under a header per project', async () => {
    const { page, first, second } = await firstProjects()
    const rows = rowsOf(first)
    // The first project ends in a short row, so the next one's header starts a row of its own.
    expect(first.images.length % PER_ROW).not.toBe(0)
    renderApp('/piktid/projects')
    const header = await screen.findByRole('heading', { name: first.project_name }, { timeout: 5000 })
    expect(header.closest('[data-project-id]')).toHaveTextContent(first.project_key)
    expect(header.closest('[data-project-id]')).toHaveTextContent(
      `${first.completed_images} completed, ${first.failed_images} failed, of ${first.total_images}`,
    )
    await waitFor(() => expect(tilesOfRow(0)).toEqual(rows[0]))
    rows.forEach((row, r) => expect(tilesOfRow(r)).toEqual(row))
    expect(tilesOfRow(rows.length)).toEqual(rowsOf(second)[0])
    expect(screen.getByRole('heading', { name: second.project_name })).toBeInTheDocument()
    expect(screen.getByTestId('result-count')).toHaveTextContent(`${page.pagination.total} projects`)
  })

  it('moves down from a short row into the next project with the arrow keys', async () => {
    const { first, second } = await firstProjects()
    const last = first.images.length - 1
    const column = last % PER_ROW
    expect(column).toBeLessThan(PER_ROW - 1)
    renderApp('/piktid/projects')
    const tile = await findTileOf(first.images[last]!)
    act(() => tile.focus())
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-image-key', keyOf(second.images[column]!)))
    await userEvent.keyboard('{ArrowUp}{ArrowUp}')
    await waitFor(() =>
      expect(document.activeElement).toHaveAttribute('data-image-key', keyOf(first.images[last - PER_ROW]!)),
    )
  })

  it('shows each tile’s status, quality and a failed image’s error in its name', async () => {
    const server = sharedServer()
    const withStatus = (images: PiktidGalleryImage[], status: PiktidGalleryImage['status']) =>
      images.find((i) => i.status === status)
    const project = await projectWhere(
      server,
      (images) =>
        images.length <= 3 * PER_ROW &&
        (['failed', 'pending', 'processing'] as const).every((status) => withStatus(images, status)) &&
        images.some((i) => i.quality_score !== null),
    )
    // The gallery searched down to that one project.
    renderApp(`/piktid/projects?search=${project.project_key}`)
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(PER_ROW), { timeout: 5000 })
    const failed = tileOf(withStatus(project.images, 'failed')!)!
    expect(failed.querySelector('[data-status]')).toHaveAttribute('data-status', 'failed')
    const pending = tileOf(withStatus(project.images, 'pending')!)!.querySelector('[data-status]')!
    const processing = tileOf(withStatus(project.images, 'processing')!)!.querySelector('[data-status]')!
    expect(pending).toHaveTextContent('Pending')
    expect(processing).toHaveTextContent('Processing')
    expect(pending.className).not.toBe(processing.className)
    const scored = project.images.find((i) => i.quality_score !== null)!
    expect(tileOf(scored)).toHaveTextContent(`Q${Math.round(scored.quality_score! * 100)}`)
  })
})

describe('the scrubber beside the gallery', () => {
  it('is labelled by project, its keys step from project to project, and past the pages walked it says so', async () => {
    // The demo gallery's first page brings ten of its projects.
    const { page } = await firstProjects()
    expect(page.pagination.has_next).toBe(true)
    const [p1, p2, p3, p4] = page.projects as [PiktidGalleryProject, ...PiktidGalleryProject[]]
    const start = (n: number) => String(page.projects.slice(0, n).reduce((sum, p) => sum + p.images.length, 0))
    renderApp('/piktid/projects')
    const slider = await screen.findByRole('slider', { name: 'Jump through the list' }, { timeout: 5000 })
    expect(slider).toHaveAttribute('aria-valuetext', p1.project_name)
    expect(slider).toHaveAttribute('aria-valuenow', '0')

    act(() => slider.focus())
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuetext', p2!.project_name))
    expect(slider).toHaveAttribute('aria-valuenow', start(1))
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuetext', p4!.project_name))
    expect(slider).toHaveAttribute('aria-valuenow', start(3))
    await userEvent.keyboard('{ArrowUp}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuetext', p3!.project_name))
    expect(slider).toHaveAttribute('aria-valuenow', start(2))

    // Hovering past the projects seen so far: nothing is known there yet.
    const track = slider.firstElementChild as HTMLElement
    track.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 28, height: 1000 })
    fireEvent.pointerMove(slider, { clientY: 999, pointerType: 'mouse' })
    const bubble = () => slider.querySelector('[data-scrubber-label]')
    await waitFor(() => expect(bubble()).toHaveTextContent('Not loaded yet'))
    fireEvent.pointerMove(slider, { clientY: 0, pointerType: 'mouse' })
    await waitFor(() => expect(bubble()).toHaveTextContent(p1.project_name))
    expect(bubble()).toHaveAttribute('data-exact', 'true')
  })

  it('is left out beside a gallery that fits about three screens', async () => {
    // The gallery searched down to its first project.
    const { first } = await firstProjects()
    renderApp(`/piktid/projects?search=${first.project_key}`)
    await screen.findByRole('heading', { name: first.project_name }, { timeout: 5000 })
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent(/^1 project$/))
    expect(screen.queryByRole('slider', { name: 'Jump through the list' })).not.toBeInTheDocument()
  })
})

// These tests step by hand; moving on by itself after a verdict is review-flow.test.tsx's.
afterEach(() => localStorage.clear())

const reviewedCount = (images: readonly PiktidGalleryImage[]) =>
  images.filter((i) => i.feedback !== null || i.review_status !== null).length
/** "3 images", "1 image": the toasts' counts (all below a thousand here). */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

/**
 * A project whose first two images can be judged and are not reviewed, and whose next image not
 * reviewed comes after one without an output: what the review keys are tried on.
 */
function reviewProject(server: TestServer) {
  return projectWhere(server, ([first, second, ...rest]) => {
    const next = rest.findIndex(unreviewed)
    return !!first && !!second && unreviewed(first) && unreviewed(second) && next > 0 && rest.some((i) => !judgeable(i))
  })
}

/** The review of `image` (the project's first unless named) on a server of the test's own. */
async function openReview(
  project: PiktidGalleryProject,
  {
    server,
    image = project.images[0]!,
    intercept,
  }: { server: TestServer; image?: PiktidGalleryImage; intercept?: Intercept },
) {
  localStorage.setItem('vitrine.review.autoAdvance', 'false')
  const app = renderApp(reviewUrl(project.project_id, image), { server, ...(intercept && { intercept }) })
  const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
  await within(dialog).findByTestId('review-position', {}, { timeout: 5000 })
  return { app, dialog }
}

/** The image as the server holds it now. */
async function stored(server: TestServer, projectId: number, image: PiktidGalleryImage) {
  const found = (await imagesOf(server, projectId)).get(keyOf(image))
  if (!found) throw new Error(`${keyOf(image)} is not in project ${projectId}`)
  return found
}

describe('review keys', () => {
  it('L likes, D dislikes and 0 clears, each sent to the server and shown on the tile', async () => {
    const server = freshServer()
    const project = await reviewProject(server)
    const image = project.images[0]!
    const { dialog } = await openReview(project, { server })
    const verdict = within(dialog).getByTestId('review-verdict')
    const feedback = async () => (await stored(server, project.project_id, image)).feedback
    const reviewed = reviewedCount(project.images)
    const total = project.images.length
    await userEvent.keyboard('l')
    expect(verdict).toHaveTextContent('Liked')
    await waitFor(async () => expect(await feedback()).toBe('like'))
    await waitFor(() => expect(tileOf(image)).toHaveAttribute('data-verdict', 'like'))
    expect(within(dialog).getByTestId('review-progress')).toHaveTextContent(`${reviewed + 1} of ${total} reviewed`)
    await userEvent.keyboard('d')
    await waitFor(async () => expect(await feedback()).toBe('dislike'))
    expect(verdict).toHaveTextContent('Disliked')
    await userEvent.keyboard('0')
    await waitFor(async () => expect(await feedback()).toBe(null))
    expect(verdict).toHaveTextContent('No verdict yet')
    expect(within(dialog).getByTestId('review-progress')).toHaveTextContent(`${reviewed} of ${total} reviewed`)
  })

  it('M opens a comment field that Enter saves', async () => {
    const server = freshServer()
    const project = await reviewProject(server)
    const { dialog } = await openReview(project, { server })
    await userEvent.keyboard('m')
    const field = within(dialog).getByRole('textbox', { name: 'Comment' })
    expect(field).toHaveFocus()
    await userEvent.type(field, 'Sleeve too long{Enter}')
    await waitFor(async () =>
      expect((await stored(server, project.project_id, project.images[0]!)).feedback_comment).toBe('Sleeve too long'),
    )
    expect(within(dialog).queryByRole('textbox', { name: 'Comment' })).not.toBeInTheDocument()
  })

  it('J and K step through the images, N skips to the next one not reviewed', async () => {
    const server = freshServer()
    const project = await reviewProject(server)
    const total = project.images.length
    const { app, dialog } = await openReview(project, { server })
    const position = within(dialog).getByTestId('review-position')
    await userEvent.keyboard('j')
    await waitFor(() => expect(position).toHaveTextContent(`2 of ${total}`))
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(position).toHaveTextContent(`3 of ${total}`))
    await userEvent.keyboard('k')
    await waitFor(() => expect(position).toHaveTextContent(`2 of ${total}`))
    // Judge 1 and 2; N from 1 passes them and the images reviewed or without an output after them.
    const next = project.images.findIndex((image, n) => n > 1 && unreviewed(image))
    await userEvent.keyboard('lk')
    await waitFor(() => expect(position).toHaveTextContent(`1 of ${total}`))
    await userEvent.keyboard('l')
    await userEvent.keyboard('n')
    await waitFor(() => expect(position).toHaveTextContent(`${next + 1} of ${total}`))
    expect(app.router.state.location.pathname).toBe(reviewUrl(project.project_id, project.images[next]!))
  })

  it('Esc goes back to the grid and focuses the reviewed image’s tile', async () => {
    const server = freshServer()
    const project = await reviewProject(server)
    const image = project.images[2]!
    const { app } = await openReview(project, { server, image })
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(app.router.state.location.pathname).toBe(`/piktid/projects/${project.project_id}`))
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-image-key', keyOf(image)), {
      timeout: 3000,
    })
  })

  it('Esc from a review opened in the gallery goes back to the gallery, on the image', async () => {
    const { first } = await firstProjects()
    const image = first.images[2]!
    const app = renderApp('/piktid/projects')
    const tile = await findTileOf(image)
    tile.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    await within(dialog).findByTestId('review-position', {}, { timeout: 5000 })
    expect(app.router.state.location.pathname).toBe(reviewUrl(first.project_id, image))
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/piktid/projects'))
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-image-key', keyOf(image)))
  })

  it('the before/after handle takes only its own keys, and dragging on the image moves it', async () => {
    const server = freshServer()
    const project = await reviewProject(server)
    const { dialog } = await openReview(project, { server })
    const handle = within(dialog).getByRole('slider', { name: 'Before / after' })
    handle.focus()
    await userEvent.keyboard('{ArrowRight}')
    expect(handle).toHaveAttribute('aria-valuenow', '52')
    expect(within(dialog).getByTestId('review-position')).toHaveTextContent(`1 of ${project.images.length}`)
    await userEvent.keyboard('l')
    await waitFor(async () =>
      expect((await stored(server, project.project_id, project.images[0]!)).feedback).toBe('like'),
    )
    const compare = within(dialog).getByTestId('compare')
    compare.getBoundingClientRect = () => ({ left: 100, width: 400, top: 0, height: 400 }) as DOMRect
    fireEvent.pointerDown(compare, { clientX: 200, button: 0, buttons: 1, pointerId: 1 })
    expect(handle).toHaveAttribute('aria-valuenow', '25')
    fireEvent.pointerMove(compare, { clientX: 400, pointerId: 1 })
    expect(handle).toHaveAttribute('aria-valuenow', '75')
    fireEvent.pointerUp(compare, { pointerId: 1 })
    fireEvent.pointerMove(compare, { clientX: 120, pointerId: 1 })
    expect(handle).toHaveAttribute('aria-valuenow', '75')
  })

  it('offers no verdict on an image without an output, and says why', async () => {
    const server = freshServer()
    const project = await projectWhere(server, (images) => images.some((i) => i.status === 'pending'))
    const image = project.images.find((i) => i.status === 'pending')!
    const { app, dialog } = await openReview(project, { server, image })
    expect(within(dialog).getByTestId('review-not-judgeable')).toHaveTextContent('it is pending')
    expect(within(dialog).getByRole('button', { name: /^Like/ })).toBeDisabled()
    await userEvent.keyboard('l')
    expect(within(dialog).getByTestId('review-note')).toHaveTextContent('Nothing to judge yet: this image is pending.')
    await userEvent.keyboard('a')
    expect(within(dialog).getByTestId('review-status')).toHaveTextContent('No review status')
    await userEvent.keyboard('m')
    expect(within(dialog).queryByRole('textbox', { name: 'Comment' })).not.toBeInTheDocument()
    expect(verdictPosts(app.requests)).toHaveLength(0)
  })

  it('lists the review keys in the ? overlay', async () => {
    const server = freshServer()
    await openReview(await reviewProject(server), { server })
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const review = within(overlay).getByRole('region', { name: 'Review' })
    for (const text of [
      'Approve',
      'Needs retouch',
      'Like',
      'Dislike',
      'Clear the verdict',
      'Clear the review status',
      'Claim for retouch, or release your claim',
      'Next image not reviewed yet',
      'Auto-advance to the next image not reviewed after each verdict (off)',
      'Previous image',
    ])
      expect(review).toHaveTextContent(text)
  })

  it('handles exactly the keys the ? overlay lists for it, no more and no fewer', async () => {
    const server = freshServer()
    const { app, dialog } = await openReview(await reviewProject(server), { server })
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const listed = listedPresses(overlay, 'Review')
    // The output's zoom first (at fit: no arrows to pan), then the review's own keys.
    expect(listed.map((p) => `${p.shiftKey ? 'Shift+' : ''}${p.key}`)).toEqual([
      'z',
      '+',
      '-',
      'a',
      'r',
      'u',
      'l',
      'd',
      '0',
      'm',
      'h',
      'c',
      'e',
      'ArrowRight',
      'j',
      'ArrowLeft',
      'k',
      'n',
      'Shift+A',
      'Escape',
    ])
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument())
    expect(expectOnlyListedHandled(dialog, listed)).toBeGreaterThan(60)
    expect(verdictPosts(app.requests)).toHaveLength(0)
    expectListedHandled(dialog, listed)
    // The last, Esc, closed the review.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })
})

describe('after a verdict', () => {
  it('the project page’s count and the gallery agree with it, from one request', async () => {
    const server = freshServer()
    const { first } = await firstProjects(server)
    const image = first.images.find(unreviewed)
    if (!image) throw new Error('The first project has no image to judge')
    const app = renderApp('/piktid/projects', { server })
    await findTileOf(image)
    const postsBefore = verdictPosts(app.requests).length
    await app.router.navigate({ to: reviewUrl(first.project_id, image) as string })
    await screen.findByTestId('review-position', {}, { timeout: 5000 })
    await userEvent.keyboard('l')
    await waitFor(async () => expect((await stored(server, first.project_id, image)).feedback).toBe('like'))
    expect(within(screen.getByRole('dialog')).getByTestId('review-progress')).toHaveTextContent(
      `${reviewedCount(first.images) + 1} of ${first.total_images} reviewed`,
    )
    await userEvent.keyboard('{Escape}')
    await app.router.navigate({ to: '/piktid/projects' as string })
    await waitFor(() => expect(tileOf(image)).toHaveAttribute('data-verdict', 'like'))
    expect(verdictPosts(app.requests).length).toBe(postsBefore + 1)
  })
})

describe('a verdict that cannot be saved', () => {
  /** In front of the server: verdicts fail while `failing` says how. */
  function failingVerdicts() {
    const control: { failing?: 'offline' | 'refused' } = {}
    const intercept: Intercept = async (request, pass) => {
      if (!request.url.endsWith('/gallery/feedback') || !control.failing) return pass()
      if (control.failing === 'offline') return offline(request, pass)
      // Refused as the server refuses a verdict on an image that is no longer there.
      const body = (await request.json()) as Record<string, unknown>
      return pass(new Request(request, { body: JSON.stringify({ ...body, job_id: 'job_removed' }) }))
    }
    return { control, intercept }
  }

  it('stays visibly pending while the network fails, and lands when it returns', async () => {
    const server = freshServer()
    const project = await reviewProject(server)
    const image = project.images[0]!
    const { control, intercept } = failingVerdicts()
    const { dialog } = await openReview(project, { server, intercept })
    control.failing = 'offline'
    await userEvent.keyboard('l')
    const verdict = within(dialog).getByTestId('review-verdict')
    expect(verdict).toHaveTextContent('Liked')
    await waitFor(() => expect(verdict).toHaveTextContent('not saved yet, retrying'))
    // The grid under the review follows a moment after it (see ProjectResults).
    await waitFor(() => expect(tileOf(image)).toHaveAttribute('data-pending', 'retrying'))
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('1 verdict not saved yet')
    expect((await stored(server, project.project_id, image)).feedback).toBe(null)
    delete control.failing
    await waitFor(async () => expect((await stored(server, project.project_id, image)).feedback).toBe('like'), {
      timeout: 5000,
    })
    await waitFor(() => expect(verdict).toHaveTextContent(/^Liked$/))
    // The grid under the review follows a moment after it (see ProjectResults).
    await waitFor(() => expect(tileOf(image)).not.toHaveAttribute('data-pending'))
  })

  it('rolls back with a message when the server refuses it', async () => {
    const server = freshServer()
    const project = await reviewProject(server)
    const image = project.images[0]!
    const { control, intercept } = failingVerdicts()
    const { dialog } = await openReview(project, { server, intercept })
    control.failing = 'refused'
    await userEvent.keyboard('d')
    const alert = await screen.findByTestId('verdict-rejected', {}, { timeout: 3000 })
    expect(alert).toHaveTextContent(`The server refused your dislike on ${image.original_filename}, so it was undone.`)
    expect(within(dialog).getByTestId('review-verdict')).toHaveTextContent('No verdict yet')
    await waitFor(() => expect(tileOf(image)).toHaveAttribute('data-verdict', 'none'))
    expect((await stored(server, project.project_id, image)).feedback).toBe(null)
  })
})

describe('bulk verdicts', () => {
  it('likes 1,000 selected images with Ctrl+A, every one stored, and no error that did not happen', async () => {
    // A gallery of five projects of 200 images: the demo catalog's first five, each filled up
    // with copies of its own images (new image indexes, names that sort after the originals),
    // every other project's images gone.
    const server = freshServer()
    const five = (await galleryPage(server)).projects.slice(0, 5).map((p) => p.project_id)
    server.edit((db) => {
      db.prepare(`DELETE FROM gallery_images WHERE project_id NOT IN (${five.map(() => '?').join()})`).run(...five)
      const columns = `job_type, group_index, version, input_count, input_description, status,
        quality_score, processing_time, error_message, feedback, feedback_comment, review_status, review_annotations,
        retouch_claim, created_at`
      db.prepare(
        `INSERT INTO gallery_images (project_id, job_id, image_index, original_filename, ${columns})
         WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < 200)
         SELECT project_id, job_id, image_index + 1000 * n, 'copy' || n || '-' || original_filename, ${columns}
           FROM gallery_images, copy`,
      ).run()
      db.prepare(
        `DELETE FROM gallery_images WHERE id IN (
           SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY id) AS n FROM gallery_images)
            WHERE n > 200)`,
      ).run()
    })
    const page = await galleryPage(server, 'max_images_per_project=200')
    const images = page.projects.flatMap((p) => p.images)
    expect(page.pagination.total).toBe(5)
    expect(images).toHaveLength(1000)
    const liked = images.filter(judgeable)

    // Every answer arrives in the same task, as a fast server's do in a browser.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const { requests } = renderApp('/piktid/projects?max_images_per_project=200', {
      server,
      intercept: async (request, pass) => {
        if (request.url.endsWith('/gallery/feedback')) await held
        return pass()
      },
    })
    const first = await findTileOf(images[0]!)
    first.focus()
    await userEvent.keyboard('{Control>}a{/Control}')
    expect(await screen.findByTestId('selected-count')).toHaveTextContent('1,000 selected')
    await userEvent.click(screen.getByRole('button', { name: 'Like selected' }))
    // Images still pending or processing, and failed ones, have no output and get no verdict.
    await waitFor(() => expect(verdictPosts(requests)).toHaveLength(liked.length), { timeout: 20_000 })
    expect(
      screen.getByText(
        `Liked ${count(liked.length, 'image')}. Skipped ${count(images.length - liked.length, 'image')} without an output yet.`,
      ),
    ).toBeInTheDocument()
    act(() => release())
    await waitFor(
      async () => {
        const now = (await galleryPage(server, 'max_images_per_project=200')).projects.flatMap((p) => p.images)
        expect(now.filter((i) => i.feedback === 'like').map(keyOf)).toEqual(liked.map(keyOf))
      },
      { timeout: 20_000 },
    )
    // Every tile drawn of an image with an output shows it.
    const likedKeys = new Set(liked.map(keyOf))
    const drawn = () =>
      Array.from(document.querySelectorAll<HTMLElement>('a[data-image-key]')).filter((a) =>
        likedKeys.has(a.dataset.imageKey ?? ''),
      )
    await waitFor(() => expect(drawn().map((a) => a.dataset.verdict)).toContain('like'))
    await waitFor(() => expect(drawn().every((a) => a.dataset.verdict === 'like')).toBe(true))
    expect(screen.queryByTestId('verdict-rejected')).not.toBeInTheDocument()
  }, 30_000)
})

describe('selecting a whole project from its header', () => {
  it('selects and unselects the project’s images, and shows some selected as mixed', async () => {
    const { first, second } = await firstProjects()
    const [n1, n2] = [first.images.length, second.images.length]
    renderApp('/piktid/projects')
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(PER_ROW), { timeout: 5000 })
    const firstBox = screen.getByRole('checkbox', { name: `Select all ${n1} in ${first.project_name}` })
    const secondBox = screen.getByRole('checkbox', { name: `Select all ${n2} in ${second.project_name}` })
    expect(firstBox).toHaveAttribute('aria-checked', 'false')
    expect(firstBox).toHaveTextContent(`Select all ${n1}`)

    // One image of the first project selected with X: its header says "mixed".
    act(() => tileOf(first.images[1]!)!.focus())
    await userEvent.keyboard('x')
    await waitFor(() => expect(firstBox).toHaveAttribute('aria-checked', 'mixed'))
    expect(secondBox).toHaveAttribute('aria-checked', 'false')

    // Choosing a mixed group selects the rest of it.
    await userEvent.click(firstBox)
    expect(firstBox).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByTestId('selected-count')).toHaveTextContent(`${n1} selected`)

    // From the keyboard: the checkbox is a Tab stop (a button), and Space selects its project.
    act(() => secondBox.focus())
    await userEvent.keyboard(' ')
    expect(secondBox).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByTestId('selected-count')).toHaveTextContent(`${n1 + n2} selected`)
    expect(tileOf(second.images[0]!)).toHaveTextContent('selected')

    // A fully selected group unselects, and leaves the other one as it was.
    await userEvent.click(firstBox)
    expect(firstBox).toHaveAttribute('aria-checked', 'false')
    expect(screen.getByTestId('selected-count')).toHaveTextContent(`${n2} selected`)
    expect(tileOf(first.images[1]!)).not.toHaveTextContent('selected')
  })
})

describe('undoing a bulk verdict', () => {
  /**
   * A project with images without an output and at least four with one; of those, the first is
   * disliked with a comment and the second liked here, and one after them has no verdict.
   */
  async function projectWithVerdicts(server: TestServer) {
    const project = await projectWhere(server, (images) => {
      const outputs = images.filter(judgeable)
      return (
        images.length <= 3 * PER_ROW &&
        outputs.length >= 4 &&
        outputs.length < images.length &&
        outputs.slice(2).some((i) => i.feedback === null)
      )
    })
    const [disliked, liked] = project.images.filter(judgeable) as [PiktidGalleryImage, PiktidGalleryImage]
    await server.post('piktid', '/gallery/feedback', {
      ...refOf(disliked),
      feedback: 'dislike',
      feedback_comment: 'too dark',
    })
    await server.post('piktid', '/gallery/feedback', { ...refOf(liked), feedback: 'like', feedback_comment: null })
    const outputs = project.images.filter(judgeable)
    const verdicts = async () => {
      const now = await imagesOf(server, project.project_id)
      return outputs.map((i) => ({
        feedback: now.get(keyOf(i))!.feedback,
        comment: now.get(keyOf(i))!.feedback_comment,
      }))
    }
    const before = await verdicts()
    expect(before.slice(0, 2)).toEqual([
      { feedback: 'dislike', comment: 'too dark' },
      { feedback: 'like', comment: null },
    ])
    return { project, outputs, verdicts, before }
  }

  /** The gallery searched down to the project, with all of it selected from its header. */
  async function selectProject(server: TestServer, project: PiktidGalleryProject) {
    const app = renderApp(`/piktid/projects?search=${project.project_key}`, { server })
    const n = project.images.length
    await userEvent.click(
      await screen.findByRole('checkbox', { name: `Select all ${n} in ${project.project_name}` }, { timeout: 5000 }),
    )
    expect(screen.getByTestId('selected-count')).toHaveTextContent(`${n} selected`)
    return app
  }

  it('Undo gives each image back exactly the verdict it had, stored on the server', async () => {
    const server = freshServer()
    const { project, outputs, verdicts, before } = await projectWithVerdicts(server)
    const app = await selectProject(server, project)
    await userEvent.click(screen.getByRole('button', { name: 'Clear verdicts' }))
    const toast = await screen.findByTestId('toast')
    expect(toast.closest('[role="status"]')).toHaveAttribute('aria-live', 'polite')
    const skipped = project.images.length - outputs.length
    expect(toast).toHaveTextContent(
      `Cleared the verdict on ${count(outputs.length, 'image')}. Skipped ${count(skipped, 'image')} without an output yet.`,
    )
    await waitFor(async () => expect((await verdicts()).every((v) => v.feedback === null)).toBe(true))
    // The toast did not take focus.
    expect(toast).not.toContainElement(document.activeElement as HTMLElement)

    const postsBefore = verdictPosts(app.requests).length
    await userEvent.click(within(toast).getByRole('button', { name: 'Undo' }))
    await waitFor(async () => expect(await verdicts()).toEqual(before))
    // Only the images whose verdict changed are sent back.
    const changed = before.filter((v) => v.feedback !== null).length
    expect(verdictPosts(app.requests).length).toBe(postsBefore + changed)
    expect(await screen.findByTestId('toast')).toHaveTextContent(
      `Restored the previous verdict of ${count(changed, 'image')}.`,
    )
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument()
    await waitFor(() => expect(tileOf(outputs[0]!)).toHaveAttribute('data-verdict', 'dislike'))
    expect(tileOf(outputs[1]!)).toHaveAttribute('data-verdict', 'like')
    const without = outputs.find((_, n) => before[n]!.feedback === null)!
    expect(tileOf(without)).toHaveAttribute('data-verdict', 'none')
  })

  it('Ctrl+Z undoes while the toast shows, and is listed in the ? overlay', async () => {
    const server = freshServer()
    const { project, outputs, verdicts, before } = await projectWithVerdicts(server)
    const app = await selectProject(server, project)
    await userEvent.click(screen.getByRole('button', { name: 'Like selected' }))
    await screen.findByRole('button', { name: 'Undo' })
    await waitFor(async () => expect((await verdicts()).every((v) => v.feedback === 'like')).toBe(true))
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(within(overlay).getByRole('heading', { name: 'Undo' })).toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    act(() => tileOf(outputs.at(-1)!)!.focus())
    await userEvent.keyboard('{Control>}z{/Control}')
    await waitFor(async () => expect(await verdicts()).toEqual(before))
    const changed = before.filter((v) => v.feedback !== 'like').length
    expect(screen.getByTestId('toast')).toHaveTextContent(
      `Restored the previous verdict of ${count(changed, 'image')}.`,
    )
    // Once the undo is used, Ctrl+Z does nothing more.
    const posts = verdictPosts(app.requests).length
    await userEvent.keyboard('{Control>}z{/Control}')
    expect(verdictPosts(app.requests).length).toBe(posts)
  })
})
