import type { HttpBindings } from '@hono/node-server'
import { Hono } from 'hono'
import { attachmentDisposition } from '../http/content-disposition'
import { byteRange } from '../http/range'
import { isMediaKind, MEDIA_KINDS } from './media-kinds'
import type { MediaStore } from './media-store'
import { QueueFullError, RenderAbortedError } from './render-queue'

function plain(status: 404 | 429 | 503, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })
}

/**
 * The one answer for a file that is missing, not this kind, badly signed, expired or someone
 * else's: telling them apart would tell a stranger which ids exist.
 */
const notFound = (): Response => plain(404, 'Not found')

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((part) => part.trim().replace(/^W\//, '') === etag)
}

/**
 * `/media/:kind/:file?e=…&s=…` -- signed until an expiry, rendered on first request, cached by
 * clients until the URL expires: shared caches may keep public assets, only the browser
 * private ones. Renders queue (render-queue.ts); cached files never wait for them. A single
 * byte range is answered with a 206 (a video or audio player seeks with them); `If-Range` with
 * another ETag gets the whole file.
 */
export function createMediaRoutes(media: MediaStore): Hono<{ Bindings: Partial<HttpBindings> }> {
  const routes = new Hono<{ Bindings: Partial<HttpBindings> }>()
  routes.get('/:kind/:file', async (c) => {
    const kind = c.req.param('kind')
    const file = c.req.param('file')
    if (!isMediaKind(kind)) return notFound()
    const suffix = `.${MEDIA_KINDS[kind].ext}`
    if (!file.endsWith(suffix)) return notFound()
    const id = file.slice(0, -suffix.length)
    // The signature first (constant time), then existence: an unsigned probe learns nothing.
    const secondsLeft = media.verify(kind, id, c.req.query('e') ?? '', c.req.query('s') ?? '')
    if (secondsLeft === undefined) return notFound()
    const subject = media.describe(kind, id)
    if (!subject) return notFound()
    const cacheControl = `${subject.public ? 'public' : 'private'}, max-age=${secondsLeft}`

    const ifNoneMatch = c.req.header('if-none-match')
    const known = media.knownEtag(kind, id)
    if (known && etagMatches(ifNoneMatch, known)) {
      return new Response(null, { status: 304, headers: { etag: known, 'cache-control': cacheControl } })
    }
    // One caller is one client address (and token, if any): the unit a render cap applies to.
    const address = c.env?.incoming?.socket.remoteAddress ?? 'local'
    const token = c.req.header('authorization')
    let found
    try {
      found = await media.get(kind, id, {
        caller: token ? `${address} ${token}` : address,
        signal: c.req.raw.signal,
      })
    } catch (err) {
      if (err instanceof QueueFullError) {
        return plain(429, 'Too many images are being prepared for you; retry shortly', {
          'retry-after': String(err.retryAfterSeconds),
        })
      }
      // The client went away before its render started; nobody reads this.
      if (err instanceof RenderAbortedError) return plain(503, 'Request abandoned')
      throw err
    }
    if (!found) return notFound()
    const headers: Record<string, string> = { etag: found.etag, 'cache-control': cacheControl }
    if (found.filename) headers['content-disposition'] = attachmentDisposition(found.filename)
    if (etagMatches(ifNoneMatch, found.etag)) return new Response(null, { status: 304, headers })
    headers['accept-ranges'] = 'bytes'
    const size = found.bytes.length
    const ifRange = c.req.header('if-range')
    const range =
      ifRange === undefined || ifRange.trim() === found.etag ? byteRange(c.req.header('range'), size) : undefined
    if (range === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } })
    }
    headers['content-type'] = found.contentType
    if (range) {
      return new Response(new Uint8Array(found.bytes.subarray(range.start, range.end + 1)), {
        status: 206,
        headers: {
          ...headers,
          'content-range': `bytes ${range.start}-${range.end}/${size}`,
          'content-length': String(range.end - range.start + 1),
        },
      })
    }
    return new Response(new Uint8Array(found.bytes), {
      status: 200,
      headers: { ...headers, 'content-length': String(size) },
    })
  })
  return routes
}
