import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { mountApp } from './mount-app'

const tile = (n: number) =>
  screen.findByRole(
    'link',
    { name: new RegExp(`^look-${String(n).padStart(4, '0')}-front\\.jpg`) },
    // The first render loads the route's code.
    { timeout: 5000 },
  )

describe('multi-select in the grid', () => {
  it('toggles with Ctrl+click, extends with Shift+click, and clears with Esc', async () => {
    const user = userEvent.setup()
    const { router } = mountApp('/piktid/assets')
    await user.keyboard('{Control>}')
    await user.click(await tile(1))
    await user.keyboard('{/Control}')
    expect(await screen.findByTestId('selected-count')).toHaveTextContent('1 selected')
    // A selection gesture does not open the viewer.
    expect(router.state.location.pathname).toBe('/piktid/assets')
    await user.keyboard('{Shift>}')
    await user.click(await tile(4))
    await user.keyboard('{/Shift}')
    expect(screen.getByTestId('selected-count')).toHaveTextContent('4 selected')
    expect(screen.getByRole('checkbox', { name: 'Select look-0003-front.jpg' })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'Select look-0005-front.jpg' })).not.toBeChecked()
    ;(await tile(4)).focus()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByTestId('selected-count')).not.toBeInTheDocument())
  })

  it('toggles the focused tile with X and its checkbox, and clears from the toolbar', async () => {
    const user = userEvent.setup()
    mountApp('/piktid/assets')
    ;(await tile(2)).focus()
    await user.keyboard('x')
    expect(await screen.findByTestId('selected-count')).toHaveTextContent('1 selected')
    expect(await tile(2)).toHaveAccessibleName('look-0002-front.jpg, selected')
    await user.click(screen.getByRole('checkbox', { name: 'Select look-0006-front.jpg' }))
    expect(screen.getByTestId('selected-count')).toHaveTextContent('2 selected')
    const toolbar = screen.getByRole('toolbar', { name: 'Selection' })
    expect(within(toolbar).getByRole('button', { name: 'Download selected' })).toBeEnabled()
    await user.click(within(toolbar).getByRole('button', { name: 'Clear' }))
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument()
  })

  it('extends the selection with Shift+arrow keys', async () => {
    const user = userEvent.setup()
    mountApp('/piktid/assets')
    ;(await tile(0)).focus()
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}')
    expect(await screen.findByTestId('selected-count')).toHaveTextContent('3 selected')
  })
})
