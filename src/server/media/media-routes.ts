import { Hono } from 'hono'
import { isMediaKind, MEDIA_KINDS, type MediaStore } from './media-store'

const IMMUTABLE = 'public, max-age=31536000, immutable'

function plain(status: 403 | 404, message: string): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  })
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((part) => part.trim().replace(/^W\//, '') === etag)
}

/** An attachment header; the plain name keeps to safe ASCII, the `filename*` form keeps it all. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/** `/media/:kind/:file` -- signed, rendered on first request, cached forever by clients. */
export function createMediaRoutes(media: MediaStore): Hono {
  const routes = new Hono()
  routes.get('/:kind/:file', async (c) => {
    const kind = c.req.param('kind')
    const file = c.req.param('file')
    if (!isMediaKind(kind)) return plain(404, 'Unknown media kind')
    const suffix = `.${MEDIA_KINDS[kind].ext}`
    if (!file.endsWith(suffix)) return plain(404, 'Not found')
    const id = file.slice(0, -suffix.length)
    if (!media.exists(kind, id)) return plain(404, 'Not found')
    if (!media.verify(kind, id, c.req.query('s') ?? '')) return plain(403, 'Invalid or missing signature')

    const ifNoneMatch = c.req.header('if-none-match')
    const known = media.knownEtag(kind, id)
    if (known && etagMatches(ifNoneMatch, known)) {
      return new Response(null, { status: 304, headers: { etag: known, 'cache-control': IMMUTABLE } })
    }
    const found = await media.get(kind, id)
    if (!found) return plain(404, 'Not found')
    const headers: Record<string, string> = { etag: found.etag, 'cache-control': IMMUTABLE }
    if (found.filename) headers['content-disposition'] = contentDisposition(found.filename)
    if (etagMatches(ifNoneMatch, found.etag)) return new Response(null, { status: 304, headers })
    return new Response(new Uint8Array(found.bytes), {
      status: 200,
      headers: { ...headers, 'content-type': found.contentType, 'content-length': String(found.bytes.length) },
    })
  })
  return routes
}
