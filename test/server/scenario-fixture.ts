import type { Hono } from 'hono'
import type { ScenarioAsset, ScenarioAssetsPage } from '../../src/shared/scenario'
import type { CatalogFixture } from './fixture'

/** A Scenario generation as stored, read straight from SQLite: the ground truth for the API. */
export interface RawGeneration {
  id: string
  author: string
  group: string
  type: string
  privacy: 'private' | 'unlisted' | 'public'
  model: string | null
  inference: string | null
  parent: string | null
  root: string | null
  created_at: string
  updated_at: string
  tags: string[]
}

export function rawGenerations(fx: CatalogFixture): RawGeneration[] {
  const rows = fx.catalog.sqlite
    .prepare(
      `SELECT a.public_id AS id, u.username AS author, u.group_name AS "group", a.type, a.privacy,
              m.public_id AS model, a.inference_id AS inference, p.public_id AS parent, r.public_id AS root,
              a.created_at, a.updated_at,
              (SELECT group_concat(t.name, ',') FROM scenario_asset_tags j JOIN scenario_tags t ON t.id = j.tag_id
                WHERE j.asset_id = a.id) AS tags
         FROM scenario_assets a JOIN users u ON u.id = a.author_id
         LEFT JOIN scenario_models m ON m.id = a.model_id
         LEFT JOIN scenario_assets p ON p.id = a.parent_id
         LEFT JOIN scenario_assets r ON r.id = a.root_id`,
    )
    .all() as (Omit<RawGeneration, 'privacy' | 'tags'> & { privacy: number; tags: string | null })[]
  const names = ['private', 'unlisted', 'public'] as const
  return rows.map((r) => ({ ...r, privacy: names[r.privacy] ?? 'private', tags: r.tags ? r.tags.split(',') : [] }))
}

const GROUPS: Record<string, string> = { alice: 'studio', bob: 'studio', carol: 'north', platform: 'platform' }

/** Independently of the server: may `user` (null = public token) see a generation at all? */
export function mayView(user: string | null, row: RawGeneration): boolean {
  if (row.privacy === 'public') return true
  if (user === null) return false
  if (row.author === user) return true
  return row.privacy === 'unlisted' && row.group === GROUPS[user]
}

/** A team's listing: what the user may see among their own team's generations. */
export function inTeamList(user: string, row: RawGeneration): boolean {
  return row.group === GROUPS[user] && mayView(user, row)
}

export const bearer = (user: string) => ({ authorization: `Bearer demo-${user}` })
export const basic = (user: string, secret = 'demo-secret') => ({
  authorization: `Basic ${Buffer.from(`demo-${user}:${secret}`).toString('base64')}`,
})
export const publicToken = { authorization: 'public-auth-token' }

export async function call<T = unknown>(
  app: Hono,
  path: string,
  headers: Record<string, string> = bearer('alice'),
): Promise<{ status: number; body: T }> {
  const res = await app.request(`/api/scenario/v1${path}`, { headers })
  return { status: res.status, body: (await res.json()) as T }
}

/** Follows nextPaginationToken to the end, checking each page's size. */
export async function walkScenario(
  app: Hono,
  query: string,
  headers: Record<string, string> = bearer('alice'),
  pageSize = 100,
): Promise<ScenarioAsset[]> {
  const assets: ScenarioAsset[] = []
  let token: string | undefined
  for (let guard = 0; guard < 1000; guard++) {
    const sep = query ? '&' : ''
    const tokenPart = token ? `&paginationToken=${encodeURIComponent(token)}` : ''
    const { status, body } = await call<ScenarioAssetsPage>(
      app,
      `/assets?${query}${sep}pageSize=${pageSize}${tokenPart}`,
      headers,
    )
    if (status !== 200) throw new Error(`${query} answered ${status}: ${JSON.stringify(body)}`)
    assets.push(...body.assets)
    if (body.nextPaginationToken === undefined) return assets
    if (body.assets.length !== pageSize) throw new Error('short page before the end')
    token = body.nextPaginationToken
  }
  throw new Error('pagination never ended')
}
