import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { findTile, offline, piktidList, renderApp, sharedServer } from './render-app'

const server = sharedServer()
const count = (n: number) => `${n.toLocaleString('en-US')} assets`

describe('assets view', () => {
  it('shows the total and thumbnail tiles linking to the viewer with the filters kept', async () => {
    const { total, assets } = await piktidList(server, 'include_tags=model')
    const { requests } = renderApp('/piktid/assets?include_tags=model')
    // The first render of the file also loads the route's code.
    expect(await screen.findByText(count(total), {}, { timeout: 5000 })).toBeInTheDocument()
    const first = assets[0]!
    const tile = await findTile(first)
    expect(tile).toHaveAttribute('href', `/piktid/assets/${first.id}?include_tags=model`)
    // The API's media paths resolve against its origin (here the page's).
    expect(within(tile).getByRole('img')).toHaveAttribute('src', `${location.origin}${first.thumbnail_small}`)
    const list = requests.find((u) => u.pathname === '/api/piktid/assets')!
    expect(list.searchParams.get('include_tags')).toBe('model')
    expect(list.searchParams.get('per_page')).toBe('100')
  })

  it('rewrites a malformed URL to the view it shows', async () => {
    const { total } = await piktidList(server, 'sort_by=filename')
    const { router } = renderApp('/piktid/assets?order=sideways&per_page=abc&sort_by=filename')
    await screen.findByText(count(total))
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets?sort_by=filename'))
  })

  it('says when nothing matches and offers to clear the filters', async () => {
    expect((await piktidList(server, 'search=nothing')).total).toBe(0)
    const { router } = renderApp('/piktid/assets?search=nothing')
    await userEvent.click(await screen.findByRole('button', { name: 'Clear filters' }))
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets'))
  })

  it('shows a readable error with retry when the server cannot be reached', async () => {
    const { queryClient } = renderApp('/piktid/assets', { intercept: offline })
    // No retries with their backoff: the list query is built only after the route's awaits.
    queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } })
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/Could not reach PiktID demo/)
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })

  it('shows a not-found page for an unknown source', async () => {
    renderApp('/nosuch/assets')
    expect(await screen.findByText('Nothing here')).toBeInTheDocument()
  })
})

describe('asset viewer', () => {
  it('opens a pasted viewer URL with the asset and its metadata, and Esc returns to the grid', async () => {
    const { assets } = await piktidList(server)
    // One with every optional field the panel shows.
    const asset = assets.find((a) => a.styling_note && a.detected?.length && a.project && a.tags.length)!
    const detection = asset.detected![0]!
    const { router } = renderApp(`/piktid/assets/${asset.id}`)
    const dialog = await screen.findByRole('dialog', { name: asset.filename })
    const details = within(dialog).getByRole('complementary', { name: 'Asset details' })
    expect(details).toHaveTextContent(asset.created_by)
    expect(details).toHaveTextContent(`${asset.dimensions!.width} × ${asset.dimensions!.height}`)
    expect(details).toHaveTextContent(asset.tags.join(', '))
    expect(details).toHaveTextContent(asset.project!.project_name)
    expect(details).toHaveTextContent(asset.styling_note!)
    expect(details).toHaveTextContent(`${detection.label}${Math.round(detection.confidence * 100)}%`)
    expect(within(dialog).getByRole('img', { name: asset.filename })).toHaveAttribute(
      'src',
      `${location.origin}${asset.thumbnail_big}`,
    )
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('steps to neighbours in the current filter order with the arrow keys', async () => {
    const { total, assets } = await piktidList(server, 'sort_by=filename')
    const { router } = renderApp('/piktid/assets?sort_by=filename')
    await userEvent.click(await findTile(assets[2]!))
    await screen.findByRole('dialog', { name: assets[2]!.filename })
    expect(screen.getByTestId('viewer-position')).toHaveTextContent(`3 of ${count(total)}`)
    await userEvent.keyboard('{ArrowRight}')
    await screen.findByRole('dialog', { name: assets[3]!.filename })
    expect(router.state.location.href).toBe(`/piktid/assets/${assets[3]!.id}?sort_by=filename`)
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}')
    await waitFor(() => expect(router.state.location.pathname).toBe(`/piktid/assets/${assets[1]!.id}`))
    await screen.findByRole('dialog', { name: assets[1]!.filename })
  })

  it('steps with the Next and Previous buttons and closes with the close button', async () => {
    const { assets } = await piktidList(server)
    const { router } = renderApp('/piktid/assets')
    await userEvent.click(await findTile(assets[0]!))
    const dialog = await screen.findByRole('dialog', { name: assets[0]!.filename })
    expect(within(dialog).getByRole('button', { name: 'Previous asset' })).toBeDisabled()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Next asset' }))
    await waitFor(() => expect(router.state.location.pathname).toBe(`/piktid/assets/${assets[1]!.id}`))
    await screen.findByRole('dialog', { name: assets[1]!.filename })
    await userEvent.click(screen.getByRole('button', { name: 'Close viewer' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('says so when the asset does not exist', async () => {
    renderApp('/piktid/assets/as99999')
    expect(await screen.findByRole('alert')).toHaveTextContent(/Not found/)
  })
})

describe('a pasted viewer link beyond the first page', () => {
  // jsdom renders no tile that far down; the browser suite checks Esc lands on it.
  it('finds its place in the list, so the neighbours step', async () => {
    const { total, assets } = await piktidList(server)
    const at = 250
    const { router } = renderApp(`/piktid/assets/${assets[at]!.id}`)
    await screen.findByRole('dialog', { name: assets[at]!.filename })
    await waitFor(() => expect(screen.getByTestId('viewer-position')).toHaveTextContent(`${at + 1} of ${count(total)}`))
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(router.state.location.pathname).toBe(`/piktid/assets/${assets[at + 1]!.id}`))
    await screen.findByRole('dialog', { name: assets[at + 1]!.filename })
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}')
    await waitFor(() => expect(router.state.location.pathname).toBe(`/piktid/assets/${assets[at - 1]!.id}`))
    await screen.findByRole('dialog', { name: assets[at - 1]!.filename })
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
  })

  it('lands on the first tile when the order cannot be located', async () => {
    const { assets } = await piktidList(server, 'sort_by=filename')
    const asset = assets[250]!
    const { router } = renderApp(`/piktid/assets/${asset.id}?sort_by=filename`)
    await screen.findByRole('dialog', { name: asset.filename })
    expect(screen.getByRole('button', { name: 'Next asset' })).toBeDisabled()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    await waitFor(() => expect(document.activeElement?.getAttribute('data-index')).toBe('0'))
  })
})
