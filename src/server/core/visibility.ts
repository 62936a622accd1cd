import type { Catalog, CatalogUser } from '../db/catalog-db'
import type { Segment } from '../db/asset-query'
import { VISIBILITY_CODES } from '../db/schema'

// The one place that decides who sees what. Every dialect asks here, for lists (segments) and
// for single rows (canSee), so "no request ever returns another user's private asset" holds
// whichever API is asked. Rules:
// - private: the owner only;
// - shared: the owner and the members of the owner's group;
// - public (platform defaults included): everyone, even public access without a user.

const PLATFORM_USERNAME = 'platform'

/** Who is asking: a user, or `null` for public access without one (e.g. Scenario's public token). */
export type Viewer = CatalogUser | null

/** The slice of the catalog the rules read: its users and groups. */
export type Directory = Pick<Catalog, 'users' | 'userById' | 'userByName' | 'groupMembers'>

/**
 * Which rows an ownership filter asks for, within what the viewer may see:
 * `mine` the viewer's own; `shared` the viewer's group members' (not the viewer's own);
 * `default` the platform's; `all` everything visible.
 */
export type OwnershipScope = 'all' | 'mine' | 'shared' | 'default'

/** Anything owned: an asset row, a project row. */
export interface OwnedRow {
  owner_id: number
  visibility: number
}

/** The (owner, visibility) segments `viewer` may see within `scope`; list queries merge them. */
export function segmentsFor(directory: Directory, viewer: Viewer, scope: OwnershipScope = 'all'): Segment[] {
  const { private: priv, shared, public: pub } = VISIBILITY_CODES
  const platform = directory.userByName(PLATFORM_USERNAME)
  if (viewer === null) {
    if (scope === 'default') return platform ? [{ owner: platform.id, visibility: pub }] : []
    if (scope !== 'all') return []
    return directory.users().map((u) => ({ owner: u.id, visibility: pub }))
  }
  const teammates = directory.groupMembers(viewer.group).filter((u) => u.id !== viewer.id)
  const mine: Segment[] = [
    { owner: viewer.id, visibility: priv },
    { owner: viewer.id, visibility: shared },
    { owner: viewer.id, visibility: pub },
  ]
  switch (scope) {
    case 'mine':
      return mine
    case 'shared':
      return teammates.flatMap((u) => [
        { owner: u.id, visibility: shared },
        { owner: u.id, visibility: pub },
      ])
    case 'default':
      return platform ? [{ owner: platform.id, visibility: pub }] : []
    case 'all': {
      const everyonesPublic = directory
        .users()
        .filter((u) => u.id !== viewer.id)
        .map((u) => ({ owner: u.id, visibility: pub }))
      const teammatesShared = teammates.map((u) => ({ owner: u.id, visibility: shared }))
      return [...mine, ...teammatesShared, ...everyonesPublic]
    }
  }
}

/** Whether `viewer` may see one row; the single-row twin of `segmentsFor(…, 'all')`. */
export function canSee(directory: Directory, viewer: Viewer, row: OwnedRow): boolean {
  if (row.visibility === VISIBILITY_CODES.public) return true
  if (viewer === null) return false
  if (row.owner_id === viewer.id) return true
  if (row.visibility !== VISIBILITY_CODES.shared) return false
  return directory.userById(row.owner_id)?.group === viewer.group
}

/** Narrows segments to one uploader (PiktID's `created_by`); an unknown name sees nothing. */
export function segmentsOfUploader(directory: Directory, segments: Segment[], username: string): Segment[] {
  const uploader = directory.userByName(username)
  return uploader ? segments.filter((s) => s.owner === uploader.id) : []
}
