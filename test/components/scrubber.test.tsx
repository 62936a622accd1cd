import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { monthLabel } from '../../src/grid/scrubber-model'
import { wireAsset, wirePage } from '../fixtures/piktid'
import { renderApp, type Intercept } from './render-app'

/** The month label of fixture asset `n` (an hour older per n). */
const monthOf = (n: number) => monthLabel(wireAsset(n).created_at)?.text

/**
 * A PiktID listing of `total` fixture assets in front of the reference server, which answers
 * everything else. Kept on purpose: the scrubber's behaviour turns on list lengths (sampled
 * early from 2,000 items, only when used past 50,000) far beyond the test catalog's.
 */
function longList(total: number): Intercept {
  return (request, pass) => {
    const url = new URL(request.url)
    if (url.pathname !== '/api/piktid/assets') return pass()
    const page = Number(url.searchParams.get('page') ?? 1)
    const perPage = Number(url.searchParams.get('per_page') ?? 20)
    return Response.json(wirePage(page, perPage, total))
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the scrubber beside the assets grid', () => {
  it('samples a long list one item at a time, a few dozen at most, and moves by months with the keys', async () => {
    // Real time flows, and the test moves it past the samples' delay rather than sleeping.
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime })
    const { requests } = renderApp('/piktid/assets', { intercept: longList(5000) })
    const slider = await screen.findByRole('slider', { name: 'Jump through the list' }, { timeout: 5000 })
    expect(slider).toHaveAttribute('aria-valuetext', monthOf(0))

    const samples = () => requests.filter((u) => u.searchParams.get('per_page') === '1')
    // Not with the first page: the first screen's thumbnails go first (the samples wait 1.5 s).
    await act(() => vi.advanceTimersByTimeAsync(1000))
    expect(samples()).toHaveLength(0)
    await act(() => vi.advanceTimersByTimeAsync(600))
    await waitFor(() => expect(samples().length).toBeGreaterThanOrEqual(20), { timeout: 5000 })
    // Every sample is a page of one of the same list, each asked once.
    const pages = samples().map((u) => u.searchParams.get('page'))
    expect(new Set(pages).size).toBe(pages.length)
    expect(pages.length).toBeLessThanOrEqual(64)

    slider.focus()
    await user.keyboard('{ArrowDown}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuetext', monthOf(1)))
    // Past the loaded pages, the next month is where a sample first showed it.
    await user.keyboard('{ArrowDown}')
    await waitFor(() => expect(slider.getAttribute('aria-valuetext')).not.toBe(monthOf(1)))
    const at = Number(slider.getAttribute('aria-valuenow'))
    expect(at).toBeGreaterThan(1)
    expect(slider).toHaveAttribute('aria-valuetext', monthOf(at))

    await user.keyboard('{End}')
    await waitFor(() => expect(slider).toHaveAttribute('aria-valuenow', '4999'))
    expect(slider).toHaveAttribute('aria-valuetext', monthOf(4999))
  })

  it('waits to sample a very long list until the scrubber is used', async () => {
    // Real time flows, and the test jumps it past the delay rather than sleeping through it.
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const { requests } = renderApp('/piktid/assets', { intercept: longList(200_000) })
    const slider = await screen.findByRole('slider', { name: 'Jump through the list' }, { timeout: 5000 })
    const samples = () => requests.filter((u) => u.searchParams.get('per_page') === '1')
    // Past the 1.5 s after which a shorter list is sampled unasked (see the test above), with the
    // renders and effects that timer would set off.
    await act(() => vi.advanceTimersByTimeAsync(2000))
    expect(samples()).toHaveLength(0)
    slider.focus()
    await waitFor(() => expect(samples().length).toBeGreaterThanOrEqual(3))
  })

  it('is left out beside a list that fits about three screens', async () => {
    renderApp('/piktid/assets', { intercept: longList(5) })
    await screen.findByRole('link', { name: /^look-0004-front\.jpg/ }, { timeout: 5000 })
    expect(screen.queryByRole('slider', { name: 'Jump through the list' })).not.toBeInTheDocument()
  })
})
