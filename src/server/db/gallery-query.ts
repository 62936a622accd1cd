import type {
  PiktidGalleryImage,
  PiktidGallerySortField,
  PiktidImageStatus,
  PiktidRetouchClaim,
  PiktidReviewStatus,
  PiktidVerdict,
} from '../../shared/piktid-gallery'
import type { SortOrder } from '../../shared/sort-order'
import type { Catalog } from './catalog-db'
import { perCatalog } from './per-catalog'

// Reading and writing the PiktID generation gallery. Projects are few (hundreds), so they are
// held in memory and filtered there; counts come from a covering index (gallery_images_by_review)
// and images are read per project in order from an index of their sort.

export interface GalleryProjectRow {
  id: number
  name: string
  key: string
  created_at: string
  created_by: string
  owner_id: number
  visibility: number
}

/** The image columns stored as the wire has them (seed 002), so they are its fields' types. */
type WireColumns = Pick<
  PiktidGalleryImage,
  | 'job_id'
  | 'image_index'
  | 'group_index'
  | 'version'
  | 'original_filename'
  | 'status'
  | 'quality_score'
  | 'processing_time'
  | 'error_message'
  | 'feedback'
  | 'feedback_comment'
  | 'created_at'
  | 'review_status'
>

export interface GalleryImageRow extends WireColumns {
  id: number
  project_id: number
  job_type: string
  input_count: number
  /** JSON text, as are the two below. */
  input_description: string
  feedback_at: string | null
  review_annotations: string | null
  retouch_claim: string | null
  /** The output's pixel size (not in seed 002; see GALLERY_OUTPUT_SIZE_DDL). */
  output_width: number
  output_height: number
}

interface ProjectCounts {
  total: number
  completed: number
  failed: number
}

/** Which images of a project to return; absent = any. */
interface ImageFilter {
  status?: PiktidImageStatus | undefined
  /** Verdicts to include; `none` = images without one. */
  feedback?: readonly ('like' | 'dislike' | 'none')[] | undefined
  /** Review statuses to include; `none` = images not reviewed. */
  reviewStatus?: readonly (PiktidReviewStatus | 'none')[] | undefined
}

/** A review write; each field `undefined` keeps the stored value. */
interface FeedbackChange {
  feedback: PiktidVerdict | null | undefined
  comment: string | null | undefined
  reviewStatus: PiktidReviewStatus | null | undefined
  /** JSON text of the annotations, or null for none. */
  annotations: string | null | undefined
  at: string
}

type ReviewColumns = Pick<GalleryImageRow, 'feedback' | 'feedback_comment' | 'review_status' | 'review_annotations'>

/** A retouch claim request: `take` it for `by`, or let it go. */
interface ClaimChange {
  by: string
  take: boolean
  at: string
}

/**
 * What became of a claim request. `held`: someone else holds the image, nothing written.
 * `not-for-retouch`: only an image whose review status is needs_retouch can be taken.
 */
type ClaimOutcome =
  | { kind: 'stored' | 'unchanged' }
  | { kind: 'held'; holder: PiktidRetouchClaim }
  | { kind: 'not-for-retouch'; reviewStatus: PiktidReviewStatus | null }

/** The stored claim (JSON text) in the wire's shape; anything unreadable reads as no claim. */
export function storedClaim(text: string | null): PiktidRetouchClaim | null {
  if (text === null) return null
  let parsed: Partial<PiktidRetouchClaim> | null
  try {
    parsed = JSON.parse(text) as Partial<PiktidRetouchClaim> | null
  } catch {
    return null
  }
  return typeof parsed?.claimed_by === 'string' && typeof parsed.claimed_at === 'string'
    ? { claimed_by: parsed.claimed_by, claimed_at: parsed.claimed_at }
    : null
}

export interface GalleryQueries {
  /** Every project, newest first (created_at, then id), whether or not it has images. */
  projects(): readonly GalleryProjectRow[]
  /** Image counts of every project that has images. */
  counts(): ReadonlyMap<number, ProjectCounts>
  /** How many images of each project match `filter` (projects without a match are absent). */
  matching(filter: ImageFilter): ReadonlyMap<number, number>
  images(
    projectId: number,
    filter: ImageFilter,
    sort: PiktidGallerySortField,
    order: SortOrder,
    limit: number,
    offset?: number,
  ): GalleryImageRow[]
  imageByKey(jobId: string, imageIndex: number, groupIndex: number): GalleryImageRow | undefined
  /** Stores a review write in one durable transaction; false when it was already so (nothing written). */
  setFeedback(imageId: number, change: FeedbackChange): boolean
  /**
   * Takes or releases an image for retouch in one durable transaction, checked against the
   * claim as stored inside it, so two callers can never both hold one image.
   */
  setClaim(imageId: number, change: ClaimChange): ClaimOutcome
}

const IMAGE_COLUMNS = `id, project_id, job_id, job_type, image_index, group_index, version, original_filename,
  input_count, input_description, status, quality_score, processing_time, error_message, feedback,
  feedback_comment, feedback_at, review_status, review_annotations, retouch_claim, created_at, output_width,
  output_height`

const FILTER_SQL = `(@status IS NULL OR status = @status)
  AND (@any_feedback = 1 OR feedback IN (SELECT value FROM json_each(@verdicts)) OR (@none = 1 AND feedback IS NULL))
  AND (@any_review = 1 OR review_status IN (SELECT value FROM json_each(@reviews))
    OR (@unreviewed = 1 AND review_status IS NULL))`

function filterBindings(filter: ImageFilter): Record<string, string | number | null> {
  const verdicts = filter.feedback ?? []
  const reviews = filter.reviewStatus ?? []
  return {
    status: filter.status ?? null,
    any_feedback: verdicts.length === 0 ? 1 : 0,
    verdicts: JSON.stringify(verdicts.filter((v) => v !== 'none')),
    none: verdicts.includes('none') ? 1 : 0,
    any_review: reviews.length === 0 ? 1 : 0,
    reviews: JSON.stringify(reviews.filter((v) => v !== 'none')),
    unreviewed: reviews.includes('none') ? 1 : 0,
  }
}

/** The gallery queries of a catalog (one set per catalog, whichever route asks). */
export const galleryQueriesFor = perCatalog(createGalleryQueries)

function createGalleryQueries(catalog: Catalog): GalleryQueries {
  const db = catalog.sqlite
  const sql = (text: string) => catalog.statement(text)
  let projects: GalleryProjectRow[] | undefined
  let counts: Map<number, ProjectCounts> | undefined
  let loadedAt = catalog.generation()
  /**
   * Bumped by every review write on this connection: the only gallery data that changes while
   * serving. Writes on other connections (request workers) show in SQLite's data_version.
   */
  let feedbackGeneration = 0
  const dataVersion = sql('PRAGMA data_version')
  const matches = new Map<string, Map<number, number>>()

  const fresh = () => {
    if (loadedAt !== catalog.generation()) {
      projects = undefined
      counts = undefined
      matches.clear()
      loadedAt = catalog.generation()
    }
  }

  const updateFeedback = sql(
    `UPDATE gallery_images
        SET feedback = @feedback, feedback_comment = @comment, review_status = @status,
            review_annotations = @annotations, feedback_at = @at
      WHERE id = @id AND (feedback IS NOT @feedback OR feedback_comment IS NOT @comment
        OR review_status IS NOT @status OR review_annotations IS NOT @annotations)`,
  )
  const selectReview = sql(
    `SELECT feedback, feedback_comment, review_status, review_annotations FROM gallery_images WHERE id = ?`,
  )
  const storeFeedback = db.transaction((id: number, change: FeedbackChange): boolean => {
    const current = selectReview.get(id) as ReviewColumns | undefined
    if (!current) return false
    const kept = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given)
    return (
      updateFeedback.run({
        id,
        feedback: kept(change.feedback, current.feedback),
        comment: kept(change.comment, current.feedback_comment),
        status: kept(change.reviewStatus, current.review_status),
        annotations: kept(change.annotations, current.review_annotations),
        at: change.at,
      }).changes > 0
    )
  })

  const selectClaim = sql(`SELECT review_status, retouch_claim FROM gallery_images WHERE id = ?`)
  const updateClaim = sql(`UPDATE gallery_images SET retouch_claim = ? WHERE id = ?`)
  const storeClaim = db.transaction((id: number, change: ClaimChange): ClaimOutcome => {
    const current = selectClaim.get(id) as Pick<GalleryImageRow, 'review_status' | 'retouch_claim'> | undefined
    if (!current) return { kind: 'unchanged' }
    const holder = storedClaim(current.retouch_claim)
    if (holder && holder.claimed_by !== change.by) return { kind: 'held', holder }
    if (!change.take) {
      if (!holder) return { kind: 'unchanged' }
      updateClaim.run(null, id)
      return { kind: 'stored' }
    }
    // Taking it again keeps the first claim and its time.
    if (holder) return { kind: 'unchanged' }
    if (current.review_status !== 'needs_retouch') {
      return { kind: 'not-for-retouch', reviewStatus: current.review_status }
    }
    const claim: PiktidRetouchClaim = { claimed_by: change.by, claimed_at: change.at }
    updateClaim.run(JSON.stringify(claim), id)
    return { kind: 'stored' }
  })

  return {
    projects() {
      fresh()
      projects ??= sql(
        `SELECT p.id, p.name, p.key, p.created_at, u.username AS created_by, p.created_by AS owner_id, p.visibility
           FROM projects p JOIN users u ON u.id = p.created_by
          ORDER BY p.created_at DESC, p.id DESC`,
      ).all() as GalleryProjectRow[]
      return projects
    },

    counts() {
      fresh()
      if (!counts) {
        const rows = sql(
          `SELECT project_id AS id, count(*) AS total, sum(status = 'completed') AS completed,
                  sum(status = 'failed') AS failed
             FROM gallery_images INDEXED BY gallery_images_by_review GROUP BY project_id`,
        ).all() as ({ id: number } & ProjectCounts)[]
        counts = new Map(rows.map((r) => [r.id, { total: r.total, completed: r.completed, failed: r.failed }]))
      }
      return counts
    },

    matching(filter) {
      fresh()
      const others = (dataVersion.get() as { data_version: number }).data_version
      const key = JSON.stringify([feedbackGeneration, others, filter.status, filter.feedback, filter.reviewStatus])
      let found = matches.get(key)
      if (!found) {
        const rows = sql(
          `SELECT project_id AS id, count(*) AS n FROM gallery_images INDEXED BY gallery_images_by_review
            WHERE ${FILTER_SQL} GROUP BY project_id`,
        ).all(filterBindings(filter)) as { id: number; n: number }[]
        found = new Map(rows.map((r) => [r.id, r.n]))
        if (matches.size > 200) matches.clear()
        matches.set(key, found)
      }
      return found
    },

    images(projectId, filter, sort, order, limit, offset = 0) {
      const dir = order === 'asc' ? 'ASC' : 'DESC'
      // Images without a score (not completed) come last in either direction.
      const orderBy =
        sort === 'quality_score'
          ? `quality_score IS NULL, quality_score ${dir}, job_id ${dir}, image_index ${dir}, group_index ${dir}`
          : `original_filename ${dir}, job_id ${dir}, image_index ${dir}, group_index ${dir}`
      const index = sort === 'quality_score' ? 'gallery_images_by_quality' : 'gallery_images_by_filename'
      return sql(
        `SELECT ${IMAGE_COLUMNS} FROM gallery_images INDEXED BY ${index}
          WHERE project_id = @project AND ${FILTER_SQL} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`,
      ).all({ ...filterBindings(filter), project: projectId, limit, offset }) as GalleryImageRow[]
    },

    imageByKey(jobId, imageIndex, groupIndex) {
      return sql(
        `SELECT ${IMAGE_COLUMNS} FROM gallery_images WHERE job_id = ? AND image_index = ? AND group_index = ?`,
      ).get(jobId, imageIndex, groupIndex) as GalleryImageRow | undefined
    },

    setFeedback(imageId, change) {
      const changed = storeFeedback.immediate(imageId, change)
      if (changed) {
        feedbackGeneration += 1
        matches.clear()
      }
      return changed
    },

    setClaim(imageId, change) {
      return storeClaim.immediate(imageId, change)
    },
  }
}
