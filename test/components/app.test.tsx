import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { mountApp } from './mount-app'

describe('assets view', () => {
  it('shows the total and thumbnail tiles linking to the viewer with the filters kept', async () => {
    const { requests } = mountApp('/piktid/assets?include_tags=model')
    // The first render of the file also loads the route's code.
    expect(await screen.findByText('500 assets', {}, { timeout: 5000 })).toBeInTheDocument()
    const tile = await screen.findByRole('link', { name: 'look-0000-front.jpg' })
    expect(tile).toHaveAttribute('href', '/piktid/assets/as00000?include_tags=model')
    // The API's media paths resolve against its origin (here the page's).
    expect(within(tile).getByRole('img')).toHaveAttribute(
      'src',
      `${location.origin}/media/thumb-small/as00000.webp?s=sig`,
    )
    const first = requests[0]!
    expect(first.pathname).toBe('/api/piktid/assets')
    expect(first.searchParams.get('include_tags')).toBe('model')
    expect(first.searchParams.get('per_page')).toBe('100')
  })

  it('rewrites a malformed URL to the view it shows', async () => {
    const { router } = mountApp('/piktid/assets?order=sideways&per_page=abc&sort_by=filename')
    await screen.findByText('500 assets')
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets?sort_by=filename'))
  })

  it('says when nothing matches and offers to clear the filters', async () => {
    const { router } = mountApp('/piktid/assets?search=nothing', 0)
    await userEvent.click(await screen.findByRole('button', { name: 'Clear filters' }))
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets'))
  })

  it('shows a readable error with retry when the server cannot be reached', async () => {
    const { queryClient } = mountApp('/piktid/assets', 10, () =>
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
      ),
    )
    // No retries with their backoff: the list query is built only after the route's awaits.
    queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } })
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/Could not reach PiktID demo/)
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })

  it('shows a not-found page for an unknown source', async () => {
    mountApp('/nosuch/assets')
    expect(await screen.findByText('Nothing here')).toBeInTheDocument()
  })
})

describe('asset viewer', () => {
  it('opens a pasted viewer URL with the asset and its metadata, and Esc returns to the grid', async () => {
    const { router } = mountApp('/piktid/assets/as00004')
    const dialog = await screen.findByRole('dialog', { name: 'look-0004-front.jpg' })
    const details = within(dialog).getByRole('complementary', { name: 'Asset details' })
    expect(details).toHaveTextContent('alice')
    expect(details).toHaveTextContent('2000 × 3000')
    expect(details).toHaveTextContent('model, product')
    expect(details).toHaveTextContent('Spring Linen')
    expect(details).toHaveTextContent('Tuck the shirt')
    expect(details).toHaveTextContent('person97%')
    expect(within(dialog).getByRole('img', { name: 'look-0004-front.jpg' })).toHaveAttribute(
      'src',
      `${location.origin}/media/thumb-big/as00004.webp?s=sig`,
    )
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('steps to neighbours in the current filter order with the arrow keys', async () => {
    const { router } = mountApp('/piktid/assets?sort_by=filename')
    await userEvent.click(await screen.findByRole('link', { name: 'look-0002-front.jpg' }))
    await screen.findByRole('dialog', { name: 'look-0002-front.jpg' })
    expect(screen.getByTestId('viewer-position')).toHaveTextContent('3 of 500 assets')
    await userEvent.keyboard('{ArrowRight}')
    await screen.findByRole('dialog', { name: 'look-0003-front.jpg' })
    expect(router.state.location.href).toBe('/piktid/assets/as00003?sort_by=filename')
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}')
    await screen.findByRole('dialog', { name: 'look-0001-front.jpg' })
  })

  it('steps with the Next and Previous buttons and closes with the close button', async () => {
    const { router } = mountApp('/piktid/assets')
    await userEvent.click(await screen.findByRole('link', { name: 'look-0000-front.jpg' }))
    const dialog = await screen.findByRole('dialog', { name: 'look-0000-front.jpg' })
    expect(within(dialog).getByRole('button', { name: 'Previous asset' })).toBeDisabled()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Next asset' }))
    await screen.findByRole('dialog', { name: 'look-0001-front.jpg' })
    await userEvent.click(screen.getByRole('button', { name: 'Close viewer' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('says so when the asset does not exist', async () => {
    mountApp('/piktid/assets/as99999', 10)
    expect(await screen.findByRole('alert')).toHaveTextContent(/Not found/)
  })
})

describe('a pasted viewer link beyond the first page', () => {
  // jsdom renders no tile that far down; the browser suite checks Esc lands on it.
  it('finds its place in the list, so the neighbours step', async () => {
    const { router } = mountApp('/piktid/assets/as00250')
    await screen.findByRole('dialog', { name: 'look-0250-front.jpg' })
    await waitFor(() => expect(screen.getByTestId('viewer-position')).toHaveTextContent('251 of 500 assets'))
    await userEvent.keyboard('{ArrowRight}')
    await screen.findByRole('dialog', { name: 'look-0251-front.jpg' })
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}')
    await screen.findByRole('dialog', { name: 'look-0249-front.jpg' })
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
  })

  it('lands on the first tile when the order cannot be located', async () => {
    const { router } = mountApp('/piktid/assets/as00250?sort_by=filename')
    await screen.findByRole('dialog', { name: 'look-0250-front.jpg' })
    expect(screen.getByRole('button', { name: 'Next asset' })).toBeDisabled()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    await waitFor(() => expect(document.activeElement?.getAttribute('data-index')).toBe('0'))
  })
})
