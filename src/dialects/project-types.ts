// Generation projects and their review (PiktID's gallery, seed 002), as the UI renders them.

import type { PiktidAnnotationTag } from '../shared/piktid-gallery'
import type { FilterSchema } from './filter-types'

export { PIKTID_ANNOTATION_TAGS as ANNOTATION_TAGS } from '../shared/piktid-gallery'
export {
  PIKTID_ANNOTATIONS_MAX as ANNOTATIONS_MAX,
  PIKTID_ANNOTATION_NOTE_MAX as ANNOTATION_NOTE_MAX,
} from '../shared/piktid-gallery'

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
/** An image's QA state; null while not reviewed. */
export type ReviewStatus = 'approved' | 'needs_retouch'
export type AnnotationTag = PiktidAnnotationTag

/** A box on the output (a pin when `w` and `h` are 0), in 0–1 image coordinates from the top left. */
export interface Annotation {
  x: number
  y: number
  w: number
  h: number
  note: string
  tag: AnnotationTag
}

/** Who holds an image for retouch, since when (ISO 8601). */
export interface RetouchClaim {
  by: string
  at: string
}

/** The review fields of an image: what reviewers write. */
export interface ReviewFields {
  verdict: Verdict | null
  comment: string | null
  reviewStatus: ReviewStatus | null
  annotations: readonly Annotation[]
}

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
  /** The output's width over height, where the API sends its size (the bundled server's, not in seed 002). */
  aspect?: number
  inputs: { url: string | null; thumbnailUrl: string | null }[]
  inputDescription: Record<string, string>
  /** 0–1, null until completed. */
  quality: number | null
  /** Seconds, null while pending. */
  processingTime: number | null
  error: string | null
  verdict: Verdict | null
  comment: string | null
  reviewStatus: ReviewStatus | null
  /** Empty when there are none. */
  annotations: readonly Annotation[]
  claim: RetouchClaim | null
  createdAt: string
  project: ProjectInfo
}

/** The image a write is about. */
export interface ImageRef {
  jobId: string
  imageIndex: number
  groupIndex: number
}

/** A review write on one image: each field absent keeps the stored value, null clears it. */
export interface VerdictChange extends ImageRef, Partial<ReviewFields> {}

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
  /**
   * One project with a run of its images matching the filters: from `range.offset` (0 unless
   * given), at most `range.limit` (the filters' cap, else `maxImagesPerProject`). Null when the
   * project is not visible or no image matches.
   */
  getProject: (
    projectId: string,
    filters: TFilters,
    signal: AbortSignal,
    range?: { offset?: number; limit?: number },
  ) => Promise<ProjectRun | null>
  /** Records a verdict; answers the updated image. */
  sendVerdict: (change: VerdictChange, signal?: AbortSignal) => Promise<VerdictResult>
  /**
   * Takes the image for retouch (`claim` true) or lets it go; answers the updated image. Refused
   * (409) while someone else holds it.
   */
  claim: (ref: ImageRef, claim: boolean, signal?: AbortSignal) => Promise<VerdictResult>
}

/** A run of one project's images, as `ProjectsApi.getProject` answers it. */
interface ProjectRun {
  project: ProjectInfo
  images: ProjectImage[]
  /**
   * Images of the project matching the filters, where the API tells: then it also reads past
   * `maxImagesPerProject` by offset. Null where it does not (PiktID's own API): only the first
   * `maxImagesPerProject` can be read, whatever the offset asked.
   */
  matching: number | null
}

/** An image's review fields as the server stored them. */
export interface VerdictResult extends ReviewFields {
  key: string
  claim: RetouchClaim | null
}

export interface ProjectImagesPage {
  items: ProjectImage[]
  /** Projects on the page in order, including any whose images the filters left empty. */
  projects: ProjectInfo[]
  totalProjects: number
  nextPage: number | undefined
  prevPage: number | undefined
}
