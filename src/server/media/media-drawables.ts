import sharp from 'sharp'
import { decodeId, type FeistelKeys } from '../ids/codec'
import type { Catalog } from '../db/catalog-db'
import type { GalleryJobType } from '../db/schema-gallery'
import { renderArtSvg, type ArtSubject } from './art'
import { generationAspect, renderGenerationSvg, type GenerationRole, type GenerationSubject } from './gen-art'
import { MEDIA_KINDS, type MediaKind } from './media-kinds'
import { renderPhotoSvg } from './photo-art'
import type { PhotoMedia } from './photo-media'
import { renderLibraryArtSvg } from './library-art'
import { isVipanyaFileKind } from './vipanya-files'

// What the media store draws: the subject behind a kind and id (a catalog, Scenario or Vipanya
// asset, a gallery generation image, a photo), its size and SVG, and the render to JPEG or WebP.

interface SubjectRow {
  public_id: string
  filename: string
  width: number
  height: number
  tags: number
  /** 1 when anyone may see the asset. */
  public: number
}

/** The pixel size a picture of `width` × `height` is served at as `kind` (never larger than the kind's long side). */
export function renderSize(kind: MediaKind, width: number, height: number): { width: number; height: number } {
  const longSide = Math.max(width, height)
  const target = Math.min(MEDIA_KINDS[kind].longSide, longSide)
  const scale = target / longSide
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}

/** What to draw: a width and height in pixels (before scaling to the kind) and the SVG. */
interface Drawable {
  width: number
  height: number
  svg(width: number, height: number): string
}

export async function renderDrawable(kind: MediaKind, drawable: Drawable): Promise<Buffer> {
  const size = renderSize(kind, drawable.width, drawable.height)
  const svg = drawable.svg(size.width, size.height)
  const image = sharp(Buffer.from(svg)).resize(size.width, size.height, { fit: 'fill' })
  return MEDIA_KINDS[kind].ext === 'jpg'
    ? // mozjpeg's trellis and scan search double an encode's memory (about 60 MB more for a
      // 2,400 px original) for some 10% fewer bytes: kept for the gallery images, not originals.
      image.jpeg({ quality: 84, mozjpeg: MEDIA_KINDS[kind].longSide < 2000 }).toBuffer()
    : image.webp({ quality: MEDIA_KINDS[kind].longSide <= 400 ? 72 : 80 }).toBuffer()
}

const GENERATION_BASE = 1536

interface GenerationRow {
  id: number
  job_id: string
  job_type: GalleryJobType
  image_index: number
  group_index: number
  version: number
  input_count: number
  original_filename: string
  status: string
  output_width: number
  output_height: number
}

/** Parses a generation media id: `<image>` (output) or `<image>-<n>` (input n). */
function generationTarget(
  kind: MediaKind,
  id: string,
  imageRow: (image: string) => number | undefined,
): { row: number; role: GenerationRole } | undefined {
  const match = /^([0-9a-z]{8})(?:-(\d))?$/.exec(id)
  const row = match && imageRow(match[1] as string)
  if (!match || !row) return undefined
  const isInput = kind === 'gen-input' || kind === 'gen-input-thumb'
  if (isInput !== (match[2] !== undefined)) return undefined
  return { row, role: isInput ? { kind: 'input', index: Number(match[2]) } : { kind: 'output' } }
}

/**
 * What to draw for a kind and id, and whether anyone may see it (only catalog assets can be
 * public); undefined for faces, files and unknown ids. Gallery images are named by their opaque
 * id under `galleryKeys`.
 */
export function createDrawables(
  catalog: Catalog,
  photos: PhotoMedia,
  galleryKeys: FeistelKeys,
): (kind: MediaKind, id: string) => { drawable: Drawable; public: boolean } | undefined {
  // Scenario generations and Vipanya library assets are drawn too, named by their type so the
  // art can pick a fitting drawing.
  const selectSubject = catalog.statement(
    `SELECT public_id, filename, width, height, tags, visibility = 2 AS public FROM assets WHERE public_id = @id
     UNION ALL
     SELECT public_id, type, coalesce(width, 1024), coalesce(height, 1024), 0, privacy = 2
       FROM scenario_assets WHERE public_id = @id
     UNION ALL
     SELECT uuid, asset_type, coalesce(width, iif(asset_type IN ('pdf', 'document'), 850, 1200)),
            coalesce(height, iif(asset_type IN ('pdf', 'document'), 1100, 900)), 0,
            is_public = 1 AND is_published = 1
       FROM vipanya_assets WHERE uuid = @id
     LIMIT 1`,
  )
  const selectGeneration = catalog.statement(
    `SELECT id, job_id, job_type, image_index, group_index, version, input_count, original_filename, status,
            output_width, output_height
       FROM gallery_images WHERE id = ?`,
  )

  const photoDrawable = (publicId: string): Drawable | undefined => {
    const photo = photos.photo(publicId)
    return photo && { width: photo.width, height: photo.height, svg: (w, h) => renderPhotoSvg(photo, w, h) }
  }

  const assetDrawable = (row: SubjectRow): Drawable => {
    const subject: ArtSubject = {
      publicId: row.public_id,
      filename: row.filename,
      width: row.width,
      height: row.height,
      tags: row.tags,
    }
    return {
      width: row.width,
      height: row.height,
      svg: (w, h) => renderLibraryArtSvg(subject, w, h) ?? renderArtSvg(subject, w, h),
    }
  }

  const generationDrawable = (kind: MediaKind, id: string): Drawable | undefined => {
    const target = generationTarget(kind, id, (image) => decodeId(image, galleryKeys))
    if (!target) return undefined
    const row = selectGeneration.get(target.row) as GenerationRow | undefined
    if (!row) return undefined
    const { role } = target
    // Only completed images have an output; inputs exist up to the image's input count.
    if (role.kind === 'output' ? row.status !== 'completed' : role.index >= row.input_count) return undefined
    const subject: GenerationSubject = {
      jobId: row.job_id,
      jobType: row.job_type,
      imageIndex: row.image_index,
      groupIndex: row.group_index,
      version: row.version,
      inputCount: row.input_count,
      originalFilename: row.original_filename,
      outputWidth: row.output_width,
      outputHeight: row.output_height,
    }
    // An output is drawn at the size the catalog keeps for it (and sends as its dimensions);
    // an input at its drawing's shape, 1536 px on the long side.
    const aspect = generationAspect(subject, role)
    const output = role.kind === 'output'
    const width = output ? row.output_width : aspect >= 1 ? GENERATION_BASE : Math.round(GENERATION_BASE * aspect)
    const height = output ? row.output_height : aspect >= 1 ? Math.round(GENERATION_BASE / aspect) : GENERATION_BASE
    return { width, height, svg: (w, h) => renderGenerationSvg(subject, role, w, h) }
  }

  /** What to draw, and whether anyone may see it (only catalog assets can be public). */
  const drawableFor = (kind: MediaKind, id: string): { drawable: Drawable; public: boolean } | undefined => {
    if (kind === 'face' || isVipanyaFileKind(kind)) return undefined
    if (kind.startsWith('gen-')) {
      const drawable = generationDrawable(kind, id)
      return drawable && { drawable, public: false }
    }
    if (photos.isPhotoId(id)) {
      const drawable = photoDrawable(id)
      return drawable && { drawable, public: false }
    }
    const row = selectSubject.get({ id }) as SubjectRow | undefined
    return row && { drawable: assetDrawable(row), public: row.public === 1 }
  }
  return drawableFor
}
