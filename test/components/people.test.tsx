import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { PersonHeader } from '../../src/features/people/components/person-page'
import type { Person } from '../../src/dialects/types'
import { gumnutPeopleParams, type GumnutPage, type GumnutPerson } from '../../src/shared/gumnut'
import { valueProblem } from '../../src/shared/query-rules'
import { freshServer, renderApp, sharedServer, type TestServer } from './render-app'

// The people views over the reference server's demo photo library (forty-odd people of the
// source's user, a few hidden). jsdom draws only the first ten tiles of the grid, so each test
// compares what is drawn with the start of the server's own list, or narrows it by name.

/** The app at `url`, and the people listings it asked for. */
function mountAt(url: string, server: TestServer = sharedServer()) {
  const { router, requests } = renderApp(url, { server })
  return { router, peopleRequests: () => requests.filter((u) => u.pathname === '/api/gumnut/api/people') }
}

/** Every person the server lists for `query` (in the API's own words), in its order. */
async function peopleOf(query = '', server: TestServer = sharedServer()): Promise<GumnutPerson[]> {
  const people: GumnutPerson[] = []
  for (let after: string | undefined; ;) {
    const params = new URLSearchParams(query)
    params.set('limit', '100')
    if (after) params.set('starting_after_id', after)
    const page = await server.read<GumnutPage<GumnutPerson>>('gumnut', `/api/people?${params}`)
    people.push(...page.data)
    if (!page.has_more) return people
    after = page.data.at(-1)?.id
  }
}

/** How a person's tile names them. */
const shownName = (person: GumnutPerson) => person.name ?? 'Unnamed person'

const tiles = () => screen.getAllByRole('link').filter((a) => a.hasAttribute('data-person-id'))
const tileNames = () => tiles().map((a) => a.querySelector('[data-person-name]')?.textContent)
/** The tiles drawn, once there are some, are the start of the server's list. */
async function expectDrawn(people: readonly GumnutPerson[]) {
  await waitFor(() => expect(tileNames().length).toBeGreaterThan(0))
  const names = tileNames()
  expect(names).toEqual(people.slice(0, names.length).map(shownName))
  return names.length
}

describe('people grid', () => {
  it('names the unnamed "Unnamed person" and lists favourites first, marked', async () => {
    // An unnamed person made a favourite, so that one is among the first tiles drawn.
    const server = freshServer()
    server.edit((db) => {
      const made = db
        .prepare(
          `UPDATE photo_people SET is_favorite = 1 WHERE id = (
             SELECT min(p.id) FROM photo_people p JOIN users u ON u.id = p.owner_id
              WHERE u.username = 'alice' AND p.name IS NULL AND p.is_hidden = 0 AND p.asset_count > 1)`,
        )
        .run()
      expect(made.changes).toBe(1)
    })
    const people = await peopleOf('', server)
    const favourites = people.filter((p) => p.is_favorite)
    expect(people.slice(0, favourites.length)).toEqual(favourites)
    mountAt('/gumnut/people', server)
    const drawn = await expectDrawn(people)
    expect(drawn).toBeGreaterThan(favourites.length)
    expect(tileNames()).toContain('Unnamed person')
    const favourite = favourites.find((p) => p.name !== null)!
    expect(screen.getByRole('link', { name: `${favourite.name}, favourite` })).toHaveAttribute(
      'href',
      `/gumnut/people/${favourite.id}`,
    )
    const other = people.slice(favourites.length, drawn).find((p) => p.name !== null)!
    expect(screen.getByRole('link', { name: other.name! })).toBeInTheDocument()
    expect(screen.getAllByTestId('favorite-mark')).toHaveLength(favourites.length)
    expect(screen.getByTestId('result-count')).toHaveTextContent(`${people.length} people`)
    expect(document.title).toBe('People · Gumnut demo · Vitrine')
  })

  it('shows hidden people when asked, writing include_hidden=true to the URL', async () => {
    // A hidden person's surname: the people it names are few enough to be drawn whole.
    const hidden = (await peopleOf('include_hidden=true')).find((p) => p.is_hidden && p.name?.includes(' '))!
    const surname = hidden.name!.split(' ').at(-1)!
    const visible = await peopleOf(`name=${surname}`)
    const all = await peopleOf(`name=${surname}&include_hidden=true`)
    expect(all.length).toBeGreaterThan(visible.length)
    const { router } = mountAt(`/gumnut/people?name=${surname}`)
    await waitFor(() => expect(tileNames()).toEqual(visible.map(shownName)))
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show hidden people' }))
    await waitFor(() => expect(router.state.location.searchStr).toBe(`?name=${surname}&include_hidden=true`))
    await waitFor(() => expect(screen.getByRole('link', { name: `${hidden.name}, hidden` })).toBeInTheDocument())
    expect(tileNames()).toEqual(all.map(shownName))
    // A discrete choice is a history entry of its own: Back hides them again.
    act(() => router.history.back())
    await waitFor(() => expect(tileNames()).toEqual(visible.map(shownName)))
    expect(screen.getByRole('checkbox', { name: 'Show hidden people' })).not.toBeChecked()
  })

  it('searches by name once typing pauses, with one request and the name in the URL', async () => {
    const matching = await peopleOf('name=ros')
    expect(matching.length).toBeGreaterThan(0)
    const { router, peopleRequests } = mountAt('/gumnut/people')
    await expectDrawn(await peopleOf())
    const before = peopleRequests().length
    const input = screen.getByRole('searchbox', { name: 'Name' })
    for (const value of ['r', 'ro', 'ros']) fireEvent.change(input, { target: { value } })
    // Nothing is written while typing goes on.
    expect(router.state.location.searchStr).toBe('')
    await waitFor(() => expect(router.state.location.searchStr).toBe('?name=ros'))
    await waitFor(() => expect(tileNames()).toEqual(matching.map(shownName)))
    const searches = peopleRequests().slice(before)
    expect(searches.map((u) => u.searchParams.get('name'))).toEqual(['ros'])
    expect(document.title).toBe('People matching “ros” · Gumnut demo · Vitrine')
  })

  it('says so when no one matches, and offers to show everyone', async () => {
    expect(await peopleOf('name=zzz')).toEqual([])
    const everyone = await peopleOf()
    mountAt('/gumnut/people?name=zzz')
    expect(await screen.findByText('No one is named like “zzz”.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Show everyone' }))
    await expectDrawn(everyone)
    expect(screen.getByTestId('result-count')).toHaveTextContent(`${everyone.length} people`)
  })

  it('rewrites a malformed people URL to the canonical one', async () => {
    const matching = await peopleOf('name=Rosa')
    expect(matching.length).toBeGreaterThan(0)
    const { router } = mountAt('/gumnut/people?include_hidden=yes&name=%20Rosa%20&page=3')
    await waitFor(() => expect(router.state.location.searchStr).toBe('?name=Rosa'))
    await waitFor(() => expect(tileNames()).toEqual(matching.map(shownName)))
  })

  it('drops a name longer than the server takes from the URL, and types no longer one', async () => {
    const tooLong = 'Rosa'.repeat(30)
    expect(valueProblem(gumnutPeopleParams.name, tooLong)).toBeDefined()
    const withHidden = await peopleOf('include_hidden=true')
    expect(withHidden.length).toBeGreaterThan((await peopleOf()).length)
    const { router, peopleRequests } = mountAt(`/gumnut/people?name=${tooLong}&include_hidden=true`)
    // Read like every other filter: the value the server would refuse goes, the rest stays.
    await waitFor(() => expect(router.state.location.searchStr).toBe('?include_hidden=true'))
    await expectDrawn(withHidden)
    expect(screen.getByTestId('result-count')).toHaveTextContent(`${withHidden.length} people`)
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
    // A person removed from the library after the link to their photos was made.
    const server = freshServer()
    const gone = (await peopleOf('', server)).at(-1)!
    server.edit((db, ids) => {
      const row = ids.photoRow('person', gone.id)
      db.prepare('UPDATE photo_faces SET person_id = NULL WHERE person_id = ?').run(row)
      expect(db.prepare('DELETE FROM photo_people WHERE id = ?').run(row).changes).toBe(1)
    })
    const { router } = mountAt(`/gumnut/assets?person_id=${gone.id}`, server)
    const notice = await screen.findByTestId('dropped-filters', {}, { timeout: 5000 })
    expect(notice).toHaveTextContent(`Showing the view without person_id=${gone.id}: Person ${gone.id} not found`)
    expect(router.state.location.href).toBe('/gumnut/assets')
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument()
  })
})

describe('person page', () => {
  it('shows the name, birth date and a link back to people', async () => {
    // A favourite in photos, given a birth date to show.
    const server = freshServer()
    const person = (await peopleOf('', server)).find((p) => p.name !== null && (p.asset_count ?? 0) > 1)!
    server.edit((db, ids) => {
      const row = ids.photoRow('person', person.id)
      expect(db.prepare(`UPDATE photo_people SET birth_date = '1990-03-12' WHERE id = ?`).run(row).changes).toBe(1)
    })
    mountAt(`/gumnut/people/${person.id}`, server)
    expect(await screen.findByRole('heading', { level: 1, name: person.name! })).toBeInTheDocument()
    expect(screen.getByText('Born 12 Mar 1990')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '← People' })).toHaveAttribute('href', '/gumnut/people')
    await waitFor(() =>
      expect(screen.getByTestId('person-photo-count')).toHaveTextContent(`${person.asset_count} photos`),
    )
    expect(document.title).toBe(`${person.name} · People · Gumnut demo · Vitrine`)
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
