import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { createApp } from '../../src/server/app'
import { buildCatalog } from '../../src/server/demo/generate'
import { openCatalog, type Catalog } from '../../src/server/db/catalog-db'
import type { MediaKind } from '../../src/server/media/media-kinds'
import { createMediaStore, type MediaStore } from '../../src/server/media/media-store'
import { PIKTID_TAGS, type PiktidAsset, type PiktidAssetsPage } from '../../src/shared/piktid'

export const TOKENS = { alice: 'demo-alice', bob: 'demo-bob', carol: 'demo-carol' } as const
export type DemoUser = keyof typeof TOKENS

export interface CatalogFixture {
  dir: string
  catalog: Catalog
  media: MediaStore
  app: Hono
  renders: { kind: MediaKind; id: string }[]
  rows: RawAsset[]
  close(): void
}

/** An asset as stored, read straight from SQLite: the ground truth the API is checked against. */
export interface RawAsset {
  id: string
  filename: string
  created_at: string
  owner: string
  owner_group: string
  visibility: 'private' | 'shared' | 'public'
  tags: string[]
  project_name: string | null
}

/**
 * A catalog of `assets` behind the app. With `renderAhead: false`, listings do not start drawing
 * their items' thumbnails in the background, for tests that need an image not drawn yet.
 */
export function createFixture(assets: number, options: { renderAhead?: boolean } = {}): CatalogFixture {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-test-'))
  const dataDir = join(dir, 'data')
  const distDir = join(dir, 'dist')
  mkdirSync(join(distDir, 'assets'), { recursive: true })
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Vitrine</title><div id="root"></div>')
  writeFileSync(join(distDir, 'assets', 'index-abc123.js'), 'console.log("app")')
  writeFileSync(join(distDir, 'robots.txt'), 'User-agent: *')

  buildCatalog({ dataDir, assets })
  const catalog = openCatalog(dataDir)
  const renders: { kind: MediaKind; id: string }[] = []
  const media = createMediaStore(catalog, { onRender: (kind, id) => renders.push({ kind, id }) })
  const app = createApp({ db: catalog, media, distDir, leaveRenderAhead: options.renderAhead === false })
  const raw = catalog.sqlite
    .prepare(
      `SELECT a.public_id AS id, a.filename, a.created_at, u.username AS owner, u.group_name AS owner_group,
              a.visibility, a.tags, p.name AS project_name
         FROM assets a JOIN users u ON u.id = a.created_by LEFT JOIN projects p ON p.id = a.project_id`,
    )
    .all() as {
    id: string
    filename: string
    created_at: string
    owner: string
    owner_group: string
    visibility: number
    tags: number
    project_name: string | null
  }[]
  const names = ['private', 'shared', 'public'] as const
  const rows: RawAsset[] = raw.map((r) => ({
    ...r,
    visibility: names[r.visibility] ?? 'private',
    tags: PIKTID_TAGS.filter((_, bit) => r.tags & (1 << bit)),
  }))
  return {
    dir,
    catalog,
    media,
    app,
    renders,
    rows,
    close() {
      catalog.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const GROUPS: Record<string, string> = { alice: 'studio', bob: 'studio', carol: 'north', platform: 'platform' }

/** The visibility rule, written independently of the server: what `user` may ever see. */
export function visibleTo(user: DemoUser, row: RawAsset): boolean {
  if (row.visibility === 'public' || row.owner === user) return true
  return row.visibility === 'shared' && row.owner_group === GROUPS[user]
}

export async function getJson<T = unknown>(
  app: Hono,
  path: string,
  user: DemoUser | null = 'alice',
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = user ? { authorization: `Bearer ${TOKENS[user]}` } : {}
  const res = await app.request(path, { headers })
  return { status: res.status, body: (await res.json()) as T, headers: res.headers }
}

/** Reads every page of a listing, checking the pagination block on the way. */
export async function walkAll(
  app: Hono,
  query: string,
  user: DemoUser = 'alice',
  perPage = 100,
): Promise<{ assets: PiktidAsset[]; total: number }> {
  const assets: PiktidAsset[] = []
  let page = 1
  let total = -1
  for (;;) {
    const sep = query ? '&' : ''
    const { status, body } = await getJson<PiktidAssetsPage>(
      app,
      `/api/piktid/assets?${query}${sep}per_page=${perPage}&page=${page}`,
      user,
    )
    if (status !== 200) throw new Error(`page ${page} of ${query} answered ${status}`)
    if (total === -1) total = body.pagination.total
    if (body.pagination.total !== total) throw new Error('total changed while paging')
    if (body.pagination.pages !== Math.ceil(total / perPage)) throw new Error('pages does not match total')
    assets.push(...body.assets)
    if (!body.pagination.has_next) break
    if (body.assets.length !== perPage) throw new Error(`short page ${page} while has_next`)
    page += 1
  }
  return { assets, total }
}
