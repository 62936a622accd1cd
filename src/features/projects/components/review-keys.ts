import type { ReviewStatus, Verdict } from '../../../dialects/project-types'
import type { KeyBinding } from '../../../ui/key-layer'
import type { ZoomKeyOptions } from '../../../ui/zoom-keys'

/**
 * One thing the review does, from a key and, where it has one, a button in the verdict group:
 * the layer handles its keys, the `?` overlay lists it, the button shows its key. A new review
 * key (or a step after a verdict) is one more entry here.
 */
export interface ReviewAction extends KeyBinding {
  button?: {
    label: string
    /** Drawn as chosen (the verdict given, the comment open). */
    active: boolean
    /** `aria-pressed`, for a button that stays on; absent for one that acts once. */
    pressed?: boolean
  }
}

interface Review {
  verdict: Verdict | null
  reviewStatus: ReviewStatus | null
  commenting: boolean
  autoAdvance: boolean
  /** Gives a verdict (L, D) or clears it (0). */
  judge: (verdict: Verdict | null) => void
  /** Gives a review status (A approves; R goes through `retouch`). */
  review: (status: ReviewStatus) => void
  /** Takes the review status away (approved or needs retouch), staying on the image. */
  clearStatus: () => void
  /**
   * R: the image needs retouch. The view marks it and then opens what a retouch needs (the
   * annotation tools), or moves on.
   */
  retouch: () => void
  comment: () => void
  /** Claims the image for retouch, or releases the user's claim. */
  toggleClaim: () => void
  /** Opens compare, or closes it when open. */
  toggleCompare: () => void
  /** The annotation tools are open. */
  annotating: boolean
  annotate: () => void
  /** The comment form's cancel, or else the way back to the grid. */
  escape: () => void
  step: (delta: number) => void
  nextUnreviewed: () => void
  toggleAutoAdvance: () => void
}

/** Keys that step back and on, for the ← and → buttons too. */
export const BACK_KEYS = ['ArrowLeft', 'k'] as const
export const ON_KEYS = ['ArrowRight', 'j'] as const
/** The output's zoom keys: `0` clears the verdict here, so `Z` (1:1 and back) is the way back to fit. */
export const REVIEW_ZOOM_KEYS: ZoomKeyOptions = { zeroFits: false }
/** Turns auto-advance on and off, for its toolbar button too. */
export const AUTO_ADVANCE_KEYS = ['Shift+A'] as const
/** Claims for retouch or releases, for the claim's buttons too ("held for retouch"). */
export const CLAIM_KEYS = ['h'] as const

export function reviewActions(r: Review): ReviewAction[] {
  const verdict = (label: string, key: string, given: Verdict): ReviewAction => ({
    keys: [key],
    description: label,
    run: () => r.judge(given),
    button: { label, active: r.verdict === given, pressed: r.verdict === given },
  })
  const status = (label: string, key: string, given: ReviewStatus, run: () => void): ReviewAction => ({
    keys: [key],
    description: label,
    run,
    button: { label, active: r.reviewStatus === given, pressed: r.reviewStatus === given },
  })
  return [
    status('Approve', 'a', 'approved', () => r.review('approved')),
    status('Needs retouch', 'r', 'needs_retouch', r.retouch),
    {
      keys: ['u'],
      description: 'Clear the review status (approved or needs retouch)',
      run: r.clearStatus,
      button: { label: 'Clear status', active: false },
    },
    verdict('Like', 'l', 'like'),
    verdict('Dislike', 'd', 'dislike'),
    {
      keys: ['0'],
      description: 'Clear the verdict',
      run: () => r.judge(null),
      button: { label: 'Clear verdict', active: false },
    },
    {
      keys: ['m'],
      description: 'Comment (Enter saves, Esc cancels)',
      run: r.comment,
      button: { label: 'Comment', active: r.commenting },
    },
    {
      keys: CLAIM_KEYS,
      description: 'Claim for retouch, or release your claim (on an image that needs retouch)',
      run: r.toggleClaim,
    },
    {
      keys: ['c'],
      description: 'Compare on or off: the output beside its inputs, or the versions of its image index',
      run: r.toggleCompare,
    },
    {
      keys: ['e'],
      description: 'Annotate: boxes and pins on the output (E again, or Esc, closes)',
      run: r.annotate,
      button: { label: 'Annotate', active: r.annotating, pressed: r.annotating },
    },
    { keys: ON_KEYS, description: 'Next image', run: () => r.step(1) },
    { keys: BACK_KEYS, description: 'Previous image', run: () => r.step(-1) },
    { keys: ['n'], description: 'Next image not reviewed yet', run: r.nextUnreviewed },
    {
      keys: AUTO_ADVANCE_KEYS,
      description: `Auto-advance to the next image not reviewed after each verdict (${r.autoAdvance ? 'on' : 'off'})`,
      run: r.toggleAutoAdvance,
    },
    { keys: ['Escape'], description: 'Back to the grid, on this image', run: r.escape },
  ]
}
