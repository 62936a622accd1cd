import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, describe, expect, it } from 'vitest'
import type { PiktidAsset } from '../../src/shared/piktid'
import { piktidList, renderApp, sharedServer } from './render-app'

let assets: PiktidAsset[] = []
beforeAll(async () => {
  assets = (await piktidList(sharedServer())).assets
})

const name = (n: number) => assets[n]!.filename
// By href, not name: a selected tile's name says so.
const tile = (n: number) =>
  waitFor(() => {
    const link = document.querySelector<HTMLElement>(`a[href="/piktid/assets/${assets[n]!.id}"]`)
    expect(link).not.toBeNull()
    return link!
  })
/** A tile's checkbox, its link's sibling (names can repeat in the catalog). */
const checkbox = async (n: number) =>
  within((await tile(n)).parentElement!).getByRole('checkbox', { name: `Select ${name(n)}` })

describe('multi-select in the grid', () => {
  it('toggles with Ctrl+click, extends with Shift+click, and clears with Esc', async () => {
    const user = userEvent.setup()
    const { router } = renderApp('/piktid/assets')
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
    expect(await checkbox(3)).toBeChecked()
    expect(await checkbox(5)).not.toBeChecked()
    ;(await tile(4)).focus()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByTestId('selected-count')).not.toBeInTheDocument())
  })

  it('toggles the focused tile with X and its checkbox, and clears from the toolbar', async () => {
    const user = userEvent.setup()
    renderApp('/piktid/assets')
    ;(await tile(2)).focus()
    await user.keyboard('x')
    expect(await screen.findByTestId('selected-count')).toHaveTextContent('1 selected')
    expect(await tile(2)).toHaveAccessibleName(`${name(2)}, selected`)
    await user.click(await checkbox(6))
    expect(screen.getByTestId('selected-count')).toHaveTextContent('2 selected')
    const toolbar = screen.getByRole('toolbar', { name: 'Selection' })
    expect(within(toolbar).getByRole('button', { name: 'Download selected' })).toBeEnabled()
    await user.click(within(toolbar).getByRole('button', { name: 'Clear' }))
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument()
  })

  it('extends the selection with Shift+arrow keys', async () => {
    const user = userEvent.setup()
    renderApp('/piktid/assets')
    ;(await tile(0)).focus()
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}')
    expect(await screen.findByTestId('selected-count')).toHaveTextContent('3 selected')
  })
})
