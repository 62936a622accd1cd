import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mountApp } from './mount-app'

describe('phone filter drawer', () => {
  it('is a modal that keeps focus inside, shows the result count and closes with Esc onto the Filters button', async () => {
    mountApp('/piktid/assets?include_tags=model', 912)
    const open = await screen.findByRole('button', { name: 'Filters' }, { timeout: 5000 })
    await userEvent.click(open)
    const drawer = await screen.findByRole('dialog', { name: 'Filters' })
    expect(within(drawer).getByTestId('drawer-result-count')).toHaveTextContent('912 assets')
    expect(within(drawer).getByRole('button', { name: 'Show 912 assets' })).toBeInTheDocument()
    for (let i = 0; i < 25; i++) {
      await userEvent.tab()
      expect(drawer).toContainElement(document.activeElement as HTMLElement)
    }
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await waitFor(() => expect(document.activeElement).toBe(open))
  })

  it('changing a filter in the drawer keeps it open with the new count', async () => {
    const { router } = mountApp('/piktid/assets', 40)
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
    const { router } = mountApp('/piktid/assets?search=linen')
    await screen.findByText('500 assets', {}, { timeout: 5000 })
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
    mountApp('/piktid/assets')
    await screen.findByText('500 assets')
    await userEvent.keyboard('?')
    const overlay = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    const grid = within(overlay).getByRole('region', { name: 'Grid' })
    expect(grid).toHaveTextContent('Move between tiles')
    expect(grid).toHaveTextContent('Ctrl+Home')
    expect(grid).toHaveTextContent('First or last asset of the list')
    expect(within(overlay).getByRole('region', { name: 'Selection' })).toHaveTextContent('Clear the selection')
    expect(within(overlay).queryByRole('region', { name: 'Viewer' })).not.toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })

  it('opens from the labelled button too, and lists the viewer keys first while the viewer is open', async () => {
    mountApp('/piktid/assets/as00004')
    const viewer = await screen.findByRole('dialog', { name: 'look-0004-front.jpg' })
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
    expect(screen.getByRole('dialog', { name: 'look-0004-front.jpg' })).toBeInTheDocument()
  })

  it('gives focus back to the tile it was opened from, so the grid keys work at once', async () => {
    mountApp('/piktid/assets')
    const tile = await screen.findByRole('link', { name: /^look-0002-front\.jpg/ }, { timeout: 5000 })
    tile.focus()
    await userEvent.keyboard('?')
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await waitFor(() => expect(tile).toHaveFocus())
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(document.activeElement).toHaveAccessibleName(/^look-0003-front\.jpg/))
  })

  it('does not open while typing in a text field', async () => {
    mountApp('/piktid/assets')
    const box = await screen.findByRole('searchbox', { name: 'Search' })
    await userEvent.type(box, 'what?')
    expect(box).toHaveValue('what?')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })
})

describe('search box', () => {
  it('Esc clears the search, and a second Esc leaves the field', async () => {
    const { router } = mountApp('/piktid/assets?search=linen&include_tags=model')
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
    const { router } = mountApp('/piktid/assets')
    await waitFor(() => expect(document.title).toBe('Assets · PiktID demo · Vitrine'))
    await userEvent.click(await screen.findByRole('link', { name: 'look-0002-front.jpg' }))
    await waitFor(() => expect(document.title).toBe('look-0002-front.jpg · PiktID demo · Vitrine'))
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(document.title).toBe('look-0003-front.jpg · PiktID demo · Vitrine'))
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
    expect(document.title).toBe('Assets · PiktID demo · Vitrine')
  })
})

describe('landmarks', () => {
  it('has one main region and one h1 naming the view, and Skip to results lands on the first tile', async () => {
    mountApp('/piktid/assets')
    await screen.findByRole('link', { name: 'look-0000-front.jpg' })
    expect(screen.getAllByRole('main')).toHaveLength(1)
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Assets · PiktID demo')
    await userEvent.click(screen.getByRole('link', { name: 'Skip to results' }))
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'look-0000-front.jpg' }))
  })
})

describe('viewer errors', () => {
  it('offers a way back, not Retry, for an asset that does not exist', async () => {
    const { router } = mountApp('/piktid/assets/as99999', 10)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/Not found/)
    expect(within(alert).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument()
    await userEvent.click(within(alert).getByRole('button', { name: 'Back to all assets' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/piktid/assets'))
  })
})
