import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import type { Catalog } from '../db/catalog-db'
import { LruCache } from '../lru'
import type { GalleryJobType } from '../db/schema-gallery'
import { renderArtSvg, type ArtSubject } from './art'
import { generationAspect, renderGenerationSvg, type GenerationRole, type GenerationSubject } from './gen-art'
import { renderPhotoSvg } from './photo-art'
import { createPhotoMedia, cropFace } from './photo-media'
import { renderLibraryArtSvg } from './library-art'
import { VIPANYA_FILE_TYPES, vipanyaFile, type VipanyaFileRow } from './vipanya-files'

export const MEDIA_CACHE_DIR = 'media-cache'
/**
 * Bump when the drawings change: files are served as immutable, so both the cache path and the
 * signed URL (which the signature covers) must move with them.
 */
const ART_VERSION = 'v2'

export const MEDIA_KINDS = {
  original: { ext: 'jpg', contentType: 'image/jpeg', longSide: 2400 },
  'thumb-big': { ext: 'webp', contentType: 'image/webp', longSide: 1280 },
  'thumb-small': { ext: 'webp', contentType: 'image/webp', longSide: 320 },
  // PiktID generation images, by gallery image id: `<id>-<n>` for input n, `<id>` for the output.
  'gen-input': { ext: 'jpg', contentType: 'image/jpeg', longSide: 1536 },
  'gen-input-thumb': { ext: 'webp', contentType: 'image/webp', longSide: 384 },
  'gen-output': { ext: 'jpg', contentType: 'image/jpeg', longSide: 1536 },
  'gen-output-thumb': { ext: 'webp', contentType: 'image/webp', longSide: 384 },
  /** A photo-library face, by face id: cut from the photo's original by its box with a margin. */
  face: { ext: 'webp', contentType: 'image/webp', longSide: 256 },
  /** A Vipanya PDF or document, by uuid: made from its row (see vipanya-files.ts), not drawn. */
  'file-pdf': { ext: 'pdf', contentType: VIPANYA_FILE_TYPES.pdf.contentType, longSide: 0 },
  'file-txt': { ext: 'txt', contentType: VIPANYA_FILE_TYPES.document.contentType, longSide: 0 },
} as const

export type MediaKind = keyof typeof MEDIA_KINDS

export function isMediaKind(value: string): value is MediaKind {
  return Object.hasOwn(MEDIA_KINDS, value)
}

interface MediaFile {
  bytes: Buffer
  etag: string
  contentType: string
  /** Set for downloads: the name to save the file under. */
  filename?: string
}

export interface MediaStore {
  /** Path-absolute URL with its signature, e.g. `/media/thumb-small/ab12cd34.webp?s=…`. */
  url(kind: MediaKind, publicId: string): string
  verify(kind: MediaKind, publicId: string, signature: string): boolean
  /** Something to draw for this kind and id? Cheap check before doing any work. */
  exists(kind: MediaKind, publicId: string): boolean
  /** The rendered file (rendering and caching it on first use); undefined for an unknown id. */
  get(kind: MediaKind, publicId: string): Promise<MediaFile | undefined>
  /** Strong ETag of an already rendered file, if known without reading it. */
  knownEtag(kind: MediaKind, publicId: string): string | undefined
}

interface SubjectRow {
  public_id: string
  filename: string
  width: number
  height: number
  tags: number
}

const SIGNATURE_LENGTH = 22

function renderSize(kind: MediaKind, width: number, height: number): { width: number; height: number } {
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

async function renderDrawable(kind: MediaKind, drawable: Drawable): Promise<Buffer> {
  const size = renderSize(kind, drawable.width, drawable.height)
  const svg = drawable.svg(size.width, size.height)
  const image = sharp(Buffer.from(svg)).resize(size.width, size.height, { fit: 'fill' })
  return MEDIA_KINDS[kind].ext === 'jpg'
    ? image.jpeg({ quality: 84, mozjpeg: true }).toBuffer()
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
}

/** Parses a generation media id: `<row>` (output) or `<row>-<n>` (input n). */
function generationTarget(kind: MediaKind, id: string): { row: number; role: GenerationRole } | undefined {
  const match = /^([1-9]\d{0,11})(?:-(\d))?$/.exec(id)
  if (!match) return undefined
  const row = Number(match[1])
  const isInput = kind === 'gen-input' || kind === 'gen-input-thumb'
  if (isInput !== (match[2] !== undefined)) return undefined
  return { row, role: isInput ? { kind: 'input', index: Number(match[2]) } : { kind: 'output' } }
}

export interface MediaStoreOptions {
  /** Called once per actual render (not per request); for logging and tests. */
  onRender?: (kind: MediaKind, publicId: string) => void
}

export function createMediaStore(catalog: Catalog, options: MediaStoreOptions = {}): MediaStore {
  const cacheRoot = join(catalog.dataDir, MEDIA_CACHE_DIR)
  // Scenario generations and Vipanya library assets are drawn too, named by their type so the
  // art can pick a fitting drawing.
  const selectSubject = catalog.statement(
    `SELECT public_id, filename, width, height, tags FROM assets WHERE public_id = @id
     UNION ALL
     SELECT public_id, type, coalesce(width, 1024), coalesce(height, 1024), 0 FROM scenario_assets WHERE public_id = @id
     UNION ALL
     SELECT uuid, asset_type, coalesce(width, iif(asset_type IN ('pdf', 'document'), 850, 1200)),
            coalesce(height, iif(asset_type IN ('pdf', 'document'), 1100, 900)), 0
       FROM vipanya_assets WHERE uuid = @id
     LIMIT 1`,
  )
  const selectGeneration = catalog.statement(
    `SELECT id, job_id, job_type, image_index, group_index, version, input_count, original_filename, status
       FROM gallery_images WHERE id = ?`,
  )
  const selectFile = catalog.statement(
    `SELECT title, slug, description, asset_type, page_count FROM vipanya_assets
      WHERE uuid = ? AND file_path IS NOT NULL`,
  )
  /** The Vipanya row behind a file kind, if it has a file of that kind. */
  const fileRow = (kind: MediaKind, id: string): VipanyaFileRow | undefined => {
    const row = selectFile.get(id) as VipanyaFileRow | undefined
    const type = row && Object.hasOwn(VIPANYA_FILE_TYPES, row.asset_type) ? row.asset_type : undefined
    return type && VIPANYA_FILE_TYPES[type as keyof typeof VIPANYA_FILE_TYPES].kind === kind ? row : undefined
  }
  const isFileKind = (kind: MediaKind): kind is 'file-pdf' | 'file-txt' => kind === 'file-pdf' || kind === 'file-txt'

  const etags = new LruCache<string, string>(20_000)
  const inFlight = new Map<string, Promise<Buffer>>()

  const hmac = (subject: string): string =>
    createHmac('sha256', catalog.secret)
      .update(`${subject}:${ART_VERSION}`)
      .digest('base64url')
      .slice(0, SIGNATURE_LENGTH)
  // A generated image has up to eight files (inputs, output, thumbnails) and whoever may see it
  // may see them all, so one signature per image covers them: a gallery page of 1,000 images
  // then costs 1,000 HMACs instead of 6,000.
  const generationSignatures = new LruCache<string, string>(20_000)
  const sign = (kind: MediaKind, publicId: string): string => {
    if (!kind.startsWith('gen-')) return hmac(`${kind}:${publicId}`)
    const image = publicId.split('-')[0] ?? publicId
    let signature = generationSignatures.get(image)
    if (signature === undefined) {
      signature = hmac(`gen:${image}`)
      generationSignatures.set(image, signature)
    }
    return signature
  }

  // Photo-library ids share a prefix (`asset_`, `face_`), so they shard on their last characters.
  const fileFor = (kind: MediaKind, publicId: string): string =>
    join(
      cacheRoot,
      ART_VERSION,
      kind,
      publicId.includes('_') ? publicId.slice(-2) : publicId.slice(0, 2),
      `${publicId}.${MEDIA_KINDS[kind].ext}`,
    )

  const photos = createPhotoMedia(catalog.sqlite)
  const photoDrawable = (publicId: string): Drawable | undefined => {
    const photo = photos.photo(publicId)
    return photo && { width: photo.width, height: photo.height, svg: (w, h) => renderPhotoSvg(photo, w, h) }
  }

  const assetDrawable = (publicId: string): Drawable | undefined => {
    const row = selectSubject.get({ id: publicId }) as SubjectRow | undefined
    if (!row) return undefined
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
    const target = generationTarget(kind, id)
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
    }
    const aspect = generationAspect(subject, role)
    const width = aspect >= 1 ? GENERATION_BASE : Math.round(GENERATION_BASE * aspect)
    const height = aspect >= 1 ? Math.round(GENERATION_BASE / aspect) : GENERATION_BASE
    return { width, height, svg: (w, h) => renderGenerationSvg(subject, role, w, h) }
  }

  const drawableFor = (kind: MediaKind, id: string): Drawable | undefined => {
    if (kind === 'face' || isFileKind(kind)) return undefined
    if (kind.startsWith('gen-')) return generationDrawable(kind, id)
    return photos.isPhotoId(id) ? photoDrawable(id) : assetDrawable(id)
  }

  const writeAtomically = async (path: string, bytes: Buffer): Promise<void> => {
    // A read-only data folder (the catalog opened read-only) serves every render uncached.
    if (catalog.readOnly) return
    // Write then rename, so a concurrent reader never sees a half-written file.
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    try {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(temp, bytes)
      await rename(temp, path)
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined)
      // The cache only saves rendering again: on a full or read-only disk the render is served
      // uncached, and caching resumes by itself once the disk takes writes again.
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOSPC' && code !== 'EDQUOT' && code !== 'EROFS' && code !== 'EACCES') throw err
    }
  }

  /** A face crop comes from the photo's original, itself rendered and cached once. */
  const renderFaceToDisk = async (faceId: string, path: string): Promise<Buffer> => {
    const face = photos.face(faceId)
    const original = face && (await store.get('original', face.photoPublicId))
    if (!face || !original) throw new Error(`face ${faceId} has no photo to cut it from`)
    options.onRender?.('face', faceId)
    const bytes = await cropFace(original.bytes, face, MEDIA_KINDS.face.longSide)
    await writeAtomically(path, bytes)
    return bytes
  }

  const renderToDisk = async (kind: MediaKind, id: string, drawable: Drawable, path: string): Promise<Buffer> => {
    options.onRender?.(kind, id)
    const bytes = await renderDrawable(kind, drawable)
    await writeAtomically(path, bytes)
    return bytes
  }

  const etagOf = (kind: MediaKind, publicId: string, bytes: Buffer): string => {
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`
    etags.set(`${kind}/${publicId}`, etag)
    return etag
  }

  /** A Vipanya download: made from its row once, then read from the cache. */
  const getFile = async (kind: 'file-pdf' | 'file-txt', publicId: string): Promise<MediaFile | undefined> => {
    const row = fileRow(kind, publicId)
    if (!row) return undefined
    const path = fileFor(kind, publicId)
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch {
      const made = vipanyaFile(row)
      if (!made) return undefined
      options.onRender?.(kind, publicId)
      bytes = made.bytes
      await writeAtomically(path, bytes)
    }
    const ext = MEDIA_KINDS[kind].ext
    return {
      bytes,
      etag: etagOf(kind, publicId, bytes),
      contentType: MEDIA_KINDS[kind].contentType,
      filename: `${row.slug}.${ext}`,
    }
  }

  // A page of photos signs several URLs per item (image, thumbnail, each face, each person's
  // face); the same ones come back page after page, so they are kept.
  const urls = new LruCache<string, string>(50_000)

  const store: MediaStore = {
    url(kind, publicId) {
      const key = `${kind}/${publicId}`
      let url = urls.get(key)
      if (url === undefined) {
        url = `/media/${kind}/${publicId}.${MEDIA_KINDS[kind].ext}?s=${sign(kind, publicId)}`
        urls.set(key, url)
      }
      return url
    },
    verify(kind, publicId, signature) {
      const expected = Buffer.from(sign(kind, publicId))
      const given = Buffer.from(signature)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
    exists(kind, publicId) {
      if (kind === 'face') return photos.face(publicId) !== undefined
      if (isFileKind(kind)) return fileRow(kind, publicId) !== undefined
      return drawableFor(kind, publicId) !== undefined
    },
    knownEtag(kind, publicId) {
      return etags.get(`${kind}/${publicId}`)
    },
    async get(kind, publicId) {
      if (isFileKind(kind)) return getFile(kind, publicId)
      const path = fileFor(kind, publicId)
      let bytes: Buffer
      try {
        bytes = await readFile(path)
      } catch {
        const drawable = kind === 'face' ? undefined : drawableFor(kind, publicId)
        if (kind === 'face' ? !photos.face(publicId) : !drawable) return undefined
        const key = `${kind}/${publicId}`
        let pending = inFlight.get(key)
        if (!pending) {
          const render = drawable ? renderToDisk(kind, publicId, drawable, path) : renderFaceToDisk(publicId, path)
          pending = render.finally(() => inFlight.delete(key))
          inFlight.set(key, pending)
        }
        bytes = await pending
      }
      return { bytes, etag: etagOf(kind, publicId, bytes), contentType: MEDIA_KINDS[kind].contentType }
    },
  }
  return store
}
