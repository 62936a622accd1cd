import type { Context, Hono } from 'hono'
import {
  gumnutAlbumsParams,
  gumnutAssetsParams,
  gumnutFacesParams,
  gumnutPeopleParams,
  type GumnutAsset,
  type GumnutPage,
  type GumnutPerson,
} from '../../../shared/gumnut'
import type { FieldIssue } from '../../../shared/query-rules'
import type { PhotoIdKind } from '../../ids/codec'
import { bearerToken, type AuthEnv } from '../../core/auth'
import { createDialectApp, sendError } from '../../core/dialect'
import { gumnutErrors } from '../../core/errors'
import { parseQuery } from '../../core/params'
import { canSee, type Viewer } from '../../core/visibility'
import type { Catalog } from '../../db/catalog-db'
import { VISIBILITY_CODES } from '../../db/schema'
import type { MediaStore } from '../../media/media-store'
import { markRenderAhead } from '../../media/render-ahead'
import { createPhotoQueries, FIRST_PHOTO_CURSOR, type FaceRow, type PhotoCursor, type PhotoRow } from './photo-queries'
import { createGumnutProjection } from './projection'

// Gumnut photos API (seed 004), mounted at /api/gumnut: assets, people, faces, albums and
// libraries of the caller's own photo libraries, with `starting_after_id` cursors.

const NAMES: Record<PhotoIdKind, string> = {
  asset: 'Asset',
  face: 'Face',
  person: 'Person',
  album: 'Album',
  library: 'Library',
}

/** A lookup that failed: a malformed id (422) or one the caller cannot see (404). */
class Refusal extends Error {
  constructor(readonly response: Response) {
    super('refused')
  }
}

export function createGumnutApi(deps: { db: Catalog; media: MediaStore }): Hono<AuthEnv> {
  const { db: catalog, media } = deps
  const queries = createPhotoQueries(catalog)
  const toWire = createGumnutProjection(catalog.ids, media)
  const api = createDialectApp({ catalog, errors: gumnutErrors, credentials: [bearerToken] })

  // Photo libraries are private to their owner: every row is asked about as a private row.
  const owns = (viewer: Viewer, ownerId: number) =>
    canSee(catalog, viewer, { owner_id: ownerId, visibility: VISIBILITY_CODES.private })

  const invalid = (c: Context, issues: FieldIssue[]) => sendError(c, gumnutErrors.invalid(issues, 'query'))
  const issue = (field: string, problem: string): FieldIssue => ({ field, problem, message: `${field} ${problem}` })

  /**
   * The row behind a public id the caller owns. A malformed id in a query parameter is a 422; an
   * unknown or someone else's id is a 404, or a 422 when it is a cursor (`asCursor`).
   */
  function lookUp<T extends { owner_id: number }>(
    c: Context<AuthEnv>,
    kind: PhotoIdKind,
    publicId: string,
    find: (rowId: number) => T | undefined,
    field: string | null,
    asCursor = false,
  ): T {
    const rowId = catalog.ids.photoRow(kind, publicId)
    if (rowId === undefined && field !== null) {
      throw new Refusal(invalid(c, [issue(field, `is not a ${kind} id (${kind}_…)`)]))
    }
    const row = rowId === undefined ? undefined : find(rowId)
    if (!row || !owns(c.get('caller').user, row.owner_id)) {
      if (asCursor && field !== null) {
        throw new Refusal(
          invalid(c, [issue(field, `does not name one of your ${kind === 'person' ? 'people' : `${kind}s`}`)]),
        )
      }
      throw new Refusal(sendError(c, gumnutErrors.notFound(`${NAMES[kind]} ${publicId}`)))
    }
    return row
  }

  /** `lookUp` for an optional filter parameter. */
  function maybe<T extends { owner_id: number }>(
    c: Context<AuthEnv>,
    publicId: string | undefined,
    kind: PhotoIdKind,
    find: (rowId: number) => T | undefined,
    field: string,
  ): T | undefined {
    return publicId ? lookUp(c, kind, publicId, find, field) : undefined
  }

  const ownerOf = (c: Context<AuthEnv>): number => {
    // Gumnut accepts bearer tokens only, so there is always a user here.
    const user = c.get('caller').user
    if (!user) throw new Error('Gumnut caller without a user')
    return user.id
  }

  function assetsOf(rows: readonly PhotoRow[]): GumnutAsset[] {
    const faces = queries.facesOfPhotos(rows.map((r) => r.id))
    const byPhoto = new Map<number, FaceRow[]>()
    const personIds = new Set<number>()
    for (const face of faces) {
      const list = byPhoto.get(face.photo_id) ?? []
      list.push(face)
      byPhoto.set(face.photo_id, list)
      if (face.person_id !== null) personIds.add(face.person_id)
    }
    // Each person is projected once per page, however many of the page's photos they are in.
    const people = new Map<number, GumnutPerson>(
      queries.peopleByIds([...personIds]).map((p) => [p.id, toWire.person(p)]),
    )
    return rows.map((row) => toWire.asset(row, byPhoto.get(row.id) ?? [], people))
  }

  /** One cursor page: `limit + 1` rows were read, so a row past the limit says there are more. */
  const page = <Row, T>(rows: Row[], limit: number, project: (rows: Row[]) => T[]): GumnutPage<T> => ({
    data: project(rows.slice(0, limit)),
    has_more: rows.length > limit,
  })

  const guarded = (handler: (c: Context<AuthEnv>) => Response) => (c: Context<AuthEnv>) => {
    try {
      return handler(c)
    } catch (error) {
      if (error instanceof Refusal) return error.response
      throw error
    }
  }

  api.get(
    '/api/assets',
    guarded((c) => {
      const parsed = parseQuery(c, gumnutAssetsParams)
      if (!parsed.ok) return invalid(c, parsed.issues)
      const p = parsed.values
      const owner = ownerOf(c)
      const library = maybe(c, p.library_id, 'library', queries.library, 'library_id')
      const album = maybe(c, p.album_id, 'album', queries.album, 'album_id')
      const person = maybe(c, p.person_id, 'person', queries.person, 'person_id')
      let after: PhotoCursor = FIRST_PHOTO_CURSOR
      if (p.starting_after_id) {
        const row = lookUp(c, 'asset', p.starting_after_id, queries.photo, 'starting_after_id', true)
        after = { time: row.local_datetime, id: row.id }
      }
      const rows = queries.photos(
        { owner, library: library?.id, album: album?.id, person: person?.id },
        after,
        p.limit + 1,
      )
      const body = page(rows, p.limit, assetsOf)
      markRenderAhead(
        c,
        body.data.map((asset) => asset.id),
      )
      return c.json(body)
    }),
  )

  api.get(
    '/api/assets/:id',
    guarded((c) => {
      const row = lookUp(c, 'asset', c.req.param('id') ?? '', queries.photo, null)
      const [asset] = assetsOf([row])
      return c.json(asset)
    }),
  )

  api.get(
    '/api/people',
    guarded((c) => {
      const parsed = parseQuery(c, gumnutPeopleParams)
      if (!parsed.ok) return invalid(c, parsed.issues)
      const p = parsed.values
      const owner = ownerOf(c)
      const library = maybe(c, p.library_id, 'library', queries.library, 'library_id')
      const album = maybe(c, p.album_id, 'album', queries.album, 'album_id')
      const asset = maybe(c, p.asset_id, 'asset', queries.photo, 'asset_id')
      const after = p.starting_after_id
        ? lookUp(c, 'person', p.starting_after_id, queries.person, 'starting_after_id', true)
        : undefined
      const rows = queries.people(
        {
          owner,
          library: library?.id,
          album: album?.id,
          photo: asset?.id,
          name: p.name || undefined,
          includeHidden: p.include_hidden === 'true',
        },
        after,
        p.limit + 1,
      )
      return c.json(page(rows, p.limit, (people) => people.map(toWire.person)))
    }),
  )

  api.get(
    '/api/people/:id',
    guarded((c) => c.json(toWire.person(lookUp(c, 'person', c.req.param('id') ?? '', queries.person, null)))),
  )

  api.get(
    '/api/faces',
    guarded((c) => {
      const parsed = parseQuery(c, gumnutFacesParams)
      if (!parsed.ok) return invalid(c, parsed.issues)
      const p = parsed.values
      const owner = ownerOf(c)
      const library = maybe(c, p.library_id, 'library', queries.library, 'library_id')
      const asset = maybe(c, p.asset_id, 'asset', queries.photo, 'asset_id')
      const person = maybe(c, p.person_id, 'person', queries.person, 'person_id')
      const after = p.starting_after_id
        ? lookUp(c, 'face', p.starting_after_id, queries.face, 'starting_after_id', true).id
        : Number.MAX_SAFE_INTEGER
      const rows = queries.faces(
        { owner, photo: asset?.id, person: person?.id, library: library?.id },
        after,
        p.limit + 1,
      )
      return c.json(page(rows, p.limit, (faces) => faces.map(toWire.face)))
    }),
  )

  api.get(
    '/api/albums',
    guarded((c) => {
      const parsed = parseQuery(c, gumnutAlbumsParams)
      if (!parsed.ok) return invalid(c, parsed.issues)
      const p = parsed.values
      const owner = ownerOf(c)
      const library = maybe(c, p.library_id, 'library', queries.library, 'library_id')
      const after = p.starting_after_id
        ? lookUp(c, 'album', p.starting_after_id, queries.album, 'starting_after_id', true).id
        : Number.MAX_SAFE_INTEGER
      const rows = queries.albums({ owner, library: library?.id }, after, p.limit + 1)
      return c.json(page(rows, p.limit, (albums) => albums.map(toWire.album)))
    }),
  )

  api.get(
    '/api/libraries',
    guarded((c) => c.json(queries.libraries(ownerOf(c)).map(toWire.library))),
  )

  return api
}
