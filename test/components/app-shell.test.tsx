import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { findTile, piktidList, renderApp, sharedServer } from './render-app'

const server = sharedServer()
const count = (n: number) => `${n.toLocaleString('en-US')} assets`

describe('phone filter drawer', () => {
  it('is a modal that keeps focus inside, shows the result count and closes with Esc onto the Filters button', async () => {
    const { total } = await piktidList(server, 'include_tags=model')
    renderApp('/piktid/assets?include_tags=model')
    const open = await screen.findByRole('button', { name: 'Filters' }, { timeout: 5000 })
    await userEvent.click(open)
    const drawer = await screen.findByRole('dialog', { name: 'Filters' })
    expect(within(drawer).getByTestId('drawer-result-count')).toHaveTextContent(count(total))
    expect(within(drawer).getByRole('button', { name: `Show ${count(total)}` })).toBeInTheDocument()
    for (let i = 0; i < 25; i++) {
      await userEvent.tab()
      expect(drawer).toContainElement(document.activeElement as HTMLElement)
    }
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await waitFor(() => expect(document.activeElement).toBe(open))
  })

  it('changing a filter in the drawer keeps it open with the new count', async () => {
    const { router } = renderApp('/piktid/assets')
    await userEvent.click(await screen.findByRole('button', { name: 'Filters' }, { timeout: 5000 }))
    const drawer = await screen.findByRole('dialog', { name: 'Filters' })
    await userEvent.click(within(drawer).getByRole('button', { name: 'model: any' }))
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets?include_tags=model'))
    expect(screen.getByRole('dialog', { name: 'Filters' })).toBeInTheDocument()
    expect(within(drawer).getByRole('button', { name: 'model: must have' })).toHaveFocus()
  })
})

describe('phone filter drawer and the search box', () => {
  it('/ opens the drawer at its search; Esc clears the search first, and the next Esc closes the drawer', async () => {
    const { total } = await piktidList(server, 'search=linen')
    const { router } = renderApp('/piktid/assets?search=linen')
    await screen.findByText(count(total), {}, { timeout: 5000 })
    await userEvent.keyboard('/')
    const drawer = await screen.findByRole('dialog', { name: 'Filters' })
    const box = within(drawer).getByRole('searchbox', { name: 'Search' })
    await waitFor(() => expect(box).toHaveFocus())
    await userEvent.keyboard('{Escape}')
    expect(box).toHaveValue('')
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets'))
    expect(screen.getByRole('dialog', { name: 'Filters' })).toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })
})

describe('keyboard shortcuts overlay', () => {
  it('lists the grid keys on ? and closes with Esc', async () => {
    const { total } = await piktidList(server)
    renderApp('/piktid/assets')
    await screen.findByText(count(total))
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const grid = within(overlay).getByRole('region', { name: 'Grid' })
    expect(grid).toHaveTextContent('Move between tiles')
    expect(grid).toHaveTextContent('Ctrl+Home')
    expect(grid).toHaveTextContent('First or last asset of the list')
    expect(grid).toHaveTextContent('Search')
    expect(within(overlay).getByRole('region', { name: 'Selection' })).toHaveTextContent('Clear the selection')
    expect(within(overlay).queryByRole('region', { name: 'Viewer' })).not.toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })

  it('lists and answers / only where the filters have a search box (Scenario’s assets have none)', async () => {
    renderApp('/scenario/assets')
    await waitFor(() => expect(document.querySelector('[data-index="0"]')).not.toBeNull(), { timeout: 5000 })
    await userEvent.keyboard('/')
    expect(screen.queryByRole('dialog', { name: 'Filters' })).not.toBeInTheDocument()
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const grid = within(overlay).getByRole('region', { name: 'Grid' })
    expect(grid).toHaveTextContent('Move between tiles')
    expect(grid).not.toHaveTextContent('Search')
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })

  it('opens from the labelled button too, and lists the viewer keys first while the viewer is open', async () => {
    const asset = (await piktidList(server)).assets[4]!
    renderApp(`/piktid/assets/${asset.id}`)
    const viewer = await screen.findByRole('dialog', { name: asset.filename })
    await userEvent.click(within(viewer).getByRole('button', { name: 'Keyboard shortcuts' }))
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const scopes = within(overlay)
      .getAllByRole('region')
      .map((r) => r.getAttribute('aria-labelledby'))
    const titles = scopes.map((id) => document.getElementById(id!)?.textContent)
    expect(titles).toEqual(['Viewer', 'Selection', 'Grid'])
    expect(within(overlay).getByRole('region', { name: 'Viewer' })).toHaveTextContent('Previous or next asset')
    // Esc closes the overlay only; the viewer stays.
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument())
    expect(screen.getByRole('dialog', { name: asset.filename })).toBeInTheDocument()
  })

  it('gives focus back to the tile it was opened from, so the grid keys work at once', async () => {
    const { assets } = await piktidList(server)
    renderApp('/piktid/assets')
    const tile = await findTile(assets[2]!)
    tile.focus()
    await userEvent.keyboard('?')
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await waitFor(() => expect(tile).toHaveFocus())
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(document.activeElement).toHaveAttribute('href', `/piktid/assets/${assets[3]!.id}`))
  })

  it('does not open while typing in a text field', async () => {
    renderApp('/piktid/assets')
    const box = await screen.findByRole('searchbox', { name: 'Search' })
    await userEvent.type(box, 'what?')
    expect(box).toHaveValue('what?')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })
})

describe('search box', () => {
  it('Esc clears the search, and a second Esc leaves the field', async () => {
    const { router } = renderApp('/piktid/assets?search=linen&include_tags=model')
    const box = await screen.findByRole('searchbox', { name: 'Search' })
    box.focus()
    await userEvent.keyboard('{Escape}')
    expect(box).toHaveValue('')
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets?include_tags=model'))
    expect(box).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(box).not.toHaveFocus()
  })
})

describe('page titles', () => {
  it('name the view and the open asset, and go back to the view when the viewer closes', async () => {
    const { assets } = await piktidList(server)
    const { router } = renderApp('/piktid/assets')
    await waitFor(() => expect(document.title).toBe('Assets · PiktID demo · Vitrine'))
    await userEvent.click(await findTile(assets[2]!))
    await waitFor(() => expect(document.title).toBe(`${assets[2]!.filename} · PiktID demo · Vitrine`))
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(document.title).toBe(`${assets[3]!.filename} · PiktID demo · Vitrine`))
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    expect(document.title).toBe('Assets · PiktID demo · Vitrine')
  })
})

describe('landmarks', () => {
  it('has one main region and one h1 naming the view, and Skip to results lands on the first tile', async () => {
    const { assets } = await piktidList(server)
    renderApp('/piktid/assets')
    await findTile(assets[0]!)
    expect(screen.getAllByRole('main')).toHaveLength(1)
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Assets · PiktID demo')
    await userEvent.click(screen.getByRole('link', { name: 'Skip to results' }))
    expect(document.activeElement).toBe(await findTile(assets[0]!))
  })
})

describe('viewer errors', () => {
  it('offers a way back, not Retry, for an asset that does not exist', async () => {
    const { router } = renderApp('/piktid/assets/as99999')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/Not found/)
    expect(within(alert).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument()
    await userEvent.click(within(alert).getByRole('button', { name: 'Back to all assets' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
  })
})
