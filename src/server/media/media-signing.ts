import { createHmac, timingSafeEqual } from 'node:crypto'
import { LruCache } from '../lru'
import { ART_VERSION, MEDIA_KINDS, type MediaKind } from './media-kinds'

// Signed media URLs: the signature over kind, id and expiry hour (one per gallery image for all
// its files), the URLs kept for the hour they stay the same, and their check in constant time.

const HOUR_MS = 3_600_000
/**
 * A signed URL is valid for this many hours at least (one more at most): its expiry is the end
 * of the current hour plus this, so the URL stays the same within the hour (and so cacheable),
 * and every listing signs anew.
 */
export const URL_LIFETIME_HOURS = 6

const SIGNATURE_LENGTH = 22

/** Signs and checks media URLs under `secret`; `now` is the clock they expire by. */
export function createMediaSigner(secret: string, now: () => number) {
  const hmac = (subject: string): string =>
    createHmac('sha256', secret).update(`${subject}:${ART_VERSION}`).digest('base64url').slice(0, SIGNATURE_LENGTH)

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

  // A page of photos signs several URLs per item (image, thumbnail, each face, each person's
  // face); the same ones come back page after page within the hour, so they are kept.
  const urls = new LruCache<string, { hour: number; url: string }>(50_000)

  return {
    /** The signed URL of a file, by its id as the URL carries it (a gallery image's opaque form). */
    url(kind: MediaKind, publicId: string): string {
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
    verify(kind: MediaKind, publicId: string, expires: string, signature: string): number | undefined {
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
  }
}
