import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { gumnutFilterSchema } from '../../src/dialects/gumnut/filters'
import { scenarioFilterSchema } from '../../src/dialects/scenario/filters'
import type { RawSearch } from '../../src/dialects/types'
import type { FilterOption } from '../../src/dialects/filter-types'
import { ActiveFilterChips } from '../../src/filters/active-filter-chips'
import { applyFilterChange } from '../../src/filters/apply-change'
import type { FilterOptionSource } from '../../src/filters/filter-options'
import { FilterPanel } from '../../src/filters/filter-panel'

const OPTIONS: Record<string, FilterOption[]> = {
  library_id: [{ value: 'library_main', label: 'Family' }],
  album_id: [{ value: 'album_1', label: 'Summer 2024' }],
  person_id: [
    { value: 'person_a', label: 'Leon Larsen', imageUrl: '/media/face/a', detail: '12 photos' },
    { value: 'person_b', label: 'Rosa Silva', imageUrl: '/media/face/b', detail: '40 photos' },
    { value: 'person_d', label: 'Unnamed person', imageUrl: '/media/face/d', detail: '3 photos' },
    { value: 'person_e', label: 'Unnamed person', imageUrl: '/media/face/e', detail: '7 photos' },
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
  return { queryKey: ['filter-options', 'gumnut', 0], load: vi.fn(async (key: string) => OPTIONS[key] ?? []) }
}

/** Opens an id filter's list; answers the list of choices. */
async function openChoices(label: string) {
  // The picker's code loads when the panel first shows it.
  await userEvent.click(await screen.findByRole('button', { name: new RegExp(`^${label}\\b`) }))
  return screen.findByRole('listbox', { name: label })
}

const optionTexts = (list: HTMLElement) =>
  within(list)
    .getAllByRole('option')
    .map((o) => o.textContent)

describe('filters chosen by name', () => {
  it('offers people with their faces, narrows them as you type, and writes the chosen id under person_id', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} source={optionSource()} />)
    const list = await openChoices('Person')
    await waitFor(() =>
      expect(optionTexts(list)).toEqual([
        'Everyone',
        'Leon Larsen12 photos',
        'Rosa Silva40 photos',
        'Unnamed person3 photos',
        'Unnamed person7 photos',
      ]),
    )
    // Two unnamed people are told apart by their faces.
    const faces = within(list)
      .getAllByRole('option')
      .map((o) => o.querySelector('img')?.getAttribute('src') ?? null)
    expect(faces).toEqual([null, '/media/face/a', '/media/face/b', '/media/face/d', '/media/face/e'])
    await userEvent.type(screen.getByRole('combobox', { name: 'Search person' }), 'ros')
    expect(optionTexts(list)).toEqual(['Rosa Silva40 photos'])
    await userEvent.keyboard('{Enter}')
    expect(onChange).toHaveBeenLastCalledWith({ person_id: 'person_b' }, { replace: false })
    expect(screen.getByRole('button', { name: 'Remove filter Person: Rosa Silva' })).toBeInTheDocument()
    const trigger = screen.getByRole('button', { name: /^Person\b/ })
    expect(trigger).toHaveTextContent('Rosa Silva')
    expect(trigger.querySelector('img')).toHaveAttribute('src', '/media/face/b')
  })

  it('takes a pasted id the list does not have, and shows it as itself', async () => {
    const onChange = vi.fn()
    render(<Harness onChange={onChange} source={optionSource()} />)
    await openChoices('Person')
    await userEvent.type(screen.getByRole('combobox', { name: 'Search person' }), 'person_zz9')
    const list = screen.getByRole('listbox', { name: 'Person' })
    await waitFor(() => expect(optionTexts(list)).toEqual(['Use id person_zz9']))
    await userEvent.click(within(list).getByRole('option', { name: 'Use id person_zz9' }))
    expect(onChange).toHaveBeenLastCalledWith({ person_id: 'person_zz9' }, { replace: false })
    expect(screen.getByRole('button', { name: /^Person\b/ })).toHaveTextContent('Not listed (person_zz9)')
  })

  it('clears the filter from the list’s first choice', async () => {
    const onChange = vi.fn()
    render(<Harness initial={{ person_id: 'person_a' }} onChange={onChange} source={optionSource()} />)
    const list = await openChoices('Person')
    await waitFor(() =>
      expect(within(list).getByRole('option', { name: /Leon Larsen/ })).toHaveAttribute('aria-selected', 'true'),
    )
    await userEvent.click(within(list).getByRole('option', { name: 'Everyone' }))
    expect(onChange).toHaveBeenLastCalledWith({}, { replace: false })
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
    expect(await screen.findByRole('button', { name: /^Album\b/ })).toHaveTextContent('All albums')
    expect(screen.getByRole('button', { name: /^Library\b/ })).toHaveTextContent('Family')
  })

  it('keeps an id the list does not have, saying so, and shows the id on its chip', async () => {
    render(<Harness initial={{ person_id: 'person_hidden' }} onChange={vi.fn()} source={optionSource()} />)
    const person = await screen.findByRole('button', { name: /^Person\b/ })
    await waitFor(() => expect(person).toHaveTextContent('Not listed (person_hidden)'))
    expect(screen.getByRole('button', { name: 'Remove filter Person: person_hidden' })).toBeInTheDocument()
  })

  it('says when the names cannot be loaded and tries again on Retry', async () => {
    let failures = 1
    const load = vi.fn(async (key: string) => {
      if (key === 'person_id' && failures-- > 0) throw new Error('offline')
      return OPTIONS[key] ?? []
    })
    render(<Harness onChange={vi.fn()} source={{ queryKey: ['filter-options', 'gumnut', 0], load }} />)
    const error = await screen.findByText(/Could not load the choices/)
    const person = await screen.findByRole('button', { name: /^Person\b/ })
    expect(person).toHaveAccessibleDescription(/Could not load the choices/)
    await userEvent.click(within(error).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(screen.queryByText(/Could not load the choices/)).not.toBeInTheDocument())
    const list = await openChoices('Person')
    expect(within(list).getAllByRole('option')).toHaveLength(5)
  })
})

const MODELS: FilterOption[] = [
  { value: 'model_flux', label: 'Flux.1 Dev', detail: 'by platform' },
  { value: 'model_pixel', label: 'Pixel Heroes', detail: 'by alice' },
]

const INFERENCES: Record<string, FilterOption[]> = {
  model_pixel: [
    { value: 'inf_2', label: 'a pixel knight', detail: '2026-03-02 · 4 images · by alice' },
    { value: 'inf_1', label: 'a pixel dragon', detail: '2026-03-01 · 1 image · by bob' },
  ],
}

/** Scenario's panel, with its dialect rules, wired the way the assets page wires it to the URL. */
function ScenarioHarness({ initial = {}, onChange }: { initial?: RawSearch; onChange: (s: RawSearch) => void }) {
  const [search, setSearch] = useState<RawSearch>(initial)
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  const source: FilterOptionSource = {
    queryKey: ['filter-options', 'scenario', 0],
    load: async (key, _signal, scope) =>
      key === 'modelId' ? MODELS : key === 'inferenceId' ? (INFERENCES[scope ?? ''] ?? []) : [],
  }
  const change = (next: RawSearch) => {
    const applied = applyFilterChange(scenarioFilterSchema, search, next)
    onChange(applied)
    setSearch(applied)
  }
  return (
    <QueryClientProvider client={client}>
      <FilterPanel
        controls={scenarioFilterSchema.controls}
        search={search}
        onChange={change}
        optionSource={source}
        conflict={scenarioFilterSchema.conflict}
      />
    </QueryClientProvider>
  )
}

describe('Scenario filters chosen by name, and filters that exclude each other', () => {
  it('picks a model by its name and puts its id in the URL as modelId', async () => {
    const onChange = vi.fn()
    render(<ScenarioHarness onChange={onChange} />)
    const list = await openChoices('Model')
    await waitFor(() =>
      expect(optionTexts(list)).toEqual(['Any model', 'Flux.1 Devby platform', 'Pixel Heroesby alice']),
    )
    await userEvent.type(screen.getByRole('combobox', { name: 'Search model' }), 'pixel{Enter}')
    expect(onChange).toHaveBeenLastCalledWith({ modelId: 'model_pixel' })
    expect(screen.getByRole('button', { name: /^Model\b/ })).toHaveTextContent('Pixel Heroes')
  })

  it('lists the chosen model’s inferences by prompt, and a new model leaves the old one’s inference behind', async () => {
    const onChange = vi.fn()
    render(<ScenarioHarness onChange={onChange} />)
    const before = await openChoices('Inference')
    expect(before).toHaveTextContent('Choose a model to list its inferences, or paste an inference id.')
    await userEvent.keyboard('{Escape}')
    await userEvent.click(within(await openChoices('Model')).getByText('Pixel Heroes'))
    const list = await openChoices('Inference')
    await waitFor(() =>
      expect(optionTexts(list)).toEqual([
        'Any inference',
        'a pixel knight2026-03-02 · 4 images · by alice',
        'a pixel dragon2026-03-01 · 1 image · by bob',
      ]),
    )
    await userEvent.type(screen.getByRole('combobox', { name: 'Search inference' }), 'dragon{Enter}')
    expect(onChange).toHaveBeenLastCalledWith({ modelId: 'model_pixel', inferenceId: 'inf_1' })
    expect(screen.getByRole('button', { name: /^Inference\b/ })).toHaveTextContent('a pixel dragon')
    await userEvent.click(within(await openChoices('Model')).getByText('Flux.1 Dev'))
    expect(onChange).toHaveBeenLastCalledWith({ modelId: 'model_flux' })
  })

  it('takes a pasted model id by the parameter’s own rule, and says why one is refused', async () => {
    const onChange = vi.fn()
    render(<ScenarioHarness onChange={onChange} />)
    const list = await openChoices('Model')
    const box = screen.getByRole('combobox', { name: 'Search model' })
    await userEvent.type(box, 'model<x>')
    expect(within(list).queryAllByRole('option')).toEqual([])
    expect(list).toHaveTextContent(
      'No model named “model<x>”, and not an id: it must be an id (letters, digits, _ - . :).',
    )
    await userEvent.clear(box)
    await userEvent.type(box, 'model_pasted{Enter}')
    expect(onChange).toHaveBeenLastCalledWith({ modelId: 'model_pasted' })
  })

  it('disables private and unlisted privacy while tags are set, saying why, and clears the tags on request', async () => {
    const onChange = vi.fn()
    render(<ScenarioHarness initial={{ tags: 'fantasy' }} onChange={onChange} />)
    const privacy = screen.getByRole('combobox', { name: 'Privacy' })
    expect(within(privacy).getByRole('option', { name: 'Private' })).toBeDisabled()
    expect(within(privacy).getByRole('option', { name: 'Unlisted' })).toBeDisabled()
    expect(within(privacy).getByRole('option', { name: 'Public (every team)' })).toBeEnabled()
    expect(privacy).toHaveAccessibleDescription(
      'Private and Unlisted can’t be combined with Tags: Scenario filters tags on public assets only. Clear tags',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Clear tags' }))
    expect(onChange).toHaveBeenLastCalledWith({})
    expect(within(privacy).getByRole('option', { name: 'Private' })).toBeEnabled()
    expect(screen.queryByRole('button', { name: 'Clear tags' })).not.toBeInTheDocument()
  })

  it('disables tags while a private privacy is chosen, keeping the privacy, with a way to clear it', async () => {
    const onChange = vi.fn()
    render(<ScenarioHarness onChange={onChange} />)
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Privacy' }), 'Private')
    expect(onChange).toHaveBeenLastCalledWith({ privacy: 'private' })
    const tags = screen.getByRole('textbox', { name: 'Tags' })
    expect(tags).toBeDisabled()
    expect(tags).toHaveAccessibleDescription(
      'Tags can’t be combined with Privacy: Private: Scenario filters tags on public assets only. Clear privacy',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Clear privacy' }))
    expect(onChange).toHaveBeenLastCalledWith({})
    expect(screen.getByRole('textbox', { name: 'Tags' })).toBeEnabled()
  })
})
