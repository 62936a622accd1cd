import { z } from 'zod/mini'
import {
  CREDENTIAL_FIELDS,
  DEMO_USERS,
  DIALECTS,
  demoCredentials,
  isDialect,
  isReservedSourceId,
  missingCredentials,
  type Credentials,
  type DemoUser,
} from '../shared/source-rules'
import type { SourceConfig } from './types'

// Every source the app can browse: bundled with the app, configured on the server (reached
// through its proxy), or added in this browser (kept in localStorage, never in a URL).

export type SourceOrigin = 'bundled' | 'server' | 'browser'

/** A source as the app uses it. The same object is handed out until the source is edited. */
export interface Source extends SourceConfig {
  origin: SourceOrigin
  /** Bumped on every edit; part of query keys so an edited source never shows old pages. */
  revision: number
}

/** What a user types into the source form. */
export interface SourceDraft {
  name: string
  dialect: string
  baseUrl: string
  credentials: Credentials
}

export type SourceField = 'name' | 'dialect' | 'baseUrl' | keyof Credentials
export type SourceFieldErrors = Partial<Record<SourceField, string>>
export type SaveResult = { ok: true; source: Source } | { ok: false; errors: SourceFieldErrors }

export const SOURCE_STORE_KEY = 'vitrine.sources'
export const SOURCE_STORE_VERSION = 2

/** The smallest slice of the Storage API the store needs (localStorage, or a map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

// ---------------------------------------------------------------------------------------------
// Stored format and migrations

interface StoredSource {
  id: string
  name: string
  dialect: (typeof DIALECTS)[number]
  baseUrl: string
  credentials: Credentials
  revision: number
}

interface StoredDocument {
  version: typeof SOURCE_STORE_VERSION
  sources: StoredSource[]
  /** Ids of bundled or server sources the user hid. */
  hidden: string[]
  /**
   * Which demo user each bundled source signs in as, when not the default (alice), and the
   * revision that switch gave it. Optional: documents written before it read as all alice.
   */
  demo?: Record<string, StoredDemo>
}

interface StoredDemo {
  user: DemoUser
  revision: number
}

const storedDemoSchema = z.object({ user: z.enum(DEMO_USERS), revision: z.number().check(z.int(), z.nonnegative()) })

const credentialsSchema = z.object({
  token: z.optional(z.string()),
  apiKey: z.optional(z.string()),
  apiSecret: z.optional(z.string()),
})

const storedSourceSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  dialect: z.enum(DIALECTS),
  baseUrl: z.string().check(z.minLength(1)),
  credentials: credentialsSchema,
  revision: z.number().check(z.int(), z.positive()),
})

/** Version 1 kept a single bearer token beside each source and had no revisions or hiding. */
const v1SourceSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  dialect: z.enum(DIALECTS),
  baseUrl: z.string().check(z.minLength(1)),
  token: z.optional(z.string()),
})

export interface LoadedSources {
  document: StoredDocument
  /** Entries that could not be read, in words (never with a credential). */
  problems: string[]
  /** True when the stored text could not be used at all and should be kept aside, not overwritten. */
  unreadable: boolean
}

function describeEntry(raw: unknown, index: number): string {
  const name = raw && typeof raw === 'object' && 'name' in raw && typeof raw.name === 'string' ? raw.name : undefined
  return name ? `Saved source ${index + 1} (“${name}”)` : `Saved source ${index + 1}`
}

function fromV1(raw: unknown): StoredSource | undefined {
  const parsed = v1SourceSchema.safeParse(raw)
  if (!parsed.success) return undefined
  const { token, ...rest } = parsed.data
  const dialect = rest.dialect
  // Version 1 only knew bearer tokens; Vipanya sends its API key as one.
  const credentials: Credentials = dialect === 'vipanya' ? { apiKey: token } : { token }
  return { ...rest, credentials, revision: 1 }
}

/**
 * Reads whatever a previous version stored under SOURCE_STORE_KEY and brings it to the current
 * format. Never throws: unreadable entries are skipped and reported.
 */
export function readStoredSources(text: string | null): LoadedSources {
  const empty: StoredDocument = { version: SOURCE_STORE_VERSION, sources: [], hidden: [] }
  if (text === null) return { document: empty, problems: [], unreadable: false }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return {
      document: empty,
      problems: ['The saved sources could not be read (not valid JSON); they were set aside.'],
      unreadable: true,
    }
  }
  // The first format was a bare array of version-1 entries.
  if (Array.isArray(raw)) raw = { version: 1, sources: raw }
  if (!raw || typeof raw !== 'object' || !('version' in raw) || typeof raw.version !== 'number') {
    return {
      document: empty,
      problems: ['The saved sources are in an unknown format; they were set aside.'],
      unreadable: true,
    }
  }
  if (raw.version > SOURCE_STORE_VERSION) {
    return {
      document: empty,
      problems: ['The saved sources were written by a newer version of Vitrine; they were set aside.'],
      unreadable: true,
    }
  }

  const problems: string[] = []
  const entries = 'sources' in raw && Array.isArray(raw.sources) ? (raw.sources as unknown[]) : []
  const read = raw.version === 1 ? fromV1 : (entry: unknown) => storedSourceSchema.safeParse(entry).data
  const sources: StoredSource[] = []
  const ids = new Set<string>()
  entries.forEach((entry, index) => {
    const source = read(entry)
    if (!source) {
      problems.push(`${describeEntry(entry, index)} is damaged and was skipped.`)
    } else if (ids.has(source.id) || isReservedSourceId(source.id)) {
      problems.push(`${describeEntry(entry, index)} repeats or reuses the id “${source.id}” and was skipped.`)
    } else {
      ids.add(source.id)
      sources.push(source)
    }
  })
  const hiddenRaw = 'hidden' in raw && Array.isArray(raw.hidden) ? raw.hidden : []
  const hidden = hiddenRaw.filter((id): id is string => typeof id === 'string')
  const demo: Record<string, StoredDemo> = {}
  const demoRaw: unknown = 'demo' in raw ? raw.demo : undefined
  if (demoRaw && typeof demoRaw === 'object') {
    for (const [id, entry] of Object.entries(demoRaw)) {
      const parsed = storedDemoSchema.safeParse(entry)
      if (parsed.success) demo[id] = parsed.data
    }
  }
  return { document: { version: SOURCE_STORE_VERSION, sources, hidden, demo }, problems, unreadable: false }
}

// ---------------------------------------------------------------------------------------------
// Validation

/** The id a new source gets from its name: `My Scenario team` → `my-scenario-team`. */
export function sourceIdFor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
}

function baseUrlError(value: string): string | undefined {
  const text = value.trim()
  if (text === '') return 'Enter the API’s base URL, such as https://api.example.com/v1.'
  let url: URL
  try {
    url = new URL(text, text.startsWith('/') ? 'http://same-origin.invalid' : undefined)
  } catch {
    return 'This is not a URL. Start with https:// (or / for this server).'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an http:// or https:// URL.'
  if (url.username || url.password) return 'Put credentials in their own fields, not in the URL.'
  if (url.search || url.hash) return 'Leave out the query string and fragment; give only the base URL.'
  return undefined
}

/**
 * Checks a draft against the sources that exist (`editingId` is the one being edited). Returns
 * one message per bad field; an empty object means the draft can be saved.
 */
export function validateSourceDraft(
  draft: SourceDraft,
  existing: readonly Source[],
  editingId?: string,
): SourceFieldErrors {
  const errors: SourceFieldErrors = {}
  const name = draft.name.trim()
  const others = existing.filter((s) => s.id !== editingId)
  if (name === '') errors.name = 'Give the source a name.'
  else if (name.length > 80) errors.name = 'Keep the name to 80 characters or fewer.'
  else if (others.some((s) => s.name.trim().toLowerCase() === name.toLowerCase())) {
    errors.name = 'Another source already has this name.'
  } else if (editingId === undefined) {
    const id = sourceIdFor(name)
    if (id === '') errors.name = 'Use at least one letter or digit in the name.'
    else if (isReservedSourceId(id)) errors.name = `“${id}” is reserved by the app; choose another name.`
  }

  if (!isDialect(draft.dialect)) errors.dialect = `Choose one of ${DIALECTS.join(', ')}.`
  const urlError = baseUrlError(draft.baseUrl)
  if (urlError) errors.baseUrl = urlError
  if (isDialect(draft.dialect)) Object.assign(errors, missingCredentials(draft.dialect, draft.credentials))
  return errors
}

/** Only the fields the dialect uses, trimmed. */
function cleanCredentials(dialect: (typeof DIALECTS)[number], credentials: Credentials): Credentials {
  const out: Credentials = {}
  for (const field of CREDENTIAL_FIELDS[dialect]) {
    const value = credentials[field]?.trim()
    if (value) out[field] = value
  }
  // Scenario: a key and secret win over a token; keep only the pair then.
  if (dialect === 'scenario' && out.apiKey && out.apiSecret) delete out.token
  return out
}

// ---------------------------------------------------------------------------------------------
// The store

const serverListSchema = z.object({
  sources: z.array(z.unknown()),
})
const serverSourceSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  dialect: z.enum(DIALECTS),
  baseUrl: z.string().check(z.startsWith('/api/proxy/')),
})

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
  /** Reads the server's sources from `GET /api/sources`; failures become a problem, not a throw. */
  loadServerSources(signal?: AbortSignal): Promise<void>
  /** Re-reads storage (another tab changed it), keeping unchanged source objects. */
  reload(): void
  /** Saved entries that were skipped and other non-fatal trouble, in words. */
  problems(): readonly string[]
  subscribe(listener: () => void): () => void
}

function sameStored(source: Source, stored: StoredSource): boolean {
  return (
    source.revision === stored.revision &&
    source.name === stored.name &&
    source.dialect === stored.dialect &&
    source.baseUrl === stored.baseUrl &&
    JSON.stringify(source.credentials) === JSON.stringify(stored.credentials)
  )
}

export function createSourceStore(options: SourceStoreOptions): SourceStore {
  const { storage } = options
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  const bundledConfigs = options.bundled
  let bundled: Source[] = bundledConfigs.map((s) => ({ ...s, origin: 'bundled', revision: 0 }))
  let demo: Record<string, StoredDemo> = {}
  let server: Source[] = []
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
    const document: StoredDocument = {
      version: SOURCE_STORE_VERSION,
      sources: browser.map(({ id, name, dialect, baseUrl, credentials, revision }) => ({
        id,
        name,
        dialect,
        baseUrl,
        credentials,
        revision,
      })),
      hidden: [...hidden],
      demo,
    }
    try {
      storage.setItem(SOURCE_STORE_KEY, JSON.stringify(document))
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
      return before && sameStored(before, stored) ? before : { ...stored, origin: 'browser' as const }
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

  const toSource = (id: string, draft: SourceDraft, revision: number): Source => {
    const dialect = draft.dialect as (typeof DIALECTS)[number]
    return {
      id,
      name: draft.name.trim(),
      dialect,
      baseUrl: draft.baseUrl.trim().replace(/\/+$/, ''),
      credentials: cleanCredentials(dialect, draft.credentials),
      origin: 'browser',
      revision,
    }
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
      const base = sourceIdFor(draft.name)
      const taken = new Set(all().map((s) => s.id))
      let id = base
      for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, 44)}-${n}`
      const source = toSource(id, draft, 1)
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
      const next = toSource(id, draft, current.revision + 1)
      const same =
        next.name === current.name &&
        next.dialect === current.dialect &&
        next.baseUrl === current.baseUrl &&
        JSON.stringify(next.credentials) === JSON.stringify(current.credentials)
      if (same) return { ok: true, source: current }
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
    async loadServerSources(signal) {
      const problems: string[] = []
      let next: Source[] = []
      try {
        const response = await doFetch('/api/sources', { headers: { accept: 'application/json' }, signal })
        if (!response.ok) throw new Error(`status ${response.status}`)
        const body = serverListSchema.safeParse(await response.json())
        if (!body.success) throw new Error('unexpected answer')
        const previous = new Map(server.map((s) => [s.id, s]))
        for (const entry of body.data.sources) {
          const parsed = serverSourceSchema.safeParse(entry)
          if (!parsed.success) {
            problems.push('The server listed a source this app cannot read; it was skipped.')
            continue
          }
          const before = previous.get(parsed.data.id)
          const same =
            before &&
            before.name === parsed.data.name &&
            before.dialect === parsed.data.dialect &&
            before.baseUrl === parsed.data.baseUrl
          next.push(same ? before : { ...parsed.data, credentials: {}, origin: 'server', revision: 0 })
        }
      } catch (error) {
        if (signal?.aborted) return
        problems.push(`The server’s sources could not be loaded (${(error as Error).message}).`)
        next = server
      }
      const unchanged = next.length === server.length && next.every((s, i) => s === server[i])
      const problemsSame = problems.join('\n') === serverProblems.join('\n')
      server = next
      serverProblems = problems
      if (!unchanged || !problemsSame) changed()
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

/** A Storage that works everywhere: localStorage when the browser allows it, else memory. */
export function browserStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage
    if (storage) return storage
  } catch {
    // Access can throw (storage disabled); fall through to memory.
  }
  const memory = new Map<string, string>()
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
  }
}
