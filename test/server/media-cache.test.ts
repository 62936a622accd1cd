import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import type { Catalog } from '../../src/server/db/catalog-db'
import { createMediaCache, looksComplete, writeFileAtomically } from '../../src/server/media/media-cache'
import { URL_LIFETIME_HOURS } from '../../src/server/media/media-signing'
import { createMediaStore, MEDIA_CACHE_DIR } from '../../src/server/media/media-store'
import type { PiktidAsset, PiktidAssetsPage } from '../../src/shared/piktid'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { createFixture, getJson, type CatalogFixture } from './fixture'

let fx: CatalogFixture

beforeAll(() => {
  // Each test takes an image no one has drawn; a listing would have them drawn in the background.
  fx = createFixture(200, { renderAhead: false })
})
afterAll(() => fx.close())

/** Assets in a stable order, so each test takes its own and finds it not yet rendered. */
let assets: PiktidAsset[] = []
let nextAsset = 0
async function freshAsset(): Promise<PiktidAsset> {
  if (assets.length === 0) {
    const { body } = await getJson<PiktidAssetsPage>(fx.app, '/api/piktid/assets?per_page=100&sort_by=filename')
    assets = body.assets
  }
  const asset = assets[nextAsset++]
  if (!asset) throw new Error('out of assets')
  return asset
}

const shardOf = (id: string) => join(fx.catalog.dataDir, MEDIA_CACHE_DIR, 'v3', 'thumb-small', id.slice(0, 2))
const cachedPath = (id: string) => join(shardOf(id), `${id}.webp`)
const rendersOf = (id: string) => fx.renders.filter((r) => r.id === id && r.kind === 'thumb-small').length

/** A sound WebP of the right size, read back through sharp. */
async function expectProperThumbnail(res: Response): Promise<Buffer> {
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/webp')
  const bytes = Buffer.from(await res.arrayBuffer())
  expect(looksComplete('webp', bytes)).toBe(true)
  const meta = await sharp(bytes).metadata()
  expect(meta.format).toBe('webp')
  return bytes
}

describe('media cache: damaged files', () => {
  const damage: Record<string, (good: Buffer) => Buffer> = {
    'zero-byte': () => Buffer.alloc(0),
    truncated: (good) => good.subarray(0, Math.floor(good.length / 2)),
    'HTML-filled': () => Buffer.from('<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>'),
    // Right magic, wrong length: the RIFF size gives it away.
    'cut WebP keeping its header': (good) => good.subarray(0, good.length - 1),
  }
  for (const [name, spoil] of Object.entries(damage)) {
    it(`renders a ${name} .webp again instead of serving it`, async () => {
      const asset = await freshAsset()
      const url = asset.thumbnail_small as string
      const good = await expectProperThumbnail(await fx.app.request(url))
      writeFileSync(cachedPath(asset.id), spoil(good))
      const before = rendersOf(asset.id)
      const again = await expectProperThumbnail(await fx.app.request(url))
      expect(again.equals(good)).toBe(true)
      expect(rendersOf(asset.id)).toBe(before + 1)
      expect(readFileSync(cachedPath(asset.id)).equals(good)).toBe(true)
    })
  }

  it('tells sound files of each kind from damaged ones', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9])
    expect(looksComplete('jpg', jpeg)).toBe(true)
    expect(looksComplete('jpg', jpeg.subarray(0, 6))).toBe(false)
    expect(looksComplete('pdf', Buffer.from('%PDF-1.4\n…\n%%EOF\n'))).toBe(true)
    expect(looksComplete('pdf', Buffer.from('%PDF-1.4\n1 0 obj'))).toBe(false)
    expect(looksComplete('webp', Buffer.from('RIFF\x04\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe(false)
  })
})

describe('media cache: links and directories', () => {
  it('never serves what a link in the cache points to, and replaces the link by the image', async () => {
    const asset = await freshAsset()
    await fx.app.request(asset.thumbnail_small as string)
    rmSync(cachedPath(asset.id))
    symlinkSync('/etc/passwd', cachedPath(asset.id))
    const res = await fx.app.request(asset.thumbnail_small as string)
    const bytes = await expectProperThumbnail(res)
    expect(bytes.toString('latin1')).not.toContain('root:')
    expect(lstatSync(cachedPath(asset.id)).isSymbolicLink()).toBe(false)
    expect(readFileSync('/etc/passwd', 'latin1')).toContain('root:')
  })

  it('neither reads nor writes through a linked shard directory', async () => {
    const asset = await freshAsset()
    const outside = mkdtempSync(join(tmpdir(), 'vitrine-outside-'))
    try {
      // Something else's image planted where the link leads, under this asset's file name.
      const other = await freshAsset()
      const planted = Buffer.from(await (await fx.app.request(other.thumbnail_small as string)).arrayBuffer())
      writeFileSync(join(outside, `${asset.id}.webp`), planted)
      rmSync(shardOf(asset.id), { recursive: true, force: true })
      mkdirSync(join(shardOf(asset.id), '..'), { recursive: true })
      symlinkSync(outside, shardOf(asset.id))

      const bytes = await expectProperThumbnail(await fx.app.request(asset.thumbnail_small as string))
      expect(bytes.equals(planted)).toBe(false)
      // Nothing was written outside the cache, and the shard is a real directory again.
      expect(readdirSync(outside)).toEqual([`${asset.id}.webp`])
      expect(readFileSync(join(outside, `${asset.id}.webp`)).equals(planted)).toBe(true)
      expect(lstatSync(shardOf(asset.id)).isDirectory()).toBe(true)
      expect(readFileSync(cachedPath(asset.id)).equals(bytes)).toBe(true)
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  it('answers a proper image when a directory stands in the file’s place', async () => {
    const asset = await freshAsset()
    mkdirSync(join(cachedPath(asset.id), 'inside'), { recursive: true })
    writeFileSync(join(cachedPath(asset.id), 'inside', 'x'), 'x')
    await expectProperThumbnail(await fx.app.request(asset.thumbnail_small as string))
    expect(lstatSync(cachedPath(asset.id)).isFile()).toBe(true)
  })
})

describe('media cache: writes', () => {
  it('writes through a temporary file in the same directory and removes it when the write fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-write-'))
    try {
      await writeFileAtomically(dir, 'a.webp', Buffer.from('abc'))
      expect(readdirSync(dir)).toEqual(['a.webp'])
      // A failure after the temporary file exists (here: bytes that cannot be written).
      await expect(writeFileAtomically(dir, 'b.webp', 42 as unknown as Buffer)).rejects.toThrow()
      expect(readdirSync(dir)).toEqual(['a.webp'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('still serves the image when the cache cannot be written', async () => {
    const asset = await freshAsset()
    // A file where the cache folder should be: nothing can be kept.
    const dataDir = mkdtempSync(join(tmpdir(), 'vitrine-nocache-'))
    try {
      writeFileSync(join(dataDir, MEDIA_CACHE_DIR), 'not a directory')
      const store = createMediaStore({ ...fx.catalog, dataDir })
      const app = createApp({ db: fx.catalog, media: store })
      await expectProperThumbnail(await app.request(store.url('thumb-small', asset.id)))
      expect(readdirSync(dataDir)).toEqual([MEDIA_CACHE_DIR])
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('signed media URLs expire', () => {
  const HOUR = 3_600_000
  let clock = 0
  let catalog: Catalog
  const storeAt = () => createMediaStore(catalog, { now: () => clock })

  beforeAll(() => {
    catalog = fx.catalog
  })

  it('stays the same within the hour, is served for its lifetime and answers 404 once expired', async () => {
    const asset = await freshAsset()
    const store = storeAt()
    const app = createApp({ db: catalog, media: store })
    const start = Math.floor(Date.now() / HOUR) * HOUR
    clock = start + 1000
    const url = store.url('thumb-small', asset.id)
    clock = start + HOUR - 1000
    expect(store.url('thumb-small', asset.id)).toBe(url)
    clock = start + HOUR + 1000
    expect(store.url('thumb-small', asset.id)).not.toBe(url)

    clock = start + URL_LIFETIME_HOURS * HOUR + 1000
    const late = await app.request(url)
    expect(late.status).toBe(200)
    expect(late.headers.get('cache-control')).toMatch(/, max-age=3599$/)
    clock = start + (URL_LIFETIME_HOURS + 1) * HOUR
    const expired = await app.request(url)
    expect(expired.status).toBe(404)
    expect(await expired.text()).toBe(await (await app.request('/media/thumb-small/zzzzzzzz.webp')).text())
  })

  it('lets shared caches keep public assets only: private media is cached by the browser alone', async () => {
    clock = Date.now()
    const store = storeAt()
    const app = createApp({ db: catalog, media: store })
    const pub = fx.rows.find((r) => r.visibility === 'public')
    const priv = fx.rows.find((r) => r.visibility === 'private')
    const shared = fx.rows.find((r) => r.visibility === 'shared')
    if (!pub || !priv || !shared) throw new Error('fixture lacks a visibility')
    const cacheControl = async (id: string) =>
      (await app.request(store.url('thumb-small', id))).headers.get('cache-control') ?? ''
    expect(await cacheControl(pub.id)).toMatch(/^public, max-age=\d+$/)
    expect(await cacheControl(priv.id)).toMatch(/^private, max-age=\d+$/)
    expect(await cacheControl(shared.id)).toMatch(/^private, max-age=\d+$/)
    for (const value of [await cacheControl(pub.id), await cacheControl(priv.id)]) {
      expect(value).not.toContain('immutable')
    }
    // Vipanya downloads: public only when public and published (a draft is its owner's alone).
    const file = (published: number, isPublic: number) =>
      (
        fx.catalog.sqlite
          .prepare(
            `SELECT uuid FROM vipanya_assets WHERE asset_type = 'pdf' AND file_path IS NOT NULL
                AND is_published = ? AND is_public = ? LIMIT 1`,
          )
          .get(published, isPublic) as { uuid: string } | undefined
      )?.uuid
    const download = async (uuid: string | undefined) =>
      uuid === undefined
        ? undefined
        : (await app.request(store.url('file-pdf', uuid))).headers.get('cache-control')?.split(',')[0]
    expect(await download(file(1, 1))).toBe('public')
    expect(await download(file(1, 0))).toBe('private')
    const draft = file(0, 1)
    if (draft) expect(await download(draft)).toBe('private')
  })
})

describe('gallery media ids', () => {
  it('name images by an opaque id that depends on the catalog’s secret, not by their row', async () => {
    const { body } = await getJson<PiktidGalleryPage>(
      fx.app,
      '/api/piktid/gallery/by-project?status=completed&per_page=5&max_images_per_project=5',
    )
    const outputs = body.projects.flatMap((p) => p.images.map((i) => i.output.thumbnail as string))
    expect(outputs.length).toBeGreaterThan(0)
    for (const url of outputs) expect(url).toMatch(/^\/media\/gen-output-thumb\/[0-9a-z]{8}\.webp\?e=\d+&s=/)
    for (const url of outputs) expect((await fx.app.request(url)).status).toBe(200)

    const rows = fx.catalog.sqlite.prepare('SELECT id FROM gallery_images LIMIT 3').all() as { id: number }[]
    const other = createMediaStore({ ...fx.catalog, secret: 'another catalog' })
    for (const { id } of rows) {
      const mine = fx.media.url('gen-output', String(id)).split('?')[0]
      expect(mine).not.toContain(`/${id}.`)
      expect(other.url('gen-output', String(id)).split('?')[0]).not.toBe(mine)
    }
    // The row form itself names nothing.
    expect((await fx.app.request(`/media/gen-output/${rows[0]?.id}.jpg`)).status).toBe(404)
  })
})

describe('media cache: recent small files in memory', () => {
  const valid = (bytes: Buffer) => bytes.length > 0
  const withRoot = async (run: (root: string) => Promise<void>) => {
    const root = mkdtempSync(join(tmpdir(), 'vitrine-memory-'))
    try {
      await run(root)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  it('answers a file it wrote or read from memory, without the disk', async () => {
    await withRoot(async (root) => {
      const cache = createMediaCache(root, { memoryBytes: 1024 })
      await cache.write(['v', 'a'], 'one.webp', Buffer.from('first'))
      rmSync(join(root, 'v', 'a', 'one.webp'))
      expect((await cache.read(['v', 'a'], 'one.webp', valid))?.toString()).toBe('first')

      writeFileSync(join(root, 'v', 'a', 'two.webp'), 'second')
      expect((await cache.read(['v', 'a'], 'two.webp', valid))?.toString()).toBe('second')
      rmSync(join(root, 'v', 'a', 'two.webp'))
      expect((await cache.read(['v', 'a'], 'two.webp', valid))?.toString()).toBe('second')
    })
  })

  it('keeps within its byte budget, dropping the least recently used first', async () => {
    await withRoot(async (root) => {
      const cache = createMediaCache(root, { memoryBytes: 100 })
      await cache.write(['v'], 'a', Buffer.alloc(40, 1))
      await cache.write(['v'], 'b', Buffer.alloc(40, 2))
      await cache.read(['v'], 'a', valid) // a is now the most recent
      await cache.write(['v'], 'c', Buffer.alloc(40, 3)) // 120 > 100: b goes
      for (const name of ['a', 'b', 'c']) rmSync(join(root, 'v', name))
      expect(await cache.read(['v'], 'a', valid)).toBeDefined()
      expect(await cache.read(['v'], 'b', valid)).toBeUndefined()
      expect(await cache.read(['v'], 'c', valid)).toBeDefined()
    })
  })

  it('never keeps what failed the check, nor anything without a budget', async () => {
    await withRoot(async (root) => {
      const cache = createMediaCache(root, { memoryBytes: 1024 })
      mkdirSync(join(root, 'v'), { recursive: true })
      writeFileSync(join(root, 'v', 'bad'), 'x')
      expect(await cache.read(['v'], 'bad', () => false)).toBeUndefined()
      writeFileSync(join(root, 'v', 'bad'), 'x')
      expect(await cache.read(['v'], 'bad', valid)).toBeDefined()

      const none = createMediaCache(root)
      await none.write(['v'], 'plain', Buffer.from('disk'))
      rmSync(join(root, 'v', 'plain'))
      expect(await none.read(['v'], 'plain', valid)).toBeUndefined()
    })
  })
})
