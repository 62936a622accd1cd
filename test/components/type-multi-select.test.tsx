import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { scenarioFilterSchema } from '../../src/dialects/scenario/filters'
import type { RawSearch } from '../../src/dialects/types'
import { ActiveFilterChips } from '../../src/filters/active-filter-chips'
import { applyFilterChange } from '../../src/filters/apply-change'
import { FilterPanel } from '../../src/filters/filter-panel'

/** Scenario's panel wired to state the way the assets page wires it to the URL. */
function Harness({ initial = {}, onChange }: { initial?: RawSearch; onChange: (s: RawSearch) => void }) {
  const [search, setSearch] = useState<RawSearch>(initial)
  const change = (next: RawSearch) => {
    const applied = applyFilterChange(scenarioFilterSchema, search, next)
    onChange(applied)
    setSearch(applied)
  }
  return (
    <>
      <ActiveFilterChips controls={scenarioFilterSchema.controls} search={search} onChange={change} />
      <FilterPanel controls={scenarioFilterSchema.controls} search={search} onChange={change} />
    </>
  )
}

const openTypes = async () => {
  // The picker's code loads when the panel first shows it.
  await userEvent.click(await screen.findByRole('button', { name: /^Type/ }))
  return screen.getByRole('dialog', { name: 'Choose type' })
}

describe('Scenario type multi-select', () => {
  it('lists the types grouped by family', async () => {
    render(<Harness onChange={() => {}} />)
    const popover = await openTypes()
    const groups = within(popover).getAllByRole('group')
    expect(groups.map((g) => g.querySelector('legend')?.textContent)).toEqual([
      'Generations',
      'Edits',
      'Upscales',
      'Textures',
      'Skyboxes',
      '3D',
      'Video and audio',
      'Uploads',
      'Other',
    ])
    const uploads = within(popover).getByRole('group', { name: 'Uploads' })
    expect(within(uploads).getByRole('checkbox', { name: 'uploaded-video' })).toBeInTheDocument()
  })

  it('narrows the list as the filter box is typed in, by type or by family', async () => {
    render(<Harness onChange={() => {}} />)
    const popover = await openTypes()
    await userEvent.type(within(popover).getByRole('searchbox', { name: 'Search types' }), 'skybox')
    const names = within(popover)
      .getAllByRole('checkbox')
      .map((c) => c.getAttribute('data-value'))
    expect(names).toEqual(['upscale-skybox', 'skybox-base-360', 'skybox-hdri', 'skybox-3d'])
    await userEvent.clear(within(popover).getByRole('searchbox', { name: 'Search types' }))
    await userEvent.type(within(popover).getByRole('searchbox', { name: 'Search types' }), 'zzz')
    expect(within(popover).queryAllByRole('checkbox')).toHaveLength(0)
    expect(popover).toHaveTextContent('Nothing matches “zzz”.')
  })

  it('sends one type as `type` and a second turns both into `types`', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    const popover = await openTypes()
    await userEvent.click(within(popover).getByRole('checkbox', { name: 'upscale' }))
    expect(onChange).toHaveBeenLastCalledWith({ type: 'upscale' })
    await userEvent.click(within(popover).getByRole('checkbox', { name: 'texture' }))
    expect(onChange).toHaveBeenLastCalledWith({ types: 'upscale,texture' })
    expect(screen.getByRole('button', { name: /^Type 2 selected/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Remove filter Type: texture' })).toBeInTheDocument()
  })

  it('shows every inference type as included while "every generation" is checked, and frees them when it is not', async () => {
    const onChange = vi.fn()
    render(<Harness initial={{ type: 'inference' }} onChange={onChange} />)
    const popover = await openTypes()
    const one = within(popover).getByRole('checkbox', { name: 'inference-txt2img' })
    expect(one).toBeChecked()
    expect(one).toHaveAttribute('aria-disabled', 'true')
    expect(one).toHaveAccessibleDescription(/Included in “Every generation \(inference-\*\)”/)
    // Clicking an included type changes nothing: it is the alias that chose it.
    await userEvent.click(one)
    expect(onChange).not.toHaveBeenCalled()
    expect(one).toBeChecked()
    // Types outside the alias stay free.
    const upscale = within(popover).getByRole('checkbox', { name: 'upscale' })
    expect(upscale).not.toHaveAttribute('aria-disabled')
    await userEvent.click(within(popover).getByRole('checkbox', { name: 'Every generation (inference-*)' }))
    expect(onChange).toHaveBeenLastCalledWith({})
    expect(one).not.toBeChecked()
    expect(one).not.toHaveAttribute('aria-disabled')
    await userEvent.click(one)
    expect(onChange).toHaveBeenLastCalledWith({ type: 'inference-txt2img' })
  })

  it('works from the keyboard: type, arrow to a match, Space to check, Esc clears then closes', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    ;(await screen.findByRole('button', { name: /^Type/ })).focus()
    await userEvent.keyboard('{Enter}')
    const popover = screen.getByRole('dialog', { name: 'Choose type' })
    const box = within(popover).getByRole('searchbox', { name: 'Search types' })
    expect(box).toHaveFocus()
    await userEvent.keyboard('uploaded')
    await userEvent.keyboard('{ArrowDown}')
    expect(within(popover).getByRole('checkbox', { name: 'uploaded' })).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    expect(within(popover).getByRole('checkbox', { name: 'uploaded-video' })).toHaveFocus()
    await userEvent.keyboard(' ')
    expect(onChange).toHaveBeenLastCalledWith({ type: 'uploaded-video' })
    await userEvent.keyboard('{ArrowUp}{ArrowUp}')
    expect(box).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    expect(box).toHaveValue('')
    expect(screen.getByRole('dialog', { name: 'Choose type' })).toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Choose type' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: /^Type uploaded-video/ })).toHaveFocus()
  })

  it('checks the first match with Enter in the filter box', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    const popover = await openTypes()
    await userEvent.type(within(popover).getByRole('searchbox', { name: 'Search types' }), 'pixel{Enter}')
    expect(onChange).toHaveBeenLastCalledWith({ type: 'pixelization' })
  })
})

describe('Scenario sort and dates in the panel', () => {
  it('shows the created range by default and moves its dates to the updated range when sorting by updated', async () => {
    const onChange = vi.fn()
    render(<Harness initial={{ createdAfter: '2025-01-01' }} onChange={onChange} />)
    expect(screen.getByRole('group', { name: 'Created' })).toBeInTheDocument()
    expect(screen.queryByRole('group', { name: 'Updated' })).not.toBeInTheDocument()
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'updatedAt')
    expect(onChange).toHaveBeenLastCalledWith({ sortBy: 'updatedAt', updatedAfter: '2025-01-01' })
    expect(screen.queryByRole('group', { name: 'Created' })).not.toBeInTheDocument()
    const updated = screen.getByRole('group', { name: 'Updated' })
    expect(within(updated).getByRole('textbox', { name: 'After' })).toHaveValue('1 Jan 2025')
    expect(screen.getByRole('button', { name: 'Remove filter Updated after 1 Jan 2025' })).toBeInTheDocument()
  })
})
