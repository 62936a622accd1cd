import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { stubGalleryFetch } from '../fixtures/fake-piktid-gallery'
import { expectListedHandled, expectOnlyListedHandled, listedPresses } from './listed-keys'
import { renderApp } from './render-app'

// The gallery is a fake in front of the reference server (which answers everything else): these
// tests need projects of exact sizes and statuses, and verdicts that fail or wait on demand,
// where the demo catalog has 200-odd projects of up to 50 images that jsdom would draw whole.
let gallery: ReturnType<typeof stubGalleryFetch>
const mount = (url: string, sizes: number[] = [7, 3]) =>
  renderApp(url, {
    fakes: () => {
      gallery = stubGalleryFetch(sizes)
    },
  })

// jsdom lays nothing out; the grouped grid reads its width to choose how many tiles fit a row.
const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth')
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 })
})
afterEach(() => {
  if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width)
})

const tilesOfRow = (row: number) =>
  Array.from(document.querySelectorAll(`[data-grid-row="${row}"] a[data-image-key]`)).map((a) =>
    a.getAttribute('data-image-key'),
  )

describe('projects gallery', () => {
  it('lays out rows of as many tiles as the width allows, under a header per project', async () => {
    mount('/piktid/projects')
    const header = await screen.findByRole('heading', { name: 'Project 1' }, { timeout: 5000 })
    expect(header.closest('[data-project-id]')).toHaveTextContent('PRJ-1')
    expect(header.closest('[data-project-id]')).toHaveTextContent('4 completed, 1 failed, of 7')
    // 1000 px fits 5 tiles of at least 160 px: project 1's 7 images make rows of 5 and 2.
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(5))
    expect(tilesOfRow(1)).toEqual(['job_p0:5:0', 'job_p0:6:0'])
    expect(tilesOfRow(2)).toEqual(['job_p1:0:0', 'job_p1:1:0', 'job_p1:2:0'])
    expect(screen.getByRole('heading', { name: 'Project 2' })).toBeInTheDocument()
    expect(screen.getByTestId('result-count')).toHaveTextContent('2 projects')
  })

  it('moves down from a short row into the next project with the arrow keys', async () => {
    mount('/piktid/projects')
    await waitFor(() => expect(tilesOfRow(1)).toHaveLength(2))
    const tile = document.querySelector<HTMLElement>('a[data-image-key="job_p0:6:0"]')!
    act(() => tile.focus())
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(document.activeElement?.getAttribute('data-image-key')).toBe('job_p1:1:0'))
    await userEvent.keyboard('{ArrowUp}{ArrowUp}')
    await waitFor(() => expect(document.activeElement?.getAttribute('data-image-key')).toBe('job_p0:1:0'))
  })

  it('shows each tile’s status, quality and a failed image’s error in its name', async () => {
    mount('/piktid/projects')
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(5))
    const failed = document.querySelector('a[data-image-key="job_p0:4:0"]')!
    expect(failed.querySelector('[data-status]')).toHaveAttribute('data-status', 'failed')
    const pending = document.querySelector('a[data-image-key="job_p0:2:0"] [data-status]')!
    const processing = document.querySelector('a[data-image-key="job_p0:3:0"] [data-status]')!
    expect(pending).toHaveTextContent('Pending')
    expect(processing).toHaveTextContent('Processing')
    expect(pending.className).not.toBe(processing.className)
    expect(document.querySelector('a[data-image-key="job_p0:0:0"]')).toHaveTextContent('Q50')
  })
})

describe('the scrubber beside the gallery', () => {
  it('is labelled by project, its keys step from project to project, and past the pages walked it says so', async () => {
    // 25 projects of 12 images: the first page brings 10 of them.
    mount(
      '/piktid/projects',
      Array.from({ length: 25 }, () => 12),
    )
    const slider = await screen.findByRole('slider', { name: 'Jump through the list' }, { timeout: 5000 })
    expect(slider).toHaveAttribute('aria-valuetext', 'Project 1')
    expect(slider).toHaveAttribute('aria-valuenow', '0')

    act(() => slider.focus())
    await userEvent.keyboard('{ArrowDown}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuetext', 'Project 2'))
    expect(slider).toHaveAttribute('aria-valuenow', '12')
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuetext', 'Project 4'))
    expect(slider).toHaveAttribute('aria-valuenow', '36')
    await userEvent.keyboard('{ArrowUp}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuetext', 'Project 3'))
    expect(slider).toHaveAttribute('aria-valuenow', '24')

    // Hovering past the projects seen so far: nothing is known there yet.
    const track = slider.firstElementChild as HTMLElement
    track.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 28, height: 1000 })
    fireEvent.pointerMove(slider, { clientY: 999, pointerType: 'mouse' })
    const bubble = () => slider.querySelector('[data-scrubber-label]')
    await waitFor(() => expect(bubble()).toHaveTextContent('Not loaded yet'))
    fireEvent.pointerMove(slider, { clientY: 0, pointerType: 'mouse' })
    await waitFor(() => expect(bubble()).toHaveTextContent('Project 1'))
    expect(bubble()).toHaveAttribute('data-exact', 'true')
  })

  it('is left out beside a gallery that fits about three screens', async () => {
    mount('/piktid/projects')
    await screen.findByRole('heading', { name: 'Project 1' }, { timeout: 5000 })
    expect(screen.queryByRole('slider', { name: 'Jump through the list' })).not.toBeInTheDocument()
  })
})

// These tests step by hand; moving on by itself after a verdict is review-flow.test.tsx's.
afterEach(() => localStorage.clear())
async function openReview(key = 'job_p0:0:0') {
  localStorage.setItem('vitrine.review.autoAdvance', 'false')
  const app = mount(`/piktid/projects/1/${encodeURIComponent(key)}`)
  const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
  await within(dialog).findByTestId('review-position', {}, { timeout: 5000 })
  return { app, dialog }
}

describe('review keys', () => {
  it('L likes, D dislikes and 0 clears, each sent to the server and shown on the tile', async () => {
    const { dialog } = await openReview()
    const verdict = within(dialog).getByTestId('review-verdict')
    const tile = () => document.querySelector('a[data-image-key="job_p0:0:0"]')
    await userEvent.keyboard('l')
    expect(verdict).toHaveTextContent('Liked')
    await waitFor(() => expect(gallery.verdicts.get('job_p0:0:0')?.feedback).toBe('like'))
    await waitFor(() => expect(tile()).toHaveAttribute('data-verdict', 'like'))
    expect(within(dialog).getByTestId('review-progress')).toHaveTextContent('1 of 7 reviewed')
    await userEvent.keyboard('d')
    await waitFor(() => expect(gallery.verdicts.get('job_p0:0:0')?.feedback).toBe('dislike'))
    expect(verdict).toHaveTextContent('Disliked')
    await userEvent.keyboard('0')
    await waitFor(() => expect(gallery.verdicts.get('job_p0:0:0')?.feedback).toBe(null))
    expect(verdict).toHaveTextContent('No verdict yet')
    expect(within(dialog).getByTestId('review-progress')).toHaveTextContent('0 of 7 reviewed')
  })

  it('M opens a comment field that Enter saves', async () => {
    const { dialog } = await openReview()
    await userEvent.keyboard('m')
    const field = within(dialog).getByRole('textbox', { name: 'Comment' })
    expect(field).toHaveFocus()
    await userEvent.type(field, 'Sleeve too long{Enter}')
    await waitFor(() => expect(gallery.verdicts.get('job_p0:0:0')?.comment).toBe('Sleeve too long'))
    expect(within(dialog).queryByRole('textbox', { name: 'Comment' })).not.toBeInTheDocument()
  })

  it('J and K step through the images, N skips to the next one not reviewed', async () => {
    const { app, dialog } = await openReview()
    const position = within(dialog).getByTestId('review-position')
    await userEvent.keyboard('j')
    await waitFor(() => expect(position).toHaveTextContent('2 of 7'))
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(position).toHaveTextContent('3 of 7'))
    await userEvent.keyboard('k')
    await waitFor(() => expect(position).toHaveTextContent('2 of 7'))
    // Judge 1 and 2; N from 1 passes them and 3 to 5 (no output yet) and lands on 6.
    await userEvent.keyboard('lk')
    await waitFor(() => expect(position).toHaveTextContent('1 of 7'))
    await userEvent.keyboard('l')
    await userEvent.keyboard('n')
    await waitFor(() => expect(position).toHaveTextContent('6 of 7'))
    expect(app.router.state.location.pathname).toBe(`/piktid/projects/1/${encodeURIComponent('job_p0:5:0')}`)
  })

  it('Esc goes back to the grid and focuses the reviewed image’s tile', async () => {
    const { app } = await openReview('job_p0:2:0')
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/piktid/projects/1'))
    await waitFor(() => expect(document.activeElement?.getAttribute('data-image-key')).toBe('job_p0:2:0'), {
      timeout: 3000,
    })
  })

  it('Esc from a review opened in the gallery goes back to the gallery, on the image', async () => {
    const app = mount('/piktid/projects')
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(5))
    const tile = document.querySelector<HTMLElement>('a[data-image-key="job_p0:2:0"]') as HTMLElement
    tile.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = await screen.findByRole('dialog', {}, { timeout: 5000 })
    await within(dialog).findByTestId('review-position', {}, { timeout: 5000 })
    expect(app.router.state.location.pathname).toBe('/piktid/projects/1/job_p0%3A2%3A0')
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/piktid/projects'))
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-image-key', 'job_p0:2:0'))
  })

  it('the before/after handle takes only its own keys, and dragging on the image moves it', async () => {
    const { dialog } = await openReview()
    const handle = within(dialog).getByRole('slider', { name: 'Before / after' })
    handle.focus()
    await userEvent.keyboard('{ArrowRight}')
    expect(handle).toHaveAttribute('aria-valuenow', '52')
    expect(within(dialog).getByTestId('review-position')).toHaveTextContent('1 of 7')
    await userEvent.keyboard('l')
    await waitFor(() => expect(gallery.verdicts.get('job_p0:0:0')?.feedback).toBe('like'))
    const compare = within(dialog).getByTestId('compare')
    compare.getBoundingClientRect = () => ({ left: 100, width: 400, top: 0, height: 400 }) as DOMRect
    compare.setPointerCapture = () => {}
    fireEvent.pointerDown(compare, { clientX: 200, button: 0, pointerId: 1 })
    expect(handle).toHaveAttribute('aria-valuenow', '25')
    fireEvent.pointerMove(compare, { clientX: 400, pointerId: 1 })
    expect(handle).toHaveAttribute('aria-valuenow', '75')
    fireEvent.pointerUp(compare, { pointerId: 1 })
    fireEvent.pointerMove(compare, { clientX: 120, pointerId: 1 })
    expect(handle).toHaveAttribute('aria-valuenow', '75')
  })

  it('offers no verdict on an image without an output, and says why', async () => {
    const { dialog } = await openReview('job_p0:2:0')
    expect(within(dialog).getByTestId('review-not-judgeable')).toHaveTextContent('it is pending')
    expect(within(dialog).getByRole('button', { name: /^Like/ })).toBeDisabled()
    await userEvent.keyboard('l')
    expect(within(dialog).getByTestId('review-note')).toHaveTextContent('Nothing to judge yet: this image is pending.')
    await userEvent.keyboard('a')
    expect(within(dialog).getByTestId('review-status')).toHaveTextContent('No review status')
    await userEvent.keyboard('m')
    expect(within(dialog).queryByRole('textbox', { name: 'Comment' })).not.toBeInTheDocument()
    expect(gallery.control.posts).toHaveLength(0)
  })

  it('lists the review keys in the ? overlay', async () => {
    await openReview()
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
    const { dialog } = await openReview()
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const listed = listedPresses(overlay, 'Review')
    expect(listed.map((p) => `${p.shiftKey ? 'Shift+' : ''}${p.key}`)).toEqual([
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
    expect(gallery.control.posts).toHaveLength(0)
    expectListedHandled(dialog, listed)
    // The last, Esc, closed the review.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })
})

describe('after a verdict', () => {
  it('the project page’s count and the gallery agree with it, from one request', async () => {
    const app = mount('/piktid/projects')
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(5))
    const postsBefore = gallery.control.posts.length
    await app.router.navigate({ to: '/piktid/projects/1/job_p0:1:0' as string })
    await screen.findByTestId('review-position', {}, { timeout: 5000 })
    await userEvent.keyboard('l')
    await waitFor(() => expect(gallery.verdicts.get('job_p0:1:0')?.feedback).toBe('like'))
    expect(within(screen.getByRole('dialog')).getByTestId('review-progress')).toHaveTextContent('1 of 7 reviewed')
    await userEvent.keyboard('{Escape}')
    await app.router.navigate({ to: '/piktid/projects' as string })
    await waitFor(() =>
      expect(document.querySelector('a[data-image-key="job_p0:1:0"]')).toHaveAttribute('data-verdict', 'like'),
    )
    expect(gallery.control.posts.length).toBe(postsBefore + 1)
  })
})

describe('a verdict that cannot be saved', () => {
  it('stays visibly pending while the network fails, and lands when it returns', async () => {
    const { dialog } = await openReview()
    gallery.control.mode = 'offline'
    await userEvent.keyboard('l')
    const verdict = within(dialog).getByTestId('review-verdict')
    expect(verdict).toHaveTextContent('Liked')
    await waitFor(() => expect(verdict).toHaveTextContent('not saved yet, retrying'))
    expect(document.querySelector('a[data-image-key="job_p0:0:0"]')).toHaveAttribute('data-pending', 'retrying')
    expect(screen.getByTestId('unsaved-count')).toHaveTextContent('1 verdict not saved yet')
    gallery.control.mode = 'ok'
    await waitFor(() => expect(gallery.verdicts.get('job_p0:0:0')?.feedback).toBe('like'), { timeout: 5000 })
    await waitFor(() => expect(verdict).toHaveTextContent(/^Liked$/))
    expect(document.querySelector('a[data-image-key="job_p0:0:0"]')).not.toHaveAttribute('data-pending')
  })

  it('rolls back with a message when the server refuses it', async () => {
    const { dialog } = await openReview()
    gallery.control.mode = 'reject'
    await userEvent.keyboard('d')
    const alert = await screen.findByTestId('verdict-rejected', {}, { timeout: 3000 })
    expect(alert).toHaveTextContent('The server refused your dislike on p0-look-000.jpg, so it was undone.')
    expect(within(dialog).getByTestId('review-verdict')).toHaveTextContent('No verdict yet')
    expect(document.querySelector('a[data-image-key="job_p0:0:0"]')).toHaveAttribute('data-verdict', 'none')
  })
})

describe('bulk verdicts', () => {
  it('likes 1,000 selected images with Ctrl+A, every one stored, and no error that did not happen', async () => {
    renderApp('/piktid/projects?max_images_per_project=200', {
      fakes: () => {
        gallery = stubGalleryFetch([200, 200, 200, 200, 200])
      },
    })
    const first = await waitFor(
      () => {
        const tile = document.querySelector<HTMLElement>('a[data-image-key="job_p0:0:0"]')
        expect(tile).not.toBeNull()
        return tile as HTMLElement
      },
      { timeout: 5000 },
    )
    first.focus()
    await userEvent.keyboard('{Control>}a{/Control}')
    expect(await screen.findByTestId('selected-count')).toHaveTextContent('1,000 selected')
    // Every answer arrives in the same task, as a fast server's do in a browser.
    let release = () => {}
    gallery.control.hold = new Promise<void>((resolve) => (release = resolve))
    await userEvent.click(screen.getByRole('button', { name: 'Like selected' }))
    // Two in five demo images (pending, processing, failed) have no output and get no verdict.
    await waitFor(() => expect(gallery.control.posts).toHaveLength(400), { timeout: 20_000 })
    expect(screen.getByText(/Liked 400 images\. Skipped 600 images without an output yet\./)).toBeInTheDocument()
    act(() => release())
    await waitFor(() => expect(gallery.verdicts.size).toBe(400), { timeout: 20_000 })
    expect([...gallery.verdicts.values()].every((v) => v.feedback === 'like')).toBe(true)
    await waitFor(() => expect(first).toHaveAttribute('data-verdict', 'like'))
    expect(screen.queryByTestId('verdict-rejected')).not.toBeInTheDocument()
  }, 30_000)
})

describe('selecting a whole project from its header', () => {
  it('selects and unselects the project’s images, and shows some selected as mixed', async () => {
    mount('/piktid/projects')
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(5), { timeout: 5000 })
    const first = screen.getByRole('checkbox', { name: 'Select all 7 in Project 1' })
    const second = screen.getByRole('checkbox', { name: 'Select all 3 in Project 2' })
    expect(first).toHaveAttribute('aria-checked', 'false')
    expect(first).toHaveTextContent('Select all 7')

    // One image of project 1 selected with X: its header says "mixed".
    act(() => document.querySelector<HTMLElement>('a[data-image-key="job_p0:1:0"]')!.focus())
    await userEvent.keyboard('x')
    await waitFor(() => expect(first).toHaveAttribute('aria-checked', 'mixed'))
    expect(second).toHaveAttribute('aria-checked', 'false')

    // Choosing a mixed group selects the rest of it.
    await userEvent.click(first)
    expect(first).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByTestId('selected-count')).toHaveTextContent('7 selected')

    // From the keyboard: the checkbox is a Tab stop (a button), and Space selects its project.
    act(() => second.focus())
    await userEvent.keyboard(' ')
    expect(second).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByTestId('selected-count')).toHaveTextContent('10 selected')
    expect(document.querySelector('a[data-image-key="job_p1:2:0"]')).toHaveTextContent('selected')

    // A fully selected group unselects, and leaves the other one as it was.
    await userEvent.click(first)
    expect(first).toHaveAttribute('aria-checked', 'false')
    expect(screen.getByTestId('selected-count')).toHaveTextContent('3 selected')
    expect(document.querySelector('a[data-image-key="job_p0:1:0"]')).not.toHaveTextContent('selected')
  })
})

describe('undoing a bulk verdict', () => {
  // Project 1's images 0, 1, 5 and 6 have an output; 0 was disliked with a comment, 1 liked.
  const mountWithVerdicts = () => {
    const app = renderApp('/piktid/projects', {
      fakes: () => {
        gallery = stubGalleryFetch([7, 3])
        gallery.verdicts.set('job_p0:0:0', { feedback: 'dislike', comment: 'too dark' })
        gallery.verdicts.set('job_p0:1:0', { feedback: 'like', comment: null })
      },
    })
    return app
  }
  const selectProject1 = async () => {
    await waitFor(() => expect(tilesOfRow(0)).toHaveLength(5), { timeout: 5000 })
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all 7 in Project 1' }))
    expect(screen.getByTestId('selected-count')).toHaveTextContent('7 selected')
  }
  const serverVerdicts = () =>
    ['job_p0:0:0', 'job_p0:1:0', 'job_p0:5:0', 'job_p0:6:0'].map((key) => gallery.verdicts.get(key) ?? null)

  it('Undo gives each image back exactly the verdict it had, stored on the server', async () => {
    mountWithVerdicts()
    await selectProject1()
    await userEvent.click(screen.getByRole('button', { name: 'Clear verdicts' }))
    const toast = await screen.findByTestId('toast')
    expect(toast.closest('[role="status"]')).toHaveAttribute('aria-live', 'polite')
    expect(toast).toHaveTextContent('Cleared the verdict on 4 images. Skipped 3 images without an output yet.')
    await waitFor(() => expect(serverVerdicts().every((v) => v === null || v.feedback === null)).toBe(true))
    // The toast did not take focus.
    expect(toast).not.toContainElement(document.activeElement as HTMLElement)

    const postsBefore = gallery.control.posts.length
    await userEvent.click(within(toast).getByRole('button', { name: 'Undo' }))
    await waitFor(() =>
      expect(serverVerdicts()).toEqual([
        { feedback: 'dislike', comment: 'too dark' },
        { feedback: 'like', comment: null },
        { feedback: null, comment: null },
        { feedback: null, comment: null },
      ]),
    )
    // Only the two images whose verdict changed are sent back.
    expect(gallery.control.posts.length).toBe(postsBefore + 2)
    expect(await screen.findByTestId('toast')).toHaveTextContent('Restored the previous verdict of 2 images.')
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument()
    await waitFor(() =>
      expect(document.querySelector('a[data-image-key="job_p0:0:0"]')).toHaveAttribute('data-verdict', 'dislike'),
    )
    expect(document.querySelector('a[data-image-key="job_p0:1:0"]')).toHaveAttribute('data-verdict', 'like')
    expect(document.querySelector('a[data-image-key="job_p0:5:0"]')).toHaveAttribute('data-verdict', 'none')
  })

  it('Ctrl+Z undoes while the toast shows, and is listed in the ? overlay', async () => {
    mountWithVerdicts()
    await selectProject1()
    await userEvent.click(screen.getByRole('button', { name: 'Like selected' }))
    await screen.findByRole('button', { name: 'Undo' })
    await waitFor(() => expect(serverVerdicts().every((v) => v?.feedback === 'like')).toBe(true))
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(within(overlay).getByRole('heading', { name: 'Undo' })).toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    act(() => document.querySelector<HTMLElement>('a[data-image-key="job_p0:5:0"]')!.focus())
    await userEvent.keyboard('{Control>}z{/Control}')
    await waitFor(() =>
      expect(serverVerdicts()).toEqual([
        { feedback: 'dislike', comment: 'too dark' },
        { feedback: 'like', comment: null },
        { feedback: null, comment: null },
        { feedback: null, comment: null },
      ]),
    )
    expect(screen.getByTestId('toast')).toHaveTextContent('Restored the previous verdict of 3 images.')
    // Once the undo is used, Ctrl+Z does nothing more.
    const posts = gallery.control.posts.length
    await userEvent.keyboard('{Control>}z{/Control}')
    expect(gallery.control.posts.length).toBe(posts)
  })
})
