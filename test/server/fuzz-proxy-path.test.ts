import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseProxyTarget, upstreamUrl } from '../../src/server/proxy'
import type { ServerSource } from '../../src/server/sources-config'

// The proxy's path parser, fuzzed through its exported function: whatever request target
// arrives, it never throws, and what it accepts stays below the source's base URL on the
// source's host: no `..` (plain or encoded), no encoded slash or backslash, no other host.

const BASE = 'https://upstream.example/base'

/** Pieces that have broken path checks before, plain and in every encoding. */
const PIECES = [
  'studio',
  'assets',
  'a1',
  '_media',
  '.',
  '..',
  '...',
  '%2e',
  '%2E',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%c0%ae%c0%ae',
  '%u002e%u002e',
  '..;',
  '..%00',
  '..%20',
  '%2f',
  '%2F',
  '%252f',
  '%5c',
  '%5C',
  '\\',
  '..\\..',
  '/',
  '//',
  '@',
  '%40',
  'user@evil.example',
  'http:',
  'https://evil.example',
  '//evil.example',
  ':',
  '%3a',
  '?',
  '#',
  '%23',
  '%3f',
  ' ',
  '%20',
  '\t',
  '\u0000',
  '%00',
  '%0a',
  '\ud800',
  '%ED%A0%80',
  '\u202e',
  '％２ｅ',
  '．．',
  'ａ',
  '%',
  '%%',
]

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
)
const segments = fc.array(
  fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
  { maxLength: 6 },
)

/** Targets shaped like proxy requests, and some that are not. */
const target = fc.oneof(
  { weight: 8, arbitrary: segments.map((s) => `/api/proxy/${s.join('/')}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(segments, fc.array(piece, { maxLength: 4 }))
      .map(([s, q]) => `/api/proxy/studio/${s.join('/')}?${q.join('&')}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `/api/proxy/${s}`) },
)

function tryDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Whether an accepted target is safe on its own: no dot segment or hidden slash, base kept. */
function checkAccepted(raw: string, rest: string, query: string): void {
  for (const segment of rest.split('/')) {
    // Decoded once and twice: no dot segment, no slash or backslash hidden in a segment.
    for (const decoded of [segment, tryDecode(segment), tryDecode(tryDecode(segment))]) {
      expect(['.', '..'], raw).not.toContain(decoded)
      expect(decoded, raw).not.toMatch(/[/\\]/)
    }
  }
  expect(rest, raw).not.toMatch(/%2f|%5c/i)
  const url = new URL(`${BASE}${rest}${query}`)
  expect(url.host, raw).toBe('upstream.example')
  expect(url.protocol).toBe('https:')
  expect(url.pathname === '/base' || url.pathname.startsWith('/base/'), raw).toBe(true)
  // WHATWG URL parsing would resolve a dot segment; the path must come out as it went in.
  expect(url.pathname.split('/').length, raw).toBe(`/base${rest}`.split('/').length)
}

const source: ServerSource = {
  id: 'studio',
  name: 'Studio',
  dialect: 'piktid',
  baseUrl: new URL(BASE),
  authorization: undefined,
  secrets: [],
  mediaOrigins: [],
  allowPrivateNetwork: false,
}

describe('parseProxyTarget, fuzzed', () => {
  it('never throws, and accepts only paths that stay below the base URL on its host', () => {
    fc.assert(
      fc.property(target, (raw) => {
        const result = parseProxyTarget(raw)
        if (!result.ok) {
          expect(typeof result.reason).toBe('string')
          return
        }
        expect(result.sourceId).not.toBe('')
        checkAccepted(raw, result.rest, result.query)
      }),
      { numRuns: 5000, seed: 12_012 },
    )
  })

  it('with upstreamUrl, never sends a request outside the base URL, a raw `#` included', () => {
    // `/api/proxy/studio/.%2e#` once passed the parser: the `#` ended the path for the URL
    // parser, which then read `.%2e` as `..`. Both checks now stop it on their own.
    fc.assert(
      fc.property(target, (raw) => {
        const result = parseProxyTarget(raw)
        if (!result.ok) return
        const url = upstreamUrl(source, result.rest, result.query)
        if (!url) return
        expect(url.origin, raw).toBe('https://upstream.example')
        expect(url.pathname === '/base' || url.pathname.startsWith('/base/'), raw).toBe(true)
      }),
      { numRuns: 5000, seed: 12_012 },
    )
  })

  it('refuses every spelling of `..` and of an encoded slash', () => {
    for (const dots of ['..', '%2e%2e', '%2E.', '.%2e', '%2e%2E']) {
      expect(parseProxyTarget(`/api/proxy/studio/${dots}/secret`).ok, dots).toBe(false)
      expect(parseProxyTarget(`/api/proxy/studio/a/${dots}`).ok, dots).toBe(false)
    }
    for (const slash of ['%2f', '%2F', '%5c', '%5C', '\\', '%252f']) {
      expect(parseProxyTarget(`/api/proxy/studio/a${slash}b`).ok, slash).toBe(false)
    }
  })
})
