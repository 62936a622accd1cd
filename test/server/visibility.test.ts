import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canSee, segmentsFor, type Directory, type OwnershipScope, type Viewer } from '../../src/server/core/visibility'
import type { CatalogUser } from '../../src/server/db/catalog-db'
import { VISIBILITY_CODES } from '../../src/server/db/schema'

// The privacy rule every dialect relies on, checked over random users, groups and rows against
// a statement of the rule written independently of the module.

const VISIBILITIES = ['private', 'shared', 'public'] as const
type VisibilityName = (typeof VISIBILITIES)[number]

interface Row {
  owner_id: number
  visibility: number
}

function directoryOf(users: CatalogUser[]): Directory {
  return {
    users: () => users,
    userById: (id) => users.find((u) => u.id === id),
    userByName: (name) => users.find((u) => u.username === name),
    groupMembers: (group) => users.filter((u) => u.group === group),
  }
}

/** The rule in words: private → owner only; shared → owner's group; public → everyone. */
function allowed(users: CatalogUser[], viewer: Viewer, row: Row): boolean {
  const name = VISIBILITIES[row.visibility] as VisibilityName
  if (name === 'public') return true
  if (viewer === null) return false
  if (name === 'private') return row.owner_id === viewer.id
  const owner = users.find((u) => u.id === row.owner_id)
  return owner !== undefined && owner.group === viewer.group
}

const world = fc
  .array(fc.constantFrom('studio', 'north', 'south', 'platform'), { minLength: 1, maxLength: 6 })
  .chain((groups) => {
    const users: CatalogUser[] = groups.map((group, i) => ({
      id: i + 1,
      username: i === 0 ? 'platform' : `user${i}`,
      group,
    }))
    const row = fc.record({
      owner_id: fc.integer({ min: 1, max: users.length }),
      visibility: fc.constantFrom(VISIBILITY_CODES.private, VISIBILITY_CODES.shared, VISIBILITY_CODES.public),
    })
    const viewer: fc.Arbitrary<Viewer> = fc.option(fc.constantFrom(...users), { nil: null, freq: 5 })
    return fc.record({
      users: fc.constant(users),
      rows: fc.array(row, { maxLength: 40 }),
      viewer,
      scope: fc.constantFrom<OwnershipScope>('all', 'mine', 'shared', 'default'),
    })
  })

describe('visibility: no request ever returns another user’s private asset', () => {
  it('lists exactly what the rule allows, never more, for every viewer and ownership scope', () => {
    fc.assert(
      fc.property(world, ({ users, rows, viewer, scope }) => {
        const directory = directoryOf(users)
        const segments = segmentsFor(directory, viewer, scope)
        const listed = rows.filter((r) => segments.some((s) => s.owner === r.owner_id && s.visibility === r.visibility))
        for (const row of listed) {
          // Whatever the scope, a listed row is one the rule allows, and canSee agrees.
          expect(allowed(users, viewer, row)).toBe(true)
          expect(canSee(directory, viewer, row)).toBe(true)
          if (row.visibility === VISIBILITY_CODES.private) expect(row.owner_id).toBe(viewer?.id)
        }
        for (const row of rows) expect(canSee(directory, viewer, row)).toBe(allowed(users, viewer, row))
        if (scope === 'all') {
          // The unfiltered list holds every allowed row.
          expect(listed).toEqual(rows.filter((r) => allowed(users, viewer, r)))
        }
        // No segment is listed twice, so merged lists never repeat a row.
        const keys = segments.map((s) => `${s.owner}:${s.visibility}`)
        expect(new Set(keys).size).toBe(keys.length)
      }),
      { numRuns: 400 },
    )
  })
})
