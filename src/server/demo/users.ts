import type Database from 'better-sqlite3'
import type { Weighted } from '../random'

// The demo catalog's users and API tokens, written by buildCatalog, and how the other fills find
// the users they give rows to.

export const DEMO_USERS = [
  { id: 1, username: 'platform', group: 'platform' },
  { id: 2, username: 'alice', group: 'studio' },
  { id: 3, username: 'bob', group: 'studio' },
  { id: 4, username: 'carol', group: 'north' },
] as const

export const DEMO_TOKENS = [
  { token: 'demo-alice', userId: 2, scopes: 'read:assets write:assets' },
  { token: 'demo-bob', userId: 3, scopes: 'read:assets write:assets' },
  { token: 'demo-carol', userId: 4, scopes: 'read:assets write:assets' },
  { token: 'demo-readonly', userId: 2, scopes: 'read:assets' },
] as const

/** The catalog's user ids by username. */
export function userIdsByName(db: Database.Database): Map<string, number> {
  return new Map(
    (db.prepare('SELECT id, username FROM users').all() as { id: number; username: string }[]).map((u) => [
      u.username,
      u.id,
    ]),
  )
}

/** The ids of the users `weights` names that the catalog has, with their weights. */
export function weightedUserIds(users: ReadonlyMap<string, number>, weights: Weighted<string>): Weighted<number> {
  return weights.filter(([name]) => users.has(name)).map(([name, w]) => [users.get(name) as number, w] as const)
}
