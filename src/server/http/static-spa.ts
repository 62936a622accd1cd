import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Context } from 'hono'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
}

interface StaticFile {
  bytes: Buffer
  etag: string
  mtimeMs: number
}

/**
 * Serves the built SPA: hashed bundles under /assets/ cached forever, index.html revalidated
 * on every load, and any other GET that names no file answered with index.html so client-side
 * routes survive a reload.
 */
export function createSpaHandler(distDir: string) {
  const root = resolve(distDir)
  const cache = new Map<string, StaticFile>()

  const load = async (path: string): Promise<StaticFile | undefined> => {
    try {
      const info = await stat(path)
      if (!info.isFile()) return undefined
      const cached = cache.get(path)
      if (cached && cached.mtimeMs === info.mtimeMs) return cached
      const bytes = await readFile(path)
      const file = {
        bytes,
        etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`,
        mtimeMs: info.mtimeMs,
      }
      cache.set(path, file)
      return file
    } catch {
      return undefined
    }
  }

  const respond = (c: Context, file: StaticFile, path: string, cacheControl: string): Response => {
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      etag: file.etag,
    }
    if (c.req.header('if-none-match') === file.etag) return new Response(null, { status: 304, headers })
    const body = c.req.method === 'HEAD' ? null : new Uint8Array(file.bytes)
    return new Response(body, { status: 200, headers })
  }

  return async (c: Context): Promise<Response> => {
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(c.req.url).pathname)
    } catch {
      return c.text('Bad request', 400)
    }
    const candidate = normalize(join(root, pathname))
    const inside = candidate === root || candidate.startsWith(root + sep)
    if (inside && pathname !== '/' && !pathname.endsWith('/')) {
      const file = await load(candidate)
      if (file) {
        const hashed = pathname.startsWith('/assets/')
        return respond(c, file, candidate, hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
      }
      // A missing bundle must not be answered with HTML, or the browser reports a MIME error.
      if (pathname.startsWith('/assets/')) return c.text('Not found', 404)
    }
    const indexPath = join(root, 'index.html')
    const index = await load(indexPath)
    if (!index) return c.text('The app is not built yet: run npm run build, or npm start.', 503)
    return respond(c, index, indexPath, 'no-cache')
  }
}
