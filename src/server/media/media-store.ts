import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import type { Catalog } from '../db/catalog-db'
import { LruCache } from '../lru'
import { renderArtSvg, type ArtSubject } from './art'
import { createPhotoMedia, cropFace, type PhotoSubject } from './photo-media'
import { renderPhotoSvg } from './photo-art'

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
  /** A photo-library face, cut from the photo's original by its box with a margin. */
  face: { ext: 'webp', contentType: 'image/webp', longSide: 256 },
} as const

export type MediaKind = keyof typeof MEDIA_KINDS

export function isMediaKind(value: string): value is MediaKind {
  return Object.hasOwn(MEDIA_KINDS, value)
}

export interface MediaFile {
  bytes: Buffer
  etag: string
  contentType: string
}

export interface MediaStore {
  /** Path-absolute URL with its signature, e.g. `/media/thumb-small/ab12cd34.webp?s=…`. */
  url(kind: MediaKind, publicId: string): string
  verify(kind: MediaKind, publicId: string, signature: string): boolean
  /** Known asset? Cheap check before doing any work. */
  exists(publicId: string): boolean
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

export function renderSize(kind: MediaKind, width: number, height: number): { width: number; height: number } {
  const longSide = Math.max(width, height)
  const target = Math.min(MEDIA_KINDS[kind].longSide, longSide)
  const scale = target / longSide
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}

/** A studio asset (PiktID and friends) or a photo-library photo (Gumnut). */
type Subject = { kind: 'art'; art: ArtSubject } | { kind: 'photo'; photo: PhotoSubject }

export async function renderMedia(kind: MediaKind, subject: ArtSubject | PhotoSubject): Promise<Buffer> {
  const size = renderSize(kind, subject.width, subject.height)
  const svg =
    'faces' in subject
      ? renderPhotoSvg(subject, size.width, size.height)
      : renderArtSvg(subject, size.width, size.height)
  const image = sharp(Buffer.from(svg)).resize(size.width, size.height, { fit: 'fill' })
  return kind === 'original'
    ? image.jpeg({ quality: 84, mozjpeg: true }).toBuffer()
    : image.webp({ quality: kind === 'thumb-small' ? 72 : 80 }).toBuffer()
}

export interface MediaStoreOptions {
  /** Called once per actual render (not per request); for logging and tests. */
  onRender?: (kind: MediaKind, publicId: string) => void
}

export function createMediaStore(catalog: Catalog, options: MediaStoreOptions = {}): MediaStore {
  const cacheRoot = join(catalog.dataDir, MEDIA_CACHE_DIR)
  const selectSubject = catalog.sqlite.prepare(
    'SELECT public_id, filename, width, height, tags FROM assets WHERE public_id = ?',
  )
  const etags = new LruCache<string, string>(20_000)
  const urls = new LruCache<string, string>(50_000)
  const inFlight = new Map<string, Promise<Buffer | undefined>>()

  const sign = (kind: MediaKind, publicId: string): string =>
    createHmac('sha256', catalog.secret)
      .update(`${kind}:${publicId}:${ART_VERSION}`)
      .digest('base64url')
      .slice(0, SIGNATURE_LENGTH)

  const fileFor = (kind: MediaKind, publicId: string): string =>
    // Photo-library ids share a prefix (`asset_`, `face_`), so they shard on their last characters.
    join(
      cacheRoot,
      ART_VERSION,
      kind,
      publicId.includes('_') ? publicId.slice(-2) : publicId.slice(0, 2),
      `${publicId}.${MEDIA_KINDS[kind].ext}`,
    )

  const photos = createPhotoMedia(catalog.sqlite)

  const subjectFor = (publicId: string): Subject | undefined => {
    if (photos.isPhotoId(publicId)) {
      const photo = photos.photo(publicId)
      return photo ? { kind: 'photo', photo } : undefined
    }
    const row = selectSubject.get(publicId) as SubjectRow | undefined
    return row
      ? {
          kind: 'art',
          art: {
            publicId: row.public_id,
            filename: row.filename,
            width: row.width,
            height: row.height,
            tags: row.tags,
          },
        }
      : undefined
  }

  const writeAtomically = async (path: string, bytes: Buffer): Promise<void> => {
    await mkdir(dirname(path), { recursive: true })
    // Write then rename, so a concurrent reader never sees a half-written file.
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    await writeFile(temp, bytes)
    await rename(temp, path)
  }

  const renderToDisk = async (kind: MediaKind, publicId: string, path: string): Promise<Buffer | undefined> => {
    let bytes: Buffer
    if (kind === 'face') {
      const face = photos.face(publicId)
      if (!face) return undefined
      // The crop comes from the photo's original, which is itself rendered and cached once.
      const original = await store.get('original', face.photoPublicId)
      if (!original) return undefined
      options.onRender?.(kind, publicId)
      bytes = await cropFace(original.bytes, face, MEDIA_KINDS.face.longSide)
    } else {
      const subject = subjectFor(publicId)
      if (!subject) return undefined
      options.onRender?.(kind, publicId)
      bytes = await renderMedia(kind, subject.kind === 'art' ? subject.art : subject.photo)
    }
    await writeAtomically(path, bytes)
    return bytes
  }

  const store: MediaStore = {
    url(kind, publicId) {
      // A page of photos signs several URLs per item (image, thumbnail, each face, each person's
      // face); the same ones come back page after page, so they are kept.
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
    exists(publicId) {
      if (photos.isPhotoId(publicId) || photos.isFaceId(publicId)) return photos.exists(publicId)
      return selectSubject.get(publicId) !== undefined
    },
    knownEtag(kind, publicId) {
      return etags.get(`${kind}/${publicId}`)
    },
    async get(kind, publicId) {
      const path = fileFor(kind, publicId)
      let bytes: Buffer
      try {
        bytes = await readFile(path)
      } catch {
        // A face crop belongs to a face id, every other kind to an asset or photo id.
        if ((kind === 'face') !== photos.isFaceId(publicId)) return undefined
        const key = `${kind}/${publicId}`
        let pending = inFlight.get(key)
        if (!pending) {
          pending = renderToDisk(kind, publicId, path).finally(() => inFlight.delete(key))
          inFlight.set(key, pending)
        }
        const rendered = await pending
        if (!rendered) return undefined
        bytes = rendered
      }
      const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`
      etags.set(`${kind}/${publicId}`, etag)
      return { bytes, etag, contentType: MEDIA_KINDS[kind].contentType }
    },
  }
  return store
}
