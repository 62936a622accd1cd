// Public ids: a keyed 40-bit permutation (Feistel) of a row number, written as 8 characters of
// lower-case Crockford base32. Unique by construction, URL-safe, short, and they do not reveal
// the insertion order to whoever does not hold the keys. One permutation for every kind of id:
// a catalog's public ids (ids.ts, keyed by the catalog's id key) and gallery media ids
// (media-store.ts, keyed by the signing secret).

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const DIGITS = new Map([...ALPHABET].map((ch, i) => [ch, i]))
const HALF_BITS = 20
const HALF_MASK = (1 << HALF_BITS) - 1
const ID_CHARS = 8

/** Four 32-bit round keys. */
export type FeistelKeys = readonly [number, number, number, number]

function round(half: number, key: number): number {
  let h = Math.imul(half ^ key, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h & HALF_MASK
}

/** The 8-character id of a row number in [0, 2^40) under these keys. */
export function encodeId(rowNumber: number, keys: FeistelKeys): string {
  if (!Number.isInteger(rowNumber) || rowNumber < 0 || rowNumber >= 2 ** 40) {
    throw new RangeError(`row number out of range: ${rowNumber}`)
  }
  let left = Math.floor(rowNumber / 2 ** HALF_BITS) & HALF_MASK
  let right = rowNumber & HALF_MASK
  for (const key of keys) {
    const next = left ^ round(right, key)
    left = right
    right = next
  }
  let value = left * 2 ** HALF_BITS + right
  let out = ''
  for (let i = 0; i < ID_CHARS; i++) {
    out = ALPHABET[value % 32] + out
    value = Math.floor(value / 32)
  }
  return out
}

/** The row number behind an 8-character id under these keys, or undefined when it is not one. */
export function decodeId(id: string, keys: FeistelKeys): number | undefined {
  if (id.length !== ID_CHARS) return undefined
  let value = 0
  for (const ch of id) {
    const digit = DIGITS.get(ch)
    if (digit === undefined) return undefined
    value = value * 32 + digit
  }
  let left = Math.floor(value / 2 ** HALF_BITS)
  let right = value % 2 ** HALF_BITS
  for (let i = keys.length - 1; i >= 0; i--) {
    const previous = right ^ round(left, keys[i] as number)
    right = left
    left = previous
  }
  return left * 2 ** HALF_BITS + right
}

/** Round keys read from the first 16 bytes of a secret (e.g. an HMAC of a catalog's own secret). */
export function feistelKeysFrom(bytes: Uint8Array): FeistelKeys {
  if (bytes.length < 16) throw new RangeError('Feistel keys need 16 bytes')
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16)
  return [view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12)]
}
