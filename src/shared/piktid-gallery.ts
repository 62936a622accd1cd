import { z } from 'zod/mini'
import type { PiktidPagination } from './piktid'
import { isStorableText } from './query-rules'

// PiktID gallery wire contract (seed 002), plus the bundled server's feedback endpoint, which
// the vendor does not document (DESIGN.md defines it). Field names are the vendor's.

export const PIKTID_IMAGE_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const
export type PiktidImageStatus = (typeof PIKTID_IMAGE_STATUSES)[number]

const PIKTID_VERDICTS = ['like', 'dislike'] as const
export type PiktidVerdict = (typeof PIKTID_VERDICTS)[number]

/** Values of the gallery's `feedback` filter: a verdict, or `none` for images without one. */
export const PIKTID_FEEDBACK_FILTERS = ['like', 'dislike', 'none'] as const

export const PIKTID_GALLERY_SORT_FIELDS = ['original_filename', 'quality_score'] as const
export type PiktidGallerySortField = (typeof PIKTID_GALLERY_SORT_FIELDS)[number]

export const PIKTID_GALLERY_OWNERSHIPS = ['mine', 'shared'] as const

export const PIKTID_MAX_IMAGES_PER_PROJECT = { default: 50, min: 1, max: 200 } as const

interface PiktidImageFile {
  full_size: string | null
  thumbnail: string | null
}

export interface PiktidGalleryImage {
  job_id: string
  image_index: number
  group_index: number
  version: number
  original_filename: string
  download_filename: string | null
  inputs: PiktidImageFile[]
  output: PiktidImageFile
  input_description: Record<string, string>
  status: PiktidImageStatus
  /** 0–1; null until the image is completed. */
  quality_score: number | null
  /** Seconds; null while pending. */
  processing_time: number | null
  /** Set on failed images only. */
  error_message: string | null
  feedback: PiktidVerdict | null
  feedback_comment: string | null
  created_at: string
  review_status: string | null
  review_annotations: unknown
  retouch_claim: unknown
  /** Not in the seed (the bundled server's): the output thumbnail's colour, `#rrggbb`. */
  preview_color?: string
}

export interface PiktidGalleryProject {
  project_id: number
  project_name: string
  project_key: string
  created_at: string
  created_by: string
  /** Counts over the whole project, whatever the filters and the image cap. */
  total_images: number
  completed_images: number
  failed_images: number
  /** The images matching the filters, sorted, at most `max_images_per_project`. */
  images: PiktidGalleryImage[]
}

export interface PiktidGalleryPage {
  pagination: PiktidPagination
  projects: PiktidGalleryProject[]
}

/** One entry of `GET /project`. */
export interface PiktidProjectSummary {
  id: number
  name: string
  key: string
}

const PIKTID_FEEDBACK_COMMENT_MAX = 2000

/** Body of `POST /gallery/feedback`. `feedback_comment` absent keeps the comment; null clears it. */
export const piktidFeedbackRequestSchema = z.strictObject({
  job_id: z
    .string({ error: 'must be a string' })
    .check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(100, 'is too long'),
      z.refine(isStorableText, 'must not contain NUL or unpaired surrogates'),
    ),
  image_index: z
    .number({ error: 'must be an integer' })
    .check(z.int('must be an integer'), z.gte(0, 'must be at least 0')),
  group_index: z
    .number({ error: 'must be an integer' })
    .check(z.int('must be an integer'), z.gte(0, 'must be at least 0')),
  feedback: z.nullable(z.enum(PIKTID_VERDICTS, { error: 'must be "like", "dislike" or null' })),
  feedback_comment: z.optional(
    z.nullable(
      z
        .string({ error: 'must be a string or null' })
        .check(
          z.maxLength(PIKTID_FEEDBACK_COMMENT_MAX, `must be at most ${PIKTID_FEEDBACK_COMMENT_MAX} characters`),
          z.refine(isStorableText, 'must not contain NUL or unpaired surrogates'),
        ),
    ),
  ),
})

export type PiktidFeedbackRequest = z.infer<typeof piktidFeedbackRequestSchema>
