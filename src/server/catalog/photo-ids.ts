// Gumnut-style public ids (`asset_…`, `face_…`, `person_…`, `album_…`, `library_…`): the prefix
// and the shared keyed permutation of the row id (public-id.ts). The permutation is invertible,
// so a public id turns back into its row id without an index, and each kind has its own keys so
// photo 7 and face 7 do not share a suffix.

import { decodeId, encodeId, type FeistelKeys } from './public-id'

export const PHOTO_ID_KINDS = {
  asset: [0x2c1b3c6d, 0x297a2d39, 0x7feb352d, 0x846ca68b],
  face: [0x68e31da4, 0xb5297a4d, 0x1b56c4e9, 0x3c6ef372],
  person: [0x9e3779b9, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f],
  album: [0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09],
  library: [0x5bd1e995, 0x1b873593, 0xcc9e2d51, 0xe6546b64],
} as const satisfies Record<string, FeistelKeys>

export type PhotoIdKind = keyof typeof PHOTO_ID_KINDS

export function photoPublicId(kind: PhotoIdKind, rowId: number): string {
  if (!Number.isInteger(rowId) || rowId < 0 || rowId >= 2 ** 40) throw new RangeError(`row id out of range: ${rowId}`)
  return `${kind}_${encodeId(rowId, PHOTO_ID_KINDS[kind])}`
}

/** The row id behind a public id of this kind, or undefined when it is not one. */
export function photoRowId(kind: PhotoIdKind, publicId: string): number | undefined {
  const prefix = `${kind}_`
  if (!publicId.startsWith(prefix)) return undefined
  return decodeId(publicId.slice(prefix.length), PHOTO_ID_KINDS[kind])
}
