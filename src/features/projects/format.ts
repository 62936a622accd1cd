import type { AnnotationTag, ImageStatus, ReviewFields, ReviewStatus, Verdict } from '../../dialects/project-types'

const numbers = new Intl.NumberFormat('en')

export function formatNumber(n: number): string {
  return numbers.format(n)
}

export function formatCount(n: number, noun: string): string {
  return `${numbers.format(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** 0.873 → "87"; the score reads as a percentage. */
export function formatQuality(score: number | null): string {
  return score === null ? '—' : String(Math.round(score * 100))
}

/** Seconds → "12.4 s". */
export function formatSeconds(seconds: number | null): string {
  return seconds === null ? '—' : `${seconds.toFixed(1)} s`
}

export const STATUS_LABELS: Record<ImageStatus, string> = {
  pending: 'Pending',
  processing: 'Processing',
  completed: 'Completed',
  failed: 'Failed',
}

export const VERDICT_LABELS: Record<Verdict, string> = { like: 'Liked', dislike: 'Disliked' }

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  approved: 'Approved',
  needs_retouch: 'Needs retouch',
}

export const ANNOTATION_TAG_LABELS: Record<AnnotationTag, string> = {
  face: 'Face',
  hands: 'Hands',
  garment: 'Garment',
  fit: 'Fit',
  background: 'Background',
  artifact: 'Artifact',
  other: 'Other',
}

/** A review write in words, for messages: "like", "approval and 2 annotations", … */
export function describeChange(change: Partial<ReviewFields>): string {
  const parts: string[] = []
  if (change.verdict !== undefined) parts.push(change.verdict ?? 'cleared verdict')
  if (change.reviewStatus !== undefined)
    parts.push(
      change.reviewStatus === 'approved'
        ? 'approval'
        : change.reviewStatus === 'needs_retouch'
          ? 'sending to retouch'
          : 'cleared review status',
    )
  if (change.annotations !== undefined)
    parts.push(
      change.annotations.length === 0 ? 'cleared annotations' : formatCount(change.annotations.length, 'annotation'),
    )
  if (change.comment !== undefined) parts.push(change.comment === null ? 'cleared comment' : 'comment')
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'change')
}
