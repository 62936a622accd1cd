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
  /** Seed 002 shows these three as null; the bundled server gives them the shapes below. */
  review_status: PiktidReviewStatus | null
  review_annotations: PiktidAnnotation[] | null
  retouch_claim: PiktidRetouchClaim | null
  /** Not in the seed (the bundled server's): the output thumbnail's colour, `#rrggbb`. */
  preview_color?: string
  /** Not in the seed (the bundled server's): the output's pixel size, on completed images. */
  output_dimensions?: { width: number; height: number }
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
  /**
   * Not in the seed (the bundled server's): how many of the project's images match the filters.
   * Its presence says the server also takes `images_offset` to read past the image cap.
   */
  matching_images?: number
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

/** An image's QA state: approved, or sent to retouch; null while not reviewed. */
export const PIKTID_REVIEW_STATUSES = ['approved', 'needs_retouch'] as const
export type PiktidReviewStatus = (typeof PIKTID_REVIEW_STATUSES)[number]

/** Values of the (non-seed) `review_status` filter: a status, or `none` for images without one. */
export const PIKTID_REVIEW_STATUS_FILTERS = [...PIKTID_REVIEW_STATUSES, 'none'] as const

/** What an annotation is about. */
export const PIKTID_ANNOTATION_TAGS = ['face', 'hands', 'garment', 'fit', 'background', 'artifact', 'other'] as const
export type PiktidAnnotationTag = (typeof PIKTID_ANNOTATION_TAGS)[number]

export const PIKTID_ANNOTATIONS_MAX = 50
export const PIKTID_ANNOTATION_NOTE_MAX = 500

/**
 * A box (or, with `w` and `h` 0, a pin) on the output, in 0–1 image coordinates from the top
 * left, so it fits the image at any size.
 */
export interface PiktidAnnotation {
  x: number
  y: number
  w: number
  h: number
  note: string
  tag: PiktidAnnotationTag
}

/** Who took an image for retouch, and when (ISO 8601). */
export interface PiktidRetouchClaim {
  claimed_by: string
  claimed_at: string
}

const unitInterval = z
  .number({ error: 'must be a number from 0 to 1' })
  .check(z.gte(0, 'must be at least 0'), z.lte(1, 'must be at most 1'))

const piktidAnnotationSchema = z
  .strictObject({
    x: unitInterval,
    y: unitInterval,
    w: unitInterval,
    h: unitInterval,
    note: z
      .string({ error: 'must be a string' })
      .check(
        z.maxLength(PIKTID_ANNOTATION_NOTE_MAX, `must be at most ${PIKTID_ANNOTATION_NOTE_MAX} characters`),
        z.refine(isStorableText, 'must not contain NUL or unpaired surrogates'),
      ),
    tag: z.enum(PIKTID_ANNOTATION_TAGS, { error: `must be one of ${PIKTID_ANNOTATION_TAGS.join(', ')}` }),
  })
  .check(
    z.refine(
      (a) => a.x + a.w <= 1 + 1e-9 && a.y + a.h <= 1 + 1e-9,
      'must lie inside the image (x + w and y + h at most 1)',
    ),
  )

const imageKeyFields = {
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
}

/**
 * Body of `POST /gallery/feedback`. Every review field is optional and an absent one keeps the
 * stored value; null clears it (an empty `review_annotations` clears the annotations). At least
 * one of them must be given.
 */
export const piktidFeedbackRequestSchema = z
  .strictObject({
    ...imageKeyFields,
    feedback: z.optional(z.nullable(z.enum(PIKTID_VERDICTS, { error: 'must be "like", "dislike" or null' }))),
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
    review_status: z.optional(
      z.nullable(z.enum(PIKTID_REVIEW_STATUSES, { error: 'must be "approved", "needs_retouch" or null' })),
    ),
    review_annotations: z.optional(
      z.nullable(
        z
          .array(piktidAnnotationSchema, { error: 'must be an array of annotations or null' })
          .check(z.maxLength(PIKTID_ANNOTATIONS_MAX, `must hold at most ${PIKTID_ANNOTATIONS_MAX} annotations`)),
      ),
    ),
  })
  .check(
    z.refine(
      (body) =>
        body.feedback !== undefined ||
        body.feedback_comment !== undefined ||
        body.review_status !== undefined ||
        body.review_annotations !== undefined,
      'must give at least one of feedback, feedback_comment, review_status, review_annotations',
    ),
  )

export type PiktidFeedbackRequest = z.infer<typeof piktidFeedbackRequestSchema>

/** Body of `POST /gallery/claim` (not in the seed): take an image for retouch, or let it go. */
export const piktidClaimRequestSchema = z.strictObject({
  ...imageKeyFields,
  claim: z.boolean({ error: 'must be true or false' }),
})

export type PiktidClaimRequest = z.infer<typeof piktidClaimRequestSchema>
