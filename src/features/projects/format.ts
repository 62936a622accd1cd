import type { ImageStatus, Verdict } from '../../dialects/project-types'

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
