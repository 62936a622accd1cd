import type { GumnutExif } from '../../../shared/gumnut'
import type { Catalog } from '../../db/catalog-db'

// Reading the photo libraries for the Gumnut API. Every list is newest first by a key and the
// row id, and a cursor is the key and id of the row it names: the next page is a seek
// `(key, id) < (…)` on an index that starts with the filter, so page 9,000 costs what page 1
// costs. Every query is scoped to one owner; the caller's id comes from the dialect.

/** The EXIF columns: stored as the wire has them (seed 004), so they are its fields' types. */
type ExifColumns = Pick<
  GumnutExif,
  | 'make'
  | 'model'
  | 'lens_model'
  | 'orientation'
  | 'f_number'
  | 'focal_length'
  | 'iso'
  | 'exposure_time'
  | 'exposure_bias'
  | 'latitude'
  | 'longitude'
  | 'altitude'
  | 'city'
  | 'state'
  | 'country'
  | 'rating'
  | 'description'
>

export interface PhotoRow extends ExifColumns {
  id: number
  library_id: number
  owner_id: number
  local_datetime: string
  device_id: string
  device_asset_id: string
  mime_type: string
  original_file_name: string
  width: number
  height: number
  file_created_at: string
  file_modified_at: string
  checksum: string
  created_at: string
  updated_at: string
  has_exif: number
  face_count: number
}

export interface FaceRow {
  id: number
  photo_id: number
  owner_id: number
  person_id: number | null
  local_datetime: string
  x: number
  y: number
  w: number
  h: number
  created_at: string
  updated_at: string
}

export interface PersonRow {
  id: number
  owner_id: number
  library_id: number
  name: string | null
  birth_date: string | null
  is_hidden: number
  is_favorite: number
  thumbnail_face_id: number | null
  asset_count: number
  created_at: string
  updated_at: string
}

export interface AlbumRow {
  id: number
  library_id: number
  owner_id: number
  name: string
  description: string | null
  asset_count: number
  start_date: string | null
  end_date: string | null
  created_at: string
  updated_at: string
  cover_photo_id: number | null
}

export interface LibraryRow {
  id: number
  owner_id: number
  name: string
  description: string | null
  created_at: string
  updated_at: string
}

/** Where a page starts: after this (capture time, id); the first page starts after everything. */
export interface PhotoCursor {
  time: string
  id: number
}

export const FIRST_PHOTO_CURSOR: PhotoCursor = { time: '\uffff', id: Number.MAX_SAFE_INTEGER }

export interface PhotoFilter {
  owner: number
  library?: number | undefined
  album?: number | undefined
  person?: number | undefined
}

const P = 'p.*'

/** An album's columns and its cover: the newest photo in it. */
const ALBUM_COLUMNS = `a.*, (SELECT photo_id FROM photo_album_items WHERE album_id = a.id
    ORDER BY local_datetime DESC, photo_id DESC LIMIT 1) AS cover_photo_id`

/** Conditions on a photo `p` (its faces include person ?) and on a person `p` (in photo ?, in album ?). */
const PHOTO_SHOWS_PERSON = 'EXISTS (SELECT 1 FROM photo_faces f WHERE f.photo_id = p.id AND f.person_id = ?)'
const PERSON_IN_PHOTO = 'EXISTS (SELECT 1 FROM photo_faces f WHERE f.photo_id = ? AND f.person_id = p.id)'
const PERSON_IN_ALBUM = `EXISTS (SELECT 1 FROM photo_album_items i JOIN photo_faces f ON f.photo_id = i.photo_id
  WHERE i.album_id = ? AND f.person_id = p.id)`

/** `sql` and ` AND condition`, its argument pushed, when there is a `value` to filter by. */
function andIf(sql: string, args: (string | number)[], condition: string, value: string | number | undefined): string {
  if (value === undefined) return sql
  args.push(value)
  return `${sql} AND ${condition}`
}

export function createPhotoQueries(catalog: Catalog) {
  const q = (sql: string) => catalog.statement(sql)

  /**
   * One page of photos. The driving index is the most selective filter present (album, then
   * person, then library, then owner); the other filters are checked on the rows it yields.
   */
  function photos(filter: PhotoFilter, after: PhotoCursor, limit: number): PhotoRow[] {
    const args: (string | number)[] = []
    let sql: string
    if (filter.album !== undefined) {
      sql = `SELECT ${P} FROM photo_album_items i JOIN photos p ON p.id = i.photo_id
              WHERE i.album_id = ? AND (i.local_datetime, i.photo_id) < (?, ?) AND p.owner_id = ?`
      args.push(filter.album, after.time, after.id, filter.owner)
      sql = andIf(sql, args, 'p.library_id = ?', filter.library)
      sql = andIf(sql, args, PHOTO_SHOWS_PERSON, filter.person)
      sql += ' ORDER BY i.local_datetime DESC, i.photo_id DESC LIMIT ?'
    } else if (filter.person !== undefined) {
      sql = `SELECT ${P} FROM photo_faces f JOIN photos p ON p.id = f.photo_id
              WHERE f.person_id = ? AND (f.local_datetime, f.photo_id) < (?, ?) AND p.owner_id = ?`
      args.push(filter.person, after.time, after.id, filter.owner)
      sql = andIf(sql, args, 'p.library_id = ?', filter.library)
      sql += ' ORDER BY f.local_datetime DESC, f.photo_id DESC LIMIT ?'
    } else if (filter.library !== undefined) {
      sql = `SELECT ${P} FROM photos p INDEXED BY photos_library_time
              WHERE p.library_id = ? AND (p.local_datetime, p.id) < (?, ?) AND p.owner_id = ?
              ORDER BY p.local_datetime DESC, p.id DESC LIMIT ?`
      args.push(filter.library, after.time, after.id, filter.owner)
    } else {
      sql = `SELECT ${P} FROM photos p INDEXED BY photos_owner_time
              WHERE p.owner_id = ? AND (p.local_datetime, p.id) < (?, ?)
              ORDER BY p.local_datetime DESC, p.id DESC LIMIT ?`
      args.push(filter.owner, after.time, after.id)
    }
    args.push(limit)
    return q(sql).all(...args) as PhotoRow[]
  }

  const jsonIds = (ids: readonly number[]) => JSON.stringify(ids)

  return {
    photos,
    photo: (id: number) => q('SELECT * FROM photos WHERE id = ?').get(id) as PhotoRow | undefined,
    /** Faces of these photos, in each photo's face order. */
    facesOfPhotos: (ids: readonly number[]) =>
      q(
        `SELECT f.* FROM json_each(?) j JOIN photo_faces f INDEXED BY photo_faces_photo ON f.photo_id = j.value
          ORDER BY f.photo_id, f.id`,
      ).all(jsonIds(ids)) as FaceRow[],
    peopleByIds: (ids: readonly number[]) =>
      q('SELECT p.* FROM json_each(?) j JOIN photo_people p ON p.id = j.value').all(jsonIds(ids)) as PersonRow[],
    face: (id: number) => q('SELECT * FROM photo_faces WHERE id = ?').get(id) as FaceRow | undefined,
    /** Faces newest first (by id), optionally of one photo or one person. */
    faces(
      filter: { owner: number; photo?: number | undefined; person?: number | undefined; library?: number | undefined },
      afterId: number,
      limit: number,
    ): FaceRow[] {
      const args: (string | number)[] = []
      let sql: string
      if (filter.photo !== undefined) {
        sql =
          'SELECT f.* FROM photo_faces f INDEXED BY photo_faces_photo WHERE f.photo_id = ? AND f.id < ? AND f.owner_id = ?'
        args.push(filter.photo, afterId, filter.owner)
      } else if (filter.person !== undefined) {
        sql =
          'SELECT f.* FROM photo_faces f INDEXED BY photo_faces_person WHERE f.person_id = ? AND f.id < ? AND f.owner_id = ?'
        args.push(filter.person, afterId, filter.owner)
      } else {
        sql = 'SELECT f.* FROM photo_faces f INDEXED BY photo_faces_owner WHERE f.owner_id = ? AND f.id < ?'
        args.push(filter.owner, afterId)
      }
      if (filter.photo !== undefined) sql = andIf(sql, args, 'f.person_id = ?', filter.person)
      sql = andIf(sql, args, '(SELECT library_id FROM photos WHERE id = f.photo_id) = ?', filter.library)
      sql += ' ORDER BY f.id DESC LIMIT ?'
      args.push(limit)
      return q(sql).all(...args) as FaceRow[]
    },
    person: (id: number) => q('SELECT * FROM photo_people WHERE id = ?').get(id) as PersonRow | undefined,
    /**
     * People favourites first, then by how many photos they are in, then by id. Each owner has
     * a few hundred at most, so the optional filters are plain conditions.
     */
    people(
      filter: {
        owner: number
        library?: number | undefined
        album?: number | undefined
        photo?: number | undefined
        name?: string | undefined
        includeHidden: boolean
      },
      after: PersonRow | undefined,
      limit: number,
    ): PersonRow[] {
      const args: (string | number)[] = [filter.owner]
      let sql = 'SELECT p.* FROM photo_people p WHERE p.owner_id = ?'
      if (!filter.includeHidden) sql += ' AND p.is_hidden = 0'
      sql = andIf(sql, args, 'p.library_id = ?', filter.library)
      sql = andIf(sql, args, PERSON_IN_PHOTO, filter.photo)
      sql = andIf(sql, args, PERSON_IN_ALBUM, filter.album)
      if (filter.name !== undefined) {
        sql += " AND p.name LIKE ? ESCAPE '\\'"
        args.push(`%${filter.name.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
      }
      if (after) {
        sql += ' AND (-p.is_favorite, -p.asset_count, p.id) > (?, ?, ?)'
        args.push(-after.is_favorite, -after.asset_count, after.id)
      }
      sql += ' ORDER BY -p.is_favorite, -p.asset_count, p.id LIMIT ?'
      args.push(limit)
      return q(sql).all(...args) as PersonRow[]
    },
    album: (id: number) =>
      q(`SELECT ${ALBUM_COLUMNS} FROM photo_albums a WHERE a.id = ?`).get(id) as AlbumRow | undefined,
    /** Albums newest first (by id). */
    albums(filter: { owner: number; library?: number | undefined }, afterId: number, limit: number): AlbumRow[] {
      const args: number[] = [filter.owner, afterId]
      const sql = andIf(
        `SELECT ${ALBUM_COLUMNS} FROM photo_albums a WHERE a.owner_id = ? AND a.id < ?`,
        args,
        'a.library_id = ?',
        filter.library,
      )
      return q(`${sql} ORDER BY a.id DESC LIMIT ?`).all(...args, limit) as AlbumRow[]
    },
    library: (id: number) => q('SELECT * FROM photo_libraries WHERE id = ?').get(id) as LibraryRow | undefined,
    libraries: (owner: number) =>
      q('SELECT * FROM photo_libraries WHERE owner_id = ? ORDER BY id').all(owner) as LibraryRow[],
  }
}
