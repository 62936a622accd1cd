import type { ServerSource } from '../sources-config'

// Path rules: which request targets the proxy forwards, and where they land upstream.

const PROXY_PREFIX = '/api/proxy/'

export type ProxyTarget = { ok: true; sourceId: string; rest: string; query: string } | { ok: false; reason: string }

const refuse = (reason: string): ProxyTarget => ({ ok: false, reason })

/**
 * Splits a raw request target (`/api/proxy/{id}/rest?query`, exactly as the client sent it,
 * before any URL normalisation) and refuses anything that could step outside the source's base
 * URL or reach another host.
 */
export function parseProxyTarget(raw: string): ProxyTarget {
  if (!raw.startsWith('/')) return refuse('An absolute URL is not allowed as the request target.')
  const queryAt = raw.indexOf('?')
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt)
  const query = queryAt === -1 ? '' : raw.slice(queryAt)
  if (!path.startsWith(PROXY_PREFIX)) return refuse(`The path must start with ${PROXY_PREFIX}{sourceId}.`)
  const after = path.slice(PROXY_PREFIX.length)
  const slash = after.indexOf('/')
  const sourceId = slash === -1 ? after : after.slice(0, slash)
  const rest = slash === -1 ? '' : after.slice(slash)
  if (sourceId === '') return refuse('The path names no source.')

  const problem = pathProblem(after)
  if (problem) return refuse(problem)
  if (/^\/[a-z][a-z0-9+.-]*:/i.test(rest)) return refuse('An absolute URL is not allowed in the path.')
  if (/[\s#]/.test(query) || hasControlCharacter(query)) {
    return refuse('The query string holds characters that are not allowed.')
  }
  return { ok: true, sourceId, rest, query }
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

function pathProblem(path: string): string | undefined {
  if (hasControlCharacter(path) || /\s/.test(path) || /%(?:[01][0-9a-f]|7f)/i.test(path)) {
    return 'Control characters and spaces are not allowed in the path.'
  }
  // A raw `#` would end the path for a URL parser, which could then resolve what came before it.
  if (path.includes('#')) return 'A raw “#” is not allowed in the path.'
  if (path.includes('\\') || /%5c/i.test(path)) return 'Backslashes are not allowed in the path.'
  if (/%2f/i.test(path)) return 'Encoded slashes (%2F) are not allowed in the path.'
  if (path.includes('//')) return 'Empty path segments (//) are not allowed in the path.'
  if (path.includes('@') || /%40/i.test(path)) return '“@” is not allowed in the path.'
  if (/%25/i.test(path)) return 'Double-encoded characters (%25) are not allowed in the path.'
  const dotSegment = path.split('/').some((segment) => ['.', '..'].includes(segment.replace(/%2e/gi, '.')))
  if (dotSegment) return '“.” and “..” segments are not allowed in the path.'
  return undefined
}

/** The base URL's path without its trailing slash: `/api/piktid`, or '' for an origin. */
export function basePath(source: ServerSource): string {
  return source.baseUrl.pathname.replace(/\/+$/, '')
}

/** The upstream URL for a checked target, or undefined if it would land outside the base. */
export function upstreamUrl(source: ServerSource, rest: string, query: string): URL | undefined {
  const prefix = basePath(source)
  let url: URL
  try {
    url = new URL(`${source.baseUrl.origin}${prefix}${rest}${query}`)
  } catch {
    return undefined
  }
  if (url.origin !== source.baseUrl.origin) return undefined
  if (!(url.pathname === prefix || url.pathname === `${prefix}/` || url.pathname.startsWith(`${prefix}/`))) {
    return undefined
  }
  return url
}
