import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { encodeId, idKeys } from '../ids/codec'
import type { Catalog } from '../db/catalog-db'
import { LruCache } from '../lru'
import { backdropColor } from './preview-color'
import { createDrawables, renderDrawable } from './media-drawables'
import { ART_VERSION, MEDIA_KINDS, type MediaKind } from './media-kinds'
import { createMediaSigner } from './media-signing'
import { createPhotoMedia, cropFace } from './photo-media'
import { createMediaCache, looksComplete } from './media-cache'
import { createRenderAhead } from './render-ahead'
import { createRenderQueue, type RenderQueue } from './render-queue'
import {
  isVipanyaFileKind,
  vipanyaFile,
  vipanyaFileKind,
  type VipanyaFileKind,
  type VipanyaFileRow,
} from './vipanya-files'

export const MEDIA_CACHE_DIR = 'media-cache'

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
  /**
   * Stops rendering: the background renders and the waiting ones are dropped; resolves once the
   * running ones have ended (and cached what they made), so nothing writes after the server stops.
   */
  close(): Promise<void>
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

  // Gallery images are rows of gallery_images; their media ids are the row permuted under keys
  // derived from the catalog's own secret, so they neither count the rows nor can be guessed.
  const galleryKeys = idKeys(catalog.secret, 'gallery media ids')
  const galleryImageId = (row: number): string => encodeId(row, galleryKeys)

  const signer = createMediaSigner(catalog.secret, now)

  // Photo-library ids share a prefix (`asset_`, `face_`), so they shard on their last characters.
  const placeOf = (kind: MediaKind, publicId: string): { parts: string[]; name: string } => ({
    parts: [ART_VERSION, kind, publicId.includes('_') ? publicId.slice(-2) : publicId.slice(0, 2)],
    name: `${publicId}.${MEDIA_KINDS[kind].ext}`,
  })

  const photos = createPhotoMedia(catalog.sqlite, catalog.ids)
  const drawableFor = createDrawables(catalog, photos, galleryKeys)

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
    close() {
      ahead.stop()
      return queue.close()
    },
    url(kind, id) {
      // Gallery images are named by their row; the URL carries the opaque form.
      const publicId = kind.startsWith('gen-') ? galleryMediaId(id, galleryImageId) : id
      return signer.url(kind, publicId)
    },
    verify: (kind, publicId, expires, signature) => signer.verify(kind, publicId, expires, signature),
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
