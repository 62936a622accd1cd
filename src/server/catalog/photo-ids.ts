// Gumnut-style public ids (`asset_…`, `face_…`, `person_…`, `album_…`, `library_…`): the prefix
// and a keyed 40-bit Feistel permutation of the row id, as 8 characters of Crockford base32.
// The permutation is invertible, so a public id turns back into its row id without an index, and
// each kind has its own keys so photo 7 and face 7 do not share a suffix.

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const DIGITS = new Map([...ALPHABET].map((ch, i) => [ch, i]))
const HALF_BITS = 20
const HALF_MASK = (1 << HALF_BITS) - 1

export const PHOTO_ID_KINDS = {
  asset: [0x2c1b3c6d, 0x297a2d39, 0x7feb352d, 0x846ca68b],
  face: [0x68e31da4, 0xb5297a4d, 0x1b56c4e9, 0x3c6ef372],
  person: [0x9e3779b9, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f],
  album: [0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09],
  library: [0x5bd1e995, 0x1b873593, 0xcc9e2d51, 0xe6546b64],
} as const

export type PhotoIdKind = keyof typeof PHOTO_ID_KINDS

function round(half: number, key: number): number {
  let h = Math.imul(half ^ key, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h & HALF_MASK
}

export function photoPublicId(kind: PhotoIdKind, rowId: number): string {
  if (!Number.isInteger(rowId) || rowId < 0 || rowId >= 2 ** 40) throw new RangeError(`row id out of range: ${rowId}`)
  let left = Math.floor(rowId / 2 ** HALF_BITS) & HALF_MASK
  let right = rowId & HALF_MASK
  for (const key of PHOTO_ID_KINDS[kind]) {
    const next = left ^ round(right, key)
    left = right
    right = next
  }
  let value = left * 2 ** HALF_BITS + right
  let out = ''
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[value % 32] + out
    value = Math.floor(value / 32)
  }
  return `${kind}_${out}`
}

/** The row id behind a public id of this kind, or undefined when it is not one. */
export function photoRowId(kind: PhotoIdKind, publicId: string): number | undefined {
  const prefix = `${kind}_`
  if (publicId.length !== prefix.length + 8 || !publicId.startsWith(prefix)) return undefined
  let value = 0
  for (const ch of publicId.slice(prefix.length)) {
    const digit = DIGITS.get(ch)
    if (digit === undefined) return undefined
    value = value * 32 + digit
  }
  let left = Math.floor(value / 2 ** HALF_BITS)
  let right = value % 2 ** HALF_BITS
  const keys = PHOTO_ID_KINDS[kind]
  for (let i = keys.length - 1; i >= 0; i--) {
    const previous = right ^ round(left, keys[i] as number)
    right = left
    left = previous
  }
  return left * 2 ** HALF_BITS + right
}
