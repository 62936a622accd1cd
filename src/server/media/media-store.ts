import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { decodeId, encodeId, idKeys } from '../ids/codec'
import type { Catalog } from '../db/catalog-db'
import { LruCache } from '../lru'
import type { GalleryJobType } from '../db/schema-gallery'
import { renderArtSvg, type ArtSubject } from './art'
import { generationAspect, renderGenerationSvg, type GenerationRole, type GenerationSubject } from './gen-art'
import { renderPhotoSvg } from './photo-art'
import { createPhotoMedia, cropFace } from './photo-media'
import { renderLibraryArtSvg } from './library-art'
import { createMediaCache, looksComplete } from './media-cache'
import { backdropColor } from './preview-color'
import { createRenderAhead } from './render-ahead'
import { createRenderQueue, type RenderQueue } from './render-queue'
import {
  isVipanyaFileKind,
  VIPANYA_FILE_KINDS,
  vipanyaFile,
  vipanyaFileKind,
  type VipanyaFileKind,
  type VipanyaFileRow,
} from './vipanya-files'

export const MEDIA_CACHE_DIR = 'media-cache'
/**
 * Bump when the drawings change: files are cached by clients until their URL expires, so both
 * the cache path and the signed URL (which the signature covers) must move with them.
 */
const ART_VERSION = 'v3'

const HOUR_MS = 3_600_000
/**
 * A signed URL is valid for this many hours at least (one more at most): its expiry is the end
 * of the current hour plus this, so the URL stays the same within the hour (and so cacheable),
 * and every listing signs anew.
 */
export const URL_LIFETIME_HOURS = 6

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
  /** Vipanya files, by uuid: a PDF or document made from its row, or a video or audio clip (vipanya-files.ts). */
  ...VIPANYA_FILE_KINDS,
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

/** Who asks for a render and whether they still wait for it: see render-queue.ts. */
interface RenderRequest {
  /** The client (address, and token if any); one caller's renders are capped. */
  caller?: string | undefined
  /** Aborts when the client goes away: a render not yet started is dropped. */
  signal?: AbortSignal | undefined
}

export interface MediaStore {
  /**
   * Path-absolute URL with its expiry and signature, e.g. `/media/thumb-small/ab12cd34.webp?e=…&s=…`.
   * For the `gen-*` kinds the id is the gallery row form (`<row>`, `<row>-<n>` for input n);
   * the URL carries its opaque form, which the other methods take.
   */
  url(kind: MediaKind, publicId: string): string
  /**
   * When the signature (over kind, id and expiry) is right and not expired, the whole seconds
   * left until it expires (at least 1); otherwise undefined. Compares in constant time.
   */
  verify(kind: MediaKind, publicId: string, expires: string, signature: string): number | undefined
  /** Something to draw for this kind and id, and whether anyone may see it? Cheap, no work done. */
  describe(kind: MediaKind, publicId: string): { public: boolean } | undefined
  /** The rendered file (rendering and caching it on first use); undefined for an unknown id. */
  get(kind: MediaKind, publicId: string, request?: RenderRequest): Promise<MediaFile | undefined>
  /** Strong ETag of an already rendered file, if known without reading it. */
  knownEtag(kind: MediaKind, publicId: string): string | undefined
  /**
   * The colour a tile shows until the thumbnail of this asset or photo arrives (`#rrggbb`, its
   * drawing's backdrop: preview-color.ts); worked out once per image and kept. Undefined for an
   * id with no drawing (a file, a face, an unknown id). `kind` names the thumbnail a tile shows
   * (a gallery image's is `gen-output-thumb`, its id the row form, as `url` takes it).
   */
  previewColor(publicId: string, kind?: MediaKind): string | undefined
  /**
   * Draws these assets' or photos' small thumbnails in the background while no one waits for a
   * render (render-ahead.ts): bounded, newest listing first, never ahead of a request.
   */
  renderAhead(publicIds: readonly string[]): void
}

interface SubjectRow {
  public_id: string
  filename: string
  width: number
  height: number
  tags: number
  /** 1 when anyone may see the asset. */
  public: number
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

/** Renders at once by default: one per core, and never all of libuv's four threads, which cached reads need too. */
const DEFAULT_CONCURRENCY = Math.max(1, Math.min(availableParallelism(), 3))
/** Renders one caller may have waiting or running; a screen of tiles is well under this. */
const DEFAULT_PER_CALLER = 48

/** A render's share of the queue's capacity, by its pixels; files are made, not drawn. */
function renderWeight(kind: MediaKind): number {
  const side = MEDIA_KINDS[kind].longSide
  return side === 0 ? 0.1 : Math.max(0.1, (side / 1536) ** 2)
}

/** What a serving process keeps of its cached thumbnails in memory (see MediaCacheOptions). */
export const SERVING_MEMORY_CACHE_BYTES = 16 * 1024 * 1024

export interface MediaStoreOptions {
  /** Bytes of small cached files kept in memory; none by default (tests that damage files on disk). */
  memoryCacheBytes?: number
  /**
   * Called once per actual render (not per request), inside the render's queue slot; for
   * logging and tests (a test may hold a render by returning a promise).
   */
  onRender?: (kind: MediaKind, publicId: string) => unknown
  /** The queue renders wait in; by default one of DEFAULT_CONCURRENCY and DEFAULT_PER_CALLER. */
  queue?: RenderQueue
  /** The clock URLs expire by (ms since the epoch); tests move it. */
  now?: () => number
}

export function createMediaStore(catalog: Catalog, options: MediaStoreOptions = {}): MediaStore {
  // Every render reads a different SVG, so sharp's operation cache never hits; it only holds
  // memory (about 50 MB after a burst of originals).
  sharp.cache(false)
  // One libvips thread per render: the render queue already runs renders side by side, one per
  // core, and each extra thread of one image holds its own tile buffers (an original's burst
  // peaked ~50 MB higher with libvips' default of one thread per core).
  sharp.concurrency(1)
  const cache = createMediaCache(join(catalog.dataDir, MEDIA_CACHE_DIR), { memoryBytes: options.memoryCacheBytes })
  const queue = options.queue ?? createRenderQueue({ concurrency: DEFAULT_CONCURRENCY, perCaller: DEFAULT_PER_CALLER })
  const now = options.now ?? Date.now
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
    `SELECT id, job_id, job_type, image_index, group_index, version, input_count, original_filename, status
       FROM gallery_images WHERE id = ?`,
  )
  const selectFile = catalog.statement(
    `SELECT title, slug, description, asset_type, page_count, file_path,
            is_public = 1 AND is_published = 1 AS is_public
       FROM vipanya_assets
      WHERE uuid = ? AND file_path IS NOT NULL`,
  )
  /** The Vipanya row behind a file kind, if it has a file of that kind. */
  const fileRow = (kind: MediaKind, id: string): (VipanyaFileRow & { is_public: number }) | undefined => {
    const row = selectFile.get(id) as (VipanyaFileRow & { is_public: number }) | undefined
    return row && vipanyaFileKind(row) === kind ? row : undefined
  }
  const isFileKind = (kind: MediaKind): kind is VipanyaFileKind => isVipanyaFileKind(kind)

  const etags = new LruCache<string, string>(20_000)

  const hmac = (subject: string): string =>
    createHmac('sha256', catalog.secret)
      .update(`${subject}:${ART_VERSION}`)
      .digest('base64url')
      .slice(0, SIGNATURE_LENGTH)

  // Gallery images are rows of gallery_images; their media ids are the row permuted under keys
  // derived from the catalog's own secret, so they neither count the rows nor can be guessed.
  const galleryKeys = idKeys(catalog.secret, 'gallery media ids')
  const galleryImageId = (row: number): string => encodeId(row, galleryKeys)

  // A generated image has up to eight files (inputs, output, thumbnails) and whoever may see it
  // may see them all, so one signature per image covers them: a gallery page of 1,000 images
  // then costs 1,000 HMACs instead of 6,000.
  const generationSignatures = new LruCache<string, string>(20_000)
  const sign = (kind: MediaKind, publicId: string, expires: string): string => {
    if (!kind.startsWith('gen-')) return hmac(`${kind}:${publicId}:${expires}`)
    const image = `${publicId.split('-')[0] ?? publicId}:${expires}`
    let signature = generationSignatures.get(image)
    if (signature === undefined) {
      signature = hmac(`gen:${image}`)
      generationSignatures.set(image, signature)
    }
    return signature
  }
  /** Expiry, in hours since the epoch, of a URL signed now. */
  const expiryHour = (): number => Math.floor(now() / HOUR_MS) + 1 + URL_LIFETIME_HOURS

  // Photo-library ids share a prefix (`asset_`, `face_`), so they shard on their last characters.
  const placeOf = (kind: MediaKind, publicId: string): { parts: string[]; name: string } => ({
    parts: [ART_VERSION, kind, publicId.includes('_') ? publicId.slice(-2) : publicId.slice(0, 2)],
    name: `${publicId}.${MEDIA_KINDS[kind].ext}`,
  })

  const photos = createPhotoMedia(catalog.sqlite, catalog.ids)
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
    }
    const aspect = generationAspect(subject, role)
    const width = aspect >= 1 ? GENERATION_BASE : Math.round(GENERATION_BASE * aspect)
    const height = aspect >= 1 ? Math.round(GENERATION_BASE / aspect) : GENERATION_BASE
    return { width, height, svg: (w, h) => renderGenerationSvg(subject, role, w, h) }
  }

  /** What to draw, and whether anyone may see it (only catalog assets can be public). */
  const drawableFor = (kind: MediaKind, id: string): { drawable: Drawable; public: boolean } | undefined => {
    if (kind === 'face' || isFileKind(kind)) return undefined
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

  /** Caches a made file; a cache that cannot be written (full or read-only disk) is not fatal. */
  const keep = async (kind: MediaKind, publicId: string, bytes: Buffer): Promise<void> => {
    // A read-only data folder (the catalog opened read-only) serves every render uncached.
    if (catalog.readOnly) return
    const { parts, name } = placeOf(kind, publicId)
    try {
      await cache.write(parts, name, bytes)
    } catch (err) {
      console.warn(`Media cache: could not keep ${kind}/${name} (${(err as Error).message}); served uncached`)
    }
  }

  const readCached = (kind: MediaKind, publicId: string, valid?: (bytes: Buffer) => boolean) => {
    const { parts, name } = placeOf(kind, publicId)
    return cache.read(parts, name, valid ?? ((bytes) => looksComplete(MEDIA_KINDS[kind].ext, bytes)))
  }

  /**
   * Renders through the queue; the file may have been cached since the request missed it. A
   * render weighs its pixels against a 1,536 px gallery image's (a 2,400 px original about 2.4).
   */
  const render = (
    kind: MediaKind,
    publicId: string,
    request: RenderRequest,
    make: () => Promise<Buffer>,
  ): Promise<Buffer> =>
    queue.run(
      `${kind}/${publicId}`,
      request.caller ?? 'local',
      request.signal,
      async () => {
        const cached = await readCached(kind, publicId)
        if (cached) return cached
        await options.onRender?.(kind, publicId)
        const bytes = await make()
        await keep(kind, publicId, bytes)
        return bytes
      },
      renderWeight(kind),
    )

  const etagOf = (kind: MediaKind, publicId: string, bytes: Buffer): string => {
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`
    etags.set(`${kind}/${publicId}`, etag)
    return etag
  }

  /**
   * A Vipanya download: made from its row once, then read from the cache. Making one is cheap
   * (no drawing), so it does not queue; a cached copy must be exactly what the row makes now.
   * Video and audio clips are shipped files, already in memory: nothing to make or cache.
   */
  const getFile = async (kind: VipanyaFileKind, publicId: string): Promise<MediaFile | undefined> => {
    const row = fileRow(kind, publicId)
    const made = row && vipanyaFile(row)
    if (!row || !made) return undefined
    let bytes = made.made ? await readCached(kind, publicId, (cached) => cached.equals(made.bytes)) : made.bytes
    if (!bytes) {
      await options.onRender?.(kind, publicId)
      bytes = made.bytes
      await keep(kind, publicId, bytes)
    }
    return { bytes, etag: etagOf(kind, publicId, bytes), contentType: made.contentType, filename: made.filename }
  }

  // A page of photos signs several URLs per item (image, thumbnail, each face, each person's
  // face); the same ones come back page after page within the hour, so they are kept.
  const urls = new LruCache<string, { hour: number; url: string }>(50_000)
  // The colours of the images listed lately; an id with no drawing is kept as ''.
  const previews = new LruCache<string, string>(50_000)

  const ahead = createRenderAhead({
    render: (id) => store.get('thumb-small', id, { caller: 'render-ahead' }),
    busy: () => {
      const { running, queued } = queue.stats()
      return running > 0 || queued > 0
    },
  })

  const store: MediaStore = {
    renderAhead: (ids) => ahead.add(ids),
    url(kind, id) {
      // Gallery images are named by their row; the URL carries the opaque form.
      const publicId = kind.startsWith('gen-') ? galleryMediaId(id, galleryImageId) : id
      const key = `${kind}/${publicId}`
      const hour = expiryHour()
      let cached = urls.get(key)
      if (cached?.hour !== hour) {
        const url = `/media/${kind}/${publicId}.${MEDIA_KINDS[kind].ext}?e=${hour}&s=${sign(kind, publicId, String(hour))}`
        cached = { hour, url }
        urls.set(key, cached)
      }
      return cached.url
    },
    verify(kind, publicId, expires, signature) {
      // The HMAC is computed and compared whatever the expiry says, so timing tells nothing.
      const expected = Buffer.from(sign(kind, publicId, expires.slice(0, 12)))
      const given = Buffer.from(signature)
      const matches = given.length === expected.length && timingSafeEqual(given, expected)
      const hour = /^\d{1,10}$/.test(expires) ? Number(expires) : 0
      const left = hour * HOUR_MS - now()
      // An hour of slack: another instance behind the same balancer may sign with a clock just
      // past the hour.
      return matches && left > 0 && hour <= expiryHour() + 1 ? Math.max(1, Math.floor(left / 1000)) : undefined
    },
    describe(kind, publicId) {
      if (kind === 'face') return photos.face(publicId) && { public: false }
      if (isFileKind(kind)) {
        const row = fileRow(kind, publicId)
        return row && { public: row.is_public === 1 }
      }
      const found = drawableFor(kind, publicId)
      return found && { public: found.public }
    },
    knownEtag(kind, publicId) {
      return etags.get(`${kind}/${publicId}`)
    },
    previewColor(id, kind = 'thumb-small') {
      // As `url` takes it: a gallery image by its row.
      const publicId = kind.startsWith('gen-') ? galleryMediaId(id, galleryImageId) : id
      const key = `${kind}/${publicId}`
      let color = previews.get(key)
      if (color === undefined) {
        // The thumbnail's own drawing, at a token size: only its backdrop is read.
        color = backdropColor(drawableFor(kind, publicId)?.drawable.svg(16, 16) ?? '') ?? ''
        previews.set(key, color)
      }
      return color || undefined
    },
    async get(kind, publicId, request = {}) {
      if (isFileKind(kind)) return getFile(kind, publicId)
      let bytes = await readCached(kind, publicId)
      if (!bytes) {
        if (kind === 'face') {
          // The crop comes from the photo's original, itself rendered (and queued) first, so a
          // face never holds a render slot while it waits for its original.
          const face = photos.face(publicId)
          const original = face && (await store.get('original', face.photoPublicId, request))
          if (!face || !original) return undefined
          bytes = await render(kind, publicId, request, () => cropFace(original.bytes, face, MEDIA_KINDS.face.longSide))
        } else {
          const found = drawableFor(kind, publicId)
          if (!found) return undefined
          bytes = await render(kind, publicId, request, () => renderDrawable(kind, found.drawable))
        }
      }
      return { bytes, etag: etagOf(kind, publicId, bytes), contentType: MEDIA_KINDS[kind].contentType }
    },
  }
  return store
}

/**
 * The media id of a gallery image file from the row form the gallery API passes (`<row>` for
 * the output, `<row>-<n>` for input n): the row is replaced by its opaque form.
 */
function galleryMediaId(id: string, opaque: (row: number) => string): string {
  const match = /^(\d{1,12})(-\d)?$/.exec(id)
  if (!match) return id
  return `${opaque(Number(match[1]))}${match[2] ?? ''}`
}
