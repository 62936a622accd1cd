import type {
  GumnutAlbum,
  GumnutAsset,
  GumnutExif,
  GumnutFace,
  GumnutLibrary,
  GumnutPerson,
} from '../../../shared/gumnut'
import { photoMetrics } from '../../db/schema-photos'
import type { IdCodec } from '../../ids/codec'
import type { MediaStore } from '../../media/media-store'
import { previewField } from '../../media/preview-color'
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

export interface GumnutProjection {
  face(row: FaceRow): GumnutFace
  person(row: PersonRow): GumnutPerson
  /** A photo with its faces, and the people in it from the page's people, already projected. */
  asset(row: PhotoRow, faces: readonly FaceRow[], people: ReadonlyMap<number, GumnutPerson>): GumnutAsset
  album(row: AlbumRow): GumnutAlbum
  library(row: LibraryRow): GumnutLibrary
}

/** Projections that name rows by the catalog's ids and link their media through `media`. */
export function createGumnutProjection(ids: IdCodec, media: MediaStore): GumnutProjection {
  const face = (row: FaceRow): GumnutFace => {
    const id = ids.photo('face', row.id)
    return {
      id,
      asset_id: ids.photo('asset', row.photo_id),
      person_id: row.person_id === null ? null : ids.photo('person', row.person_id),
      bounding_box: { x: row.x, y: row.y, w: row.w, h: row.h },
      timestamp_ms: null,
      thumbnail_url: media.url('face', id),
      created_at: row.created_at,
      updated_at: row.updated_at,
    }
  }

  const person = (row: PersonRow): GumnutPerson => {
    const faceId = row.thumbnail_face_id === null ? null : ids.photo('face', row.thumbnail_face_id)
    return {
      id: ids.photo('person', row.id),
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

  const asset = (row: PhotoRow, faces: readonly FaceRow[], people: ReadonlyMap<number, GumnutPerson>): GumnutAsset => {
    const id = ids.photo('asset', row.id)
    const seen = new Set<number>()
    const inPhoto: GumnutPerson[] = []
    for (const f of faces) {
      if (f.person_id === null || seen.has(f.person_id)) continue
      seen.add(f.person_id)
      const p = people.get(f.person_id)
      if (p) inPhoto.push(p)
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
      ...previewField('preview_color', media.previewColor(id)),
      faces: faces.map(face),
      people: inPhoto,
    }
  }

  const album = (row: AlbumRow): GumnutAlbum => ({
    id: ids.photo('album', row.id),
    name: row.name,
    description: row.description,
    asset_count: row.asset_count,
    album_cover_asset_id: row.cover_photo_id === null ? null : ids.photo('asset', row.cover_photo_id),
    start_date: row.start_date,
    end_date: row.end_date,
    created_at: row.created_at,
    updated_at: row.updated_at,
  })

  const library = (row: LibraryRow): GumnutLibrary => ({
    id: ids.photo('library', row.id),
    name: row.name,
    description: row.description,
    created_at: row.created_at,
    updated_at: row.updated_at,
  })

  return { face, person, asset, album, library }
}
