import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { freshServer, renderApp, type TestServer } from './render-app'

// Retouch claims, review badges on the tiles and bulk review changes with undo, over the
// reference server: every write is checked on the server, and the conflicting claim is another
// demo user's, made on the server behind the page's back.

const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })
})
afterEach(() => {
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
})

const keyOf = (i: PiktidGalleryImage) => `${i.job_id}:${i.image_index}:${i.group_index}`
const refOf = (i: PiktidGalleryImage) => ({ job_id: i.job_id, image_index: i.image_index, group_index: i.group_index })

/** A write to the server as a demo user (`demo-alice` is the app's PiktID source). */
async function post(server: TestServer, path: string, body: unknown, token = 'demo-alice') {
  const response = await server.app.request(`${location.origin}/api/piktid${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      origin: location.origin,
      'sec-fetch-site': 'same-origin',
    },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`)
}

/** The first project alice and bob both see, with its images as the server stores them. */
async function sharedProject(server: TestServer) {
  const asBob = await server.read<PiktidGalleryPage>('piktid', '/gallery/by-project?per_page=100', {
    token: 'demo-bob',
  })
  const bobs = new Set(asBob.projects.map((p) => p.project_id))
  const asAlice = await server.read<PiktidGalleryPage>('piktid', '/gallery/by-project?per_page=100')
  const project = asAlice.projects.find((p) => bobs.has(p.project_id) && p.images.length >= 4)
  if (!project) throw new Error('No project both alice and bob see')
  return project
}

/** The project's images as the server has them now, by key. */
async function stored(server: TestServer, projectId: number): Promise<Map<string, PiktidGalleryImage>> {
  const page = await server.read<PiktidGalleryPage>('piktid', `/gallery/by-project?project_id=${projectId}`)
  return new Map((page.projects[0]?.images ?? []).map((i) => [keyOf(i), i]))
}

/** Completed images without a claim: the ones a test gives a review to. */
const reviewable = (images: readonly PiktidGalleryImage[]) =>
  images.filter((i) => i.status === 'completed' && i.retouch_claim === null)

describe('retouch claims in the review', () => {
  it('claims and releases an image that needs retouch, and says who holds one claimed first by someone else', async () => {
    const server = freshServer()
    const project = await sharedProject(server)
    const [mine, theirs] = reviewable(project.images)
    if (!mine || !theirs) throw new Error('Too few completed images')
    for (const image of [mine, theirs])
      await post(server, '/gallery/feedback', { ...refOf(image), review_status: 'needs_retouch' })

    const app = renderApp(`/piktid/projects/${project.project_id}/${encodeURIComponent(keyOf(mine))}`, { server })
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    const panel = await within(dialog).findByTestId('claim-panel')
    expect(within(panel).getByTestId('claim-holder')).toHaveTextContent('Nobody holds it for retouch yet.')
    expect(within(panel).queryByRole('button', { name: 'Release' })).not.toBeInTheDocument()

    await userEvent.click(within(panel).getByRole('button', { name: 'Claim for retouch' }))
    // Shown at once, before the server answers.
    expect(within(panel).getByTestId('claim-holder')).toHaveTextContent(/Held for retouch by (you|alice \(you\)) since/)
    await waitFor(async () =>
      expect((await stored(server, project.project_id)).get(keyOf(mine))?.retouch_claim?.claimed_by).toBe('alice'),
    )
    const claimedAt = (await stored(server, project.project_id)).get(keyOf(mine))!.retouch_claim!.claimed_at
    await waitFor(() =>
      expect(within(panel).getByTestId('claim-holder')).toHaveTextContent('Held for retouch by alice (you) since'),
    )
    expect(within(panel).getByRole('time')).toHaveAttribute('datetime', claimedAt)
    expect(within(panel).queryByRole('button', { name: 'Claim for retouch' })).not.toBeInTheDocument()

    await userEvent.click(within(panel).getByRole('button', { name: 'Release' }))
    await waitFor(async () =>
      expect((await stored(server, project.project_id)).get(keyOf(mine))?.retouch_claim).toBeNull(),
    )
    await waitFor(() =>
      expect(within(panel).getByTestId('claim-holder')).toHaveTextContent('Nobody holds it for retouch yet.'),
    )

    // Bob takes the other image after the page read it: the page still offers the claim.
    await act(() =>
      app.router.navigate({
        to: `/piktid/projects/${project.project_id}/${encodeURIComponent(keyOf(theirs))}` as string,
      }),
    )
    await waitFor(() =>
      expect(within(dialog).getByRole('heading', { level: 2, name: theirs.original_filename })).toBeInTheDocument(),
    )
    await post(server, '/gallery/claim', { ...refOf(theirs), claim: true }, 'demo-bob')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Claim for retouch' }))
    const refused = await screen.findByTestId('verdict-rejected')
    expect(refused).toHaveTextContent(
      `The server refused your claim for retouch on ${theirs.original_filename}, so it was undone.`,
    )
    expect(refused).toHaveTextContent('bob')
    // Read again, the image shows its holder, and this user cannot release it.
    await waitFor(() =>
      expect(within(dialog).getByTestId('claim-holder')).toHaveTextContent('Held for retouch by bob since'),
    )
    expect(within(dialog).queryByRole('button', { name: 'Release' })).not.toBeInTheDocument()
    expect((await stored(server, project.project_id)).get(keyOf(theirs))?.retouch_claim?.claimed_by).toBe('bob')
  }, 30_000)
})
