import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildCatalog } from '../../src/server/demo/generate'
import { catalogPath } from '../../src/server/db/catalog-file'
import { lockPath } from '../../src/server/db/data-lock'
import { killStarted, spawnServer } from './processes'

// SIGTERM stops accepting connections at once, lets every request in flight finish, closes
// the catalog (WAL folded in) and the lock, and exits 0 well within 10 s.

let work: string
let built: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vitrine-shutdown-'))
  built = join(work, 'built')
  buildCatalog({ dataDir: built, assets: 200 })
})
afterEach(killStarted)
afterAll(() => rmSync(work, { recursive: true, force: true }))

let folders = 0
function copyOfCatalog(): string {
  const dir = join(work, `copy-${(folders += 1)}`)
  mkdirSync(dir)
  copyFileSync(catalogPath(built), catalogPath(dir))
  return dir
}

const headers = { authorization: 'Bearer demo-alice', 'content-type': 'application/json' }

interface InFlight {
  /** The server has read the headers and handed the request to the app (100 Continue). */
  accepted: Promise<unknown>
  /** Sends the body, if held: the server can now answer. */
  finish(): void
  response: Promise<{ status: number; connection: string | undefined; body: string }>
}

/**
 * A request on its own connection that the test knows the server has taken: `Expect:
 * 100-continue` makes Node's server answer "100 Continue" as it dispatches the request. A POST's
 * body is held back until `finish()`, so the server cannot answer it before then.
 */
function inFlight(url: string, path: string, post?: unknown): InFlight {
  const body = post === undefined ? undefined : JSON.stringify(post)
  const req = request(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    agent: false,
    headers: {
      ...headers,
      expect: '100-continue',
      ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
    },
  })
  const response = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }))
    })
    req.on('error', reject)
  })
  // Observed now, awaited later: a refused request must not count as unhandled meanwhile.
  response.catch(() => undefined)
  const accepted = once(req, 'continue')
  accepted.catch(() => undefined)
  if (body === undefined) req.end()
  else req.flushHeaders()
  return { accepted, finish: () => body !== undefined && req.end(body), response }
}

describe('SIGTERM', () => {
  it('finishes every request in flight, refuses new connections, leaves the catalog whole and exits 0', async () => {
    const dir = copyOfCatalog()
    const server = spawnServer(dir)
    const url = (await server.waitFor(/URL (\S+)/))[1] as string

    // Media links to render cold; the listing's own keep-alive connection is left idle.
    const listing = (await (await fetch(`${url}/api/piktid/assets?per_page=30`, { headers })).text()).match(
      /\/media\/[^"]+/g,
    )
    // Thumbnails: a few hundred ms each to render cold (originals take seconds on a busy machine).
    const mediaLinks = [...new Set(listing ?? [])].filter((l) => l.startsWith('/media/thumb-small/')).slice(0, 8)
    expect(mediaLinks.length).toBeGreaterThan(5)

    const held = [1, 2, 3, 4, 5].map((n) =>
      inFlight(url, '/api/vipanya/api/v1/assets', { title: `In flight at SIGTERM ${n}`, asset_type: 'collection' }),
    )
    const renders = mediaLinks.map((link) => inFlight(url, link))
    await Promise.all([...held, ...renders].map((r) => r.accepted))

    const signalled = Date.now()
    server.child.kill('SIGTERM')
    await server.waitFor(/SIGTERM: finishing requests in flight/)

    // No longer accepting: a new connection is refused.
    const refused = await inFlight(url, '/api/piktid/assets?per_page=1').response.catch(
      (err: { code?: string }) => err.code,
    )
    expect(refused).toBe('ECONNREFUSED')

    for (const h of held) h.finish()
    const answers = await Promise.all(held.map((h) => h.response))
    for (const answer of answers) {
      expect(answer.status).toBe(201)
      // Told not to reuse the connection: the server is going away.
      expect(answer.connection).toBe('close')
    }
    for (const res of await Promise.all(renders.map((r) => r.response))) expect(res.status).toBe(200)

    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(Date.now() - signalled).toBeLessThan(10_000)

    // Closed properly: lock released, WAL folded into the file, every acknowledged write there.
    expect(existsSync(lockPath(dir))).toBe(false)
    const wal = `${catalogPath(dir)}-wal`
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0)
    const db = new Database(catalogPath(dir), { readonly: true })
    try {
      const titles = db
        .prepare(`SELECT title FROM vipanya_assets WHERE title LIKE 'In flight at SIGTERM %' ORDER BY title`)
        .pluck()
        .all()
      expect(titles).toEqual([1, 2, 3, 4, 5].map((n) => `In flight at SIGTERM ${n}`))
      // Left in rollback-journal mode: a read-only folder can serve it (WAL needs a -shm file).
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete')
    } finally {
      db.close()
    }
  })

  it('cuts a request that outlasts the grace period and still exits 0, with the catalog closed', async () => {
    const dir = copyOfCatalog()
    const server = spawnServer(dir, { SHUTDOWN_GRACE_MS: '300' })
    const url = (await server.waitFor(/URL (\S+)/))[1] as string
    const stuck = inFlight(url, '/api/vipanya/api/v1/assets', { title: 'Never finished', asset_type: 'collection' })
    await stuck.accepted

    server.child.kill('SIGTERM')
    await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/)
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(existsSync(lockPath(dir))).toBe(false)
  })
})
