import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import type { Catalog } from '../db/catalog-db'
import { LruCache } from '../lru'
import { renderArtSvg, type ArtSubject } from './art'
import { renderLibraryArtSvg } from './library-art'

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

export async function renderMedia(kind: MediaKind, subject: ArtSubject): Promise<Buffer> {
  const size = renderSize(kind, subject.width, subject.height)
  const svg = renderLibraryArtSvg(subject, size.width, size.height) ?? renderArtSvg(subject, size.width, size.height)
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
  // Scenario generations and Vipanya library assets are drawn too, named by their type so the
  // art can pick a fitting scene.
  const selectSubject = catalog.sqlite.prepare(
    `SELECT public_id, filename, width, height, tags FROM assets WHERE public_id = @id
     UNION ALL
     SELECT public_id, type, coalesce(width, 1024), coalesce(height, 1024), 0 FROM scenario_assets WHERE public_id = @id
     UNION ALL
     SELECT uuid, asset_type, coalesce(width, iif(asset_type IN ('pdf', 'document'), 850, 1200)),
            coalesce(height, iif(asset_type IN ('pdf', 'document'), 1100, 900)), 0
       FROM vipanya_assets WHERE uuid = @id
     LIMIT 1`,
  )
  const etags = new LruCache<string, string>(20_000)
  const inFlight = new Map<string, Promise<Buffer>>()

  const sign = (kind: MediaKind, publicId: string): string =>
    createHmac('sha256', catalog.secret)
      .update(`${kind}:${publicId}:${ART_VERSION}`)
      .digest('base64url')
      .slice(0, SIGNATURE_LENGTH)

  const fileFor = (kind: MediaKind, publicId: string): string =>
    join(cacheRoot, ART_VERSION, kind, publicId.slice(0, 2), `${publicId}.${MEDIA_KINDS[kind].ext}`)

  const subjectFor = (publicId: string): ArtSubject | undefined => {
    const row = selectSubject.get({ id: publicId }) as SubjectRow | undefined
    return row
      ? { publicId: row.public_id, filename: row.filename, width: row.width, height: row.height, tags: row.tags }
      : undefined
  }

  const renderToDisk = async (kind: MediaKind, subject: ArtSubject, path: string): Promise<Buffer> => {
    options.onRender?.(kind, subject.publicId)
    const bytes = await renderMedia(kind, subject)
    await mkdir(dirname(path), { recursive: true })
    // Write then rename, so a concurrent reader never sees a half-written file.
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    await writeFile(temp, bytes)
    await rename(temp, path)
    return bytes
  }

  return {
    url(kind, publicId) {
      return `/media/${kind}/${publicId}.${MEDIA_KINDS[kind].ext}?s=${sign(kind, publicId)}`
    },
    verify(kind, publicId, signature) {
      const expected = Buffer.from(sign(kind, publicId))
      const given = Buffer.from(signature)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
    exists(publicId) {
      return selectSubject.get({ id: publicId }) !== undefined
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
        const subject = subjectFor(publicId)
        if (!subject) return undefined
        const key = `${kind}/${publicId}`
        let pending = inFlight.get(key)
        if (!pending) {
          pending = renderToDisk(kind, subject, path).finally(() => inFlight.delete(key))
          inFlight.set(key, pending)
        }
        bytes = await pending
      }
      const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`
      etags.set(`${kind}/${publicId}`, etag)
      return { bytes, etag, contentType: MEDIA_KINDS[kind].contentType }
    },
  }
}
