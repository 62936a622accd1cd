import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { gumnutFilterSchema } from '../../src/dialects/gumnut/filters'
import type { RawSearch } from '../../src/dialects/types'
import { ActiveFilterChips } from '../../src/filters/active-filter-chips'
import type { FilterOptionSource } from '../../src/filters/filter-options'
import { FilterPanel } from '../../src/filters/filter-panel'

const OPTIONS: Record<string, { value: string; label: string }[]> = {
  library_id: [{ value: 'library_main', label: 'Family' }],
  album_id: [{ value: 'album_1', label: 'Summer 2024' }],
  person_id: [
    { value: 'person_a', label: 'Leon Larsen' },
    { value: 'person_b', label: 'Rosa Silva' },
    { value: 'person_d', label: 'Unnamed person' },
  ],
}

/** The Gumnut panel and chips wired to state the way the assets route wires them to the URL. */
function Harness({
  initial = {},
  onChange,
  source,
}: {
  initial?: RawSearch
  onChange: (s: RawSearch, o: { replace: boolean }) => void
  source: FilterOptionSource
}) {
  const [search, setSearch] = useState<RawSearch>(initial)
  const change = (next: RawSearch, options: { replace: boolean }) => {
    onChange(next, options)
    setSearch(next)
  }
  return (
    <QueryClientProvider client={useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))[0]}>
      <ActiveFilterChips
        controls={gumnutFilterSchema.controls}
        search={search}
        onChange={change}
        optionSource={source}
      />
      <FilterPanel controls={gumnutFilterSchema.controls} search={search} onChange={change} optionSource={source} />
    </QueryClientProvider>
  )
}

function optionSource(): FilterOptionSource & { load: ReturnType<typeof vi.fn> } {
  return { id: ['gumnut', 0], load: vi.fn(async (key: string) => OPTIONS[key] ?? []) }
}

describe('filters chosen by name', () => {
  it('offers people by name and writes the chosen id under the seed name person_id', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} source={optionSource()} />)
    const person = screen.getByRole('combobox', { name: 'Person' })
    await waitFor(() =>
      expect(
        within(person)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Everyone', 'Leon Larsen', 'Rosa Silva', 'Unnamed person']),
    )
    await userEvent.selectOptions(person, 'Rosa Silva')
    expect(onChange).toHaveBeenLastCalledWith({ person_id: 'person_b' }, { replace: false })
    expect(screen.getByRole('button', { name: 'Remove filter Person: Rosa Silva' })).toBeInTheDocument()
  })

  it('names the chips of a pasted URL, and removes a filter from its chip', async () => {
    const onChange = vi.fn()
    render(
      <Harness
        initial={{ library_id: 'library_main', album_id: 'album_1' }}
        onChange={onChange}
        source={optionSource()}
      />,
    )
    expect(await screen.findByRole('button', { name: 'Remove filter Library: Family' })).toBeInTheDocument()
    await userEvent.click(await screen.findByRole('button', { name: 'Remove filter Album: Summer 2024' }))
    expect(onChange).toHaveBeenLastCalledWith({ library_id: 'library_main' }, { replace: false })
    expect(screen.getByRole('combobox', { name: 'Album' })).toHaveValue('')
    expect(screen.getByRole('combobox', { name: 'Library' })).toHaveDisplayValue('Family')
  })

  it('keeps an id the list does not have, saying so, and shows the id on its chip', async () => {
    render(<Harness initial={{ person_id: 'person_hidden' }} onChange={vi.fn()} source={optionSource()} />)
    const person = screen.getByRole('combobox', { name: 'Person' })
    await waitFor(() => expect(person).toHaveDisplayValue('Not listed (person_hidden)'))
    expect(screen.getByRole('button', { name: 'Remove filter Person: person_hidden' })).toBeInTheDocument()
  })

  it('says when the names cannot be loaded and tries again on Retry', async () => {
    let failures = 1
    const load = vi.fn(async (key: string) => {
      if (key === 'person_id' && failures-- > 0) throw new Error('offline')
      return OPTIONS[key] ?? []
    })
    render(<Harness onChange={vi.fn()} source={{ id: ['gumnut', 0], load }} />)
    const error = await screen.findByText(/Could not load the choices/)
    const person = screen.getByRole('combobox', { name: 'Person' })
    expect(person).toHaveAccessibleDescription(/Could not load the choices/)
    await userEvent.click(within(error).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(within(person).getAllByRole('option')).toHaveLength(4))
    expect(screen.queryByText(/Could not load the choices/)).not.toBeInTheDocument()
  })
})
