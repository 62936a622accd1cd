// The one interface every API dialect implements, and the uniform shapes the UI renders.

import type { Credentials } from '../shared/source-rules'
import type { FilterOption, FilterSchema } from './filter-types'
import type { ProjectsApi } from './project-types'

type DialectId = 'piktid' | 'scenario' | 'vipanya' | 'gumnut'

/** PiktID/Gumnut `token`, Vipanya `apiKey`, Scenario `apiKey`+`apiSecret` or `token`; see shared/source-rules. */
type SourceCredentials = Credentials

export interface SourceConfig {
  id: string
  name: string
  dialect: DialectId
  baseUrl: string
  credentials: SourceCredentials
  /** Bumped on every edit of a stored source; query keys include it. */
  revision?: number
}

export interface Detection {
  label: string
  confidence: number
  /** [x, y, width, height] as fractions of the image. */
  box: [number, number, number, number]
}

/** A face found in a photo. */
export interface AssetFace {
  id: string
  /** [x, y, width, height] as fractions of the image. */
  box: [number, number, number, number]
  personId: string | null
  /** `null` for an unnamed person or a face not recognised as anyone. */
  personName: string | null
}

/** Someone who appears in a photo. */
export interface AssetPerson {
  id: string
  name: string | null
  /** A crop of their face, when the API gives one. */
  faceUrl: string | null
}

/** Camera metadata, each field `null` when the file did not say. */
export interface AssetExif {
  make: string | null
  model: string | null
  lens: string | null
  fNumber: number | null
  /** Millimetres. */
  focalLength: number | null
  iso: number | null
  /** Seconds, e.g. 0.004 for 1/250 s. */
  exposureTime: number | null
  takenAt: string | null
  latitude: number | null
  longitude: number | null
  city: string | null
  state: string | null
  country: string | null
  rating: number | null
}

/** What sort of thing an asset is, for tiles and the viewer; absent means an image. */
export type AssetKind = 'image' | 'video' | 'audio' | 'pdf' | 'document' | 'link' | 'collection' | 'git' | '3d'

/** Facts beyond an image's, filled where a dialect has them. URLs are http(s) only. */
interface AssetDetails {
  /** The vendor's own type name (Scenario `type`, Vipanya `asset_type`). */
  type?: string
  description?: string
  mimeType?: string
  sizeBytes?: number
  pageCount?: number
  wordCount?: number
  durationSeconds?: number
  /** Where a link, hosted video or repository lives. */
  externalUrl?: string
  /** `externalUrl`'s host name, for a tile. */
  host?: string
  /** `owner/name` of a git repository. */
  repoName?: string
  /** Player URL of a hosted video, for a sandboxed iframe. */
  embedUrl?: string
  downloadUrl?: string
  downloadCount?: number
  updatedAt?: string
  prompt?: string
  modelId?: string
  inferenceId?: string
  /** The asset this one was made from, and the first asset of its chain. */
  parentId?: string
  rootId?: string
}

export interface Asset {
  id: string
  kind?: AssetKind
  details?: AssetDetails
  name: string
  /** Small image sized for grid cells. */
  thumbnailUrl: string | null
  /** Large image for the viewer; falls back to `originalUrl`. */
  previewUrl: string | null
  /**
   * The image's colour (`#rrggbb`) for its tile to show until the thumbnail loads, where the API
   * sends one (the bundled server's non-seed `preview_color` / `previewColor`).
   */
  preview?: string
  /** `srcset` for the tile's image where the API gives a small and a big thumbnail. */
  thumbnailSrcSet?: string
  originalUrl: string
  width: number | null
  height: number | null
  createdAt: string
  createdBy: string
  tags: string[]
  visibility: string | null
  note: string | null
  detections: Detection[]
  project: { id: string; name: string; key: string } | null
  /** Photo libraries (Gumnut) only; absent when the API did not send them. */
  faces?: AssetFace[]
  people?: AssetPerson[]
  exif?: AssetExif | null
}

/** Search params as they sit in the URL: the dialect's own names, string values (a list when repeated). */
export type RawSearch = Record<string, string | string[]>

export interface AssetPage<TPageParam> {
  items: Asset[]
  /** Index of the page's first item in the whole result, when the API lets us know it. */
  offset: number
  total: number | null
  nextPageParam: TPageParam | undefined
  prevPageParam: TPageParam | undefined
}

/** A person in a photo library, for people views. */
export interface Person {
  id: string
  name: string | null
  birthDate: string | null
  isHidden: boolean
  isFavorite: boolean
  faceUrl: string | null
  /** Photos they appear in, when the API counts them. */
  photoCount: number | null
}

/** A face as a faces listing gives it: the box in the image's own pixels (no image size). */
export interface Face {
  id: string
  assetId: string
  personId: string | null
  pixelBox: { x: number; y: number; w: number; h: number }
  /** A crop of the face, when the API gives one. */
  thumbnailUrl: string | null
}

/** One page of a cursor-paginated list; `nextCursor` is undefined at the end. */
interface CursorPage<T> {
  items: T[]
  nextCursor: string | undefined
}

/** What an API with people and faces offers besides its assets (Gumnut). */
export interface PeopleCapability {
  listPeople: (
    query: { name?: string; includeHidden?: boolean; after?: string },
    signal: AbortSignal,
  ) => Promise<CursorPage<Person>>
  getPerson: (id: string, signal: AbortSignal) => Promise<Person>
  listFaces: (
    query: { assetId?: string; personId?: string; after?: string },
    signal: AbortSignal,
  ) => Promise<CursorPage<Face>>
}

/**
 * A dialect's adapter. What a source offers beyond listing and opening assets is said once, by
 * which optional members it has (`people`, `createAsset`, `projects`): views, routes and actions
 * read those members (see app/source-views), so nothing else declares it.
 */
export interface SourceAdapter<TFilters = RawSearch, TPageParam = unknown> {
  dialect: DialectId
  filters: FilterSchema<TFilters>
  initialPageParam: TPageParam
  /** The page param whose page holds item `index`, for APIs that can jump (page numbers). */
  pageParamForIndex?: (index: number) => TPageParam
  /**
   * The one asset at `index` of the list `filters` give (a page of one), for APIs that can jump;
   * undefined past the end. The grid's scrubber labels unloaded parts of a list with these.
   */
  assetAt?: (filters: TFilters, index: number, signal: AbortSignal) => Promise<Asset | undefined>
  /** Items a page of `listAssets` holds; the grid's memory budget is counted in items. */
  pageSize: number
  listAssets: (filters: TFilters, pageParam: TPageParam, signal: AbortSignal) => Promise<AssetPage<TPageParam>>
  getAsset: (id: string, signal: AbortSignal) => Promise<Asset>
  /**
   * The cheapest list request that proves the source answers (the smallest page). Without it,
   * a check asks for the first page of `listAssets`.
   */
  probe?: (signal: AbortSignal) => Promise<AssetPage<TPageParam>>
  /**
   * Where `asset` sits in the list `filters` give (its index), so a viewer opened from a pasted
   * link can step to neighbours; null when the API cannot tell or the asset is not in the list.
   */
  locate?: (filters: TFilters, asset: Asset, signal: AbortSignal) => Promise<number | null>
  /** Present when the API has people and faces. */
  people?: PeopleCapability
  /**
   * The values a filter whose values are ids can take, named, for choosing by name (Gumnut's
   * `library_id`, `album_id`, `person_id`, Scenario's `modelId`, `authorId`, and `inferenceId`
   * within the model `scope` names); absent when no filter needs it.
   */
  filterOptions?: (key: string, signal: AbortSignal, scope?: string) => Promise<readonly FilterOption[]>
  /** Present when the API can create assets (Vipanya). */
  createAsset?: CreateAssetCapability
  /** Present when the API has generation projects and their review (PiktID's gallery). */
  projects?: ProjectsApi
}

type CreateValidation = { ok: true } | { ok: false; field: string; message: string }

export interface CreateAssetCapability {
  /** The API's own create rules, checked before sending (the server applies the same ones). */
  validate: (input: unknown) => CreateValidation
  /** Sends the body; a refusal is an ApiError whose `field` names the offending field. */
  create: (input: unknown, signal: AbortSignal) => Promise<Asset>
}
