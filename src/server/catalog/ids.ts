import { createHmac, randomBytes } from 'node:crypto'
import { LEGACY_PHOTO_KEYS, LEGACY_SHARED_KEYS, legacyVipanyaHex } from './legacy-id-keys'
import { decodeId, encodeId, feistelKeysFrom, type FeistelKeys } from './public-id'

// A catalog's public ids: PiktID assets and gallery jobs, Scenario assets, inferences and models,
// Vipanya asset UUIDs (made once by the demo generators and stored) and Gumnut-style photo-library
// ids (computed on every request from the row id, and turned back into it). Each kind is the keyed
// permutation of public-id.ts under round keys of its own (a Vipanya UUID: an HMAC of the row),
// derived from the catalog's id key (meta `id_secret`), so ids can neither be counted through nor
// guessed, and differ from catalog to catalog.
//
// The id key is made when the catalog is created and never changes after, whatever the signing
// secret becomes, so ids and the links that hold them stay valid. It is random, or, when the
// deployment has a shared secret (VITRINE_SECRET) at creation, derived from it: instances seeded
// from the same configuration then issue the same ids.

export const PHOTO_ID_KINDS = ['asset', 'face', 'person', 'album', 'library'] as const
export type PhotoIdKind = (typeof PHOTO_ID_KINDS)[number]

/**
 * The id key recorded for a catalog created before catalogs had one (migration to schema 7): its
 * ids stay under the legacy constant keys (legacy-id-keys.ts), as its users know them.
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
  const keys = (label: string) => feistelKeysFrom(createHmac('sha256', idSecret).update(`ids: ${label}`).digest())
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
