import { z } from 'zod/mini'
import { DEMO_USERS, DIALECTS, isReservedSourceId, type Credentials, type DemoUser } from '../shared/source-rules'
import type { Source } from './types'

// What the browser keeps under SOURCE_STORE_KEY, and how every earlier version of it is read.
// Pure: text in, a current document out; the store does the reading and writing.

export const SOURCE_STORE_KEY = 'vitrine.sources'
export const SOURCE_STORE_VERSION = 2

interface StoredSource {
  id: string
  name: string
  dialect: (typeof DIALECTS)[number]
  baseUrl: string
  credentials: Credentials
  revision: number
}

export interface StoredDocument {
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

export interface StoredDemo {
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

/** The current document for the browser's own sources, the hidden ids and the demo users. */
export function storedDocument(
  browser: readonly Source[],
  hidden: ReadonlySet<string>,
  demo: Record<string, StoredDemo>,
): StoredDocument {
  return {
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
}
