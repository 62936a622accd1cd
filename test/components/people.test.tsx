import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { PersonHeader } from '../../src/features/people/components/person-page'
import type { Person } from '../../src/dialects/types'
import { gumnutPeopleParams } from '../../src/shared/gumnut'
import { valueProblem } from '../../src/shared/query-rules'
import { stubGumnutFetch } from '../fixtures/fake-gumnut-server'
import { renderApp } from './render-app'

/**
 * The app at `url` with a fake Gumnut API in front of the reference server, and the people it
 * was asked for. Kept on purpose: these tests count and name every tile of the people grid, and
 * jsdom draws only the first ten of the demo catalog's forty people; six made-up people (a
 * favourite, an unnamed, a hidden one, a birth date) fit whole.
 */
function mountAt(url: string) {
  let gumnut!: ReturnType<typeof stubGumnutFetch>
  const { router } = renderApp(url, { fakes: () => (gumnut = stubGumnutFetch()) })
  return { router, ...gumnut }
}

const tiles = () => screen.getAllByRole('link').filter((a) => a.hasAttribute('data-person-id'))
const tileNames = () => tiles().map((a) => a.querySelector('[data-person-name]')?.textContent)

describe('people grid', () => {
  it('names the unnamed "Unnamed person" and lists favourites first, marked', async () => {
    mountAt('/gumnut/people')
    await waitFor(() => expect(tiles()).toHaveLength(5))
    expect(tileNames()).toEqual(['Leon Larsen', 'Rosa Silva', 'Omar Ibrahim', 'Unnamed person', 'Rob Okafor'])
    expect(screen.getByRole('link', { name: 'Rosa Silva, favourite' })).toHaveAttribute(
      'href',
      '/gumnut/people/person_b',
    )
    expect(screen.getByRole('link', { name: 'Omar Ibrahim' })).toBeInTheDocument()
    expect(screen.getAllByTestId('favorite-mark')).toHaveLength(2)
    expect(screen.getByTestId('result-count')).toHaveTextContent('5 people')
    expect(document.title).toBe('People · Gumnut demo · Vitrine')
  })

  it('shows hidden people when asked, writing include_hidden=true to the URL', async () => {
    const { router } = mountAt('/gumnut/people')
    await waitFor(() => expect(tiles()).toHaveLength(5))
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show hidden people' }))
    await waitFor(() => expect(router.state.location.searchStr).toBe('?include_hidden=true'))
    await waitFor(() => expect(screen.getByRole('link', { name: 'Hidden Harold, hidden' })).toBeInTheDocument())
    expect(tiles()).toHaveLength(6)
    // A discrete choice is a history entry of its own: Back hides them again.
    act(() => router.history.back())
    await waitFor(() => expect(tiles()).toHaveLength(5))
    expect(screen.getByRole('checkbox', { name: 'Show hidden people' })).not.toBeChecked()
  })

  it('searches by name once typing pauses, with one request and the name in the URL', async () => {
    const { router, peopleRequests } = mountAt('/gumnut/people')
    await waitFor(() => expect(tiles()).toHaveLength(5))
    const before = peopleRequests().length
    const input = screen.getByRole('searchbox', { name: 'Name' })
    for (const value of ['r', 'ro', 'ros']) fireEvent.change(input, { target: { value } })
    // Nothing is written while typing goes on.
    expect(router.state.location.searchStr).toBe('')
    await waitFor(() => expect(router.state.location.searchStr).toBe('?name=ros'))
    await waitFor(() => expect(tileNames()).toEqual(['Rosa Silva']))
    const searches = peopleRequests().slice(before)
    expect(searches.map((u) => u.searchParams.get('name'))).toEqual(['ros'])
    expect(document.title).toBe('People matching “ros” · Gumnut demo · Vitrine')
  })

  it('says so when no one matches, and offers to show everyone', async () => {
    mountAt('/gumnut/people?name=zzz')
    expect(await screen.findByText('No one is named like “zzz”.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Show everyone' }))
    await waitFor(() => expect(tiles()).toHaveLength(5))
  })

  it('rewrites a malformed people URL to the canonical one', async () => {
    const { router } = mountAt('/gumnut/people?include_hidden=yes&name=%20Rosa%20&page=3')
    await waitFor(() => expect(router.state.location.searchStr).toBe('?name=Rosa'))
    await waitFor(() => expect(tileNames()).toEqual(['Rosa Silva']))
  })

  it('drops a name longer than the server takes from the URL, and types no longer one', async () => {
    const tooLong = 'Rosa'.repeat(30)
    expect(valueProblem(gumnutPeopleParams.name, tooLong)).toBeDefined()
    const { router, peopleRequests } = mountAt(`/gumnut/people?name=${tooLong}&include_hidden=true`)
    // Read like every other filter: the value the server would refuse goes, the rest stays.
    await waitFor(() => expect(router.state.location.searchStr).toBe('?include_hidden=true'))
    await waitFor(() => expect(tiles()).toHaveLength(6))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(peopleRequests().every((u) => !u.searchParams.has('name'))).toBe(true)
    // The field stops where the server's rule does.
    const { maxLength } = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Name' })
    expect(valueProblem(gumnutPeopleParams.name, 'a'.repeat(maxLength))).toBeUndefined()
    expect(valueProblem(gumnutPeopleParams.name, 'a'.repeat(maxLength + 1))).toBeDefined()
  })

  it('is not there for a source without people', async () => {
    mountAt('/piktid/people')
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Nothing here')
  })
})

describe('a stale person filter', () => {
  it('shows the photos without it and names what was dropped, instead of an error page', async () => {
    const { router } = mountAt('/gumnut/assets?person_id=person_nope')
    const notice = await screen.findByTestId('dropped-filters', {}, { timeout: 5000 })
    expect(notice).toHaveTextContent('Showing the view without person_id=person_nope: Person person_nope not found')
    expect(router.state.location.href).toBe('/gumnut/assets')
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument()
  })
})

describe('person page', () => {
  it('shows the name, birth date and a link back to people', async () => {
    mountAt('/gumnut/people/person_b')
    expect(await screen.findByRole('heading', { level: 1, name: 'Rosa Silva' })).toBeInTheDocument()
    expect(screen.getByText('Born 12 Mar 1990')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '← People' })).toHaveAttribute('href', '/gumnut/people')
    await waitFor(() => expect(screen.getByTestId('person-photo-count')).toHaveTextContent('0 photos'))
    expect(document.title).toBe('Rosa Silva · People · Gumnut demo · Vitrine')
  })

  it('offers a way back to people for someone who does not exist', async () => {
    const { router } = mountAt('/gumnut/people/person_zz')
    // The person and their photos both answer "not found"; the person's alert offers the way back.
    await screen.findAllByRole('alert')
    await userEvent.click(await screen.findByRole('button', { name: 'Back to people' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/gumnut/people'))
  })
})

describe('person header count', () => {
  const person: Person = {
    id: 'person_b',
    name: 'Rosa Silva',
    birthDate: null,
    isHidden: false,
    isFavorite: false,
    faceUrl: null,
    photoCount: null,
  }

  it('reads "N+ photos" while counting and the exact count once the end is reached', () => {
    const { rerender } = render(
      <PersonHeaderHarness person={person} photos={{ count: 0, exact: false, initialLoading: true }} />,
    )
    expect(screen.getByTestId('person-photo-count')).toHaveTextContent('Counting photos…')
    rerender(<PersonHeaderHarness person={person} photos={{ count: 200, exact: false, initialLoading: false }} />)
    expect(screen.getByTestId('person-photo-count')).toHaveTextContent('200+ photos')
    rerender(<PersonHeaderHarness person={person} photos={{ count: 240, exact: true, initialLoading: false }} />)
    expect(screen.getByTestId('person-photo-count')).toHaveTextContent('240 photos')
  })

  it('takes the API count when it gives one, even before the photos are walked', () => {
    render(
      <PersonHeaderHarness
        person={{ ...person, photoCount: 374 }}
        photos={{ count: 100, exact: false, initialLoading: false }}
      />,
    )
    expect(screen.getByTestId('person-photo-count')).toHaveTextContent('374 photos')
  })
})

function PersonHeaderHarness(props: Parameters<typeof PersonHeader>[0]) {
  return <PersonHeader {...props} />
}
