import { act, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { piktidFilterSchema } from '../../src/dialects/piktid/filters'
import { piktidGalleryFilterSchema } from '../../src/dialects/piktid/gallery-filters'
import type { RawSearch } from '../../src/dialects/types'
import { ActiveFilterChips } from '../../src/filters/active-filter-chips'
import { FilterPanel } from '../../src/filters/filter-panel'

/** The panel wired to state the way the route wires it to the URL. */
function Harness({
  initial = {},
  onChange,
}: {
  initial?: RawSearch
  onChange: (s: RawSearch, o: { replace: boolean }) => void
}) {
  const [search, setSearch] = useState<RawSearch>(initial)
  const change = (next: RawSearch, options: { replace: boolean }) => {
    onChange(next, options)
    setSearch(next)
  }
  return (
    <>
      <ActiveFilterChips controls={piktidFilterSchema.controls} search={search} onChange={change} />
      <FilterPanel controls={piktidFilterSchema.controls} search={search} onChange={change} />
    </>
  )
}

describe('multi-select filter', () => {
  it('ticks several values into a repeated param in the options’ order, each a chip that removes it', async () => {
    const onChange = vi.fn()
    const { controls } = piktidGalleryFilterSchema
    function Gallery() {
      const [search, setSearch] = useState<RawSearch>({})
      const change = (next: RawSearch, options: { replace: boolean }) => {
        onChange(next, options)
        setSearch(next)
      }
      return (
        <>
          <ActiveFilterChips controls={controls} search={search} onChange={change} />
          <FilterPanel controls={controls} search={search} onChange={change} />
        </>
      )
    }
    render(<Gallery />)
    await userEvent.click(screen.getByRole('checkbox', { name: 'Disliked' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'Liked' }))
    expect(onChange).toHaveBeenLastCalledWith({ feedback: ['like', 'dislike'] }, { replace: false })
    expect(screen.getByRole('checkbox', { name: 'Liked' })).toBeChecked()
    await userEvent.click(screen.getByRole('button', { name: 'Remove filter Feedback: Liked' }))
    expect(onChange).toHaveBeenLastCalledWith({ feedback: ['dislike'] }, { replace: false })
    await userEvent.click(screen.getByRole('checkbox', { name: 'Disliked' }))
    expect(onChange).toHaveBeenLastCalledWith({}, { replace: false })
  })
})

describe('filter panel', () => {
  it('cycles a tag chip through include, exclude and off, pushing history each time', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    const chip = screen.getByRole('button', { name: 'model: any' })
    await userEvent.click(chip)
    expect(onChange).toHaveBeenLastCalledWith({ include_tags: 'model' }, { replace: false })
    await userEvent.click(screen.getByRole('button', { name: 'model: must have' }))
    expect(onChange).toHaveBeenLastCalledWith({ exclude_tags: 'model' }, { replace: false })
    await userEvent.click(screen.getByRole('button', { name: 'model: must not have' }))
    expect(onChange).toHaveBeenLastCalledWith({}, { replace: false })
  })

  it('writes search once typing pauses, replacing the history entry', () => {
    vi.useFakeTimers()
    try {
      const onChange = vi.fn()
      render(<Harness onChange={onChange} />)
      const input = screen.getByRole('searchbox', { name: 'Search' })
      for (const value of ['l', 'li', 'lin', 'line', 'linen']) fireEvent.change(input, { target: { value } })
      expect(onChange).not.toHaveBeenCalled()
      act(() => vi.advanceTimersByTime(300))
      expect(onChange).toHaveBeenCalledTimes(1)
      expect(onChange).toHaveBeenCalledWith({ search: 'linen' }, { replace: true })
    } finally {
      vi.useRealTimers()
    }
  })

  it('leaves defaults out when sort goes back to upload date, newest first', async () => {
    const onChange = vi.fn()
    render(<Harness initial={{ sort_by: 'filename', order: 'asc' }} onChange={onChange} />)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'created_at')
    expect(onChange).toHaveBeenLastCalledWith({ order: 'asc' }, { replace: false })
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Order' }), 'desc')
    expect(onChange).toHaveBeenLastCalledWith({}, { replace: false })
  })

  it('takes no longer a text than the API does: the Uploader 100 characters, Search 200', () => {
    // A longer value would be dropped when the URL is read, so the field never holds one.
    render(<Harness onChange={vi.fn()} />)
    expect(screen.getByRole('combobox', { name: 'Uploader' })).toHaveAttribute('maxlength', '100')
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveAttribute('maxlength', '200')
  })

  it('sets ownership and the created date range under the seed names', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} />)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Ownership' }), 'shared')
    expect(onChange).toHaveBeenLastCalledWith({ ownership: 'shared' }, { replace: false })
    await userEvent.type(screen.getByLabelText('After'), '1 Mar 2025{Enter}')
    expect(onChange).toHaveBeenLastCalledWith({ ownership: 'shared', created_after: '2025-03-01' }, { replace: false })
  })

  it('writes dates the one way the app shows them, and says when a typed date is not a date', async () => {
    const onChange = vi.fn()
    render(<Harness initial={{ created_after: '2025-03-12' }} onChange={onChange} />)
    expect(screen.getByLabelText('After')).toHaveValue('12 Mar 2025')
    expect(screen.getByRole('button', { name: 'Remove filter Created after 12 Mar 2025' })).toBeInTheDocument()
    const before = screen.getByLabelText('Before')
    await userEvent.type(before, '30 Feb 2025{Enter}')
    expect(before).toHaveAttribute('aria-invalid', 'true')
    expect(before).toHaveAccessibleDescription('Not a date. Write it like 12 Mar 2025.')
    expect(onChange).not.toHaveBeenCalled()
    await userEvent.clear(before)
    await userEvent.type(before, '2025-06-30{Enter}')
    expect(before).toHaveValue('30 Jun 2025')
    expect(onChange).toHaveBeenLastCalledWith(
      { created_after: '2025-03-12', created_before: '2025-06-30' },
      { replace: false },
    )
  })

  it('flags an inverted date range at its fields, keeping both dates as typed', async () => {
    const onChange = vi.fn()
    render(<Harness initial={{ created_after: '2025-03-12' }} onChange={onChange} />)
    const after = screen.getByLabelText('After')
    const before = screen.getByLabelText('Before')
    expect(before).not.toHaveAttribute('aria-invalid')
    await userEvent.type(before, '1 Mar 2025{Enter}')
    // Sent as typed, never swapped: the fields say why nothing can match.
    expect(onChange).toHaveBeenLastCalledWith(
      { created_after: '2025-03-12', created_before: '2025-03-01' },
      { replace: false },
    )
    const problem = 'Before must be later than after: nothing was created both after 12 Mar 2025 and before 1 Mar 2025.'
    expect(screen.getByRole('alert')).toHaveTextContent(problem)
    for (const field of [after, before]) {
      expect(field).toHaveAttribute('aria-invalid', 'true')
      expect(field).toHaveAccessibleDescription(problem)
    }
    expect(after).toHaveValue('12 Mar 2025')
    expect(before).toHaveValue('1 Mar 2025')
    // The same day twice matches nothing either: both bounds are exclusive.
    await userEvent.clear(before)
    await userEvent.type(before, '12 Mar 2025{Enter}')
    expect(before).toHaveAttribute('aria-invalid', 'true')
    await userEvent.clear(before)
    await userEvent.type(before, '13 Mar 2025{Enter}')
    expect(before).not.toHaveAttribute('aria-invalid')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('shows active filters as chips that remove one filter or clear all', async () => {
    const onChange = vi.fn()
    render(<Harness initial={{ search: 'linen', include_tags: 'model,product' }} onChange={onChange} />)
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('linen')
    await userEvent.click(screen.getByRole('button', { name: 'Remove filter Tag: product' }))
    expect(onChange).toHaveBeenLastCalledWith({ search: 'linen', include_tags: 'model' }, { replace: false })
    await userEvent.click(screen.getByRole('button', { name: 'Clear all' }))
    expect(onChange).toHaveBeenLastCalledWith({}, { replace: false })
    // The search field follows the URL when a chip clears it.
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('')
    expect(screen.queryByRole('list', { name: 'Active filters' })).not.toBeInTheDocument()
  })
})
