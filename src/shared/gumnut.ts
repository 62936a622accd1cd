import { enumRule, integerRule, textRule, withDefault } from './query-rules'

// Gumnut wire contract (seed 004): the shapes of assets, faces, people, albums and libraries and
// the query parameters of each list, shared by the reference server and the client adapter.
// Field names are the vendor's, on purpose. Optional fields (`?`) are ones a Gumnut server may
// leave out (it sends `faces`, `people`, `exif`, `metrics` only when asked for them); the
// reference server always sends them.

export const GUMNUT_LIMIT = { default: 100, min: 1, max: 1000 } as const
/** Ids are opaque strings to a client; the reference server's look like `asset_0a1b2c3d`. */
const GUMNUT_ID_MAX = 100

type GumnutDateTime = string

export interface GumnutExif {
  make: string | null
  model: string | null
  orientation: number | null
  modified_datetime: GumnutDateTime | null
  original_datetime: GumnutDateTime | null
  digitized_datetime: GumnutDateTime | null
  lens_model: string | null
  f_number: number | null
  focal_length: number | null
  iso: number | null
  /** Seconds, e.g. 0.004 for 1/250 s. */
  exposure_time: number | null
  exposure_bias: number | null
  latitude: number | null
  longitude: number | null
  altitude: number | null
  city: string | null
  state: string | null
  country: string | null
  description: string | null
  fps: number | null
  live_photo_cid: string | null
  projection_type: string | null
  profile_description: string | null
  auto_stack_id: string | null
  rating: number | null
}

/** Face location in the image's own pixels. */
interface GumnutBoundingBox {
  x: number
  y: number
  w: number
  h: number
}

export interface GumnutFace {
  id: string
  asset_id: string
  person_id?: string | null
  bounding_box: GumnutBoundingBox
  timestamp_ms?: number | null
  thumbnail_url?: string | null
  created_at: GumnutDateTime
  updated_at: GumnutDateTime
}

export interface GumnutPerson {
  id: string
  name?: string | null
  /** `YYYY-MM-DD` */
  birth_date?: string | null
  is_hidden: boolean
  is_favorite: boolean
  thumbnail_face_id?: string | null
  thumbnail_face_url?: string | null
  /** Photos this person appears in (current Gumnut API; not in seed 004). */
  asset_count?: number | null
  created_at: GumnutDateTime
  updated_at: GumnutDateTime
}

export interface GumnutAsset {
  id: string
  device_asset_id?: string | null
  device_id?: string | null
  mime_type: string
  original_file_name: string
  file_created_at?: GumnutDateTime | null
  file_modified_at?: GumnutDateTime | null
  local_datetime: GumnutDateTime
  checksum?: string | null
  created_at: GumnutDateTime
  updated_at: GumnutDateTime
  /** Pixel size (current Gumnut API; not in seed 004). Face boxes are in these pixels. */
  width?: number | null
  height?: number | null
  exif?: GumnutExif | null
  metrics?: Record<string, number | null> | null
  download_url?: string | null
  thumbnail_url?: string | null
  /** Not in seed 004; the bundled server adds it: the photo's colour (`#rrggbb`) for a tile to show until the thumbnail loads. */
  preview_color?: string
  faces?: GumnutFace[] | null
  people?: GumnutPerson[] | null
}

export interface GumnutAlbum {
  id: string
  name: string
  description?: string | null
  asset_count: number
  album_cover_asset_id?: string | null
  start_date?: GumnutDateTime | null
  end_date?: GumnutDateTime | null
  created_at: GumnutDateTime
  updated_at: GumnutDateTime
}

export interface GumnutLibrary {
  id: string
  name: string
  description?: string | null
  created_at: GumnutDateTime
  updated_at: GumnutDateTime
}

/** Every cursor-paginated list: the next page starts after `data[data.length - 1].id`. */
export interface GumnutPage<T> {
  data: T[]
  has_more: boolean
}

/** FastAPI-style validation error (422). */
export interface GumnutValidationError {
  detail: { loc: (string | number)[]; msg: string; type: string }[]
}

// ---- query parameters -----------------------------------------------------------------------

const id = textRule(GUMNUT_ID_MAX)
const cursor = {
  starting_after_id: id,
  limit: withDefault(integerRule(GUMNUT_LIMIT.min, GUMNUT_LIMIT.max), GUMNUT_LIMIT.default),
}

/** The asset-list filters a view keeps in its URL: the seed's names, minus the cursor. */
export const gumnutAssetFilterParams = {
  library_id: id,
  album_id: id,
  person_id: id,
}

/** `GET /api/assets` (seed 004). */
export const gumnutAssetsParams = {
  ...gumnutAssetFilterParams,
  ...cursor,
}

/**
 * The two parameters of `GET /api/people` the reference server adds: `name` (case-insensitive
 * substring, as the current Gumnut API has it) and `include_hidden` (`true` lists hidden people
 * too; they are left out by default). The people view keeps them in its URL.
 */
export const gumnutPeopleSearchParams = {
  name: textRule(100),
  include_hidden: withDefault(enumRule(['false', 'true']), 'false'),
}

/** `GET /api/people`: the seed era's `library_id`, `album_id`, `asset_id` and cursor, and the two above. */
export const gumnutPeopleParams = {
  library_id: id,
  album_id: id,
  asset_id: id,
  ...gumnutPeopleSearchParams,
  ...cursor,
}

/** `GET /api/faces` */
export const gumnutFacesParams = {
  library_id: id,
  asset_id: id,
  person_id: id,
  ...cursor,
}

/** `GET /api/albums` */
export const gumnutAlbumsParams = {
  library_id: id,
  ...cursor,
}
