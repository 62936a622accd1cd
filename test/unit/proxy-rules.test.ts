import { describe, expect, it } from 'vitest'
import {
  forwardedRequestHeaders,
  mediaPath,
  parseProxyTarget,
  passedBackHeaders,
  redact,
  rewriteJsonLinks,
  rewriteLinkHeader,
  upstreamUrl,
  verifyMediaSignature,
} from '../../src/server/proxy'
import type { ServerSource } from '../../src/server/sources-config'

const source: ServerSource = {
  id: 'studio',
  name: 'Studio PiktID',
  dialect: 'piktid',
  baseUrl: new URL('https://vendor.example/api/piktid'),
  authorization: 'Bearer s3cret-token',
  secrets: ['s3cret-token'],
  mediaOrigins: ['https://cdn.vendor-images.example'],
  allowPrivateNetwork: false,
}
const KEY = 'signing-key'

describe('proxy path rules', () => {
  it('splits a target into source id, path below the base and the untouched query', () => {
    expect(parseProxyTarget('/api/proxy/studio/assets?include_tags=model,product&page=2')).toEqual({
      ok: true,
      sourceId: 'studio',
      rest: '/assets',
      query: '?include_tags=model,product&page=2',
    })
    expect(parseProxyTarget('/api/proxy/studio')).toEqual({ ok: true, sourceId: 'studio', rest: '', query: '' })
  })

  it.each([
    ['dot-dot segment', '/api/proxy/studio/../admin', /“\.” and “\.\.”/],
    ['dot-dot at the end', '/api/proxy/studio/assets/..', /“\.” and “\.\.”/],
    ['encoded dot-dot', '/api/proxy/studio/%2e%2E/admin', /“\.” and “\.\.”/],
    ['half-encoded dot-dot', '/api/proxy/studio/.%2e/admin', /“\.” and “\.\.”/],
    ['single dot segment', '/api/proxy/studio/./assets', /“\.” and “\.\.”/],
    ['encoded slash (upper)', '/api/proxy/studio/assets%2F..%2Fadmin', /Encoded slashes/],
    ['encoded slash (lower)', '/api/proxy/studio/a%2fb', /Encoded slashes/],
    ['backslash', '/api/proxy/studio/..\\admin', /Backslashes/],
    ['encoded backslash', '/api/proxy/studio/a%5Cb', /Backslashes/],
    ['protocol-relative', '/api/proxy/studio//evil.example/x', /Empty path segments/],
    ['absolute URL in the path', '/api/proxy/studio/https://evil.example/x', /Empty path segments/],
    ['scheme in the first segment', '/api/proxy/studio/https:evil.example', /absolute URL/],
    ['absolute request target', 'http://evil.example/api/proxy/studio/assets', /absolute URL/],
    ['@ in the path', '/api/proxy/studio/@evil.example/x', /“@”/],
    ['encoded @', '/api/proxy/studio/%40evil.example', /“@”/],
    ['double encoding', '/api/proxy/studio/%252e%252e/admin', /Double-encoded/],
    ['NUL byte', '/api/proxy/studio/assets%00.json', /Control characters/],
    ['no source', '/api/proxy/', /names no source/],
  ])('refuses a %s', (_name, target, reason) => {
    const result = parseProxyTarget(target)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(reason)
  })

  it('keeps a dot inside a file name and percent-encoded text in segments', () => {
    expect(parseProxyTarget('/api/proxy/studio/assets/a.b..c%20d')).toMatchObject({
      ok: true,
      rest: '/assets/a.b..c%20d',
    })
  })

  it('builds the upstream URL below the base path, keeping the query byte for byte', () => {
    const url = upstreamUrl(source, '/assets', '?include_tags=model,product&search=red%20dress')
    expect(url?.href).toBe('https://vendor.example/api/piktid/assets?include_tags=model,product&search=red%20dress')
    expect(upstreamUrl(source, '', '')?.href).toBe('https://vendor.example/api/piktid')
  })

  it('keeps an origin-only base URL on its origin', () => {
    const gumnut = { ...source, baseUrl: new URL('https://api.gumnut.example') }
    expect(upstreamUrl(gumnut, '/api/assets', '?limit=5')?.href).toBe('https://api.gumnut.example/api/assets?limit=5')
  })
})

describe('proxy header rules', () => {
  it('never forwards the browser’s Authorization, Cookie, Origin or hop-by-hop headers, and adds the source’s', () => {
    const incoming = new Headers({
      authorization: 'Bearer browser-token',
      cookie: 'session=abc',
      origin: 'https://other.example',
      referer: 'https://other.example/page',
      connection: 'keep-alive, x-secret',
      'x-secret': '1',
      'proxy-authorization': 'Basic eA==',
      'x-forwarded-for': '10.0.0.1',
      host: 'vitrine.example',
      accept: 'application/json',
      'content-type': 'application/json',
      'if-none-match': '"abc"',
    })
    const out = forwardedRequestHeaders(incoming, source.authorization)
    expect(Object.fromEntries(out)).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'if-none-match': '"abc"',
      'user-agent': 'Vitrine proxy',
      authorization: 'Bearer s3cret-token',
    })
  })

  it('passes back content type, validators, pagination and rate-limit headers, and drops cookies, auth challenges and CORS', () => {
    const upstream = new Headers({
      'content-type': 'application/json',
      etag: '"v1"',
      'retry-after': '30',
      link: '<https://vendor.example/api/piktid/assets?page=2>; rel="next"',
      'x-total-count': '1234',
      'x-ratelimit-remaining': '9',
      'ratelimit-reset': '60',
      'set-cookie': 'vendor=1',
      'www-authenticate': 'Basic realm="vendor"',
      'access-control-allow-origin': '*',
      'content-encoding': 'gzip',
      'content-length': '10',
      server: 'vendor/1.0',
    })
    const out = passedBackHeaders(upstream, (v) => v)
    expect([...out.keys()].sort()).toEqual(
      [
        'content-type',
        'etag',
        'link',
        'ratelimit-reset',
        'retry-after',
        'x-ratelimit-remaining',
        'x-total-count',
      ].sort(),
    )
  })

  it('redacts every occurrence of a secret', () => {
    expect(redact('token s3cret-token is invalid (s3cret-token)', source.secrets)).toBe(
      'token [redacted] is invalid ([redacted])',
    )
  })
})

describe('media and link rewriting', () => {
  it('turns media on the upstream’s origin but outside the base into signed _media links holding only the path', () => {
    const out = rewriteJsonLinks(
      { assets: [{ url: '/media/original/ab.jpg?s=x', thumbnail_small: 'https://vendor.example/media/t/ab.webp' }] },
      source,
      KEY,
    ) as { assets: { url: string; thumbnail_small: string }[] }
    const first = out.assets[0]
    expect(first?.url).toBe(mediaPath(KEY, 'studio', '/media/original/ab.jpg?s=x'))
    expect(first?.url).toMatch(/^\/api\/proxy\/studio\/_media\?u=%2Fmedia%2Foriginal%2Fab\.jpg%3Fs%3Dx&s=[\w-]{32}$/)
    expect(first?.thumbnail_small).toBe(mediaPath(KEY, 'studio', '/media/t/ab.webp'))
    // The upstream's address never reaches the browser.
    expect(JSON.stringify(out)).not.toContain('vendor.example')
  })

  it('turns links below the base into plain proxy paths', () => {
    expect(rewriteJsonLinks({ next: 'https://vendor.example/api/piktid/assets?page=3' }, source, KEY)).toEqual({
      next: '/api/proxy/studio/assets?page=3',
    })
    expect(rewriteLinkHeader('<https://vendor.example/api/piktid/assets?page=2>; rel="next"', source, KEY)).toBe(
      '</api/proxy/studio/assets?page=2>; rel="next"',
    )
  })

  it('carries CDN images through the proxy but leaves external video links and plain text alone', () => {
    const out = rewriteJsonLinks(
      {
        thumbnail: { url: 'https://cdn.vendor-images.example/t/1.webp' },
        external_url: 'https://www.youtube.com/watch?v=abc',
        title: '/not/a/link/field',
        website: 'https://vendor.example.org',
      },
      source,
      KEY,
    ) as Record<string, unknown>
    expect((out.thumbnail as { url: string }).url).toBe(
      mediaPath(KEY, 'studio', 'https://cdn.vendor-images.example/t/1.webp'),
    )
    expect(out.external_url).toBe('https://www.youtube.com/watch?v=abc')
    expect(out.title).toBe('/not/a/link/field')
    expect(out.website).toBe('https://vendor.example.org')
  })

  it('signs media links per source, so one source’s link is refused for another', () => {
    const link = new URL(mediaPath(KEY, 'studio', 'https://vendor.example/media/x.jpg'), 'http://h')
    const u = link.searchParams.get('u') ?? ''
    const s = link.searchParams.get('s') ?? ''
    expect(verifyMediaSignature(KEY, 'studio', u, s)).toBe(true)
    expect(verifyMediaSignature(KEY, 'other', u, s)).toBe(false)
    expect(verifyMediaSignature(KEY, 'studio', 'https://vendor.example/media/y.jpg', s)).toBe(false)
    expect(verifyMediaSignature('another-key', 'studio', u, s)).toBe(false)
  })
})
