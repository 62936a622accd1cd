import { createHmac, timingSafeEqual } from 'node:crypto'
import { proxyBaseUrl, type ServerSource } from '../sources-config'
import { basePath, parseProxyTarget } from './target'

// Media and link rewriting. Links in JSON answers that point at the source's own origin become
// proxy paths or signed /api/proxy/{id}/_media links; links on a host the source lists in
// `mediaHosts` become signed _media links too; every other link is left exactly as it came, so the
// proxy never fetches a host the operator did not name.

export const MEDIA_SEGMENT = '_media'

/** Where a link may be fetched from for a source: its own origin, a listed media host, or nowhere. */
export function allowedOrigin(source: ServerSource, url: URL): 'source' | 'media' | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  if (url.origin === source.baseUrl.origin) return 'source'
  if (source.mediaOrigins.includes(url.origin)) return 'media'
  return undefined
}

function sign(key: string | Buffer, sourceId: string, url: string): string {
  return createHmac('sha256', key).update(`proxy-media\n${sourceId}\n${url}`).digest('base64url').slice(0, 32)
}

export function verifyMediaSignature(key: string | Buffer, sourceId: string, url: string, signature: string): boolean {
  const expected = Buffer.from(sign(key, sourceId, url))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function mediaPath(key: string | Buffer, sourceId: string, url: string): string {
  return `${proxyBaseUrl(sourceId)}/${MEDIA_SEGMENT}?u=${encodeURIComponent(url)}&s=${sign(key, sourceId, url)}`
}

/** Words that make a key a link's: `thumbnail_small`, `download_url`, `thumbnail.url`, `file_path`… */
const LINK_WORDS = new Set([
  'url',
  'urls',
  'uri',
  'uris',
  'href',
  'src',
  'link',
  'links',
  'thumbnail',
  'thumbnails',
  'thumb',
  'image',
  'images',
  'img',
  'preview',
  'previews',
  'poster',
  'original',
  'download',
  'path',
  'fullsize',
  'next',
  'prev',
  'previous',
])
/**
 * Text a user or vendor wrote: a key holding any of these is never a link, whatever else it says
 * (`original_filename`, `download_filename`, `original_file_name`, `image_title`, `next_token`).
 */
const TEXT_PARTS = /name|title|text|description|note|comment|caption|label|prompt|message|token|cursor|alt$/
/** Links to show, not to fetch: left alone on any host but the source's own. */
const NOT_MEDIA_WORDS = new Set(['external', 'embed', 'website', 'homepage'])

function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** Whether a JSON key may hold a link; name and free-text keys never do. */
export function isLinkKey(key: string): boolean {
  const words = keyWords(key)
  const joined = words.join('')
  if (TEXT_PARTS.test(joined)) return false
  return LINK_WORDS.has(joined) || words.some((word) => LINK_WORDS.has(word))
}

/**
 * A value as a link: an absolute http(s) URL or a path from the origin (`/media/x.webp`), with
 * no spaces, control characters or backslashes (which a link would have encoded). Anything
 * else is not a link and stays as it is.
 */
function parseLink(value: string, source: ServerSource): URL | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (value.length > 8192 || /[\s\\\u0000-\u001f\u007f]/.test(value)) return undefined
  const isPath = value.startsWith('/') && !value.startsWith('//')
  if (!isPath && !/^https?:\/\/[^/]/i.test(value)) return undefined
  try {
    return isPath ? new URL(value, source.baseUrl.origin) : new URL(value)
  } catch {
    return undefined
  }
}

/**
 * Rewrites one string found under `key` in an upstream answer. Links on the upstream's origin
 * below its base become proxy paths (`/api/proxy/{id}/…`); others on its origin, and media on
 * its listed media hosts, become signed `_media` links; anything else is returned unchanged.
 */
function rewriteLink(value: string, key: string, source: ServerSource, signingKey: string | Buffer): string {
  if (!isLinkKey(key)) return value
  const url = parseLink(value, source)
  if (!url) return value
  const where = allowedOrigin(source, url)
  if (where === 'source') {
    const prefix = basePath(source)
    if (url.pathname.startsWith(`${prefix}/`)) {
      const rest = url.pathname.slice(prefix.length)
      const candidate = `${proxyBaseUrl(source.id)}${rest}${url.search}`
      const checked = parseProxyTarget(candidate)
      if (checked.ok && rest.split('/')[1] !== MEDIA_SEGMENT) return candidate
    }
    // On the upstream's own origin only the path travels, so the browser never learns its address.
    return mediaPath(signingKey, source.id, url.pathname + url.search)
  }
  if (where === 'media' && !keyWords(key).some((word) => NOT_MEDIA_WORDS.has(word))) {
    return mediaPath(signingKey, source.id, url.href)
  }
  return value
}

export function rewriteJsonLinks(value: unknown, source: ServerSource, signingKey: string | Buffer, key = ''): unknown {
  if (typeof value === 'string') return rewriteLink(value, key, source, signingKey)
  if (Array.isArray(value)) return value.map((item) => rewriteJsonLinks(item, source, signingKey, key))
  if (value && typeof value === 'object') {
    // No prototype, so a `__proto__` key in the answer stays an ordinary key.
    const out = Object.create(null) as Record<string, unknown>
    for (const [k, v] of Object.entries(value)) out[k] = rewriteJsonLinks(v, source, signingKey, k)
    return out
  }
  return value
}

/** `Link: <https://upstream/base/assets?page=2>; rel="next"` → `</api/proxy/{id}/assets?page=2>; …` */
export function rewriteLinkHeader(value: string, source: ServerSource, signingKey: string | Buffer): string {
  return value.replace(/<([^>]*)>/g, (_whole, url: string) => `<${rewriteLink(url, 'link', source, signingKey)}>`)
}
