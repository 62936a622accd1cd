import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
  writeSync,
} from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { buildCatalog } from '../../src/server/demo/generate'
import { catalogPath } from '../../src/server/db/catalog-file'
import { openCatalog } from '../../src/server/db/catalog-db'
import { DataFolderError, DataFolderLockedError, lockDataFolder, lockPath } from '../../src/server/db/data-lock'
import { CatalogRefusedError } from '../../src/server/db/migrations'
import { createMediaStore } from '../../src/server/media/media-store'
import { startServer } from '../../src/server/server'

// The data folder: damage refused before anything is written, a read-only folder served
// read-only, a full disk answered clearly and recovered from, one owner at a time.

let work: string
/** A catalog built once; each test copies it into its own folder. */
let built: string

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vitrine-datafolder-'))
  built = join(work, 'built')
  buildCatalog({ dataDir: built, assets: 300 })
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

let folders = 0
function copyOfCatalog(): string {
  const dir = join(work, `copy-${(folders += 1)}`)
  mkdirSync(dir)
  copyFileSync(catalogPath(built), catalogPath(dir))
  return dir
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const auth = { authorization: 'Bearer demo-alice', 'content-type': 'application/json' }

describe('a damaged catalog', () => {
  it('is refused like a truncated one and left byte for byte as it was', async () => {
    const dir = copyOfCatalog()
    const path = catalogPath(dir)
    const bytes = readFileSync(path)
    const pageSize = bytes.readUInt16BE(16)
    const pages = bytes.length / pageSize
    // Scribble over a run of pages in the middle of the file (table and index b-tree pages),
    // well away from the header page that the version check reads.
    const fd = openSync(path, 'r+')
    for (let page = Math.floor(pages / 2); page < Math.floor(pages / 2) + 4; page++) {
      writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, page * pageSize + 8)
    }
    closeSync(fd)
    const before = sha(path)

    expect(() => openCatalog(dir)).toThrow(CatalogRefusedError)
    expect(() => openCatalog(dir)).toThrow(/is damaged .*restore it from a backup.*left untouched/)
    await expect(startServer({ port: 0, dataDir: dir, demoAssets: 10 })).rejects.toThrow(CatalogRefusedError)
    expect(sha(path)).toBe(before)
    // Nothing else was made next to it, and the folder is free again.
    expect(readdirSync(dir)).toEqual(['vitrine.db'])
  })

  it('is checked before serving: a sound copy opens', () => {
    const catalog = openCatalog(copyOfCatalog())
    catalog.close()
  })
})

describe('a read-only data folder', () => {
  it('serves reads from a valid catalog and answers every write 503 in the dialect envelope', async () => {
    const dir = copyOfCatalog()
    const before = sha(catalogPath(dir))
    const server = await startServer({ port: 0, dataDir: dir, demoAssets: 10, canWrite: () => false })
    try {
      expect(server.readOnly).toBe(true)
      const list = await fetch(`${server.url}/api/vipanya/api/v1/assets?per_page=5`, { headers: auth })
      expect(list.status).toBe(200)
      const page = await fetch(`${server.url}/api/piktid/assets?per_page=5`, { headers: auth })
      expect(page.status).toBe(200)
      // Images are rendered and served, not cached: nothing may be written to the folder.
      const thumb = /\/media\/thumb-small\/[^"]+/.exec(await page.text())?.[0]
      expect((await fetch(`${server.url}${thumb}`)).status).toBe(200)

      const create = await fetch(`${server.url}/api/vipanya/api/v1/assets`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: 'Nope', asset_type: 'collection' }),
      })
      expect(create.status).toBe(503)
      expect(await create.json()).toEqual({
        error: 'Service unavailable',
        message: expect.stringMatching(/catalog is read-only/),
      })
      const verdict = await fetch(`${server.url}/api/piktid/gallery/feedback`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ job_id: 'x', image_index: 0, group_index: 0, feedback: 'like' }),
      })
      expect(verdict.status).toBe(503)
      expect(await verdict.json()).toEqual({
        error: 'Service unavailable',
        detail: [{ field: null, message: expect.stringMatching(/catalog is read-only/), position: 'server' }],
      })
      const elsewhere = await fetch(`${server.url}/api/scenario/v1/assets`, { method: 'DELETE', headers: auth })
      expect(elsewhere.status).toBe(503)
      expect(await elsewhere.json()).toEqual({ reason: 'read_only', message: expect.stringMatching(/read-only/) })
    } finally {
      await server.close()
    }
    // No lock (nothing to protect, nowhere to write it), no media cache, and the file as it was.
    expect(readdirSync(dir)).toEqual(['vitrine.db'])
    expect(sha(catalogPath(dir))).toBe(before)
  })

  it('that holds no catalog is one clear error, not a stack', async () => {
    const dir = join(work, 'empty-read-only')
    mkdirSync(dir)
    const start = startServer({ port: 0, dataDir: dir, demoAssets: 10, canWrite: () => false })
    await expect(start).rejects.toThrow(DataFolderError)
    await expect(start).rejects.toThrow(/is read-only and holds no catalog/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('that cannot be created is one clear error', async () => {
    const file = join(work, 'a-file')
    writeFileSync(file, '')
    const start = startServer({ port: 0, dataDir: join(file, 'data'), demoAssets: 10 })
    await expect(start).rejects.toThrow(DataFolderError)
    await expect(start).rejects.toThrow(/does not exist and cannot be created \(ENOTDIR\)/)
  })
})

describe('a full disk', () => {
  it('answers 507 in the dialect envelope, changes nothing, and recovers when space returns', async () => {
    const catalog = openCatalog(copyOfCatalog())
    const app = createApp({ db: catalog, media: createMediaStore(catalog) })
    const count = () => (catalog.sqlite.prepare('SELECT count(*) AS n FROM vipanya_assets').get() as { n: number }).n
    const create = (title: string) =>
      app.request('/api/vipanya/api/v1/assets', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title, asset_type: 'collection', description: 'x'.repeat(3000) }),
      })
    try {
      // No page can be added and none is free (an upgrade's dropped index leaves free pages):
      // the next write that needs one fails as on a full disk.
      catalog.sqlite.exec('VACUUM')
      const pages = catalog.sqlite.pragma('page_count', { simple: true }) as number
      catalog.sqlite.pragma(`max_page_count = ${pages}`)
      const before = count()
      const full = await create('No room')
      expect(full.status).toBe(507)
      expect(await full.json()).toEqual({
        error: 'Insufficient storage',
        message: expect.stringMatching(/no disk space left.*nothing was changed/),
      })
      expect(count()).toBe(before)

      catalog.sqlite.pragma(`max_page_count = ${pages * 4}`)
      const again = await create('Room again')
      expect(again.status).toBe(201)
      expect(count()).toBe(before + 1)
    } finally {
      catalog.close()
    }
  })

  it('a catalog build cut short leaves no half-built file behind', () => {
    const dir = join(work, 'cut-short')
    // The finished file cannot take the catalog's place: the build fails at its very end.
    mkdirSync(join(catalogPath(dir), 'in-the-way'), { recursive: true })
    expect(() => buildCatalog({ dataDir: dir, assets: 20 })).toThrow()
    expect(readdirSync(dir)).toEqual(['vitrine.db'])
  })
})

describe('the data folder lock', () => {
  it('lets one holder in at a time and names it', () => {
    const dir = join(work, 'locked')
    mkdirSync(dir)
    const lock = lockDataFolder(dir)
    try {
      expect(() => lockDataFolder(dir)).toThrow(DataFolderLockedError)
      expect(() => lockDataFolder(dir)).toThrow(new RegExp(`in use by process ${process.pid} since \\d{4}-`))
    } finally {
      lock.release()
    }
    expect(existsSync(lockPath(dir))).toBe(false)
    lockDataFolder(dir).release()
  })

  it('takes over a lock whose process is gone, or whose pid now belongs to another process', () => {
    const dir = join(work, 'stale')
    mkdirSync(dir)
    const stale = (pid: number, startTicks: string | null) =>
      writeFileSync(
        lockPath(dir),
        JSON.stringify({ pid, startTicks, since: '2020-01-01T00:00:00.000Z', hostname: hostname() }),
      )
    // A pid far above any pid_max: no such process.
    stale(2 ** 30, null)
    lockDataFolder(dir).release()
    // Our own pid, but started at another time: a reused pid (as pid 1 in every container).
    stale(process.pid, '1')
    lockDataFolder(dir).release()
    // Our own pid and start: held.
    stale(process.pid, null)
    expect(() => lockDataFolder(dir)).toThrow(DataFolderLockedError)
    rmSync(lockPath(dir))
  })

  it('copied along with its folder, holds nothing in the copy', () => {
    const original = join(work, 'original')
    const copy = join(work, 'copied')
    mkdirSync(original)
    mkdirSync(copy)
    const lock = lockDataFolder(original)
    try {
      copyFileSync(lockPath(original), lockPath(copy))
      lockDataFolder(copy).release()
      expect(() => lockDataFolder(original)).toThrow(DataFolderLockedError)
    } finally {
      lock.release()
    }
  })

  it('keeps a second server off the folder while the first runs', async () => {
    const dir = copyOfCatalog()
    const first = await startServer({ port: 0, dataDir: dir, demoAssets: 10 })
    try {
      await expect(startServer({ port: 0, dataDir: dir, demoAssets: 10 })).rejects.toThrow(DataFolderLockedError)
    } finally {
      await first.close()
    }
    const second = await startServer({ port: 0, dataDir: dir, demoAssets: 10 })
    await second.close()
  })
})
