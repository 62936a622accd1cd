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
