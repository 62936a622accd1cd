import type { FeistelKeys } from './public-id'
import { hash32 } from './random'

// How every catalog named its rows before each one had an id key of its own (schema 7): constant
// round keys, and Vipanya ids hashed from the catalog's seed. Both are public, so these ids can be
// enumerated; they stay only so that a catalog created before then keeps the ids (and the links)
// its users already have. The id codec (ids.ts) uses them for a catalog whose id key is the legacy
// marker, and for nothing else.

/** PiktID assets, gallery jobs and every Scenario id shared one key set, apart by offsets. */
export const LEGACY_SHARED_KEYS: FeistelKeys = [0x5bd1e995, 0x27d4eb2f, 0x165667b1, 0x9e3779b1]

/** Gumnut-style photo-library ids: a key set per kind. */
export const LEGACY_PHOTO_KEYS = {
  asset: [0x2c1b3c6d, 0x297a2d39, 0x7feb352d, 0x846ca68b],
  face: [0x68e31da4, 0xb5297a4d, 0x1b56c4e9, 0x3c6ef372],
  person: [0x9e3779b9, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f],
  album: [0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09],
  library: [0x5bd1e995, 0x1b873593, 0xcc9e2d51, 0xe6546b64],
} as const satisfies Record<string, FeistelKeys>

/** A Vipanya asset's 128 bits, as 32 hex digits: a hash of the catalog's seed and the row. */
export function legacyVipanyaHex(seed: string, row: number): string {
  return [0, 1, 2, 3].map((i) => hash32(`${seed}:vipanya:${row}:${i}`).toString(16).padStart(8, '0')).join('')
}
