import { z } from 'zod/mini'
import { DIALECTS } from '../shared/source-rules'
import type { Source } from './types'

// The sources configured on the server (VITRINE_SOURCES), as `GET /api/sources` lists them.
// Their credentials stay on the server: the app reaches them through its proxy.

const serverListSchema = z.object({
  sources: z.array(z.unknown()),
})
const serverSourceSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  dialect: z.enum(DIALECTS),
  baseUrl: z.string().check(z.startsWith('/api/proxy/')),
})

interface ServerSources {
  sources: Source[]
  /** Entries that were skipped, or why the list could not be read, in words. */
  problems: string[]
}

/**
 * Reads the server's list. An unchanged source keeps its object from `previous`; when the list
 * cannot be read, `previous` stays and a problem says why. Undefined when `signal` aborted it.
 */
export async function fetchServerSources(
  doFetch: typeof fetch,
  previous: readonly Source[],
  signal?: AbortSignal,
): Promise<ServerSources | undefined> {
  const problems: string[] = []
  const sources: Source[] = []
  try {
    const response = await doFetch('/api/sources', { headers: { accept: 'application/json' }, signal })
    if (!response.ok) throw new Error(`status ${response.status}`)
    const body = serverListSchema.safeParse(await response.json())
    if (!body.success) throw new Error('unexpected answer')
    const known = new Map(previous.map((s) => [s.id, s]))
    for (const entry of body.data.sources) {
      const parsed = serverSourceSchema.safeParse(entry)
      if (!parsed.success) {
        problems.push('The server listed a source this app cannot read; it was skipped.')
        continue
      }
      const before = known.get(parsed.data.id)
      const same =
        before &&
        before.name === parsed.data.name &&
        before.dialect === parsed.data.dialect &&
        before.baseUrl === parsed.data.baseUrl
      sources.push(same ? before : { ...parsed.data, credentials: {}, origin: 'server', revision: 0 })
    }
  } catch (error) {
    if (signal?.aborted) return undefined
    return {
      sources: [...previous],
      problems: [`The server’s sources could not be loaded (${(error as Error).message}).`],
    }
  }
  return { sources, problems }
}
