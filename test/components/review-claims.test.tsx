import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { persistWrites, resumeWrites } from '../../src/app/query-persistence'
import { freshServer, offline, renderApp, type Intercept, type TestServer } from './render-app'
import { imagesOf, keyOf, refOf } from './server-gallery'

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

/** Completed images without a claim: the ones a test gives a review to. */
const reviewable = (images: readonly PiktidGalleryImage[]) =>
  images.filter((i) => i.status === 'completed' && i.retouch_claim === null)

/** A fresh server with two of alice's images, in a project bob sees too, marked needs retouch. */
async function twoToRetouch() {
  const server = freshServer()
  const project = await sharedProject(server)
  const [mine, theirs] = reviewable(project.images)
  if (!mine || !theirs) throw new Error('Too few completed images')
  for (const image of [mine, theirs])
    await server.post('piktid', '/gallery/feedback', { ...refOf(image), review_status: 'needs_retouch' })
  return { server, project, mine, theirs }
}

describe('retouch claims in the review', () => {
  it('claims and releases an image that needs retouch, and says who holds one claimed first by someone else', async () => {
    const { server, project, mine, theirs } = await twoToRetouch()

    const app = renderApp(`/piktid/projects/${project.project_id}/${encodeURIComponent(keyOf(mine))}`, { server })
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    const panel = await within(dialog).findByTestId('claim-panel')
    expect(within(panel).getByTestId('claim-holder')).toHaveTextContent('Nobody holds it for retouch yet.')
    expect(within(panel).queryByRole('button', { name: /^Release/ })).not.toBeInTheDocument()

    await userEvent.click(within(panel).getByRole('button', { name: /^Claim for retouch/ }))
    // Shown at once, before the server answers.
    expect(within(panel).getByTestId('claim-holder')).toHaveTextContent(/Held for retouch by (you|alice \(you\)) since/)
    await waitFor(async () =>
      expect((await imagesOf(server, project.project_id)).get(keyOf(mine))?.retouch_claim?.claimed_by).toBe('alice'),
    )
    const claimedAt = (await imagesOf(server, project.project_id)).get(keyOf(mine))!.retouch_claim!.claimed_at
    await waitFor(() =>
      expect(within(panel).getByTestId('claim-holder')).toHaveTextContent('Held for retouch by alice (you) since'),
    )
    expect(within(panel).getByRole('time')).toHaveAttribute('datetime', claimedAt)
    expect(within(panel).queryByRole('button', { name: /^Claim for retouch/ })).not.toBeInTheDocument()

    await userEvent.click(within(panel).getByRole('button', { name: /^Release/ }))
    await waitFor(async () =>
      expect((await imagesOf(server, project.project_id)).get(keyOf(mine))?.retouch_claim).toBeNull(),
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
    await server.post('piktid', '/gallery/claim', { ...refOf(theirs), claim: true }, { token: 'demo-bob' })
    await userEvent.click(within(dialog).getByRole('button', { name: /^Claim for retouch/ }))
    const refused = await screen.findByTestId('verdict-rejected')
    expect(refused).toHaveTextContent(
      `The server refused your claim for retouch on ${theirs.original_filename}, so it was undone.`,
    )
    expect(refused).toHaveTextContent('bob')
    // The review says so too, beside the claim.
    expect(within(dialog).getByTestId('claim-refused')).toHaveTextContent(/Your claim for retouch was refused: .*bob/)
    // Read again, the image shows its holder, and this user cannot release it.
    await waitFor(() =>
      expect(within(dialog).getByTestId('claim-holder')).toHaveTextContent('Held for retouch by bob since'),
    )
    expect(within(dialog).queryByRole('button', { name: /^Release/ })).not.toBeInTheDocument()
    expect((await imagesOf(server, project.project_id)).get(keyOf(theirs))?.retouch_claim?.claimed_by).toBe('bob')
  }, 30_000)
})

describe('the review keys for claims and the review status', () => {
  it('H claims and releases, U clears the status and stays, each stored; a held claim names its holder', async () => {
    const { server, project, mine, theirs } = await twoToRetouch()
    const url = (image: PiktidGalleryImage) =>
      `/piktid/projects/${project.project_id}/${encodeURIComponent(keyOf(image))}`
    const app = renderApp(url(mine), { server })
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    const panel = await within(dialog).findByTestId('claim-panel')
    const claimButton = within(panel).getByRole('button', { name: /^Claim for retouch/ })
    expect(claimButton).toHaveAttribute('aria-keyshortcuts', 'H')
    expect(claimButton).toHaveTextContent(/H$/)
    const onServer = async (image: PiktidGalleryImage) => (await imagesOf(server, project.project_id)).get(keyOf(image))
    const shown = () => decodeURIComponent(app.router.state.location.pathname.split('/').pop() ?? '')

    await userEvent.keyboard('h')
    expect(within(panel).getByTestId('claim-holder')).toHaveTextContent(/Held for retouch by (you|alice \(you\))/)
    await waitFor(async () => expect((await onServer(mine))?.retouch_claim?.claimed_by).toBe('alice'))
    const release = await within(panel).findByRole('button', { name: /^Release/ })
    expect(release).toHaveAttribute('aria-keyshortcuts', 'H')
    await waitFor(() => expect(within(panel).getByTestId('claim-holder')).not.toHaveTextContent('saving'))
    await userEvent.keyboard('h')
    await waitFor(async () => expect((await onServer(mine))?.retouch_claim).toBeNull())
    await waitFor(() =>
      expect(within(panel).getByTestId('claim-holder')).toHaveTextContent('Nobody holds it for retouch yet.'),
    )

    // U takes the status away: stored, and the review stays on the image (auto-advance is on).
    const clear = within(dialog).getByRole('button', { name: /^Clear status/ })
    expect(clear).toHaveAttribute('aria-keyshortcuts', 'U')
    await userEvent.keyboard('u')
    expect(within(dialog).getByTestId('review-status')).toHaveTextContent('No review status')
    await waitFor(async () => expect((await onServer(mine))?.review_status).toBeNull())
    expect(shown()).toBe(keyOf(mine))
    expect(within(dialog).queryByTestId('claim-panel')).not.toBeInTheDocument()
    // Neither key has anything to do now, and each says why.
    await userEvent.keyboard('h')
    expect(within(dialog).getByTestId('review-note')).toHaveTextContent(
      'Only an image that needs retouch can be claimed: R marks it so.',
    )
    await userEvent.keyboard('u')
    expect(within(dialog).getByTestId('review-note')).toHaveTextContent('This image has no review status to clear.')
    expect((await onServer(mine))?.retouch_claim).toBeNull()
    expect(shown()).toBe(keyOf(mine))

    // Bob takes the other image after the page read it: H claims, and the refusal names bob.
    await act(() => app.router.navigate({ to: url(theirs) }))
    await waitFor(() =>
      expect(within(dialog).getByRole('heading', { level: 2, name: theirs.original_filename })).toBeInTheDocument(),
    )
    await server.post('piktid', '/gallery/claim', { ...refOf(theirs), claim: true }, { token: 'demo-bob' })
    await within(dialog).findByRole('button', { name: /^Claim for retouch/ })
    await userEvent.keyboard('h')
    expect(await within(dialog).findByTestId('claim-refused')).toHaveTextContent(
      /Your claim for retouch was refused: .*bob/,
    )
    await waitFor(() =>
      expect(within(dialog).getByTestId('claim-holder')).toHaveTextContent('Held for retouch by bob since'),
    )
    await userEvent.keyboard('h')
    expect(within(dialog).getByTestId('review-note')).toHaveTextContent(
      'Held for retouch by bob: only they can release it.',
    )
    expect((await onServer(theirs))?.retouch_claim?.claimed_by).toBe('bob')
    expect(shown()).toBe(keyOf(theirs))
  }, 30_000)
})

/** Opens the project's page and selects every image of it with Ctrl+A. */
async function selectAll(projectId: number, server: TestServer, intercept?: Intercept) {
  renderApp(`/piktid/projects/${projectId}`, { server, ...(intercept && { intercept }) })
  const first = await waitFor(() => {
    const tile = document.querySelector<HTMLElement>('a[data-image-key]')
    if (!tile) throw new Error('No tile yet')
    return tile
  })
  act(() => first.focus())
  await userEvent.keyboard('{Control>}a{/Control}')
  await screen.findByTestId('selected-count')
  return first
}

const tile = (image: PiktidGalleryImage) => document.querySelector(`a[data-image-key="${keyOf(image)}"]`)

describe('bulk review changes', () => {
  it('approves the selection, and Ctrl+Z gives every image back exactly its previous status, verdicts untouched', async () => {
    const server = freshServer()
    const project = await sharedProject(server)
    const [approved, retouch, liked] = reviewable(project.images)
    if (!approved || !retouch || !liked) throw new Error('Too few completed images')
    await server.post('piktid', '/gallery/feedback', { ...refOf(approved), review_status: 'approved' })
    await server.post('piktid', '/gallery/feedback', { ...refOf(retouch), review_status: 'needs_retouch' })
    await server.post('piktid', '/gallery/feedback', { ...refOf(liked), review_status: null, feedback: 'like' })
    const before = await imagesOf(server, project.project_id)
    const completed = [...before.values()].filter((i) => i.status === 'completed')
    const changed = completed.filter((i) => i.review_status !== 'approved')

    const first = await selectAll(project.project_id, server)
    await userEvent.click(screen.getByRole('button', { name: 'Approve selected' }))
    const toast = await screen.findByTestId('toast')
    expect(toast).toHaveTextContent(`Approved ${completed.length} images.`)
    await waitFor(async () =>
      expect(
        [...(await imagesOf(server, project.project_id)).values()].filter((i) => i.review_status === 'approved'),
      ).toHaveLength(completed.length),
    )
    await waitFor(() =>
      expect(tile(retouch)?.querySelector('[data-review-status]')).toHaveAttribute('data-review-status', 'approved'),
    )

    act(() => first.focus())
    await userEvent.keyboard('{Control>}z{/Control}')
    expect(await screen.findByTestId('toast')).toHaveTextContent(
      `Restored the previous review status of ${changed.length} images.`,
    )
    await waitFor(async () => {
      const after = await imagesOf(server, project.project_id)
      for (const [key, image] of before) {
        const now = after.get(key)
        expect({ key, status: now?.review_status, verdict: now?.feedback, comment: now?.feedback_comment }).toEqual({
          key,
          status: image.review_status,
          verdict: image.feedback,
          comment: image.feedback_comment,
        })
      }
    })
    await waitFor(() =>
      expect(tile(retouch)?.querySelector('[data-review-status]')).toHaveAttribute(
        'data-review-status',
        'needs_retouch',
      ),
    )
    expect(tile(liked)?.querySelector('[data-review-status]')).toBeNull()
    expect(tile(liked)).toHaveAttribute('data-verdict', 'like')
  }, 30_000)
})

describe('review badges on the tiles', () => {
  it('show the status, the note count and the holder, and a status on its way as pending', async () => {
    const server = freshServer()
    const project = await sharedProject(server)
    const [noted, held, plain] = reviewable(project.images)
    if (!noted || !held || !plain) throw new Error('Too few completed images')
    const pin = { x: 0.4, y: 0.6, w: 0, h: 0, note: 'seam', tag: 'garment' }
    const box = { x: 0.1, y: 0.1, w: 0.2, h: 0.2, note: 'extra finger', tag: 'hands' }
    await server.post('piktid', '/gallery/feedback', {
      ...refOf(noted),
      review_status: 'approved',
      review_annotations: [pin, box],
    })
    await server.post('piktid', '/gallery/feedback', {
      ...refOf(held),
      review_status: 'needs_retouch',
      review_annotations: [],
    })
    await server.post('piktid', '/gallery/feedback', { ...refOf(plain), review_status: null, review_annotations: [] })
    await server.post('piktid', '/gallery/claim', { ...refOf(held), claim: true }, { token: 'demo-bob' })

    // Writes wait for the test to let them through.
    let release = () => {}
    const through = new Promise<void>((resolve) => (release = resolve))
    const hold: Intercept = async (request, pass) => {
      if (new URL(request.url).pathname.endsWith('/gallery/feedback')) await through
      return pass()
    }
    await selectAll(project.project_id, server, hold)
    expect(tile(noted)).toHaveTextContent('Approved')
    expect(tile(noted)?.querySelector('[data-testid="annotation-count"]')).toHaveTextContent('2 notes')
    expect(tile(held)).toHaveTextContent('Needs retouch')
    expect(tile(held)?.querySelector('[data-testid="claim-badge"]')).toHaveTextContent('Held for retouch by bob')
    expect(tile(plain)?.querySelector('[data-review-status]')).toBeNull()
    expect(tile(plain)?.querySelector('[data-testid="annotation-count"]')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Needs retouch' }))
    const status = () => tile(plain)?.querySelector('[data-review-status]')
    await waitFor(() => expect(status()).toHaveAttribute('data-review-status', 'needs_retouch'))
    expect(status()?.className).toContain('outline-dashed')
    act(() => release())
    await waitFor(() => expect(status()?.className).not.toContain('outline-dashed'))
    expect(status()).toHaveAttribute('data-review-status', 'needs_retouch')
  }, 30_000)
})

describe('a claim on its way', () => {
  it('is kept in the browser, shown at once after a reload, and sent then', async () => {
    const server = freshServer()
    const project = await sharedProject(server)
    const [image] = reviewable(project.images)
    if (!image) throw new Error('No completed image')
    await server.post('piktid', '/gallery/feedback', { ...refOf(image), review_status: 'needs_retouch' })
    const storage = new Map<string, string>()
    const browser = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
      clear: () => storage.clear(),
      key: () => null,
      get length() {
        return storage.size
      },
    } satisfies Storage
    const url = `/piktid/projects/${project.project_id}/${encodeURIComponent(keyOf(image))}`

    // The claim cannot reach the server: it waits, kept in the browser.
    const before = renderApp(url, {
      server,
      intercept: (request, pass) =>
        new URL(request.url).pathname.endsWith('/gallery/claim') ? offline(request, pass) : pass(),
    })
    const stop = persistWrites(before.queryClient, browser)
    const panel = await screen.findByTestId('claim-panel', {}, { timeout: 5000 })
    await userEvent.click(within(panel).getByRole('button', { name: /^Claim for retouch/ }))
    await waitFor(() => expect(storage.get('vitrine:pending-writes')).toContain('"claim":true'))
    stop()
    // The page goes: its source leaves with it, so its own retries end.
    before.view.unmount()
    before.sources.remove('piktid')
    before.queryClient.getMutationCache().clear()

    const after = renderApp(url, { server })
    persistWrites(after.queryClient, browser)()
    const holder = await screen.findByTestId('claim-holder', {}, { timeout: 5000 })
    expect(holder).toHaveTextContent('Held for retouch by alice (you)')
    expect(holder).toHaveTextContent(/saving|retrying/)
    expect((await imagesOf(server, project.project_id)).get(keyOf(image))?.retouch_claim).toBeNull()
    void resumeWrites(after.queryClient)
    await waitFor(async () =>
      expect((await imagesOf(server, project.project_id)).get(keyOf(image))?.retouch_claim?.claimed_by).toBe('alice'),
    )
    await waitFor(() => expect(screen.getByTestId('claim-holder')).not.toHaveTextContent(/saving|retrying/))
  }, 30_000)
})
