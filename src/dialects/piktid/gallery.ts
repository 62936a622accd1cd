import type {
  PiktidGalleryImage,
  PiktidGalleryPage,
  PiktidGalleryProject,
  PiktidClaimRequest,
  PiktidFeedbackRequest,
} from '../../shared/piktid-gallery'
import { PIKTID_MAX_IMAGES_PER_PROJECT, PIKTID_REVIEW_STATUSES as REVIEW_STATUSES } from '../../shared/piktid-gallery'
import { ApiError, apiUrl, requestJson } from '../http'
import { pageQuery } from '../page-numbers'
import { safeHttpUrl } from '../safe-url'
import { pixelAspect, previewColor } from '../thumb-hints'
import { isObject } from '../wire'
import type { SourceConfig } from '../types'
import { ANNOTATION_TAGS } from '../project-types'
import type {
  Annotation,
  ImageRef,
  ProjectImage,
  ProjectImagesPage,
  ProjectInfo,
  ProjectsApi,
  VerdictChange,
  VerdictResult,
} from '../project-types'
import { piktidGalleryFilterSchema, piktidProjectFilterSchema, type PiktidGalleryFilters } from './gallery-filters'

// The PiktID gallery (seed 002) and the bundled server's feedback endpoint, kept inside the
// PiktID adapter: the rest of the app sees projects, images and verdicts.

/** Projects a gallery page asks for: each may bring up to `max_images_per_project` images. */
const PIKTID_PROJECTS_PER_PAGE = 10

/** The key an image is known by in the app: `job_id:image_index:group_index`. */
function imageKeyOf(image: { job_id: string; image_index: number; group_index: number }): string {
  return `${image.job_id}:${image.image_index}:${image.group_index}`
}

/** `GET {base}/gallery/by-project` for one page of projects, the filters under seed 002's names. */
export function buildGalleryUrl(
  source: SourceConfig,
  filters: PiktidGalleryFilters & { project_id?: number; images_offset?: number },
  page: number,
  perPage: number,
): URL {
  const search = piktidGalleryFilterSchema.toSearch(filters)
  // A project's own page asks for exactly that project, with the API's largest cap, from an
  // offset past the cap where the server reads one (the bundled server's, not in the seed).
  if (filters.project_id !== undefined) {
    search.project_id = String(filters.project_id)
    search.max_images_per_project = String(filters.max_images_per_project ?? PIKTID_MAX_IMAGES_PER_PROJECT.max)
    if (filters.images_offset) search.images_offset = String(filters.images_offset)
  }
  return apiUrl(source, '/gallery/by-project', pageQuery(search, page, perPage))
}

function mapGalleryProject(wire: PiktidGalleryProject): ProjectInfo {
  return {
    id: String(wire.project_id),
    name: wire.project_name,
    key: wire.project_key,
    createdAt: wire.created_at,
    createdBy: wire.created_by,
    totalImages: wire.total_images,
    completedImages: wire.completed_images,
    failedImages: wire.failed_images,
  }
}

function mapGalleryImage(wire: PiktidGalleryImage, project: ProjectInfo, base: string): ProjectImage {
  const link = (value: unknown) => safeHttpUrl(value, base) ?? null
  return {
    key: imageKeyOf(wire),
    jobId: wire.job_id,
    imageIndex: wire.image_index,
    groupIndex: wire.group_index,
    version: wire.version,
    name: wire.original_filename,
    downloadName: wire.download_filename,
    status: wire.status,
    outputUrl: link(wire.output?.full_size),
    outputThumbnailUrl: link(wire.output?.thumbnail),
    preview: previewColor(wire.preview_color),
    aspect: pixelAspect(wire.output_dimensions),
    inputs: (wire.inputs ?? []).map((input) => ({ url: link(input.full_size), thumbnailUrl: link(input.thumbnail) })),
    inputDescription: wire.input_description ?? {},
    quality: wire.quality_score,
    processingTime: wire.processing_time,
    error: wire.error_message,
    ...reviewOf(wire),
    createdAt: wire.created_at,
    project,
  }
}

const within = (v: unknown, max = 1): v is number => typeof v === 'number' && v >= 0 && v <= max

/** One annotation from the wire, or nothing when it is not one (a pin lacks `w`/`h`, a tag may be new). */
function annotationOf(wire: unknown): Annotation[] {
  if (!isObject(wire)) return []
  const { x, y, w = 0, h = 0, note = '', tag } = wire
  if (!within(x) || !within(y) || !within(w, 1 - x) || !within(h, 1 - y) || typeof note !== 'string') return []
  return [{ x, y, w, h, note, tag: ANNOTATION_TAGS.find((t) => t === tag) ?? 'other' }]
}

/** The review fields of an image from the wire, read leniently: an unreadable part reads as unset. */
function reviewOf(wire: PiktidGalleryImage): Omit<VerdictResult, 'key'> {
  const claim: unknown = wire.retouch_claim
  return {
    verdict: wire.feedback === 'like' || wire.feedback === 'dislike' ? wire.feedback : null,
    comment: typeof wire.feedback_comment === 'string' ? wire.feedback_comment : null,
    reviewStatus: REVIEW_STATUSES.find((s) => s === wire.review_status) ?? null,
    annotations: Array.isArray(wire.review_annotations) ? wire.review_annotations.flatMap(annotationOf) : [],
    claim:
      isObject(claim) && typeof claim.claimed_by === 'string' && typeof claim.claimed_at === 'string'
        ? { by: claim.claimed_by, at: claim.claimed_at }
        : null,
  }
}

function isGalleryPage(body: unknown): body is PiktidGalleryPage {
  return isObject(body) && Array.isArray(body.projects) && isObject(body.pagination)
}

/** A gallery page; `base` resolves host-relative media links (the bundled server's). */
export function mapGalleryPage(body: unknown, base: string): ProjectImagesPage {
  if (!isGalleryPage(body)) throw new ApiError('PiktID answered with something that is not a gallery page.', 200)
  const projects = body.projects.map((wire) => ({ info: mapGalleryProject(wire), wire }))
  const { page, total, has_next, has_prev } = body.pagination
  return {
    items: projects.flatMap(({ info, wire }) => wire.images.map((image) => mapGalleryImage(image, info, base))),
    projects: projects.map((p) => p.info),
    totalProjects: total,
    nextPage: has_next ? page + 1 : undefined,
    prevPage: has_prev && page > 1 ? page - 1 : undefined,
  }
}

/**
 * How many of a project's images match the filters, from a one-project page: the bundled
 * server's non-seed `matching_images`, whose presence says it also reads `images_offset`.
 * Null when the API sends none (PiktID's own: it returns a project's first images only). A
 * server that sends the count but ignores the offset answers a run that cannot be the one asked
 * for (the first images again, where the last ones are fewer), and is refused here rather than
 * shown as a list that repeats itself.
 */
function matchingOf(body: unknown, offset: number, limit: number): number | null {
  const project = (body as PiktidGalleryPage).projects[0]
  const matching: unknown = project?.matching_images
  if (matching === undefined) return null
  if (typeof matching !== 'number' || !Number.isSafeInteger(matching) || matching < 0)
    throw new ApiError('PiktID answered with a matching_images that is not a count.', 200)
  const expected = Math.min(limit, Math.max(0, matching - offset))
  if (project && project.images.length !== expected)
    throw new ApiError(
      `PiktID answered ${project.images.length} images from offset ${offset} of ${matching} matching; ${expected} were expected.`,
      200,
    )
  return matching
}

/** The feedback request body for a verdict. */
export function feedbackBody(change: VerdictChange): PiktidFeedbackRequest {
  return {
    job_id: change.jobId,
    image_index: change.imageIndex,
    group_index: change.groupIndex,
    ...(change.verdict !== undefined && { feedback: change.verdict }),
    ...(change.comment !== undefined && { feedback_comment: change.comment }),
    ...(change.reviewStatus !== undefined && { review_status: change.reviewStatus }),
    ...(change.annotations !== undefined && { review_annotations: [...change.annotations] }),
  }
}

function isGalleryImage(body: unknown): body is PiktidGalleryImage {
  const b = body as Partial<PiktidGalleryImage> | null
  return typeof b?.job_id === 'string' && typeof b.image_index === 'number' && typeof b.group_index === 'number'
}

export function createPiktidProjectsApi(
  source: SourceConfig,
  describe: (status: number, body: unknown) => ApiError,
): ProjectsApi<PiktidGalleryFilters> {
  return {
    filters: piktidGalleryFilterSchema,
    projectFilters: piktidProjectFilterSchema,
    projectsPerPage: PIKTID_PROJECTS_PER_PAGE,
    maxImagesPerProject: PIKTID_MAX_IMAGES_PER_PROJECT.max,
    async listProjectImages(filters, page, signal) {
      const url = buildGalleryUrl(source, filters, page, PIKTID_PROJECTS_PER_PAGE)
      return mapGalleryPage(await requestJson(source, url, { signal }, describe), url.origin)
    },
    async getProject(projectId, filters, signal, range) {
      const id = Number(projectId)
      if (!Number.isSafeInteger(id) || id < 1) return null
      const offset = range?.offset ?? 0
      const limit = range?.limit ?? filters.max_images_per_project ?? PIKTID_MAX_IMAGES_PER_PROJECT.max
      const query = { ...filters, project_id: id, max_images_per_project: limit, images_offset: offset }
      const url = buildGalleryUrl(source, query, 1, 1)
      const body = await requestJson(source, url, { signal }, describe)
      const mapped = mapGalleryPage(body, url.origin)
      const project = mapped.projects[0]
      if (!project) return null
      return { project, images: mapped.items, matching: matchingOf(body, offset, limit) }
    },
    sendVerdict: (change, signal) => postReview('/gallery/feedback', feedbackBody(change), 'verdict', signal),
    claim: (ref, claim, signal) => postReview('/gallery/claim', claimBody(ref, claim), 'claim', signal),
  }

  /** A review write (a verdict or a claim); PiktID answers the updated image. */
  async function postReview(
    path: string,
    request: PiktidFeedbackRequest | PiktidClaimRequest,
    what: string,
    signal = AbortSignal.timeout(60_000),
  ): Promise<VerdictResult> {
    const body = await requestJson(
      source,
      apiUrl(source, path),
      { method: 'POST', signal, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) },
      describe,
    )
    if (!isGalleryImage(body))
      throw new ApiError(`PiktID answered the ${what} with something that is not an image.`, 200)
    return { key: imageKeyOf(body), ...reviewOf(body) }
  }
}

/** The claim request body: take the image for retouch, or let it go. */
function claimBody(ref: ImageRef, claim: boolean): PiktidClaimRequest {
  return { job_id: ref.jobId, image_index: ref.imageIndex, group_index: ref.groupIndex, claim }
}
