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
import type { StrictValues } from '../../../shared/query-rules'
import type { PhotoIdKind } from '../../ids/codec'
import { bearerToken, type AuthEnv } from '../../core/auth'
import { createDialectApp, endpoint } from '../../core/dialect'
import { gumnutErrors, Refusal } from '../../core/errors'
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

/** The id filters a Gumnut list may take (each list's rule table has some of them). */
interface IdFilters {
  library_id?: string | undefined
  album_id?: string | undefined
  asset_id?: string | undefined
  person_id?: string | undefined
}

export function createGumnutApi(deps: { db: Catalog; media: MediaStore }): Hono<AuthEnv> {
  const { db: catalog, media } = deps
  const queries = createPhotoQueries(catalog)
  const toWire = createGumnutProjection(catalog.ids, media)
  const api = createDialectApp({ catalog, errors: gumnutErrors, credentials: [bearerToken] })

  // Photo libraries are private to their owner: every row is asked about as a private row.
  const owns = (viewer: Viewer, ownerId: number) =>
    canSee(catalog, viewer, { owner_id: ownerId, visibility: VISIBILITY_CODES.private })

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
      throw Refusal.field(field, `is not a ${kind} id (${kind}_…)`)
    }
    const row = rowId === undefined ? undefined : find(rowId)
    if (!row || !owns(c.get('caller').user, row.owner_id)) {
      if (asCursor && field !== null) {
        throw Refusal.field(field, `does not name one of your ${kind === 'person' ? 'people' : `${kind}s`}`)
      }
      throw Refusal.notFound(`${NAMES[kind]} ${publicId}`)
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

  /**
   * The caller and the row ids the filter parameters name, each looked up as `lookUp` does, in
   * this order (the first bad one is the one refused).
   */
  const filtersOf = (c: Context<AuthEnv>, p: IdFilters) => ({
    owner: ownerOf(c),
    library: maybe(c, p.library_id, 'library', queries.library, 'library_id')?.id,
    album: maybe(c, p.album_id, 'album', queries.album, 'album_id')?.id,
    photo: maybe(c, p.asset_id, 'asset', queries.photo, 'asset_id')?.id,
    person: maybe(c, p.person_id, 'person', queries.person, 'person_id')?.id,
  })

  /** The row a `starting_after_id` cursor names: one of the caller's, else a 422. */
  function cursorRow<T extends { owner_id: number }>(
    c: Context<AuthEnv>,
    kind: PhotoIdKind,
    publicId: string | undefined,
    find: (rowId: number) => T | undefined,
  ): T | undefined {
    return publicId ? lookUp(c, kind, publicId, find, 'starting_after_id', true) : undefined
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

  api.get(
    '/api/assets',
    endpoint({
      rules: gumnutAssetsParams,
      params: (p, c) => {
        const filters = filtersOf(c, p)
        const row = cursorRow(c, 'asset', p.starting_after_id, queries.photo)
        const after: PhotoCursor = row ? { time: row.local_datetime, id: row.id } : FIRST_PHOTO_CURSOR
        return { filters, after, limit: p.limit }
      },
      query: (p) => queries.photos(p.filters, p.after, p.limit + 1),
      project: (rows, p, c) => {
        const body = page(rows, p.limit, assetsOf)
        markRenderAhead(
          c,
          body.data.map((asset) => asset.id),
        )
        return body
      },
    }),
  )

  api.get('/api/assets/:id', (c) => {
    const row = lookUp(c, 'asset', c.req.param('id') ?? '', queries.photo, null)
    const [asset] = assetsOf([row])
    return c.json(asset)
  })

  api.get(
    '/api/people',
    endpoint({
      rules: gumnutPeopleParams,
      params: (p, c) => ({
        filters: { ...filtersOf(c, p), name: p.name || undefined, includeHidden: p.include_hidden === 'true' },
        after: cursorRow(c, 'person', p.starting_after_id, queries.person),
        limit: p.limit,
      }),
      query: (p) => queries.people(p.filters, p.after, p.limit + 1),
      project: (rows, p) => page(rows, p.limit, (people) => people.map(toWire.person)),
    }),
  )

  api.get('/api/people/:id', (c) =>
    c.json(toWire.person(lookUp(c, 'person', c.req.param('id') ?? '', queries.person, null))),
  )

  /** A list newest first by row id, whose cursor is the id of one of the caller's rows. */
  const byIdList = <Row extends { id: number; owner_id: number }, Wire>(
    rules: typeof gumnutFacesParams | typeof gumnutAlbumsParams,
    kind: PhotoIdKind,
    find: (rowId: number) => Row | undefined,
    read: (filters: ReturnType<typeof filtersOf>, afterId: number, limit: number) => Row[],
    toWireRow: (row: Row) => Wire,
  ) =>
    endpoint({
      rules,
      params: (p: StrictValues<typeof rules>, c) => ({
        filters: filtersOf(c, p),
        after: cursorRow(c, kind, p.starting_after_id, find)?.id ?? Number.MAX_SAFE_INTEGER,
        limit: p.limit,
      }),
      query: (p) => read(p.filters, p.after, p.limit + 1),
      project: (rows, p) => page(rows, p.limit, (items) => items.map(toWireRow)),
    })

  api.get('/api/faces', byIdList(gumnutFacesParams, 'face', queries.face, queries.faces, toWire.face))
  api.get('/api/albums', byIdList(gumnutAlbumsParams, 'album', queries.album, queries.albums, toWire.album))

  api.get('/api/libraries', (c) => c.json(queries.libraries(ownerOf(c)).map(toWire.library)))

  return api
}
