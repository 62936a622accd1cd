// A project larger than the API's image cap, read where the API takes no offset: the filters
// that cut it into parts of at most the cap (by status, by feedback, in both filename orders),
// with their counts where they can be known.

import type { ImageStatus, ProjectInfo } from '../../dialects/project-types'
import { STATUS_LABELS } from './format'

/** A partition's size: exact, or (a probe that came back full) at least `count`. */
export interface PartCount {
  count: number
  exact: boolean
}

/** A partition the cap note offers: one link when it fits the cap, two (both orders) when it fits twice. */
export interface CapPartition {
  name: string
  count: number | null
  links: { label: string; filters: Record<string, unknown> }[]
}

type Feedback = 'like' | 'dislike' | 'none'

const STATUS_ORDER: readonly ImageStatus[] = ['failed', 'pending', 'processing', 'completed']
const FEEDBACK_ORDER: readonly Feedback[] = ['like', 'dislike', 'none']
const FEEDBACK_LABELS: Record<Feedback, string> = { like: 'Liked', dislike: 'Disliked', none: 'No verdict' }

/** A partition's filters: the project page's (PiktID's gallery names). */
const byStatus = (status: ImageStatus) => ({ status })
const byFeedback = (feedback: Feedback) => ({ feedback: [feedback] })
const inOrder = (filters: Record<string, unknown>, order: 'asc' | 'desc') => ({
  ...filters,
  sort_by: 'original_filename',
  order,
})

/**
 * The sizes of a family of partitions that together make the project (each image has exactly
 * one status, one feedback). Counts the API gives are taken; the others are probed (`probe`
 * answers how many images a partition returns, at most `cap`, so fewer than `cap` is exact),
 * all but the last at once; the last is what the others leave when they are all exact.
 */
export async function familyCounts<V extends string>(
  total: number,
  members: readonly { value: V; known: number | null }[],
  probe: (value: V) => Promise<number>,
  cap: number,
): Promise<Map<V, PartCount>> {
  const counts = new Map<V, PartCount>()
  let rest = total
  const unknown: V[] = []
  for (const { value, known } of members) {
    if (known === null) unknown.push(value)
    else {
      counts.set(value, { count: known, exact: true })
      rest -= known
    }
  }
  const last = unknown.pop()
  const probed = await Promise.all(unknown.map(async (value) => ({ value, count: rest > 0 ? await probe(value) : 0 })))
  let exact = true
  for (const { value, count } of probed) {
    const fits = count < cap
    counts.set(value, { count, exact: fits })
    exact &&= fits
    rest -= count
  }
  if (last !== undefined) {
    if (exact) counts.set(last, { count: Math.max(0, rest), exact: true })
    else {
      const count = await probe(last)
      counts.set(last, { count, exact: count < cap })
    }
  }
  return counts
}

/** How many images of `project` have each status and each feedback, as far as can be known. */
export async function partitionCounts(
  project: ProjectInfo,
  probe: (filters: Record<string, unknown>) => Promise<number>,
  cap: number,
): Promise<{ status: Map<ImageStatus, PartCount>; feedback: Map<Feedback, PartCount> }> {
  const [status, feedback] = await Promise.all([
    familyCounts(
      project.totalImages,
      [
        { value: 'completed', known: project.completedImages },
        { value: 'failed', known: project.failedImages },
        { value: 'pending', known: null },
        { value: 'processing', known: null },
      ],
      (value) => probe(byStatus(value)),
      cap,
    ),
    familyCounts(
      project.totalImages,
      FEEDBACK_ORDER.map((value) => ({ value, known: null })),
      (value) => probe(byFeedback(value)),
      cap,
    ),
  ])
  return { status, feedback }
}

/**
 * The partitions worth offering: the project in both filename orders (its first and its last
 * `cap` images), and each status or feedback that fits the cap (one link) or twice the cap (its
 * first and last `cap`, which together hold it all). Empty ones, and ones too large or of unknown
 * size, are left out: they would show nothing new, or not all of themselves.
 */
export function capPartitions(
  counts: { status: ReadonlyMap<ImageStatus, PartCount>; feedback: ReadonlyMap<Feedback, PartCount> } | undefined,
  cap: number,
): CapPartition[] {
  const both = (filters: Record<string, unknown>) => [
    { label: `first ${cap}`, filters: inOrder(filters, 'asc') },
    { label: `last ${cap}`, filters: inOrder(filters, 'desc') },
  ]
  const parts: CapPartition[] = [{ name: 'By filename', count: null, links: both({}) }]
  if (!counts) return parts
  const family = (name: string, size: PartCount | undefined, filters: Record<string, unknown>) => {
    if (!size?.exact || size.count === 0 || size.count > 2 * cap) return
    parts.push({ name, count: size.count, links: size.count <= cap ? [{ label: name, filters }] : both(filters) })
  }
  for (const status of STATUS_ORDER) family(STATUS_LABELS[status], counts.status.get(status), byStatus(status))
  for (const feedback of FEEDBACK_ORDER)
    family(FEEDBACK_LABELS[feedback], counts.feedback.get(feedback), byFeedback(feedback))
  return parts
}
