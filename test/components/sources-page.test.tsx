import { configure, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SourceStore } from '../../src/sources/store'
import type { ServerSource } from '../../src/server/sources-config'
import { wirePage } from '../fixtures/piktid'
import { memorySourceStore } from '../fixtures/source-store'
import { freshServer, piktidList, renderApp, sharedServer } from './render-app'

// The Sources page's code loads lazily (route code splitting); its first import takes a while.
configure({ asyncUtilTimeout: 4000 })

interface Call {
  url: URL
  authorization: string | null
}

/** An answer of a host that is not this server (a remote vendor API), or undefined to pass on. */
type Remote = (url: URL, authorization: string | null) => Response | undefined

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

interface Setup {
  remote?: Remote
  /** Sources configured on the server (VITRINE_SOURCES); it then gets a catalog of its own. */
  serverSources?: ServerSource[]
}

/**
 * The app at `url` over the reference server, every request recorded with its token. Requests
 * to other hosts go to `remote`: the reference server cannot play a vendor that refuses a
 * browser or times out, so those answers stay written out here.
 */
function mountAt(url: string, { remote = () => undefined, serverSources }: Setup = {}) {
  const calls: Call[] = []
  const app = renderApp(url, {
    sources,
    server: serverSources ? freshServer({ sources: serverSources }) : server,
    intercept: (request, pass) => {
      const url = new URL(request.url)
      const authorization = request.headers.get('authorization')
      calls.push({ url, authorization })
      return remote(url, authorization) ?? pass()
    },
  })
  return { ...app, calls }
}

const server = sharedServer()
const count = (n: number) => `${n.toLocaleString('en-US')} assets`

// The app reads the store its router is given: each test gives one of its own, from an empty browser.
let sources: SourceStore
beforeEach(() => {
  sources = memorySourceStore()
})

async function openAddForm() {
  await userEvent.click(await screen.findByRole('button', { name: 'Add a source' }))
  return screen.findByRole('dialog', { name: 'Add a source' })
}

async function fillForm(
  dialog: HTMLElement,
  fields: { name?: string; api?: string; baseUrl?: string; token?: string },
) {
  const form = within(dialog)
  if (fields.api) await userEvent.selectOptions(form.getByLabelText('API'), fields.api)
  if (fields.name !== undefined) {
    await userEvent.clear(form.getByLabelText('Name'))
    if (fields.name) await userEvent.type(form.getByLabelText('Name'), fields.name)
  }
  if (fields.baseUrl !== undefined) {
    await userEvent.clear(form.getByLabelText('Base URL'))
    if (fields.baseUrl) await userEvent.type(form.getByLabelText('Base URL'), fields.baseUrl)
  }
  if (fields.token !== undefined) {
    await userEvent.clear(form.getByLabelText('Bearer token'))
    if (fields.token) await userEvent.type(form.getByLabelText('Bearer token'), fields.token)
  }
}

const switcher = () => screen.getByRole('combobox', { name: 'Source' })

function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'))
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

describe('sources page: the form', () => {
  it('puts a clear message on each bad field, marks it invalid and focuses the first', async () => {
    mountAt('/sources')
    const dialog = await openAddForm()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add source' }))
    const name = within(dialog).getByLabelText('Name')
    const baseUrl = within(dialog).getByLabelText('Base URL')
    const token = within(dialog).getByLabelText('Bearer token')
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect(errorOf(name)).toBe('Give the source a name.')
    expect(errorOf(baseUrl)).toBe('Enter the API’s base URL, such as https://api.example.com/v1.')
    expect(errorOf(token)).toBe('Enter the bearer token.')
    expect(name).toHaveFocus()

    await fillForm(dialog, { name: 'piktid demo', baseUrl: 'not a url', token: 'tok' })
    expect(errorOf(name)).toBe('Another source already has this name.')
    expect(errorOf(baseUrl)).toBe('This is not a URL. Start with https:// (or / for this server).')
    expect(token).not.toHaveAttribute('aria-invalid')
    expect(errorOf(token)).toBe('')

    await fillForm(dialog, { name: 'Sources' })
    expect(errorOf(name)).toBe('“sources” is reserved by the app; choose another name.')
    await fillForm(dialog, { baseUrl: 'https://me:pw@api.example' })
    expect(errorOf(baseUrl)).toBe('Put credentials in their own fields, not in the URL.')
  })

  it('asks Scenario for a key with its secret, or a token', async () => {
    mountAt('/sources')
    const dialog = await openAddForm()
    await fillForm(dialog, { api: 'scenario', name: 'Team', baseUrl: 'https://api.cloud.scenario.com/v1' })
    await userEvent.type(within(dialog).getByLabelText('API key'), 'key-1')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add source' }))
    const secret = within(dialog).getByLabelText('API secret')
    expect(errorOf(secret)).toBe('Enter the API secret that goes with the key.')
    expect(secret).toHaveFocus()
  })

  it('masks credentials until revealed, and keeps them out of the URL and title', async () => {
    const { router } = mountAt('/sources')
    const dialog = await openAddForm()
    await fillForm(dialog, { token: 'sk-very-secret' })
    const token = within(dialog).getByLabelText('Bearer token')
    expect(token).toHaveAttribute('type', 'password')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Show bearer token' }))
    expect(token).toHaveAttribute('type', 'text')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Hide bearer token' }))
    expect(token).toHaveAttribute('type', 'password')
    expect(router.state.location.href).not.toContain('sk-very-secret')
    expect(document.title).not.toContain('sk-very-secret')
  })

  it('adds a source that lands in the switcher under “In this browser”', async () => {
    mountAt('/sources')
    const dialog = await openAddForm()
    await fillForm(dialog, { name: 'My studio', baseUrl: 'https://piktid.example/', token: 'tok-1' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add source' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(sources.get('my-studio')).toMatchObject({
      baseUrl: 'https://piktid.example',
      credentials: { token: 'tok-1' },
      revision: 1,
    })
    const group = screen.getByRole('group', { name: 'In this browser' })
    expect(within(group).getByRole('option', { name: 'My studio' })).toBeInTheDocument()
  })

  it('editing a source bumps its revision and sends the new token from then on', async () => {
    const added = sources.add({
      name: 'Mine',
      dialect: 'piktid',
      baseUrl: '/api/piktid',
      credentials: { token: 'demo-bob' },
    })
    if (!added.ok) throw new Error('not added')
    const { total } = await piktidList(server, '', { token: 'demo-carol' })
    const { router, calls } = mountAt('/sources?edit=mine')
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Mine”' })
    expect(within(dialog).getByLabelText('Bearer token')).toHaveValue('demo-bob')
    await fillForm(dialog, { token: 'demo-carol' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(router.state.location.href).toBe('/sources'))
    expect(sources.get('mine')).toMatchObject({ revision: 2, credentials: { token: 'demo-carol' } })

    await router.navigate({ to: '/$source/assets', params: { source: 'mine' } })
    await screen.findByText(count(total))
    const assetCalls = calls.filter((c) => c.url.pathname === '/api/piktid/assets')
    expect(assetCalls.map((c) => c.authorization)).toEqual(['Bearer demo-carol'])
  })

  it('removes a browser source after asking', async () => {
    sources.add({
      name: 'Gone soon',
      dialect: 'gumnut',
      baseUrl: 'https://api.gumnut.ai',
      credentials: { token: 't' },
    })
    mountAt('/sources')
    const row = (await screen.findByRole('link', { name: 'Gone soon' })).closest('li')!
    await userEvent.click(within(row).getByRole('button', { name: 'Remove' }))
    const confirm = await screen.findByRole('alertdialog', { name: 'Remove “Gone soon”?' })
    await userEvent.click(within(confirm).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Gone soon' })).toBeNull())
    expect(sources.get('gone-soon')).toBeUndefined()
  })
})

describe('sources page: bundled and server sources', () => {
  it('hides a bundled source from the switcher without offering to delete or edit it', async () => {
    mountAt('/sources')
    const row = (await screen.findByRole('link', { name: 'PiktID demo' })).closest('li')!
    expect(within(row).queryByRole('button', { name: 'Remove' })).toBeNull()
    expect(within(row).queryByRole('link', { name: 'Edit' })).toBeNull()
    expect(within(row).getByText(/signed in as alice/)).toBeInTheDocument()
    const demo = screen.getByRole('group', { name: 'Demo sources' })
    expect(within(demo).getByRole('option', { name: 'PiktID demo' })).toBeInTheDocument()

    await userEvent.click(within(row).getByRole('button', { name: 'Hide' }))
    expect(within(row).getByText('Hidden from the switcher')).toBeInTheDocument()
    expect(screen.queryByRole('option', { name: 'PiktID demo' })).toBeNull()
    await userEvent.click(within(row).getByRole('button', { name: 'Show' }))
    expect(screen.getByRole('option', { name: 'PiktID demo' })).toBeInTheDocument()
  })

  it('lists the server’s sources read-only once they arrive, in their own switcher group', async () => {
    sources.add({ name: 'Mine', dialect: 'piktid', baseUrl: 'https://p.example', credentials: { token: 't' } })
    mountAt('/sources', {
      serverSources: [
        {
          id: 'team',
          name: 'Team PiktID',
          dialect: 'piktid',
          baseUrl: new URL('https://piktid.example/v2'),
          authorization: 'Bearer team-token',
          secrets: ['team-token'],
          mediaOrigins: [],
          allowPrivateNetwork: false,
        },
      ],
    })
    const row = (await screen.findByRole('link', { name: 'Team PiktID' })).closest('li')!
    expect(within(row).getByText('/api/proxy/team (through this server)')).toBeInTheDocument()
    expect(within(row).queryByRole('button', { name: 'Remove' })).toBeNull()
    expect(within(row).queryByRole('link', { name: 'Edit' })).toBeNull()

    const groups = screen.getAllByRole('group').filter((g) => g.tagName === 'OPTGROUP')
    expect(
      groups.map((g) => [
        g.getAttribute('label'),
        within(g)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ]),
    ).toEqual([
      ['Demo sources', ['PiktID demo', 'Scenario demo', 'Vipanya demo', 'Gumnut demo']],
      ['On this server', ['Team PiktID']],
      ['In this browser', ['Mine']],
    ])
  })
})

describe('sources page: Test', () => {
  const remote = 'https://piktid.example/v2'

  // What a remote vendor answers, written out: see mountAt.
  it.each([
    ['a page with a total', () => json(wirePage(1, 1, 1234)), 'Reachable: 1,234 assets.'],
    [
      'an empty library',
      () => json(wirePage(1, 1, 0)),
      'Reachable, but there are no assets these credentials can see.',
    ],
    [
      '401',
      () => json({ error: 'Unauthorized' }, 401),
      'Wrong credentials (401): the server did not accept the token. Check it and try again.',
    ],
    [
      '403',
      () => json({ error: 'Forbidden' }, 403),
      'Wrong credentials (403): the token is known but may not list assets. Use one with read access.',
    ],
    [
      '404',
      () => json({ detail: 'Not Found' }, 404),
      'Not found (404): nothing answers at this base URL. Check the address, including its path (such as /v1).',
    ],
    [
      'a refused cross-origin fetch',
      () => {
        throw new TypeError('Failed to fetch')
      },
      'Blocked by the browser: https://piktid.example does not let this page read its answers (CORS), or it is down. Vendor APIs usually refuse browsers; configure it as a server-side source (VITRINE_SOURCES) to browse it through this server.',
    ],
    [
      'no answer in time',
      () => {
        throw new DOMException('The operation timed out.', 'TimeoutError')
      },
      'Timed out: the server did not answer in time. It may be down or overloaded; try again later.',
    ],
  ])('reports %s in words, with one smallest-page request carrying the typed token', async (_, answer, words) => {
    const { calls } = mountAt('/sources', {
      remote: (url) => (url.origin === 'https://piktid.example' ? answer() : undefined),
    })
    const dialog = await openAddForm()
    await fillForm(dialog, { name: 'Remote', baseUrl: remote, token: 'tok-remote' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Test' }))
    await waitFor(() => expect(within(dialog).getByTestId('check-result')).toHaveTextContent(words))
    expect(within(dialog).getByTestId('check-result').textContent).not.toContain('tok-remote')
    const probes = calls.filter((c) => c.url.origin === 'https://piktid.example')
    expect(probes).toHaveLength(1)
    expect(probes[0]!.url.pathname).toBe('/v2/assets')
    expect(probes[0]!.url.searchParams.get('per_page')).toBe('1')
    expect(probes[0]!.authorization).toBe('Bearer tok-remote')
    // Testing saves nothing.
    expect(sources.get('remote')).toBeUndefined()
  })

  it('tests a saved source from its row', async () => {
    const { total } = await piktidList(server)
    mountAt('/sources')
    const row = (await screen.findByRole('link', { name: 'PiktID demo' })).closest('li')!
    await userEvent.click(within(row).getByRole('button', { name: 'Test' }))
    await waitFor(() =>
      expect(within(row).getByTestId('check-result')).toHaveTextContent(`Reachable: ${count(total)}.`),
    )
  })
})

describe('header: who you are, and a source that fails in use', () => {
  it('switches the demo user: new requests carry bob’s token, the revision goes up, the filters stay', async () => {
    const { total } = await piktidList(server, 'include_tags=model')
    const { router, calls } = mountAt('/piktid/assets?include_tags=model')
    await screen.findByText(count(total))
    const before = sources.get('piktid')!.revision
    await userEvent.selectOptions(screen.getByLabelText('Signed in as'), 'bob')
    await waitFor(() =>
      expect(calls.filter((c) => c.url.pathname === '/api/piktid/assets').at(-1)?.authorization).toBe(
        'Bearer demo-bob',
      ),
    )
    expect(sources.get('piktid')!.revision).toBe(before + 1)
    expect(router.state.location.href).toBe('/piktid/assets?include_tags=model')
    expect(screen.getByLabelText('Signed in as')).toHaveValue('bob')
  })

  it('says a browser source refused its credentials, marks it in the switcher and links to fix them, keeping the view', async () => {
    const { total } = await piktidList(server, 'include_tags=model')
    sources.add({
      name: 'Mine',
      dialect: 'piktid',
      baseUrl: 'https://p.example',
      credentials: { token: 'bad-tok' },
    })
    // p.example is the reference server under another name: it refuses the bad token itself.
    const { router } = renderApp('/mine/assets?include_tags=model', {
      sources,
      intercept: (request, pass) => {
        const url = new URL(request.url)
        if (url.origin !== 'https://p.example') return pass()
        return pass(new Request(`${location.origin}/api/piktid${url.pathname}${url.search}`, request))
      },
    })
    const notice = await screen.findByText(/Mine did not accept its credentials \(401\)/)
    const fix = within(notice.parentElement!).getByRole('link', { name: 'Fix the credentials' })
    expect(fix).toHaveAttribute('href', '/sources?edit=mine')
    expect(within(switcher()).getByRole('option', { name: 'Mine — credentials refused' })).toBeInTheDocument()
    expect(screen.getByText('Signed in with your token')).toBeInTheDocument()
    expect(document.body.textContent).not.toContain('bad-tok')

    // Fix it, and land back on the same view with its filters.
    await userEvent.click(fix)
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Mine”' })
    await fillForm(dialog, { token: 'demo-alice' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(router.state.location.href).toBe('/mine/assets?include_tags=model'))
    expect(await screen.findByText(count(total))).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByText(/did not accept its credentials/)).toBeNull())
    expect(within(switcher()).getByRole('option', { name: 'Mine' })).toBeInTheDocument()
  })

  it('shows only the views the source has', async () => {
    mountAt('/piktid/assets')
    const nav = await screen.findByRole('navigation', { name: 'Views' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Assets', '/piktid/assets'],
      ['Projects', '/piktid/projects'],
    ])
  })
})
