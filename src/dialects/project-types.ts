// Generation projects and their review (PiktID's gallery, seed 002), as the UI renders them.

import type { FilterSchema } from './filter-types'

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
