import type { Hono } from 'hono'
import {
  PIKTID_ANNOTATION_TAGS,
  piktidClaimRequestSchema,
  piktidFeedbackRequestSchema,
  type PiktidAnnotation,
  type PiktidGalleryImage,
  type PiktidGalleryPage,
  type PiktidGalleryProject,
  type PiktidProjectSummary,
} from '../../../shared/piktid-gallery'
import { piktidGalleryParams } from '../../../shared/piktid-params'
import type { AuthEnv } from '../../core/auth'
import { wallClock, type Clock } from '../../core/clock'
import { endpoint } from '../../core/dialect'
import { Refusal } from '../../core/errors'
import { parseJsonBody } from '../../core/params'
import { canSee, segmentsFor, type Viewer } from '../../core/visibility'
import type { Catalog } from '../../db/catalog-db'
import { galleryQueriesFor, storedClaim, type GalleryImageRow, type GalleryProjectRow } from '../../db/gallery-query'
import type { MediaStore } from '../../media/media-store'
import { renderSize } from '../../media/media-drawables'
import { previewField } from '../../media/preview-color'
import { piktidPagination } from './query'

// PiktID generation gallery (seed 002) and review feedback (DESIGN.md), under /api/piktid.
// Projects follow the same visibility rules as assets: private to the owner, or shared with
// the owner's group. A project the caller may not see behaves exactly like one that does not
// exist: never listed, `project_id` of it gives an empty page, its images are 404.

function parseJsonColumn(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

const isUnit = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1

/**
 * The stored annotations in the wire's shape. Demo catalogs hold older pins (`x`, `y`, `note`
 * only): they read as pins tagged `other`; anything unreadable is left out.
 */
function storedAnnotations(text: string | null): PiktidAnnotation[] | null {
  const parsed = parseJsonColumn(text)
  if (!Array.isArray(parsed)) return null
  const annotations = parsed.flatMap((a: unknown): PiktidAnnotation[] => {
    if (typeof a !== 'object' || a === null) return []
    const { x, y, w = 0, h = 0, note = '', tag = 'other' } = a as Record<string, unknown>
    if (!isUnit(x) || !isUnit(y) || !isUnit(w) || !isUnit(h) || typeof note !== 'string') return []
    const known = PIKTID_ANNOTATION_TAGS.find((t) => t === tag) ?? 'other'
    return [{ x, y, w, h, note, tag: known }]
  })
  return annotations.length > 0 ? annotations : null
}

function downloadFilename(row: GalleryImageRow, projectKey: string): string | null {
  if (row.status !== 'completed') return null
  const stem = row.original_filename.replace(/\.[^.]+$/, '')
  return `${projectKey}_${stem}_${row.image_index}-${row.group_index}_v${row.version}.jpg`
}

function toGalleryImage(row: GalleryImageRow, projectKey: string, media: MediaStore): PiktidGalleryImage {
  const inputs = Array.from({ length: row.input_count }, (_, n) => ({
    full_size: media.url('gen-input', `${row.id}-${n}`),
    thumbnail: media.url('gen-input-thumb', `${row.id}-${n}`),
  }))
  const done = row.status === 'completed'
  return {
    job_id: row.job_id,
    image_index: row.image_index,
    group_index: row.group_index,
    version: row.version,
    original_filename: row.original_filename,
    download_filename: downloadFilename(row, projectKey),
    inputs,
    output: {
      full_size: done ? media.url('gen-output', String(row.id)) : null,
      thumbnail: done ? media.url('gen-output-thumb', String(row.id)) : null,
    },
    // Not in the seed: the output thumbnail's colour, for its tile until the image arrives.
    ...previewField('preview_color', done ? media.previewColor(String(row.id), 'gen-output-thumb') : undefined),
    // Not in the seed: the size of the full-size output as served, for a grid to lay it out by.
    ...(done && { output_dimensions: renderSize('gen-output', row.output_width, row.output_height) }),
    input_description: (parseJsonColumn(row.input_description) ?? {}) as Record<string, string>,
    status: row.status,
    quality_score: row.quality_score,
    processing_time: row.processing_time,
    error_message: row.error_message,
    feedback: row.feedback,
    feedback_comment: row.feedback_comment,
    created_at: row.created_at,
    review_status: row.review_status,
    review_annotations: storedAnnotations(row.review_annotations),
    retouch_claim: storedClaim(row.retouch_claim),
  }
}

function matchesSearch(project: GalleryProjectRow, term: string): boolean {
  const lowered = term.toLowerCase()
  return (
    project.name.toLowerCase().includes(lowered) ||
    project.key.toLowerCase().includes(lowered) ||
    String(project.id) === term
  )
}

export function registerPiktidGallery(
  api: Hono<AuthEnv>,
  deps: { db: Catalog; media: MediaStore; now?: Clock | undefined },
): void {
  const now = deps.now ?? wallClock
  const { db: catalog, media } = deps
  const gallery = galleryQueriesFor(catalog)

  const visibleProjects = (viewer: Viewer, ownership: 'all' | 'mine' | 'shared'): GalleryProjectRow[] => {
    const segments = new Set(segmentsFor(catalog, viewer, ownership).map((s) => `${s.owner}:${s.visibility}`))
    return gallery.projects().filter((p) => segments.has(`${p.owner_id}:${p.visibility}`))
  }

  api.get(
    '/gallery/by-project',
    endpoint({
      rules: piktidGalleryParams,
      query: (q, c) => {
        const filter = { status: q.status, feedback: q.feedback, reviewStatus: q.review_status }
        const filtered = q.status !== undefined || (q.feedback?.length ?? 0) > 0 || (q.review_status?.length ?? 0) > 0
        const counts = gallery.counts()
        const matching = filtered ? gallery.matching(filter) : undefined
        const search = q.search?.trim()
        const selected = visibleProjects(c.get('caller').user, q.ownership ?? 'all').filter(
          (p) =>
            counts.has(p.id) &&
            (q.project_id === undefined || p.id === q.project_id) &&
            (!search || matchesSearch(p, search)) &&
            (!matching || matching.has(p.id)),
        )
        const onPage = selected.slice((q.page - 1) * q.per_page, q.page * q.per_page)
        return {
          total: selected.length,
          projects: onPage.map((p) => {
            const n = counts.get(p.id) ?? { total: 0, completed: 0, failed: 0 }
            return {
              project: p,
              counts: n,
              matching: matching ? (matching.get(p.id) ?? 0) : n.total,
              images: gallery.images(p.id, filter, q.sort_by, q.order, q.max_images_per_project, q.images_offset),
            }
          }),
        }
      },
      project: ({ total, projects }, q): PiktidGalleryPage => ({
        pagination: piktidPagination(q.page, q.per_page, total),
        projects: projects.map(({ project: p, counts: n, matching, images }): PiktidGalleryProject => ({
          project_id: p.id,
          project_name: p.name,
          project_key: p.key,
          created_at: p.created_at,
          created_by: p.created_by,
          total_images: n.total,
          completed_images: n.completed,
          failed_images: n.failed,
          matching_images: matching,
          images: images.map((row) => toGalleryImage(row, p.key, media)),
        })),
      }),
    }),
  )

  api.get('/project', (c) => {
    const body: PiktidProjectSummary[] = visibleProjects(c.get('caller').user, 'all').map((p) => ({
      id: p.id,
      name: p.name,
      key: p.key,
    }))
    return c.json(body)
  })

  /**
   * The image a write names, with its project and the caller; 404 when there is none the caller
   * may see (every PiktID credential names a user, and no gallery project is public).
   */
  const visibleImage = (viewer: Viewer, request: ImageKey) => {
    const row = gallery.imageByKey(request.job_id, request.image_index, request.group_index)
    const project = row ? gallery.projects().find((p) => p.id === row.project_id) : undefined
    if (!row || !project || !viewer || !canSee(catalog, viewer, project)) {
      throw Refusal.notFound(`Image ${keyText(request)}`, 'job_id')
    }
    return { row, project, user: viewer }
  }
  const reread = (request: ImageKey, row: GalleryImageRow) =>
    gallery.imageByKey(request.job_id, request.image_index, request.group_index) ?? row

  api.post('/gallery/feedback', async (c) => {
    const parsed = await parseJsonBody(c, piktidFeedbackRequestSchema)
    if (!parsed.ok) throw Refusal.invalid(parsed.issues, 'body')
    const request = parsed.value
    const { row, project } = visibleImage(c.get('caller').user, request)
    const annotations = request.review_annotations
    gallery.setFeedback(row.id, {
      feedback: request.feedback,
      comment: request.feedback_comment,
      reviewStatus: request.review_status,
      // Stored as JSON text; none at all is stored as NULL, as the seed shows it.
      annotations: annotations === undefined ? undefined : annotations?.length ? JSON.stringify(annotations) : null,
      at: now().toISOString(),
    })
    return c.json(toGalleryImage(reread(request, row), project.key, media))
  })

  // Not in the seed (the bundled server's): take an image for retouch, or let it go. Only an
  // image sent to retouch (review_status needs_retouch) can be taken; one held by someone else
  // can be neither taken nor released (409 naming the holder). Taking an image you hold, or
  // releasing one nobody holds, answers the image as it is and writes nothing.
  api.post('/gallery/claim', async (c) => {
    const parsed = await parseJsonBody(c, piktidClaimRequestSchema)
    if (!parsed.ok) throw Refusal.invalid(parsed.issues, 'body')
    const request = parsed.value
    const { row, project, user } = visibleImage(c.get('caller').user, request)
    const outcome = gallery.setClaim(row.id, {
      by: user.username,
      take: request.claim,
      at: now().toISOString(),
    })
    if (outcome.kind === 'held') {
      const { claimed_by, claimed_at } = outcome.holder
      throw Refusal.conflict(
        `Image ${keyText(request)} is claimed for retouch by ${claimed_by} since ${claimed_at}; ` +
          `only ${claimed_by} can ${request.claim ? 'work on' : 'release'} it`,
        'claim',
      )
    }
    if (outcome.kind === 'not-for-retouch') {
      throw Refusal.conflict(
        `Image ${keyText(request)} is ${outcome.reviewStatus === null ? 'not reviewed' : outcome.reviewStatus}; ` +
          'only an image whose review_status is needs_retouch can be claimed for retouch',
        'claim',
      )
    }
    return c.json(toGalleryImage(reread(request, row), project.key, media))
  })
}

interface ImageKey {
  job_id: string
  image_index: number
  group_index: number
}

const keyText = (key: ImageKey) => `${key.job_id}/${key.image_index}/${key.group_index}`
