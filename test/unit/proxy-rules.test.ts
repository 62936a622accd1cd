import { describe, expect, it } from 'vitest'
import { gumnutAsset } from '../fixtures/gumnut'
import { wireAsset } from '../fixtures/piktid'
import { wireImage } from '../fixtures/piktid-gallery'
import { vipanyaPdf } from '../fixtures/vipanya'
import {
  forwardedRequestHeaders,
  isLinkKey,
  isPrivateAddress,
  mediaPath,
  parseProxyTarget,
  passedBackHeaders,
  redact,
  rewriteJsonLinks,
  rewriteLinkHeader,
  upstreamUrl,
  verifyMediaSignature,
  type ResolveHost,
} from '../../src/server/proxy'
import { bytesCarrySecret, secretMatcher } from '../../src/server/proxy/secrets'
import { vetHost } from '../../src/server/proxy/transport'
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
    ['a raw # after a half-encoded dot-dot', '/api/proxy/studio/.%2e#', /raw “#”/],
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

describe('which keys hold links', () => {
  it.each([
    'url',
    'thumbnail_small',
    'thumbnail_big',
    'thumbnail',
    'full_size',
    'download_url',
    'thumbnail_face_url',
    'file_path',
    'thumbnail_path',
    'external_url',
    'cdn_image',
    'downloadUrl',
    'href',
    'src',
    'next',
  ])('%s may hold a link', (key) => {
    expect(isLinkKey(key)).toBe(true)
  })

  it.each([
    'filename',
    'original_filename',
    'download_filename',
    'original_file_name',
    'originalFileName',
    'name',
    'project_name',
    'title',
    'description',
    'styling_note',
    'feedback_comment',
    'error_message',
    'image_title',
    'alt_text',
    'prompt',
    'nextPaginationToken',
    'slug',
    'id',
  ])('%s never does', (key) => {
    expect(isLinkKey(key)).toBe(false)
  })
})

describe('names and free text are never links', () => {
  const tricky = ['https://evil.example/x.jpg', '/assets/x', 'https://vendor.example/media/x.jpg', '/api/piktid/assets']

  it.each(tricky)('leaves PiktID and Vipanya names holding %s byte for byte', (text) => {
    const page = {
      assets: [
        wireAsset(1, {
          filename: text,
          styling_note: text,
          project: { project_id: 1, project_name: text, project_key: text },
        }),
      ],
    }
    const gallery = {
      projects: [
        {
          project_id: 1,
          project_name: text,
          project_key: 'K',
          images: [{ ...wireImage(0, 0), original_filename: text, download_filename: text, error_message: text }],
        },
      ],
    }
    const vipanya = { success: true, data: [vipanyaPdf({ title: text, description: text, slug: text })] }
    const gumnut = { ...gumnutAsset, original_file_name: text }

    const asset = (rewriteJsonLinks(page, source, KEY) as typeof page).assets[0]
    expect(asset?.filename).toBe(text)
    expect(asset?.styling_note).toBe(text)
    expect(asset?.project).toEqual({ project_id: 1, project_name: text, project_key: text })
    // The links beside them are still carried through the proxy.
    expect(asset?.url.startsWith('/api/proxy/studio/_media?')).toBe(true)

    const image = (rewriteJsonLinks(gallery, source, KEY) as typeof gallery).projects[0]
    expect(image?.project_name).toBe(text)
    expect(image?.images[0]?.original_filename).toBe(text)
    expect(image?.images[0]?.download_filename).toBe(text)
    expect(image?.images[0]?.error_message).toBe(text)
    expect(image?.images[0]?.inputs[0]?.full_size?.startsWith('/api/proxy/studio/_media?')).toBe(true)

    const file = (rewriteJsonLinks(vipanya, source, KEY) as typeof vipanya).data[0]
    expect([file?.title, file?.description, file?.slug]).toEqual([text, text, text])
    expect(file?.file_path?.startsWith('/api/proxy/studio/_media?')).toBe(true)

    expect((rewriteJsonLinks(gumnut, source, KEY) as typeof gumnut).original_file_name).toBe(text)
  })

  it('rewrites only values that are links: an http(s) URL or a path from the origin', () => {
    const out = rewriteJsonLinks(
      {
        url: 'look 1.jpg',
        thumbnail: 'data:image/png;base64,AAAA',
        preview: 'javascript:alert(1)',
        src: '//vendor.example/x.jpg',
        image: '/media/a b.jpg',
        link: 'ftp://vendor.example/x',
      },
      source,
      KEY,
    )
    expect(out).toEqual({
      url: 'look 1.jpg',
      thumbnail: 'data:image/png;base64,AAAA',
      preview: 'javascript:alert(1)',
      src: '//vendor.example/x.jpg',
      image: '/media/a b.jpg',
      link: 'ftp://vendor.example/x',
    })
  })
})

describe('only allowed hosts are signed', () => {
  it('leaves links on hosts the source does not list untouched, even under image keys', () => {
    const links = {
      thumbnail: 'https://elsewhere.example/t.webp',
      image: 'http://127.0.0.1:9/internal',
      url: 'http://169.254.169.254/latest/meta-data/',
      download_url: 'https://vendor.example.evil.example/x.jpg',
      src: 'http://vendor.example/x.jpg',
    }
    expect(rewriteJsonLinks(links, source, KEY)).toEqual(links)
  })

  it('signs a listed media host, but not under a key for links to show rather than fetch', () => {
    const out = rewriteJsonLinks(
      {
        thumbnail_url: 'https://cdn.vendor-images.example/t.webp',
        external_url: 'https://cdn.vendor-images.example/page',
      },
      source,
      KEY,
    ) as Record<string, string>
    expect(out.thumbnail_url).toBe(mediaPath(KEY, 'studio', 'https://cdn.vendor-images.example/t.webp'))
    expect(out.external_url).toBe('https://cdn.vendor-images.example/page')
  })
})

describe('private addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.5',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::10.0.0.1',
    '2002:0a00:0001::1',
    'ff02::1',
    '2001:db8::1',
    'not an address',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true)
  })

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false)
  })

  const resolving =
    (table: Record<string, string[]>): ResolveHost =>
    async (hostname) => {
      const addresses = table[hostname]
      if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
    }

  it('refuses a host when any address it resolves to is private, unless the source allows it', async () => {
    const resolve = resolving({
      'cdn.example': ['93.184.216.34', '2606:4700::1111'],
      'rebind.example': ['93.184.216.34', '10.0.0.8'],
      'metadata.example': ['169.254.169.254'],
      'mapped.example': ['::ffff:127.0.0.1'],
    })
    expect(await vetHost(new URL('https://cdn.example/x'), false, resolve)).toEqual({
      ok: true,
      addresses: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    })
    for (const host of ['rebind.example', 'metadata.example', 'mapped.example']) {
      expect(await vetHost(new URL(`https://${host}/x`), false, resolve)).toEqual({ ok: false, reason: 'private' })
    }
    expect(await vetHost(new URL('https://metadata.example/x'), true, resolve)).toEqual({
      ok: true,
      addresses: [{ address: '169.254.169.254', family: 4 }],
    })
    expect(await vetHost(new URL('https://nowhere.example/x'), true, resolve)).toEqual({
      ok: false,
      reason: 'unresolved',
    })
    // Address literals are checked as they are, without a lookup.
    expect(await vetHost(new URL('http://[::1]:8080/'), false, resolve)).toEqual({ ok: false, reason: 'private' })
    expect(await vetHost(new URL('http://127.0.0.1:8080/'), false, resolve)).toEqual({ ok: false, reason: 'private' })
    expect(await vetHost(new URL('http://0x7f.1/'), false, resolve)).toEqual({ ok: false, reason: 'private' })
  })
})

describe('secrets in any encoding', () => {
  const key = 'key/Alpha+7'
  const secret = 'sec ret/é9'
  const basic = Buffer.from(`${key}:${secret}`).toString('base64')
  const secrets = [secret, key, basic]
  const jsonAll = (text: string) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

  it.each([
    ['as is', secret],
    ['with a JSON-escaped slash', secret.replace('/', '\\/')],
    ['every character \\u-escaped', jsonAll(secret)],
    ['some characters \\u-escaped (upper-case hex)', `sec${jsonAll(' r').toUpperCase().replace(/\\U/g, '\\u')}et/é9`],
    ['URL-encoded', encodeURIComponent(secret)],
    ['form-encoded', new URLSearchParams({ a: secret }).toString().slice(2)],
    ['fully percent-encoded, lower-case', [...Buffer.from(secret)].map((b) => `%${b.toString(16)}`).join('')],
    ['as HTML character references', [...secret].map((c) => `&#x${c.codePointAt(0)?.toString(16)};`).join('')],
    ['in base64', Buffer.from(secret).toString('base64')],
    ['in base64url', Buffer.from(secret).toString('base64url')],
    ['as Basic credentials', basic],
    ['as Basic credentials in base64url', Buffer.from(`${key}:${secret}`).toString('base64url')],
    ['inside longer base64', Buffer.from(`{"user":"x","pw":"${secret}"}`).toString('base64')],
    ['URL-encoded base64 of the key', encodeURIComponent(Buffer.from(key).toString('base64'))],
  ])('redacts a secret %s', (_how, form) => {
    const text = `before ${form} after`
    const out = redact(text, secrets)
    expect(out).not.toBe(text)
    expect(out.startsWith('before ')).toBe(true)
    expect(out.endsWith(' after')).toBe(true)
    expect(out).toContain('[redacted]')
    expect(bytesCarrySecret(Buffer.from(text), secretMatcher(secrets))).toBe(true)
  })

  it('leaves text without a secret alone', () => {
    const text = 'a %2F b \\u0041 &#65; c3VwZXI= + done'
    expect(redact(text, secrets)).toBe(text)
    expect(bytesCarrySecret(Buffer.from(text), secretMatcher(secrets))).toBe(false)
  })
})
