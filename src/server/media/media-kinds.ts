import { VIPANYA_FILE_KINDS } from './vipanya-files'

// The kinds of media file the server makes (image sizes and formats, generation images, faces,
// Vipanya files) and the version of the drawings, which caches and signed URLs both carry.

/**
 * Bump when the drawings change: files are cached by clients until their URL expires, so both
 * the cache path and the signed URL (which the signature covers) must move with them.
 */
export const ART_VERSION = 'v3'

/** An image drawn as a JPEG (full sizes) or a WebP (thumbnails), `longSide` pixels on its long side. */
const jpeg = (longSide: number) => ({ ext: 'jpg', contentType: 'image/jpeg', longSide }) as const
const webp = (longSide: number) => ({ ext: 'webp', contentType: 'image/webp', longSide }) as const

export const MEDIA_KINDS = {
  original: jpeg(2400),
  'thumb-big': webp(1280),
  'thumb-small': webp(320),
  // PiktID generation images, by gallery image id: `<id>-<n>` for input n, `<id>` for the output.
  'gen-input': jpeg(1536),
  'gen-input-thumb': webp(384),
  'gen-output': jpeg(1536),
  'gen-output-thumb': webp(384),
  /** A photo-library face, by face id: cut from the photo's original by its box with a margin. */
  face: webp(256),
  /** Vipanya files, by uuid: a PDF or document made from its row, or a video or audio clip (vipanya-files.ts). */
  ...VIPANYA_FILE_KINDS,
} as const

export type MediaKind = keyof typeof MEDIA_KINDS

export function isMediaKind(value: string): value is MediaKind {
  return Object.hasOwn(MEDIA_KINDS, value)
}
