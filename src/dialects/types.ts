// The one interface every API dialect implements, and the uniform shapes the UI renders.

import type { Credentials } from '../shared/source-rules'

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

/** One value an id filter can take, named (see `SourceAdapter.filterOptions`). */
export interface FilterOption {
  value: string
  label: string
  /** A second line telling similar names apart (an author, a photo count). */
  detail?: string
  /** A small picture of it (a person's face), when the API gives one. */
  imageUrl?: string | null
}

/** One choice of a multi-select filter. */
interface MultiSelectOption {
  value: string
  label: string
  /** A value that already includes this one (Scenario's `inference` covers every `inference-*`). */
  within?: string | undefined
}

export type FilterControl =
  | { kind: 'search'; key: string; label: string; placeholder: string }
  | { kind: 'tags'; includeKey: string; excludeKey: string; label: string; options: readonly string[] }
  | {
      kind: 'select'
      key: string
      label: string
      options: readonly { value: string; label: string }[]
      /** The choice that sets nothing; "All" unless said. */
      emptyLabel?: string
    }
  /** Any number of values, written as a repeated parameter (`?feedback=like&feedback=dislike`). */
  | { kind: 'multi'; key: string; label: string; options: readonly { value: string; label: string }[] }
  | { kind: 'text'; key: string; label: string; placeholder: string; suggestions: readonly string[] }
  /**
   * An id the user picks by its name; the names come from the adapter's `filterOptions(key)`.
   * `idProblem` says why a typed or pasted id would be refused (the parameter's own rule).
   */
  | {
      kind: 'id-by-name'
      key: string
      label: string
      allLabel: string
      idProblem: (id: string) => string | undefined
      /**
       * The choices belong to the value of another filter (a model's inferences): listed only
       * once that filter is set, and passed to `filterOptions` as its scope.
       */
      within?: { key: string; hint: string }
    }
  | {
      kind: 'date-range'
      fromKey: string
      toKey: string
      label: string
      /** Shown only while another parameter has this value (absent counts as `isDefault`). */
      when?: { key: string; value: string; isDefault: boolean }
    }
  | {
      kind: 'multi-select'
      /** Several values travel under `key`; a single one under `singleKey` when it is set. */
      key: string
      singleKey?: string
      label: string
      placeholder: string
      groups: readonly { label: string; options: readonly MultiSelectOption[] }[]
    }
  | {
      kind: 'sort'
      fieldKey: string
      orderKey: string
      label: string
      fields: readonly { value: string; label: string }[]
      defaultField: string
      defaultOrder: 'asc' | 'desc'
    }

/** What means the same in every dialect, so switching sources keeps it. */
export interface CommonFilters {
  search?: string
  /** The sort notion, when the target has the same one; `name` is a filename or title. */
  sort?: 'created' | 'updated' | 'name'
  order?: 'asc' | 'desc'
}

/** Two parameters the API refuses together as given, and why (for the filter panel). */
export interface FilterConflict {
  keys: readonly [string, string]
  reason: string
}

export interface FilterSchema<TFilters> {
  controls: readonly FilterControl[]
  /**
   * The pair of parameters of a URL search the API would refuse together, if any (Scenario: tags
   * with a private privacy). The panel disables a choice that would make one, saying why.
   */
  conflict?: (search: RawSearch) => FilterConflict | undefined
  /** The filters' dialect-neutral part (absent: nothing carries over to another source). */
  common?: (filters: TFilters) => CommonFilters
  /** Filters holding what the dialect can express of a neutral part; the rest is dropped. */
  fromCommon?: (common: CommonFilters) => TFilters
  /**
   * Filters after one control changed, given those before: where one parameter constrains another
   * (Scenario's dates follow its sort field) this keeps the request one the API accepts.
   */
  transition?: (before: TFilters, after: TFilters) => TFilters
  /** Filters listing the assets made from one asset, when the API can ask for them (Scenario). */
  childrenOf?: (assetId: string) => TFilters
  /** Parses URL search into filters, dropping bad values and defaults (never throws). */
  parse: (raw: Readonly<Record<string, unknown>>) => TFilters
  /** The filters written back as URL search params, defaults omitted. */
  toSearch: (filters: TFilters) => RawSearch
}

/**
 * What a source's API offers beyond listing and opening assets, as each adapter declares it.
 * The app does not read these flags: views and actions follow the adapter's own members
 * (`projects`, `people`, `createAsset`; see app/source-views).
 */
interface SourceCapabilities {
  /** Generation projects with their images (PiktID gallery). */
  projects: boolean
  /** Like/dislike and comments on project images. */
  feedback: boolean
  /** People found in photos (Gumnut). */
  people: boolean
  /** Face boxes on photos (Gumnut). */
  faces: boolean
  /** Creating assets (Vipanya). */
  create: boolean
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

export interface SourceAdapter<TFilters = RawSearch, TPageParam = unknown> {
  dialect: DialectId
  capabilities: SourceCapabilities
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

/** A generation project, as a group header shows it. */
export interface ProjectInfo {
  id: string
  name: string
  key: string
  createdAt: string
  createdBy: string
  /** Counts over the whole project, whatever the filters and the image cap. */
  totalImages: number
  completedImages: number
  failedImages: number
}

export type ImageStatus = 'pending' | 'processing' | 'completed' | 'failed'
export type Verdict = 'like' | 'dislike'

/** One generated image of a project, keyed `job_id:image_index:group_index`. */
export interface ProjectImage {
  key: string
  jobId: string
  imageIndex: number
  groupIndex: number
  version: number
  name: string
  downloadName: string | null
  status: ImageStatus
  outputUrl: string | null
  outputThumbnailUrl: string | null
  /** The output thumbnail's colour (`#rrggbb`) for its tile until it loads, where the API sends one. */
  preview?: string
  inputs: { url: string | null; thumbnailUrl: string | null }[]
  inputDescription: Record<string, string>
  /** 0–1, null until completed. */
  quality: number | null
  /** Seconds, null while pending. */
  processingTime: number | null
  error: string | null
  verdict: Verdict | null
  comment: string | null
  reviewStatus: string | null
  reviewAnnotations: unknown
  createdAt: string
  project: ProjectInfo
}

/** A verdict on one image; `comment` absent keeps the stored one, null clears it. */
export interface VerdictChange {
  jobId: string
  imageIndex: number
  groupIndex: number
  verdict: Verdict | null
  comment?: string | null
}

/** Capability: generation projects and their review (PiktID's gallery, seed 002). */
export interface ProjectsApi<TFilters = Record<string, unknown>> {
  filters: FilterSchema<TFilters>
  /** The same filters for one project's own page (no project search, ownership or cap). */
  projectFilters: FilterSchema<TFilters>
  /** Projects a page holds. */
  projectsPerPage: number
  /** Most images the API returns for one project. */
  maxImagesPerProject: number
  /** One page of projects, flattened to their images in order; pages count projects. */
  listProjectImages: (filters: TFilters, page: number, signal: AbortSignal) => Promise<ProjectImagesPage>
  /** One project with its images (up to `maxImagesPerProject`); null when it is not visible. */
  getProject: (
    projectId: string,
    filters: TFilters,
    signal: AbortSignal,
  ) => Promise<{ project: ProjectInfo; images: ProjectImage[] } | null>
  /** Records a verdict; answers the updated image. */
  sendVerdict: (change: VerdictChange, signal?: AbortSignal) => Promise<VerdictResult>
}

/** An image's review fields as the server stored them. */
export interface VerdictResult {
  key: string
  verdict: Verdict | null
  comment: string | null
  reviewStatus: string | null
}

export interface ProjectImagesPage {
  items: ProjectImage[]
  /** Projects on the page in order, including any whose images the filters left empty. */
  projects: ProjectInfo[]
  totalProjects: number
  nextPage: number | undefined
  prevPage: number | undefined
}
