import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildCatalog } from '../../src/server/demo/generate'
import { catalogPath } from '../../src/server/db/catalog-file'
import { openCatalog } from '../../src/server/db/catalog-db'
import { startServer, type RunningServer } from '../../src/server/server'

// Several gateways behind one load balancer: with a shared secret, a media link or a Scenario
// pagination token signed by one instance is served by another, and instances that each built
// their own catalog with it issue the same ids; each with its own catalog's secret, they are
// refused.

let work: string
let built: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vitrine-secret-'))
  built = join(work, 'built')
  buildCatalog({ dataDir: built, assets: 300 })
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

const running: RunningServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
})

let folders = 0
/** A copy of the built catalog with a media secret of its own, as a separately built one has. */
function copyWithOwnSecret(): string {
  const dir = join(work, `instance-${(folders += 1)}`)
  mkdirSync(dir)
  copyFileSync(catalogPath(built), catalogPath(dir))
  const db = new Database(catalogPath(dir))
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'media_secret'`).run(randomBytes(32).toString('base64url'))
  db.close()
  return dir
}

async function twoInstances(secret: string | undefined): Promise<[RunningServer, RunningServer]> {
  const a = await startServer({ port: 0, dataDir: copyWithOwnSecret(), demoAssets: 10, secret })
  running.push(a)
  const b = await startServer({ port: 0, dataDir: copyWithOwnSecret(), demoAssets: 10, secret })
  running.push(b)
  return [a, b]
}

const headers = { authorization: 'Bearer demo-alice' }

async function mediaLinkFrom(server: RunningServer): Promise<string> {
  const page = await (await fetch(`${server.url}/api/piktid/assets?per_page=5`, { headers })).text()
  const link = /\/media\/thumb-small\/[^"]+/.exec(page)?.[0]
  if (!link) throw new Error('no media link in the page')
  return link
}

async function scenarioPage(server: RunningServer, token?: string) {
  const tokenPart = token ? `&paginationToken=${encodeURIComponent(token)}` : ''
  const res = await fetch(`${server.url}/api/scenario/v1/assets?pageSize=5${tokenPart}`, { headers })
  return { status: res.status, body: (await res.json()) as { assets?: { id: string }[]; nextPaginationToken?: string } }
}

describe('two instances', () => {
  it('with one shared secret accept each other’s media links and pagination tokens', async () => {
    const [a, b] = await twoInstances(randomBytes(24).toString('base64url'))

    const link = await mediaLinkFrom(a)
    const media = await fetch(`${b.url}${link}`)
    expect(media.status).toBe(200)
    expect(media.headers.get('content-type')).toBe('image/webp')

    const first = await scenarioPage(a)
    const token = first.body.nextPaginationToken as string
    expect(token).toBeTruthy()
    const nextOnB = await scenarioPage(b, token)
    const nextOnA = await scenarioPage(a, token)
    expect(nextOnB.status).toBe(200)
    expect(nextOnB.body.assets?.map((x) => x.id)).toEqual(nextOnA.body.assets?.map((x) => x.id))
  })

  it('each building its own catalog from one shared secret issue the same ids, and serve each other’s links', async () => {
    const secret = randomBytes(24).toString('base64url')
    const servers: RunningServer[] = []
    for (const name of ['own-a', 'own-b']) {
      const server = await startServer({ port: 0, dataDir: join(work, name), demoAssets: 60, secret })
      running.push(server)
      servers.push(server)
    }
    const [a, b] = servers as [RunningServer, RunningServer]
    const photosOf = async (server: RunningServer) =>
      (
        (await (await fetch(`${server.url}/api/gumnut/api/assets?limit=5`, { headers })).json()) as {
          data: { id: string; thumbnail_url: string }[]
        }
      ).data
    const fromA = await photosOf(a)
    expect(fromA.map((p) => p.id)).toEqual((await photosOf(b)).map((p) => p.id))
    const photo = fromA[0] as { id: string; thumbnail_url: string }
    expect((await fetch(`${b.url}/api/gumnut/api/assets/${photo.id}`, { headers })).status).toBe(200)
    // The thumbnail link A signed, asked of B.
    const link = new URL(photo.thumbnail_url, a.url)
    expect((await fetch(`${b.url}${link.pathname}${link.search}`)).status).toBe(200)
  })

  it('each with its own catalog secret refuse the other’s', async () => {
    const [a, b] = await twoInstances(undefined)

    const link = await mediaLinkFrom(a)
    expect((await fetch(`${a.url}${link}`)).status).toBe(200)
    expect([403, 404]).toContain((await fetch(`${b.url}${link}`)).status)

    const token = (await scenarioPage(a)).body.nextPaginationToken as string
    const refused = await scenarioPage(b, token)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ reason: 'invalid_pagination_token' })
  })

  it('refuse a shared secret too short to be a signing key', () => {
    expect(() => openCatalog(copyWithOwnSecret(), { secret: 'short' })).toThrow(/at least 16 characters/)
  })
})
