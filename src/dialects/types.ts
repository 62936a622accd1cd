// The one interface every API dialect implements, and the uniform shapes the UI renders.

import type { Credentials } from '../shared/source-rules'

export type DialectId = 'piktid' | 'scenario' | 'vipanya' | 'gumnut'

/** PiktID/Gumnut `token`, Vipanya `apiKey`, Scenario `apiKey`+`apiSecret` or `token`; see shared/source-rules. */
export type SourceCredentials = Credentials

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

export interface Asset {
  id: string
  name: string
  /** Small image sized for grid cells. */
  thumbnailUrl: string | null
  /** Large image for the viewer; falls back to `originalUrl`. */
  previewUrl: string | null
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
  | { kind: 'date-range'; fromKey: string; toKey: string; label: string }
  | {
      kind: 'sort'
      fieldKey: string
      orderKey: string
      label: string
      fields: readonly { value: string; label: string }[]
      defaultField: string
      defaultOrder: 'asc' | 'desc'
    }

export interface FilterSchema<TFilters> {
  controls: readonly FilterControl[]
  /** Parses URL search into filters, dropping bad values and defaults (never throws). */
  parse: (raw: Readonly<Record<string, unknown>>) => TFilters
  /** The filters written back as URL search params, defaults omitted. */
  toSearch: (filters: TFilters) => RawSearch
}

export interface SourceAdapter<TFilters = RawSearch, TPageParam = unknown> {
  dialect: DialectId
  filters: FilterSchema<TFilters>
  initialPageParam: TPageParam
  /** The page param whose page holds item `index`, for APIs that can jump (page numbers). */
  pageParamForIndex?: (index: number) => TPageParam
  /** Items a page of `listAssets` holds; the grid's memory budget is counted in items. */
  pageSize: number
  listAssets: (filters: TFilters, pageParam: TPageParam, signal: AbortSignal) => Promise<AssetPage<TPageParam>>
  getAsset: (id: string, signal: AbortSignal) => Promise<Asset>
  /**
   * Where `asset` sits in the list `filters` give (its index), so a viewer opened from a pasted
   * link can step to neighbours; null when the API cannot tell or the asset is not in the list.
   */
  locate?: (filters: TFilters, asset: Asset, signal: AbortSignal) => Promise<number | null>
  /** Capabilities beyond assets; the nav and routes show only what is here. */
  capabilities?: { projects?: ProjectsApi }
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
