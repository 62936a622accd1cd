import { describe, expect, it, vi } from 'vitest'
import { authorizationHeader } from '../../src/shared/source-rules'
import { BUNDLED_SOURCES } from '../../src/sources/browser-store'
import { createSourceStore } from '../../src/sources/store'
import { readStoredSources, SOURCE_STORE_KEY, SOURCE_STORE_VERSION } from '../../src/sources/stored-format'
import type { KeyValueStorage, SourceDraft } from '../../src/sources/types'
import { memoryStorage } from '../fixtures/source-store'

const draft = (overrides: Partial<SourceDraft> = {}): SourceDraft => ({
  name: 'Studio account',
  dialect: 'piktid',
  baseUrl: 'https://v2.api.piktid.com',
  credentials: { token: 'pk-live-1234' },
  ...overrides,
})

function newStore(initial: Record<string, string> = {}, fetchImpl?: typeof fetch) {
  const storage = memoryStorage(initial)
  const store = createSourceStore({ storage, bundled: BUNDLED_SOURCES, fetch: fetchImpl })
  return { storage, store }
}

describe('source store', () => {
  it('starts with the bundled sources and adds browser sources that survive a reload', () => {
    const { storage, store } = newStore()
    expect(store.list().map((s) => s.id)).toEqual(BUNDLED_SOURCES.map((s) => s.id))
    const result = store.add(draft({ credentials: { token: ' pk-live-1234 ', apiKey: 'ignored' } }))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.source).toMatchObject({
      id: 'studio-account',
      origin: 'browser',
      revision: 1,
      credentials: { token: 'pk-live-1234' },
    })
    const stored = JSON.parse(storage.data.get(SOURCE_STORE_KEY) ?? '')
    expect(stored.version).toBe(SOURCE_STORE_VERSION)

    const again = createSourceStore({ storage, bundled: BUNDLED_SOURCES })
    expect(again.get('studio-account')).toMatchObject({ name: 'Studio account', revision: 1 })
  })

  it('hands out the same object until a source is edited, then a new one with a higher revision', () => {
    const { store } = newStore()
    const added = store.add(draft())
    if (!added.ok) throw new Error('add failed')
    const list = store.list()
    expect(store.list()).toBe(list)
    expect(store.get('studio-account')).toBe(added.source)

    const unchanged = store.update('studio-account', draft())
    expect(unchanged.ok && unchanged.source).toBe(added.source)
    expect(store.list()).toBe(list)

    const edited = store.update('studio-account', draft({ credentials: { token: 'pk-live-5678' } }))
    if (!edited.ok) throw new Error('edit failed')
    expect(edited.source).not.toBe(added.source)
    expect(edited.source.revision).toBe(2)
    expect(store.get('studio-account')).toBe(edited.source)
    expect(store.list()).not.toBe(list)
    expect(authorizationHeader(edited.source.dialect, edited.source.credentials)).toBe('Bearer pk-live-5678')

    const moved = store.update('studio-account', draft({ baseUrl: 'https://eu.api.piktid.com' }))
    expect(moved.ok && moved.source.revision).toBe(3)
  })

  it('notifies subscribers on changes', () => {
    const { store } = newStore()
    const listener = vi.fn()
    const stop = store.subscribe(listener)
    store.add(draft())
    store.setHidden('piktid', true)
    expect(listener).toHaveBeenCalledTimes(2)
    stop()
    store.remove('studio-account')
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('keeps bundled sources: they can be hidden and shown again, never deleted or edited', () => {
    const { storage, store } = newStore()
    const bundled = store.get('piktid')
    expect(store.remove('piktid')).toBe(false)
    expect(store.update('piktid', draft())).toMatchObject({ ok: false })
    store.setHidden('piktid', true)
    expect(store.list().some((s) => s.id === 'piktid')).toBe(false)
    expect(store.isHidden('piktid')).toBe(true)
    // A pasted link to a hidden source still opens it.
    expect(store.get('piktid')).toBe(bundled)

    const reloaded = createSourceStore({ storage, bundled: BUNDLED_SOURCES })
    expect(reloaded.isHidden('piktid')).toBe(true)
    reloaded.setHidden('piktid', false)
    expect(reloaded.list().some((s) => s.id === 'piktid')).toBe(true)
  })

  it('deletes browser sources', () => {
    const { store } = newStore()
    store.add(draft())
    expect(store.remove('studio-account')).toBe(true)
    expect(store.get('studio-account')).toBeUndefined()
  })

  it('gives a second source with a clashing id a suffix', () => {
    const { store } = newStore()
    store.add(draft({ name: 'Team' }))
    store.update('team', draft({ name: 'Renamed team' }))
    const second = store.add(draft({ name: 'Team' }))
    expect(second.ok && second.source.id).toBe('team-2')
  })
})

describe('demo users on bundled sources', () => {
  it('signs a bundled source in as bob with a higher revision, kept across a reload, other sources untouched', () => {
    const { storage, store } = newStore()
    const before = store.get('piktid')!
    expect(store.demoUser('piktid')).toBe('alice')
    expect(before.credentials).toEqual({ token: 'demo-alice' })
    store.setDemoUser('piktid', 'bob')
    const after = store.get('piktid')!
    expect(after).not.toBe(before)
    expect(after.credentials).toEqual({ token: 'demo-bob' })
    expect(after.revision).toBe(before.revision + 1)
    expect(store.demoUser('piktid')).toBe('bob')

    const again = createSourceStore({ storage, bundled: BUNDLED_SOURCES })
    expect(again.get('piktid')).toMatchObject({ credentials: { token: 'demo-bob' }, revision: after.revision })
    // Back to alice is a new revision too: a cache written for bob is never read for her.
    again.setDemoUser('piktid', 'alice')
    expect(again.get('piktid')).toMatchObject({ credentials: { token: 'demo-alice' }, revision: after.revision + 1 })
  })

  it('shapes each dialect’s demo credentials its own way (Scenario: key and shared secret)', () => {
    const bundled = [
      {
        id: 'scenario',
        name: 'Scenario demo',
        dialect: 'scenario' as const,
        baseUrl: '/api/scenario/v1',
        credentials: {},
      },
      { id: 'vipanya', name: 'Vipanya demo', dialect: 'vipanya' as const, baseUrl: '/api/vipanya', credentials: {} },
    ]
    const store = createSourceStore({ storage: memoryStorage(), bundled })
    store.setDemoUser('scenario', 'carol')
    store.setDemoUser('vipanya', 'carol')
    expect(store.get('scenario')!.credentials).toEqual({ apiKey: 'demo-carol', apiSecret: 'demo-secret' })
    expect(authorizationHeader('scenario', store.get('scenario')!.credentials)).toBe(
      `Basic ${btoa('demo-carol:demo-secret')}`,
    )
    expect(store.get('vipanya')!.credentials).toEqual({ apiKey: 'demo-carol' })
  })

  it('has no demo user for browser sources and ignores a switch on them', () => {
    const { store } = newStore()
    const added = store.add(draft())
    if (!added.ok) throw new Error('draft refused')
    expect(store.demoUser(added.source.id)).toBeUndefined()
    store.setDemoUser(added.source.id, 'bob')
    expect(store.get(added.source.id)).toBe(added.source)
  })

  it('follows another tab’s switch on reload, and ignores an unreadable demo entry', () => {
    const { storage, store } = newStore()
    const other = createSourceStore({ storage, bundled: BUNDLED_SOURCES })
    other.setDemoUser('piktid', 'carol')
    store.reload()
    expect(store.get('piktid')!.credentials).toEqual({ token: 'demo-carol' })
    const text = JSON.parse(storage.data.get(SOURCE_STORE_KEY)!) as Record<string, unknown>
    text.demo = { piktid: { user: 'mallory', revision: 9 } }
    storage.data.set(SOURCE_STORE_KEY, JSON.stringify(text))
    store.reload()
    expect(store.demoUser('piktid')).toBe('alice')
    expect(store.get('piktid')!.credentials).toEqual({ token: 'demo-alice' })
  })
})

describe('stored format', () => {
  it('migrates version 1 (a bare list with one token per source) to the current format', () => {
    const v1 = JSON.stringify([
      { id: 'old-piktid', name: 'Old PiktID', dialect: 'piktid', baseUrl: 'https://v2.api.piktid.com', token: 't1' },
      { id: 'old-library', name: 'Old library', dialect: 'vipanya', baseUrl: 'https://lib.example', token: 'k1' },
    ])
    const { storage, store } = newStore({ [SOURCE_STORE_KEY]: v1 })
    expect(store.problems()).toEqual([])
    expect(store.get('old-piktid')).toMatchObject({ credentials: { token: 't1' }, revision: 1, origin: 'browser' })
    expect(store.get('old-library')).toMatchObject({ credentials: { apiKey: 'k1' } })
    store.setHidden('piktid', true)
    const saved = JSON.parse(storage.data.get(SOURCE_STORE_KEY) ?? '')
    expect(saved).toMatchObject({ version: 2, hidden: ['piktid'] })
    expect(saved.sources).toHaveLength(2)
  })

  it('also reads version 1 wrapped in {version: 1}', () => {
    const loaded = readStoredSources(
      JSON.stringify({
        version: 1,
        sources: [{ id: 'a', name: 'A', dialect: 'gumnut', baseUrl: 'https://g.example' }],
      }),
    )
    expect(loaded.document.sources).toEqual([
      {
        id: 'a',
        name: 'A',
        dialect: 'gumnut',
        baseUrl: 'https://g.example',
        credentials: { token: undefined },
        revision: 1,
      },
    ])
  })

  it('skips and reports corrupt entries, keeping the good ones', () => {
    const text = JSON.stringify({
      version: 2,
      sources: [
        {
          id: 'good',
          name: 'Good',
          dialect: 'piktid',
          baseUrl: 'https://x.example',
          credentials: { token: 't' },
          revision: 4,
        },
        { id: 'bad', name: 'Broken one', dialect: 'piktid', credentials: { token: 'hidden-secret' } },
        'garbage',
        { id: 'good', name: 'Copy', dialect: 'piktid', baseUrl: 'https://y.example', credentials: {}, revision: 1 },
        { id: 'media', name: 'Sneaky', dialect: 'piktid', baseUrl: 'https://y.example', credentials: {}, revision: 1 },
      ],
      hidden: ['scenario', 7],
    })
    const { store } = newStore({ [SOURCE_STORE_KEY]: text })
    expect(store.get('good')).toMatchObject({ revision: 4 })
    expect(store.problems()).toEqual([
      'Saved source 2 (“Broken one”) is damaged and was skipped.',
      'Saved source 3 is damaged and was skipped.',
      'Saved source 4 (“Copy”) repeats or reuses the id “good” and was skipped.',
      'Saved source 5 (“Sneaky”) repeats or reuses the id “media” and was skipped.',
    ])
    expect(store.problems().join(' ')).not.toContain('hidden-secret')
    expect(store.isHidden('scenario')).toBe(true)
  })

  it.each([
    ['not JSON', '{"version": 2, "sources": [', 'not valid JSON'],
    ['an unknown shape', '"hello"', 'unknown format'],
    ['a newer version', JSON.stringify({ version: 99, sources: [{ anything: true }] }), 'newer version'],
  ])('sets %s aside instead of failing or overwriting it', (_name, text, words) => {
    const { storage, store } = newStore({ [SOURCE_STORE_KEY]: text })
    expect(store.list().map((s) => s.id)).toEqual(BUNDLED_SOURCES.map((s) => s.id))
    expect(store.problems()[0]).toContain(words)
    expect(storage.data.get(`${SOURCE_STORE_KEY}.unreadable`)).toBe(text)
    store.add(draft())
    expect(storage.data.get(`${SOURCE_STORE_KEY}.unreadable`)).toBe(text)
  })

  it('survives storage that throws', () => {
    const storage: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    const store = createSourceStore({ storage, bundled: BUNDLED_SOURCES })
    expect(store.add(draft()).ok).toBe(true)
    expect(store.problems()).toEqual([
      'The browser does not allow reading saved sources here.',
      'The browser refused to save the sources (storage full or blocked).',
    ])
  })

  it('keeps unchanged objects when another tab rewrites storage', () => {
    const { storage, store } = newStore()
    store.add(draft())
    const before = store.get('studio-account')
    const other = createSourceStore({ storage, bundled: BUNDLED_SOURCES })
    other.add(draft({ name: 'Second' }))
    store.reload()
    expect(store.get('studio-account')).toBe(before)
    expect(store.get('second')).toBeDefined()
  })
})

describe('server sources', () => {
  const answer = (body: unknown, status = 200) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch

  it('lists the server’s sources after the bundled ones, with no credentials', async () => {
    const fetchImpl = answer({
      sources: [{ id: 'team', name: 'Team PiktID', dialect: 'piktid', baseUrl: '/api/proxy/team' }],
    })
    const { store } = newStore({}, fetchImpl)
    await store.loadServerSources()
    expect(fetchImpl).toHaveBeenCalledWith('/api/sources', expect.anything())
    const team = store.get('team')
    expect(team).toEqual({
      id: 'team',
      name: 'Team PiktID',
      dialect: 'piktid',
      baseUrl: '/api/proxy/team',
      credentials: {},
      origin: 'server',
      revision: 0,
    })
    expect(store.list().map((s) => s.origin)).toEqual([...BUNDLED_SOURCES.map(() => 'bundled'), 'server'])
    await store.loadServerSources()
    expect(store.get('team')).toBe(team)
    expect(store.remove('team')).toBe(false)
  })

  it('waits for the server’s sources only for an id it does not know, reading them once', async () => {
    const fetchImpl = answer({
      sources: [{ id: 'team', name: 'Team PiktID', dialect: 'piktid', baseUrl: '/api/proxy/team' }],
    })
    const { store } = newStore({}, fetchImpl)
    expect(await store.getLoaded('piktid')).toBe(store.get('piktid'))
    expect(fetchImpl).not.toHaveBeenCalled()
    const [team, missing] = await Promise.all([store.getLoaded('team'), store.getLoaded('nosuch')])
    expect(team).toMatchObject({ id: 'team', origin: 'server' })
    expect(missing).toBeUndefined()
    expect(await store.getLoaded('nosuch')).toBeUndefined()
    expect(fetchImpl).toHaveBeenCalledTimes(1)
    // A fresh read (the Sources page asks for one) is the one later lookups wait for.
    await store.loadServerSources()
    expect(fetchImpl).toHaveBeenCalledTimes(2)
  })

  it('reports a server that cannot list its sources, keeping the rest usable', async () => {
    const { store } = newStore({}, answer({ error: 'boom' }, 500))
    await store.loadServerSources()
    expect(store.problems()).toEqual(['The server’s sources could not be loaded (status 500).'])
    expect(store.list().length).toBe(BUNDLED_SOURCES.length)
  })

  it('skips server entries it cannot read and refuses a browser name a server source has', async () => {
    const { store } = newStore(
      {},
      answer({
        sources: [
          { id: 'team', name: 'Team', dialect: 'piktid', baseUrl: '/api/proxy/team' },
          { id: 'odd', name: 'Odd', dialect: 'piktid', baseUrl: 'https://direct.example' },
        ],
      }),
    )
    await store.loadServerSources()
    expect(store.get('odd')).toBeUndefined()
    expect(store.problems()).toEqual(['The server listed a source this app cannot read; it was skipped.'])
    expect(store.add(draft({ name: 'team' }))).toEqual({
      ok: false,
      errors: { name: 'Another source already has this name.' },
    })
  })
})
