import { createHmac, randomBytes } from 'node:crypto'
import { hash32 } from '../random'

// The one id codec. Public ids are a keyed 40-bit permutation (Feistel) of a row number, written
// as 8 characters of lower-case Crockford base32: unique by construction, URL-safe, short, and
// they do not reveal the insertion order to whoever does not hold the keys. One permutation for
// every kind of id: a catalog's public ids (createIdCodec below) and gallery media ids
// (media-store.ts, keyed by the signing secret through idKeys).
//
// A catalog's public ids: PiktID assets and gallery jobs, Scenario assets, inferences and models,
// Vipanya asset UUIDs (made once by the demo generators and stored) and Gumnut-style photo-library
// ids (computed on every request from the row id, and turned back into it). Each kind is the keyed
// permutation under round keys of its own (a Vipanya UUID: an HMAC of the row), derived from the
// catalog's id key (meta `id_secret`), so ids can neither be counted through nor guessed, and
// differ from catalog to catalog.
//
// The id key is made when the catalog is created and never changes after, whatever the signing
// secret becomes, so ids and the links that hold them stay valid. It is random, or, when the
// deployment has a shared secret (VITRINE_SECRET) at creation, derived from it: instances seeded
// from the same configuration then issue the same ids.

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

/** Round keys for one kind of id: the first 16 bytes of an HMAC of `label` under `secret`. */
export function idKeys(secret: string, label: string): FeistelKeys {
  const bytes = createHmac('sha256', secret).update(label).digest()
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16)
  return [view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12)]
}

// How every catalog named its rows before each one had an id key of its own (schema 7): constant
// round keys, and Vipanya ids hashed from the catalog's seed. Both are public, so these ids can be
// enumerated; they stay only so that a catalog created before then keeps the ids (and the links)
// its users already have. createIdCodec uses them for a catalog whose id key is the legacy
// marker, and for nothing else.

/** PiktID assets, gallery jobs and every Scenario id shared one key set, apart by offsets. */
const LEGACY_SHARED_KEYS: FeistelKeys = [0x5bd1e995, 0x27d4eb2f, 0x165667b1, 0x9e3779b1]

/** Gumnut-style photo-library ids: a key set per kind. */
const LEGACY_PHOTO_KEYS = {
  asset: [0x2c1b3c6d, 0x297a2d39, 0x7feb352d, 0x846ca68b],
  face: [0x68e31da4, 0xb5297a4d, 0x1b56c4e9, 0x3c6ef372],
  person: [0x9e3779b9, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f],
  album: [0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09],
  library: [0x5bd1e995, 0x1b873593, 0xcc9e2d51, 0xe6546b64],
} as const satisfies Record<string, FeistelKeys>

/** A Vipanya asset's 128 bits, as 32 hex digits: a hash of the catalog's seed and the row. */
function legacyVipanyaHex(seed: string, row: number): string {
  return [0, 1, 2, 3].map((i) => hash32(`${seed}:vipanya:${row}:${i}`).toString(16).padStart(8, '0')).join('')
}

export const PHOTO_ID_KINDS = ['asset', 'face', 'person', 'album', 'library'] as const
export type PhotoIdKind = (typeof PHOTO_ID_KINDS)[number]

/**
 * The id key recorded for a catalog created before catalogs had one (migration to schema 7): its
 * ids stay under the legacy constant keys (above), as its users know them.
 */
export const LEGACY_ID_SECRET = 'legacy'

/** Shortest id key accepted: 32 random bytes in base64url are 43 characters. */
const MIN_ID_SECRET_LENGTH = 43

export interface IdCodec {
  /** A PiktID asset's id: 8 characters. */
  asset(row: number): string
  /** A PiktID gallery job's id, `job_…`. */
  galleryJob(jobNumber: number): string
  /** A Scenario asset's id, `asset_` and 12 characters, so it never reads as a photo's 8. */
  scenarioAsset(row: number): string
  /** A Scenario inference's id, `inf_…`. */
  scenarioInference(inferenceNumber: number): string
  /** A Scenario model's id, `model_…`. */
  scenarioModel(row: number): string
  /** A demo Vipanya asset's id: a version 4 UUID. */
  vipanyaUuid(row: number): string
  /** A photo library's `asset_…`, `face_…`, `person_…`, `album_…` or `library_…` id. */
  photo(kind: PhotoIdKind, row: number): string
  /** The row id behind a photo-library id of this kind, or undefined when it is not one. */
  photoRow(kind: PhotoIdKind, publicId: string): number | undefined
}

/** A new catalog's id key: from the deployment's shared secret when there is one, else random. */
export function newIdSecret(sharedSecret: string | undefined): string {
  if (sharedSecret === undefined) return randomBytes(32).toString('base64url')
  return createHmac('sha256', sharedSecret).update('vitrine catalog id key').digest('base64url')
}

interface KeySets {
  asset: FeistelKeys
  galleryJob: FeistelKeys
  scenarioAsset: FeistelKeys
  scenarioInference: FeistelKeys
  scenarioModel: FeistelKeys
  photo: Record<PhotoIdKind, FeistelKeys>
}

function legacyKeySets(): KeySets {
  return {
    asset: LEGACY_SHARED_KEYS,
    galleryJob: LEGACY_SHARED_KEYS,
    scenarioAsset: LEGACY_SHARED_KEYS,
    scenarioInference: LEGACY_SHARED_KEYS,
    scenarioModel: LEGACY_SHARED_KEYS,
    photo: LEGACY_PHOTO_KEYS,
  }
}

/** One key set per kind, each an HMAC of its own label, so no two kinds share a suffix. */
function derivedKeySets(idSecret: string): KeySets {
  const keys = (label: string) => idKeys(idSecret, `ids: ${label}`)
  return {
    asset: keys('piktid asset'),
    galleryJob: keys('piktid gallery job'),
    scenarioAsset: keys('scenario asset'),
    scenarioInference: keys('scenario inference'),
    scenarioModel: keys('scenario model'),
    photo: {
      asset: keys('photo asset'),
      face: keys('photo face'),
      person: keys('photo person'),
      album: keys('photo album'),
      library: keys('photo library'),
    },
  }
}

/** 32 hex digits as a UUID with the version 4 and RFC 4122 variant bits, as the vendor hands out. */
function uuidOf(hex: string): string {
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * The codec of a catalog whose id key (meta `id_secret`) is this; throws when it is not one. The
 * seed (meta `seed`) counts only for a legacy catalog, whose Vipanya ids were hashed from it.
 */
export function createIdCodec(idSecret: string, seed: string): IdCodec {
  const legacy = idSecret === LEGACY_ID_SECRET
  if (!legacy && idSecret.length < MIN_ID_SECRET_LENGTH) {
    throw new Error(`an id key has at least ${MIN_ID_SECRET_LENGTH} characters`)
  }
  const keys = legacy ? legacyKeySets() : derivedKeySets(idSecret)
  const vipanyaHex = legacy
    ? (row: number) => legacyVipanyaHex(seed, row)
    : (row: number) => createHmac('sha256', idSecret).update(`ids: vipanya asset ${row}`).digest('hex')
  // note: the offsets and the Scenario asset id's shape are the legacy ones, kept for every
  // catalog so that one rule makes both; under keys of its own each kind needs no offset.
  return {
    asset: (row) => encodeId(row, keys.asset),
    galleryJob: (jobNumber) => `job_${encodeId(jobNumber + 7_000_000, keys.galleryJob)}`,
    scenarioAsset: (row) =>
      `asset_${encodeId(row, keys.scenarioAsset)}${encodeId(row + 2 ** 39, keys.scenarioAsset).slice(0, 4)}`,
    scenarioInference: (n) => `inf_${encodeId(n + 500_000, keys.scenarioInference)}`,
    scenarioModel: (row) => `model_${encodeId(row + 900_000, keys.scenarioModel)}`,
    vipanyaUuid: (row) => uuidOf(vipanyaHex(row)),
    photo: (kind, row) => `${kind}_${encodeId(row, keys.photo[kind])}`,
    photoRow(kind, publicId) {
      const prefix = `${kind}_`
      if (!publicId.startsWith(prefix)) return undefined
      return decodeId(publicId.slice(prefix.length), keys.photo[kind])
    },
  }
}
