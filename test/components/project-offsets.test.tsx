import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { PIKTID_MAX_IMAGES_PER_PROJECT } from '../../src/shared/piktid-gallery'
import { freshServer, renderApp, sharedServer, type Intercept, type TestServer } from './render-app'
import { keyOf } from './server-gallery'

// A project larger than the API's cap of 200 images a request. The reference server reads it by
// offset (its non-seed `images_offset`, announced by `matching_images`), so the project page holds
// every image; PiktID's own API reads no offset, and the page offers partitions that fit the cap.

const CAP = PIKTID_MAX_IMAGES_PER_PROJECT.max

// jsdom lays nothing out; the grid reads its width to choose how many tiles fit a row.
const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })
})
afterEach(() => {
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
})

/** The demo catalog's first project past the cap that the source's user sees, as the API tells it. */
async function largeProject(server: TestServer = sharedServer()): Promise<{ id: number; total: number }> {
  for (let page = 1; ; page++) {
    const body = await server.read<PiktidGalleryPage>(
      'piktid',
      `/gallery/by-project?per_page=100&max_images_per_project=1&page=${page}`,
    )
    const large = body.projects.find((p) => p.total_images > CAP)
    if (large) return { id: large.project_id, total: large.total_images }
    if (!body.pagination.has_next) throw new Error('The test catalog has no project past the image cap')
  }
}

/** The image at `index` of the project, in the page's default order, as the API tells it. */
async function imageAt(projectId: number, index: number): Promise<PiktidGalleryImage> {
  const body = await sharedServer().read<PiktidGalleryPage>(
    'piktid',
    `/gallery/by-project?project_id=${projectId}&max_images_per_project=1&images_offset=${index}`,
  )
  const image = body.projects[0]?.images[0]
  if (!image) throw new Error(`No image ${index} in project ${projectId}`)
  return image
}

const tile = (key: string) => document.querySelector<HTMLElement>(`a[data-image-key="${key}"]`)

describe('a project past the image cap, on a server that reads by offset', () => {
  it('counts every image, and Ctrl+End and the scrubber’s End reach the last one', async () => {
    const { id, total } = await largeProject()
    const [first, last] = await Promise.all([imageAt(id, 0), imageAt(id, total - 1)])
    const { requests } = renderApp(`/piktid/projects/${id}`)
    await waitFor(() => expect(screen.getByTestId('review-progress')).toHaveTextContent(`(${total} shown)`), {
      timeout: 5000,
    })
    expect(screen.queryByTestId('cap-note')).not.toBeInTheDocument()

    await waitFor(() => expect(tile(keyOf(first))).not.toBeNull())
    act(() => tile(keyOf(first))!.focus())
    const beforeJump = requests.length
    await userEvent.keyboard('{Control>}{End}{/Control}')
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-image-key', keyOf(last)), {
      timeout: 5000,
    })
    // The jump read the last page by its offset, and the one before it that the screen shows above
    // its 50 images, not every page between.
    const offsets = requests
      .slice(beforeJump)
      .filter((u) => u.pathname.endsWith('/gallery/by-project') && u.searchParams.get('project_id') === String(id))
      .map((u) => Number(u.searchParams.get('images_offset') ?? 0))
    const lastOffset = Math.floor((total - 1) / CAP) * CAP
    expect(offsets).toContain(lastOffset)
    expect(offsets.filter((o) => o < lastOffset - CAP)).toEqual([])

    await userEvent.keyboard('{Control>}{Home}{/Control}')
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-image-key', keyOf(first)))
    const slider = screen.getByRole('slider', { name: 'Jump through the list' })
    act(() => slider.focus())
    await userEvent.keyboard('{End}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuenow', String(total - 1)))
    await waitFor(() => expect(tile(keyOf(last))).not.toBeNull(), { timeout: 5000 })
  }, 30_000)

  it('opens image #301 by its link, and steps across the boundary of the first 200', async () => {
    const { id, total } = await largeProject()
    const [target, before, after] = await Promise.all([imageAt(id, 300), imageAt(id, CAP - 1), imageAt(id, CAP)])
    // The page holding it waits until the test lets it through: meanwhile the review is looking.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const app = renderApp(`/piktid/projects/${id}/${encodeURIComponent(keyOf(target))}`, {
      intercept: async (request, pass) => {
        if (new URL(request.url).searchParams.get('images_offset') === String(CAP)) await held
        return pass()
      },
    })
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    await waitFor(() =>
      expect(app.requests.some((u) => u.searchParams.get('images_offset') === String(CAP))).toBe(true),
    )
    expect(within(dialog).getByRole('status')).toHaveTextContent('Loading…')
    expect(within(dialog).queryByText(/not among the images/)).not.toBeInTheDocument()
    release()
    const position = await within(dialog).findByTestId('review-position', {}, { timeout: 5000 })
    expect(position).toHaveTextContent(`301 of ${total}`)
    expect(within(dialog).getByRole('heading', { name: target.original_filename })).toBeInTheDocument()

    // From the first image of the second page back over the boundary, and on again.
    await app.router.navigate({
      to: '/$source/projects/$projectId/$imageKey',
      params: { source: 'piktid', projectId: String(id), imageKey: keyOf(after) },
    })
    await waitFor(() => expect(position).toHaveTextContent(`${CAP + 1} of ${total}`), { timeout: 5000 })
    await userEvent.keyboard('k')
    await waitFor(() => expect(position).toHaveTextContent(`${CAP} of ${total}`), { timeout: 5000 })
    expect(app.router.state.location.pathname).toBe(`/piktid/projects/${id}/${encodeURIComponent(keyOf(before))}`)
    await userEvent.keyboard('j')
    await waitFor(() => expect(position).toHaveTextContent(`${CAP + 1} of ${total}`), { timeout: 5000 })
    expect(app.router.state.location.pathname).toBe(`/piktid/projects/${id}/${encodeURIComponent(keyOf(after))}`)
  }, 30_000)

  it('says an image that is not in the list is not, once every page was looked at', async () => {
    const { id, total } = await largeProject()
    const { requests } = renderApp(`/piktid/projects/${id}/${encodeURIComponent('job_none:0:0')}`)
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    await within(dialog).findByText('This image is not among the images shown for these filters.', undefined, {
      timeout: 10_000,
    })
    const offsets = requests.map((u) => u.searchParams.get('images_offset')).filter((o) => o !== null)
    const pages = Array.from({ length: Math.ceil(total / CAP) - 1 }, (_, n) => String((n + 1) * CAP))
    expect(new Set(offsets)).toEqual(new Set(pages))
  }, 30_000)
})

describe('a project past the image cap, on an API that reads no offset', () => {
  /**
   * PiktID's own API in front of the reference server: it reads no `images_offset` and sends no
   * `matching_images`, so a project's first 200 images (for its filters) are all it returns.
   */
  const firstImagesOnly: Intercept = async (request, pass) => {
    const url = new URL(request.url)
    if (!url.pathname.endsWith('/gallery/by-project')) return pass()
    url.searchParams.delete('images_offset')
    const answer = await pass(new Request(url, request))
    const body = (await answer.json()) as PiktidGalleryPage
    for (const project of body.projects) delete project.matching_images
    return Response.json(body, { status: answer.status })
  }

  /**
   * The catalog's large project made 600 images (its own, then copies of them), whose statuses
   * go in turn completed, completed, pending, processing, failed (240, 120, 120, 120), the first
   * 150 liked and the next 30 disliked. Returns a server over it, the project and its images'
   * count for a link's filters, as the reference server counts them.
   */
  async function sixHundred() {
    const server = freshServer()
    const { id } = await largeProject(server)
    server.edit((db) => {
      const columns = `job_type, group_index, version, input_count, input_description, status, quality_score,
        processing_time, error_message, feedback, feedback_comment, review_status, review_annotations,
        retouch_claim, created_at`
      db.prepare(
        `INSERT INTO gallery_images (project_id, job_id, image_index, original_filename, ${columns})
         SELECT project_id, job_id, image_index + 1000, 'copy-' || original_filename, ${columns}
           FROM gallery_images WHERE project_id = ?`,
      ).run(id)
      db.prepare(
        `DELETE FROM gallery_images WHERE project_id = @id
            AND id NOT IN (SELECT id FROM gallery_images WHERE project_id = @id ORDER BY id LIMIT 600)`,
      ).run({ id })
      db.prepare(
        `UPDATE gallery_images
            SET status = CASE n % 5 WHEN 2 THEN 'pending' WHEN 3 THEN 'processing' WHEN 4 THEN 'failed'
                                    ELSE 'completed' END,
                feedback = CASE WHEN n < 150 THEN 'like' WHEN n < 180 THEN 'dislike' END,
                feedback_comment = NULL, review_status = NULL, review_annotations = NULL, retouch_claim = NULL
           FROM (SELECT id AS row, row_number() OVER (ORDER BY id) - 1 AS n FROM gallery_images WHERE project_id = ?)
          WHERE id = row`,
      ).run(id)
    })
    const matching = async (search: URLSearchParams) => {
      const query = new URLSearchParams(search)
      query.set('project_id', String(id))
      query.set('max_images_per_project', '1')
      const body = await server.read<PiktidGalleryPage>('piktid', `/gallery/by-project?${query}`)
      return body.projects[0]?.matching_images ?? 0
    }
    expect(await matching(new URLSearchParams())).toBe(600)
    const mount = (path = '') => renderApp(`/piktid/projects/${id}${path}`, { server, intercept: firstImagesOnly })
    return { mount, matching }
  }

  it('says so, and offers the parts of at most 200 images, each with its count', async () => {
    const { mount, matching } = await sixHundred()
    mount()
    const note = await screen.findByTestId('cap-note', {}, { timeout: 5000 })
    expect(note).toHaveTextContent('This project has 600 images, but this API returns only 200 of them.')
    const parts = within(note).getByRole('list', { name: 'Parts of this project' })
    await waitFor(() => expect(within(parts).getByRole('link', { name: 'Failed (120)' })).toBeInTheDocument())
    const names = within(parts)
      .getAllByRole('link')
      .map((link) => link.getAttribute('aria-label'))
    // The last 200 by filename are the ones shown (the default order): no link to them.
    expect(names).toEqual([
      'By filename, first 200',
      'Failed (120)',
      'Pending (120)',
      'Processing (120)',
      'Completed (240), first 200',
      'Completed (240), last 200',
      'Liked (150)',
      'Disliked (30)',
    ])
    for (const link of within(parts).getAllByRole('link')) {
      const search = new URL(link.getAttribute('href')!, location.origin).searchParams
      const name = link.getAttribute('aria-label')!
      const count = /\((\d+)\)/.exec(name)?.[1]
      const sorted = /, (first|last) 200$/.test(name)
      const selected = await matching(search)
      if (count) expect(selected).toBe(Number(count))
      // A part read whole fits the cap; one read from both ends (its first and last 200) fits twice.
      if (!sorted) expect(selected).toBeLessThanOrEqual(CAP)
      else if (count) expect(selected).toBeLessThanOrEqual(2 * CAP)
    }
  })

  it('follows a part: its images all shown, and no note', async () => {
    const { mount } = await sixHundred()
    mount()
    const note = await screen.findByTestId('cap-note', {}, { timeout: 5000 })
    await userEvent.click(await within(note).findByRole('link', { name: 'Disliked (30)' }, { timeout: 5000 }))
    await waitFor(() => expect(screen.getByTestId('review-progress')).toHaveTextContent('of the 30 images shown'))
    expect(screen.queryByTestId('cap-note')).not.toBeInTheDocument()
  })
})
