// PiktID v2 wire contract (seed 000): names, enums, limits and shapes shared by the
// reference server and the client adapter. Field names are the vendor's, on purpose.

export const PIKTID_TAGS = ['model', 'product', 'background', 'other'] as const

export const PIKTID_SORT_FIELDS = ['created_at', 'filename'] as const
export type PiktidSortField = (typeof PIKTID_SORT_FIELDS)[number]

export const PIKTID_OWNERSHIPS = ['mine', 'shared', 'default'] as const
export type PiktidOwnership = (typeof PIKTID_OWNERSHIPS)[number]

type PiktidVisibility = 'private' | 'shared' | 'public'

export const PIKTID_PER_PAGE = { default: 20, min: 1, max: 100 } as const

interface PiktidDimensions {
  width: number
  height: number
}

export interface PiktidDetection {
  label: string
  confidence: number
  /** [x, y, width, height] as fractions of the image size. */
  box: [number, number, number, number]
}

interface PiktidProjectRef {
  project_id: number
  project_name: string
  project_key: string
}

export interface PiktidAsset {
  id: string
  filename: string
  url: string
  created_at: string
  created_by: string
  tags: string[]
  visibility: PiktidVisibility
  thumbnail_big: string | null
  thumbnail_small: string | null
  styling_note: string | null
  detected: PiktidDetection[] | null
  dimensions: PiktidDimensions | null
  /** Not in seed 000's example body; the bundled server adds it so a viewer can name the project. */
  project?: PiktidProjectRef | null
  /** Not in seed 000; the bundled server adds it: the image's colour (`#rrggbb`) for a tile to show until the thumbnail loads. */
  preview_color?: string
}

export interface PiktidPagination {
  page: number
  per_page: number
  total: number
  pages: number
  has_next: boolean
  has_prev: boolean
}

export interface PiktidAssetsPage {
  pagination: PiktidPagination
  assets: PiktidAsset[]
}

export interface PiktidErrorDetail {
  field: string | null
  message: string
  position: string
}

export interface PiktidErrorBody {
  error: string
  detail: PiktidErrorDetail[]
}
