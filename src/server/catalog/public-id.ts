// Public asset ids: a keyed 40-bit permutation (Feistel) of the row number, written as 8
// characters of lower-case Crockford base32. Unique by construction, URL-safe, short, and
// they do not reveal the insertion order.

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const HALF_BITS = 20
const HALF_MASK = (1 << HALF_BITS) - 1
const ROUND_KEYS = [0x5bd1e995, 0x27d4eb2f, 0x165667b1, 0x9e3779b1]

function round(half: number, key: number): number {
  let h = Math.imul(half ^ key, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h & HALF_MASK
}

export function publicIdFor(rowNumber: number): string {
  if (!Number.isInteger(rowNumber) || rowNumber < 0 || rowNumber >= 2 ** 40) {
    throw new RangeError(`row number out of range: ${rowNumber}`)
  }
  let left = Math.floor(rowNumber / 2 ** HALF_BITS) & HALF_MASK
  let right = rowNumber & HALF_MASK
  for (const key of ROUND_KEYS) {
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
  return out
}
