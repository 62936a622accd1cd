import { bidiSafeReviver } from '../shared/bidi'
import { authorizationHeader } from '../shared/source-rules'
import type { SourceConfig } from './types'

/**
 * Why a request got no answer: `timeout` (the server never answered) or `unreachable` (fetch
 * failed: no connection, or the browser blocked reading another origin's answer, CORS).
 */
export type NoAnswer = 'timeout' | 'unreachable'

/** An API answered with an error; `status` 0 means it could not be reached at all (see `noAnswer`). */
export class ApiError extends Error {
  readonly status: number
  readonly details: readonly string[]
  /** The request field the API blamed, when it named one (Vipanya's validation errors). */
  readonly field: string | undefined
  readonly noAnswer: NoAnswer | undefined
  /** Every request parameter the API blamed by name, to drop a stale filter from the URL. */
  readonly fields: readonly string[]

  constructor(
    message: string,
    status: number,
    details: readonly string[] = [],
    field?: string,
    noAnswer?: NoAnswer,
    fields: readonly string[] = field === undefined ? [] : [field],
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.details = details
    this.field = field
    this.noAnswer = noAnswer
    this.fields = fields
  }
}

/**
 * Whether asking again may help, for every retry in the app (queries, list windows, verdicts):
 * a 4xx will not get better by asking again; a dropped connection or a 5xx may.
 */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError && error.status >= 400 && error.status < 500)
}

/** Builds `baseUrl + path`, keeping the base URL's own path (`/api/piktid` + `/assets`). */
export function apiUrl(source: SourceConfig, path: string, query?: URLSearchParams): URL {
  const base = new URL(source.baseUrl, globalThis.location?.origin ?? 'http://localhost')
  const url = new URL(base.pathname.replace(/\/$/, '') + path, base)
  if (query) url.search = query.toString().replace(/%2C/gi, ',')
  return url
}

export async function requestJson(
  source: SourceConfig,
  url: URL,
  init: RequestInit & { signal: AbortSignal },
  describeError: (status: number, body: unknown) => ApiError,
): Promise<unknown> {
  const headers = new Headers(init.headers)
  headers.set('Accept', 'application/json')
  const authorization = authorizationHeader(source.dialect, source.credentials)
  if (authorization) headers.set('Authorization', authorization)
  // A server that accepts the connection but never answers must not leave a spinner forever.
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  const signal = AbortSignal.any([init.signal, timeout])
  try {
    const response = await fetch(url, { ...init, headers, signal })
    // Every string an API answers with loses its bidi controls here, once for every view.
    const body: unknown = await response
      .text()
      .then((text) => JSON.parse(text, bidiSafeReviver) as unknown)
      .catch(() => null)
    if (!response.ok) throw describeError(response.status, body)
    return body
  } catch (error) {
    if (error instanceof ApiError || init.signal.aborted) throw error
    if (timeout.aborted || (error as { name?: unknown } | null)?.name === 'TimeoutError') {
      throw new ApiError(
        `${source.name} did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds. It may be overloaded; retry in a moment.`,
        0,
        [],
        undefined,
        'timeout',
      )
    }
    throw new ApiError(
      `Could not reach ${source.name} at ${url.origin}. Check your connection and the source's address.`,
      0,
      [],
      undefined,
      'unreachable',
    )
  }
}

const REQUEST_TIMEOUT_MS = 30_000

export function statusMessage(status: number, sourceName: string): string {
  if (status === 401) return `${sourceName} rejected the credentials: the token is missing, wrong or expired.`
  if (status === 403) return `${sourceName} does not allow this with the current token.`
  if (status === 404) return 'Not found: it may have been deleted, or you may not have access to it.'
  if (status === 429) return `${sourceName} is rate limiting requests. Wait a moment and retry.`
  if (status >= 500) return `${sourceName} had a server error (${status}). Retry in a moment.`
  return `${sourceName} refused the request (${status}).`
}

/** Query parameters from URL-shaped search values; a list repeats its parameter. */
export function queryOf(search: Readonly<Record<string, string | readonly string[]>>): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(search)) {
    for (const one of typeof value === 'string' ? [value] : value) params.append(key, one)
  }
  return params
}
