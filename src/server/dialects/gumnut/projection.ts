import type {
  GumnutAlbum,
  GumnutAsset,
  GumnutExif,
  GumnutFace,
  GumnutLibrary,
  GumnutPerson,
} from '../../../shared/gumnut'
import { photoMetrics } from '../../catalog/photos'
import { photoPublicId } from '../../catalog/photo-ids'
import type { MediaStore } from '../../media/media-store'
import type { AlbumRow, FaceRow, LibraryRow, PersonRow, PhotoRow } from './photo-queries'

// Catalog rows to Gumnut's wire shapes (seed 004).

function exifOf(row: PhotoRow): GumnutExif | null {
  if (!row.has_exif) return null
  return {
    make: row.make,
    model: row.model,
    orientation: row.orientation,
    modified_datetime: row.file_modified_at,
    original_datetime: row.local_datetime,
    digitized_datetime: row.local_datetime,
    lens_model: row.lens_model,
    f_number: row.f_number,
    focal_length: row.focal_length,
    iso: row.iso,
    exposure_time: row.exposure_time,
    exposure_bias: row.exposure_bias,
    latitude: row.latitude,
    longitude: row.longitude,
    altitude: row.altitude,
    city: row.city,
    state: row.state,
    country: row.country,
    description: row.description,
    fps: null,
    live_photo_cid: null,
    projection_type: null,
    profile_description: row.make === 'Apple' ? 'Display P3' : 'sRGB IEC61966-2.1',
    auto_stack_id: null,
    rating: row.rating,
  }
}

export function toGumnutFace(row: FaceRow, media: MediaStore): GumnutFace {
  const id = photoPublicId('face', row.id)
  return {
    id,
    asset_id: photoPublicId('asset', row.photo_id),
    person_id: row.person_id === null ? null : photoPublicId('person', row.person_id),
    bounding_box: { x: row.x, y: row.y, w: row.w, h: row.h },
    timestamp_ms: null,
    thumbnail_url: media.url('face', id),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export function toGumnutPerson(row: PersonRow, media: MediaStore): GumnutPerson {
  const faceId = row.thumbnail_face_id === null ? null : photoPublicId('face', row.thumbnail_face_id)
  return {
    id: photoPublicId('person', row.id),
    name: row.name,
    birth_date: row.birth_date,
    is_hidden: row.is_hidden === 1,
    is_favorite: row.is_favorite === 1,
    thumbnail_face_id: faceId,
    thumbnail_face_url: faceId === null ? null : media.url('face', faceId),
    asset_count: row.asset_count,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export function toGumnutAsset(
  row: PhotoRow,
  faces: readonly FaceRow[],
  /** The page's people, already projected, by row id. */
  people: ReadonlyMap<number, GumnutPerson>,
  media: MediaStore,
): GumnutAsset {
  const id = photoPublicId('asset', row.id)
  const seen = new Set<number>()
  const inPhoto: GumnutPerson[] = []
  for (const face of faces) {
    if (face.person_id === null || seen.has(face.person_id)) continue
    seen.add(face.person_id)
    const person = people.get(face.person_id)
    if (person) inPhoto.push(person)
  }
  return {
    id,
    device_asset_id: row.device_asset_id,
    device_id: row.device_id,
    mime_type: row.mime_type,
    original_file_name: row.original_file_name,
    file_created_at: row.file_created_at,
    file_modified_at: row.file_modified_at,
    local_datetime: row.local_datetime,
    checksum: row.checksum,
    created_at: row.created_at,
    updated_at: row.updated_at,
    width: row.width,
    height: row.height,
    exif: exifOf(row),
    metrics: photoMetrics(row.id),
    download_url: media.url('original', id),
    thumbnail_url: media.url('thumb-small', id),
    faces: faces.map((f) => toGumnutFace(f, media)),
    people: inPhoto,
  }
}

export function toGumnutAlbum(row: AlbumRow): GumnutAlbum {
  return {
    id: photoPublicId('album', row.id),
    name: row.name,
    description: row.description,
    asset_count: row.asset_count,
    album_cover_asset_id: row.cover_photo_id === null ? null : photoPublicId('asset', row.cover_photo_id),
    start_date: row.start_date,
    end_date: row.end_date,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export function toGumnutLibrary(row: LibraryRow): GumnutLibrary {
  return {
    id: photoPublicId('library', row.id),
    name: row.name,
    description: row.description,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
