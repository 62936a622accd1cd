import { ApiError } from '../dialects/http'
import { loadAdapter } from '../dialects/sources'
import type { SourceConfig } from '../dialects/types'

// What went wrong with a source, in one place: the Test button on the Sources page, the notice
// on a source's own pages and the mark in the source switcher all read these outcomes.

export type SourceCheck =
  | { outcome: 'reachable'; count: number; total: number | null; more: boolean }
  | { outcome: 'credentials'; status: 401 | 403 }
  | { outcome: 'not-found' }
  | { outcome: 'blocked' }
  | { outcome: 'unreachable' }
  | { outcome: 'timeout' }
  | { outcome: 'failed'; status: number; message: string }

export type SourceFailure = Exclude<SourceCheck, { outcome: 'reachable' }>

/** Whether a request to `baseUrl` leaves this page's origin (the browser then applies CORS). */
function isCrossOrigin(baseUrl: string): boolean {
  const here = globalThis.location?.origin
  if (!here) return false
  try {
    return new URL(baseUrl, here).origin !== here
  } catch {
    return false
  }
}

/** Sorts any error from a source's adapter into an outcome. */
export function classifyFailure(error: unknown, source: Pick<SourceConfig, 'baseUrl'>): SourceFailure {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return { outcome: 'credentials', status: error.status }
    if (error.status === 404) return { outcome: 'not-found' }
    if (error.noAnswer === 'timeout') return { outcome: 'timeout' }
    if (error.noAnswer === 'unreachable') {
      // note: fetch reports a CORS refusal and a dead host with the same TypeError; across
      // origins the refusal is by far the likelier, since vendor APIs rarely allow browsers.
      return isCrossOrigin(source.baseUrl) ? { outcome: 'blocked' } : { outcome: 'unreachable' }
    }
    return { outcome: 'failed', status: error.status, message: error.message }
  }
  return { outcome: 'failed', status: 0, message: error instanceof Error ? error.message : 'Something went wrong.' }
}

/** True for a 401/403: the source is there but refuses its credentials. */
export function isCredentialFailure(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403)
}

/** Sends one small list request through the source's adapter and sorts out what came back. */
export async function checkSource(source: SourceConfig, signal: AbortSignal): Promise<SourceCheck> {
  try {
    const adapter = await loadAdapter(source)
    const page = adapter.probe
      ? await adapter.probe(signal)
      : await adapter.listAssets(adapter.filters.parse({}), adapter.initialPageParam, signal)
    return {
      outcome: 'reachable',
      count: page.items.length,
      total: page.total,
      more: page.nextPageParam !== undefined,
    }
  } catch (error) {
    if (signal.aborted) throw error
    return classifyFailure(error, source)
  }
}

const count = (n: number) => n.toLocaleString('en-US')

/** What a credential is called in a dialect, for messages. */
function credentialWords(source: Pick<SourceConfig, 'dialect' | 'credentials'>): string {
  if (source.dialect === 'vipanya') return 'API key'
  if (source.dialect === 'scenario' && source.credentials.apiKey) return 'API key and secret'
  return 'token'
}

/** The outcome of a check in words a user acts on. Never holds a credential. */
export function describeCheck(check: SourceCheck, source: Pick<SourceConfig, 'dialect' | 'credentials' | 'baseUrl'>) {
  switch (check.outcome) {
    case 'reachable': {
      if (check.total !== null) {
        return check.total === 0
          ? 'Reachable, but there are no assets these credentials can see.'
          : `Reachable: ${count(check.total)} ${check.total === 1 ? 'asset' : 'assets'}.`
      }
      if (check.count === 0) return 'Reachable, but there are no assets these credentials can see.'
      return `Reachable: ${count(check.count)}${check.more ? '+' : ''} assets${check.more ? ' (the API does not say how many in all)' : ''}.`
    }
    case 'credentials':
      return check.status === 401
        ? `Wrong credentials (401): the server did not accept the ${credentialWords(source)}. Check it and try again.`
        : `Wrong credentials (403): the ${credentialWords(source)} is known but may not list assets. Use one with read access.`
    case 'not-found':
      return 'Not found (404): nothing answers at this base URL. Check the address, including its path (such as /v1).'
    case 'blocked':
      return `Blocked by the browser: ${originOf(source.baseUrl)} does not let this page read its answers (CORS), or it is down. Vendor APIs usually refuse browsers; configure it as a server-side source (VITRINE_SOURCES) to browse it through this server.`
    case 'unreachable':
      return `Could not reach ${originOf(source.baseUrl)}. Check the address and your connection.`
    case 'timeout':
      return 'Timed out: the server did not answer in time. It may be down or overloaded; try again later.'
    case 'failed':
      return check.status > 0 ? `The server answered with an error (${check.status}): ${check.message}` : check.message
  }
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl, globalThis.location?.origin).origin
  } catch {
    return 'the server'
  }
}
