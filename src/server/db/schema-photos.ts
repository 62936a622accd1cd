import { hash32 } from '../random'

// Photo-library tables (Gumnut, seed 004): libraries, albums, photos with EXIF, people and the
// faces that tie them together. Kept apart from the studio assets in schema.ts: photos belong to
// one user each and page by capture time with a cursor, so they have their own rows and indexes.
//
// Row ids are plain integers; the public ids (`asset_…`, `face_…`, …) are a keyed permutation of
// them under the catalog's id key (see ids/codec.ts), so looking a public id up is a rowid seek
// and needs no index.

export const PHOTO_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS photo_libraries (
  id          INTEGER PRIMARY KEY,
  owner_id    INTEGER NOT NULL REFERENCES users(id),
  name        TEXT NOT NULL,
  description TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS photo_albums (
  id          INTEGER PRIMARY KEY,
  library_id  INTEGER NOT NULL REFERENCES photo_libraries(id),
  owner_id    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  description TEXT,
  asset_count INTEGER NOT NULL DEFAULT 0,
  start_date  TEXT,
  end_date    TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- local_datetime is the capture time as the camera's clock showed it ("…Z" as Gumnut writes it);
-- it is the list order (newest first, id as the tie-break). EXIF columns are NULL when unknown;
-- has_exif = 0 means the file carried no EXIF block at all (screenshots, messenger images).
CREATE TABLE IF NOT EXISTS photos (
  id                 INTEGER PRIMARY KEY,
  library_id         INTEGER NOT NULL,
  owner_id           INTEGER NOT NULL,
  local_datetime     TEXT NOT NULL,
  device_id          TEXT NOT NULL,
  device_asset_id    TEXT NOT NULL,
  mime_type          TEXT NOT NULL,
  original_file_name TEXT NOT NULL,
  width              INTEGER NOT NULL,
  height             INTEGER NOT NULL,
  file_created_at    TEXT NOT NULL,
  file_modified_at   TEXT NOT NULL,
  checksum           TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  has_exif           INTEGER NOT NULL,
  make               TEXT,
  model              TEXT,
  lens_model         TEXT,
  orientation        INTEGER,
  f_number           REAL,
  focal_length       REAL,
  iso                INTEGER,
  exposure_time      REAL,
  exposure_bias      REAL,
  latitude           REAL,
  longitude          REAL,
  altitude           REAL,
  city               TEXT,
  state              TEXT,
  country            TEXT,
  rating             INTEGER,
  description        TEXT,
  face_count         INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Membership carries the photo's capture time so an album lists straight from its primary key.
CREATE TABLE IF NOT EXISTS photo_album_items (
  album_id       INTEGER NOT NULL,
  local_datetime TEXT NOT NULL,
  photo_id       INTEGER NOT NULL,
  PRIMARY KEY (album_id, local_datetime, photo_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS photo_people (
  id                INTEGER PRIMARY KEY,
  owner_id          INTEGER NOT NULL,
  library_id        INTEGER NOT NULL,
  name              TEXT,
  birth_date        TEXT,
  is_hidden         INTEGER NOT NULL DEFAULT 0,
  is_favorite       INTEGER NOT NULL DEFAULT 0,
  thumbnail_face_id INTEGER,
  asset_count       INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;

-- Bounding boxes are in the photo's own pixels. A person appears at most once per photo, so a
-- person's photos list straight from faces_person_time without duplicates.
CREATE TABLE IF NOT EXISTS photo_faces (
  id             INTEGER PRIMARY KEY,
  photo_id       INTEGER NOT NULL,
  owner_id       INTEGER NOT NULL,
  person_id      INTEGER,
  local_datetime TEXT NOT NULL,
  x              INTEGER NOT NULL,
  y              INTEGER NOT NULL,
  w              INTEGER NOT NULL,
  h              INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;
`

// Built after the bulk load. Every cursor listing seeks one of these on (filter, time, id).
export const PHOTO_INDEXES_DDL = `
CREATE INDEX IF NOT EXISTS photos_owner_time ON photos(owner_id, local_datetime, id);
CREATE INDEX IF NOT EXISTS photos_library_time ON photos(library_id, local_datetime, id);
CREATE INDEX IF NOT EXISTS photo_faces_photo ON photo_faces(photo_id, id);
CREATE INDEX IF NOT EXISTS photo_faces_owner ON photo_faces(owner_id, id);
CREATE INDEX IF NOT EXISTS photo_faces_person ON photo_faces(person_id, id) WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS photo_faces_person_time ON photo_faces(person_id, local_datetime, photo_id)
  WHERE person_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS photo_people_owner ON photo_people(owner_id);
CREATE INDEX IF NOT EXISTS photo_albums_owner ON photo_albums(owner_id, id);
CREATE INDEX IF NOT EXISTS photo_libraries_owner ON photo_libraries(owner_id, id);
`

/** Counts and cover faces derived from the rows, run once the indexes exist. */
export const PHOTO_DERIVED_SQL = `
UPDATE photo_people SET
  asset_count = (SELECT count(*) FROM photo_faces f WHERE f.person_id = photo_people.id),
  thumbnail_face_id = (SELECT f.id FROM photo_faces f WHERE f.person_id = photo_people.id ORDER BY f.w DESC, f.id LIMIT 1);
UPDATE photo_albums SET
  asset_count = (SELECT count(*) FROM photo_album_items i WHERE i.album_id = photo_albums.id),
  start_date = (SELECT min(local_datetime) FROM photo_album_items i WHERE i.album_id = photo_albums.id),
  end_date = (SELECT max(local_datetime) FROM photo_album_items i WHERE i.album_id = photo_albums.id);
`

/** Deterministic per-photo quality scores for `metrics` (no column: they derive from the id). */
export function photoMetrics(photoId: number): Record<string, number> {
  const a = hash32(`aesthetic:${photoId}`) / 2 ** 32
  const s = hash32(`sharpness:${photoId}`) / 2 ** 32
  return { aesthetic_score: Math.round((0.25 + a * 0.7) * 1000) / 1000, sharpness: Math.round(s * 1000) / 1000 }
}
