import { demoCredentials, type DemoUser } from '../shared/source-rules'
import type { SourceConfig } from '../dialects/types'
import { freeSourceId, sameSettings, sourceFromDraft, validateSourceDraft } from './draft'
import { fetchServerSources } from './server-sources'
import { readStoredSources, SOURCE_STORE_KEY, storedDocument, type StoredDemo } from './stored-format'
import type { KeyValueStorage, SaveResult, Source, SourceDraft } from './types'

// The sources the app knows, in one object: the bundled ones, the server's and the browser's
// own, with what the user hid and which demo user each bundled source signs in as. The app
// creates one (main.tsx) and hands it to the routes through the router's context.

export interface SourceStoreOptions {
  storage: KeyValueStorage
  bundled: readonly SourceConfig[]
  /** Fetches `/api/sources`; defaults to the global fetch. */
  fetch?: typeof fetch
}

export interface SourceStore {
  /** Visible sources: bundled, then server, then browser. The same array until something changes. */
  list(): readonly Source[]
  /** Every source, hidden ones included (for the Sources page). */
  all(): readonly Source[]
  /** A source by id, hidden or not (a pasted link to a hidden source still opens). */
  get(id: string): Source | undefined
  /** Like `get`, but waits for the server's sources when the id is not known yet. */
  getLoaded(id: string): Promise<Source | undefined>
  isHidden(id: string): boolean
  /** The demo user a bundled source signs in as (alice unless switched); undefined for others. */
  demoUser(id: string): DemoUser | undefined
  /**
   * Signs a bundled source in as another demo user. Its revision goes up, so pages cached for
   * the previous user are never shown for the new one.
   */
  setDemoUser(id: string, user: DemoUser): void
  /** Validates and adds a browser source; its id comes from its name. */
  add(draft: SourceDraft): SaveResult
  /** Validates and edits a browser source, bumping its revision when anything changed. */
  update(id: string, draft: SourceDraft): SaveResult
  /** Deletes a browser source; bundled and server sources can only be hidden. */
  remove(id: string): boolean
  /** Hides or shows a source in lists (any origin). */
  setHidden(id: string, hidden: boolean): void
  /**
   * Reads the server's sources from `GET /api/sources`; failures become a problem, not a throw.
   * `getLoaded` waits for the latest read (the first one starts when nothing has asked yet).
   */
  loadServerSources(signal?: AbortSignal): Promise<void>
  /** Re-reads storage (another tab changed it), keeping unchanged source objects. */
  reload(): void
  /** Saved entries that were skipped and other non-fatal trouble, in words. */
  problems(): readonly string[]
  subscribe(listener: () => void): () => void
}

export function createSourceStore(options: SourceStoreOptions): SourceStore {
  const { storage } = options
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  const bundledConfigs = options.bundled
  let bundled: Source[] = bundledConfigs.map((s) => ({ ...s, origin: 'bundled', revision: 0 }))
  let demo: Record<string, StoredDemo> = {}
  let server: Source[] = []
  let serverRead: Promise<void> | undefined
  let browser: Source[] = []
  let hidden = new Set<string>()
  let loadProblems: string[] = []
  let serverProblems: string[] = []
  let collisionProblems: string[] = []
  let allCache: readonly Source[] | undefined
  let listCache: readonly Source[] | undefined
  let problemsCache: readonly string[] | undefined
  const listeners = new Set<() => void>()

  const changed = () => {
    allCache = undefined
    listCache = undefined
    problemsCache = undefined
    for (const listener of listeners) listener()
  }

  const persist = () => {
    try {
      storage.setItem(SOURCE_STORE_KEY, JSON.stringify(storedDocument(browser, hidden, demo)))
    } catch {
      loadProblems = [...loadProblems, 'The browser refused to save the sources (storage full or blocked).']
    }
  }

  const load = () => {
    let text: string | null = null
    try {
      text = storage.getItem(SOURCE_STORE_KEY)
    } catch {
      loadProblems = ['The browser does not allow reading saved sources here.']
      return
    }
    const loaded = readStoredSources(text)
    if (loaded.unreadable && text !== null) {
      // Keep what cannot be read beside the store, so the next save does not destroy it.
      try {
        storage.setItem(`${SOURCE_STORE_KEY}.unreadable`, text)
      } catch {
        // Nothing more can be done; the problem is reported below.
      }
    }
    loadProblems = loaded.problems
    const previous = new Map(browser.map((s) => [s.id, s]))
    browser = loaded.document.sources.map((stored) => {
      const before = previous.get(stored.id)
      return before && before.revision === stored.revision && sameSettings(before, stored)
        ? before
        : { ...stored, origin: 'browser' as const }
    })
    hidden = new Set(loaded.document.hidden)
    demo = loaded.document.demo ?? {}
    bundled = bundled.map((before, index) => {
      const config = bundledConfigs[index]!
      const chosen = demo[config.id]
      if (!chosen) return before.revision === 0 ? before : { ...config, origin: 'bundled' as const, revision: 0 }
      if (before.revision === chosen.revision) return before
      return {
        ...config,
        credentials: demoCredentials(config.dialect, chosen.user),
        origin: 'bundled' as const,
        revision: chosen.revision,
      }
    })
  }

  const all = (): readonly Source[] => {
    if (allCache) return allCache
    const seen = new Set<string>()
    const out: Source[] = []
    const collisions: string[] = []
    for (const source of [...bundled, ...server, ...browser]) {
      if (seen.has(source.id)) {
        collisions.push(`“${source.name}” has the same id as another source (“${source.id}”) and is not shown.`)
        continue
      }
      seen.add(source.id)
      out.push(source)
    }
    collisionProblems = collisions
    allCache = out
    return out
  }

  const readServer = async (signal?: AbortSignal) => {
    const read = await fetchServerSources(doFetch, server, signal)
    if (!read) return
    const unchanged = read.sources.length === server.length && read.sources.every((s, i) => s === server[i])
    const problemsSame = read.problems.join('\n') === serverProblems.join('\n')
    server = unchanged ? server : read.sources
    serverProblems = read.problems
    if (!unchanged || !problemsSame) changed()
  }

  load()

  const store: SourceStore = {
    all,
    list() {
      listCache ??= all().filter((s) => !hidden.has(s.id))
      return listCache
    },
    get(id) {
      return all().find((s) => s.id === id)
    },
    async getLoaded(id) {
      const known = store.get(id)
      if (known) return known
      await (serverRead ??= store.loadServerSources())
      return store.get(id)
    },
    isHidden(id) {
      return hidden.has(id)
    },
    demoUser(id) {
      if (!bundledConfigs.some((s) => s.id === id)) return undefined
      return demo[id]?.user ?? 'alice'
    },
    setDemoUser(id, user) {
      const index = bundled.findIndex((s) => s.id === id)
      const current = bundled[index]
      if (!current || store.demoUser(id) === user) return
      const revision = current.revision + 1
      demo = { ...demo, [id]: { user, revision } }
      bundled = bundled.map((s, i) =>
        i === index ? { ...s, credentials: demoCredentials(s.dialect, user), revision } : s,
      )
      persist()
      changed()
    },
    add(draft) {
      const errors = validateSourceDraft(draft, all())
      if (Object.keys(errors).length > 0) return { ok: false, errors }
      const id = freeSourceId(draft.name, new Set(all().map((s) => s.id)))
      const source = sourceFromDraft(id, draft, 1)
      browser = [...browser, source]
      persist()
      changed()
      return { ok: true, source }
    },
    update(id, draft) {
      const current = browser.find((s) => s.id === id)
      if (!current) {
        return { ok: false, errors: { name: 'Only sources added in this browser can be edited here.' } }
      }
      const errors = validateSourceDraft(draft, all(), id)
      if (Object.keys(errors).length > 0) return { ok: false, errors }
      const next = sourceFromDraft(id, draft, current.revision + 1)
      if (sameSettings(next, current)) return { ok: true, source: current }
      browser = browser.map((s) => (s.id === id ? next : s))
      persist()
      changed()
      return { ok: true, source: next }
    },
    remove(id) {
      if (!browser.some((s) => s.id === id)) return false
      browser = browser.filter((s) => s.id !== id)
      hidden.delete(id)
      persist()
      changed()
      return true
    },
    setHidden(id, hide) {
      if (hidden.has(id) === hide || !all().some((s) => s.id === id)) return
      hidden = new Set(hidden)
      if (hide) hidden.add(id)
      else hidden.delete(id)
      persist()
      changed()
    },
    loadServerSources(signal) {
      serverRead = readServer(signal)
      return serverRead
    },
    reload() {
      const before = [...bundled, ...browser]
      const hiddenBefore = [...hidden].join('\n')
      load()
      const after = [...bundled, ...browser]
      const same = before.length === after.length && before.every((s, i) => s === after[i])
      if (!same || hiddenBefore !== [...hidden].join('\n')) changed()
    },
    problems() {
      all()
      problemsCache ??= [...loadProblems, ...serverProblems, ...collisionProblems]
      return problemsCache
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return store
}
