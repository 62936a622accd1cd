// Header rules: what travels upstream with a request, and what comes back to the browser.

/** Request headers a browser may pass upstream. Everything else (Authorization, Cookie,
 * Origin, Referer, hop-by-hop and forwarding headers) stays here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'if-none-match', 'if-modified-since']

export function forwardedRequestHeaders(incoming: Headers, authorization: string | undefined): Headers {
  const out = new Headers()
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.get(name)
    if (value !== null) out.set(name, value)
  }
  // The browser holds the weak form of a validator this server compressed; upstream issued the
  // strong one, and an If-None-Match comparison is weak anyway.
  const ifNoneMatch = out.get('if-none-match')
  if (ifNoneMatch) out.set('if-none-match', ifNoneMatch.replace(/(^|,\s*)W\//g, '$1'))
  out.set('user-agent', 'Vitrine proxy')
  if (authorization) out.set('authorization', authorization)
  return out
}

const PASSED_BACK_HEADERS = new Set([
  'content-type',
  'content-language',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
  'link',
  'retry-after',
  'x-total-count',
  'x-total',
  'x-total-pages',
  'x-page',
  'x-per-page',
  'x-next-page',
  'x-prev-page',
  'x-request-id',
])
const PASSED_BACK_PREFIXES = ['x-ratelimit-', 'x-rate-limit-', 'ratelimit']

/**
 * Response headers a client needs: content type, caching validators, pagination and rate
 * limits. Never Set-Cookie, WWW-Authenticate (a browser would pop up a login box for our
 * origin), CORS or encoding headers (the body is re-encoded here).
 */
export function passedBackHeaders(upstream: Headers, rewrite: (value: string, name: string) => string): Headers {
  const out = new Headers()
  upstream.forEach((value, name) => {
    const lower = name.toLowerCase()
    if (PASSED_BACK_HEADERS.has(lower) || PASSED_BACK_PREFIXES.some((p) => lower.startsWith(p))) {
      out.set(lower, rewrite(value, lower))
    }
  })
  return out
}
