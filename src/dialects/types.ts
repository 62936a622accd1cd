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

/** Search params as they sit in the URL: the dialect's own names, string values. */
export type RawSearch = Record<string, string>

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
  | { kind: 'select'; key: string; label: string; options: readonly { value: string; label: string }[] }
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

/**
 * What a source's API offers beyond listing and opening assets. The app shows a view or an
 * action only when the current source has it (see app/source-views).
 */
export interface SourceCapabilities {
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

export interface SourceAdapter<TFilters = RawSearch, TPageParam = unknown> {
  dialect: DialectId
  capabilities: SourceCapabilities
  filters: FilterSchema<TFilters>
  initialPageParam: TPageParam
  /** The page param whose page holds item `index`, for APIs that can jump (page numbers). */
  pageParamForIndex?: (index: number) => TPageParam
  /** How many pages an infinite query keeps in memory at once. */
  maxPages: number
  listAssets: (filters: TFilters, pageParam: TPageParam, signal: AbortSignal) => Promise<AssetPage<TPageParam>>
  getAsset: (id: string, signal: AbortSignal) => Promise<Asset>
  /**
   * The cheapest list request that proves the source answers (the smallest page). Without it,
   * a check asks for the first page of `listAssets`.
   */
  probe?: (signal: AbortSignal) => Promise<AssetPage<TPageParam>>
}
