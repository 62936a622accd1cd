// The review queue of a project: which images count as reviewed, which one comes next, how far
// the review has got, and where the user stopped. One rule for the progress bar, the "Start
// reviewing" entry, auto-advance and N.

import type { ProjectImage } from '../../dialects/project-types'
import { effectiveImage, type PendingVerdict } from './feedback'

/** The rule in words, for the progress bar and the queue entry. */
export const REVIEWED_RULE = 'Reviewed: liked, disliked, approved or sent to retouch.'

/** An image is reviewed once it has a verdict or a review status (as the user sees it, pending included). */
function isReviewed(image: ProjectImage): boolean {
  return image.verdict !== null || image.reviewStatus !== null
}

/** What the queue reads: the loaded images of the grid's list, in its order. */
interface QueueList {
  count: number
  start: number
  end: number
  itemAt: (index: number) => ProjectImage | undefined
}

type Pending = ReadonlyMap<string, PendingVerdict>

/** An image the review should still show: it has an output and is not reviewed. */
function toReview(image: ProjectImage, pending: Pending): boolean {
  return image.outputUrl !== null && !isReviewed(effectiveImage(image, pending.get(image.key)))
}

/**
 * Up to `n` indexes of images to review after `from`, in list order and then from the top (never
 * `from` itself, never twice): the next ones auto-advance shows. Only loaded images are looked at.
 */
export function upcomingToReview(list: QueueList, pending: Pending, from: number, n: number): number[] {
  const found: number[] = []
  const count = list.count
  for (let offset = 1; offset <= count && found.length < n; offset++) {
    const index = (from + offset) % count
    if (index === from) break
    const image = list.itemAt(index)
    if (image && toReview(image, pending)) found.push(index)
  }
  return found
}

/** Where the queue goes after an image: an image to review, or a part of the list to read first. */
export type NextToReview = { index: number } | { unloaded: number } | null

/**
 * The next image to review after `from` (in list order, then from the top), as far as the
 * loaded images tell: its index; or the first index not loaded that comes before any, whose
 * pages may hold one (see seekToReview); or null when the whole list is loaded and reviewed.
 */
export function nextToReview(list: QueueList, pending: Pending, from: number): NextToReview {
  const count = list.count
  for (let offset = 1; offset < count; offset++) {
    const index = (from + offset) % count
    const image = list.itemAt(index)
    if (!image) return { unloaded: index }
    if (toReview(image, pending)) return { index }
  }
  return null
}

/** How many images one read of the list asks for while the queue looks past the loaded ones. */
const SEEK_CHUNK = 100

/**
 * Reads the list on from `start` (an index not loaded), a chunk at a time and wrapping to the
 * top, up to `from`, for the next image to review: its index, or -1 when there is none. A project
 * past the API's cap per request is reviewed to its last image this way, not only its first pages.
 */
export async function seekToReview(
  list: QueueList & {
    collect: (from: number, to: number, signal: AbortSignal) => Promise<{ index: number; item: ProjectImage }[]>
  },
  pending: Pending,
  from: number,
  start: number,
  signal: AbortSignal,
): Promise<number> {
  const count = list.count
  let index = start
  while (index !== from && index < count) {
    const image = list.itemAt(index)
    if (image) {
      if (toReview(image, pending)) return index
      index = (index + 1) % count
      continue
    }
    // Up to the end of the list, or to `from` when the walk has wrapped before it.
    const last = Math.min(count - 1, index + SEEK_CHUNK - 1, from > index ? from - 1 : count - 1)
    const read = (await list.collect(index, last, signal)).sort((a, b) => a.index - b.index)
    const found = read.find(({ item }) => toReview(item, pending))
    if (found) return found.index
    index = (last + 1) % count
  }
  return -1
}

/** The first image to review at or after `from` (wrapping), or -1 when every loaded one is reviewed. */
export function firstToReview(list: QueueList, pending: Pending, from = 0): number {
  if (list.count === 0) return -1
  const start = Math.min(Math.max(0, from), list.count - 1)
  const here = list.itemAt(start)
  if (here && toReview(here, pending)) return start
  return upcomingToReview(list, pending, start, 1)[0] ?? -1
}

export interface ReviewCounts {
  /** Images counted: the loaded ones. */
  known: number
  reviewed: number
  approved: number
  retouch: number
  /** Loaded images with an output and no review yet. */
  open: number
}

/** The review's progress over the loaded images of the list. */
export function reviewCounts(list: QueueList, pending: Pending): ReviewCounts {
  const counts: ReviewCounts = { known: 0, reviewed: 0, approved: 0, retouch: 0, open: 0 }
  for (let i = list.start; i < list.end; i++) {
    const stored = list.itemAt(i)
    if (!stored) continue
    const image = effectiveImage(stored, pending.get(stored.key))
    counts.known++
    if (isReviewed(image)) counts.reviewed++
    else if (image.outputUrl !== null) counts.open++
    if (image.reviewStatus === 'approved') counts.approved++
    if (image.reviewStatus === 'needs_retouch') counts.retouch++
  }
  return counts
}

// Where the user stopped reviewing, per project, in this browser.
const PLACE_KEY = 'vitrine.review.place'
const PLACES_MAX = 100

function readPlaces(): [string, string][] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PLACE_KEY) ?? '[]')
    if (!Array.isArray(parsed)) return []
    return parsed.filter(
      (entry): entry is [string, string] =>
        Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === 'string'),
    )
  } catch {
    // note: unreadable or blocked storage: the review starts at the first image to review.
    return []
  }
}

/** Keeps the image shown as the project's place; the most recent projects are kept. */
export function rememberReviewPlace(project: string, imageKey: string): void {
  const places = readPlaces().filter(([id]) => id !== project)
  places.push([project, imageKey])
  try {
    localStorage.setItem(PLACE_KEY, JSON.stringify(places.slice(-PLACES_MAX)))
  } catch {
    // note: storage full or blocked: the place is not kept, nothing else is lost.
  }
}

/** The image where the user last stopped in `project` (`source/projectId`), if any. */
export function reviewPlaceOf(project: string): string | null {
  return readPlaces().find(([id]) => id === project)?.[1] ?? null
}
