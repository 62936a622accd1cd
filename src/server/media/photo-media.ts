import type Database from 'better-sqlite3'
import sharp from 'sharp'
import type { IdCodec } from '../ids/codec'
import type { PhotoFace, PhotoSubject } from './photo-art'

// What the media store needs to know about photo-library ids: the photo to draw (with its faces)
// and where a face sits, for its crop.

export interface FaceCropSource {
  photoPublicId: string
  photoWidth: number
  photoHeight: number
  x: number
  y: number
  w: number
  h: number
}

export interface PhotoMedia {
  isPhotoId(publicId: string): boolean
  isFaceId(publicId: string): boolean
  exists(publicId: string): boolean
  photo(publicId: string): PhotoSubject | undefined
  face(publicId: string): FaceCropSource | undefined
}

export function createPhotoMedia(db: Database.Database, ids: IdCodec): PhotoMedia {
  // Prepared on first use: a catalog from before the photo libraries has no such tables yet.
  let statements: { photo: Database.Statement; faces: Database.Statement; face: Database.Statement } | null | undefined
  const prepared = () => {
    if (statements === undefined) {
      try {
        statements = {
          photo: db.prepare('SELECT id, original_file_name, mime_type, width, height FROM photos WHERE id = ?'),
          faces: db.prepare('SELECT id, person_id AS personId, x, y, w, h FROM photo_faces WHERE photo_id = ?'),
          face: db.prepare(
            `SELECT f.photo_id AS photoId, p.width, p.height, f.x, f.y, f.w, f.h
               FROM photo_faces f JOIN photos p ON p.id = f.photo_id WHERE f.id = ?`,
          ),
        }
      } catch {
        statements = null
      }
    }
    return statements
  }

  const photo = (publicId: string): PhotoSubject | undefined => {
    const id = ids.photoRow('asset', publicId)
    const s = prepared()
    if (id === undefined || !s) return undefined
    const row = s.photo.get(id) as
      { id: number; original_file_name: string; mime_type: string; width: number; height: number } | undefined
    if (!row) return undefined
    return {
      publicId,
      fileName: row.original_file_name,
      mimeType: row.mime_type,
      width: row.width,
      height: row.height,
      faces: s.faces.all(row.id) as PhotoFace[],
    }
  }

  const face = (publicId: string): FaceCropSource | undefined => {
    const id = ids.photoRow('face', publicId)
    const s = prepared()
    if (id === undefined || !s) return undefined
    const row = s.face.get(id) as
      { photoId: number; width: number; height: number; x: number; y: number; w: number; h: number } | undefined
    if (!row) return undefined
    return {
      photoPublicId: ids.photo('asset', row.photoId),
      photoWidth: row.width,
      photoHeight: row.height,
      x: row.x,
      y: row.y,
      w: row.w,
      h: row.h,
    }
  }

  return {
    // note: exactly 8 characters; Scenario's `asset_…` ids are longer.
    isPhotoId: (publicId) => /^asset_[0-9a-hjkmnp-tv-z]{8}$/.test(publicId),
    isFaceId: (publicId) => publicId.startsWith('face_'),
    exists(publicId) {
      if (publicId.startsWith('face_')) {
        const id = ids.photoRow('face', publicId)
        const s = prepared()
        return id !== undefined && !!s && s.face.get(id) !== undefined
      }
      const id = ids.photoRow('asset', publicId)
      const s = prepared()
      return id !== undefined && !!s && s.photo.get(id) !== undefined
    },
    photo,
    face,
  }
}

/** The square around a face box with a margin, in the photo's pixels, kept inside the frame. */
function faceCropRegion(face: FaceCropSource): { left: number; top: number; size: number } {
  const size = Math.min(Math.round(Math.max(face.w, face.h) * 1.6), face.photoWidth, face.photoHeight)
  const cx = face.x + face.w / 2
  const cy = face.y + face.h / 2
  const left = Math.min(Math.max(0, Math.round(cx - size / 2)), face.photoWidth - size)
  const top = Math.min(Math.max(0, Math.round(cy - size / 2)), face.photoHeight - size)
  return { left, top, size }
}

/** Cuts the face's square out of the rendered original (whose scale may differ from the photo's). */
export async function cropFace(original: Buffer, face: FaceCropSource, side: number): Promise<Buffer> {
  const meta = await sharp(original).metadata()
  const scale = (meta.width ?? face.photoWidth) / face.photoWidth
  const region = faceCropRegion(face)
  const left = Math.round(region.left * scale)
  const top = Math.round(region.top * scale)
  const size = Math.max(
    1,
    Math.min(Math.round(region.size * scale), (meta.width ?? 0) - left, (meta.height ?? 0) - top),
  )
  return sharp(original)
    .extract({ left, top, width: size, height: size })
    .resize(side, side, { fit: 'fill' })
    .webp({ quality: 80 })
    .toBuffer()
}
