import { useQueryClient } from '@tanstack/react-query'
import type { ProjectImage } from '../../dialects/project-types'
import { useClaimName } from './claim-name'
import { giveClaim, type PendingVerdict } from './feedback'

/** An image's retouch claim as the user reads it, and what the user may do about it. */
interface ClaimState {
  /** Worth showing: the image needs retouch, or someone holds it. */
  shown: boolean
  /** Who holds it, in words (`'bob'`, `'alice (you)'`, `'you'`), or null when nobody does. */
  holder: string | null
  /** The user's own claim or release is on its way. */
  saving: boolean
  /** Nobody holds an image that needs retouch, or its holder cannot be told apart from the user. */
  canClaim: boolean
  /** The user holds it. */
  canRelease: boolean
  /**
   * Held by someone this browser cannot tell apart from the user: claiming is harmless either
   * way (the server confirms the user's own claim, or refuses naming the holder).
   */
  unknownHolder: boolean
}

/** `image` is as the user sees it (pending writes over the stored ones); `me` as `useClaimName` has it. */
function claimStateOf(image: ProjectImage, pending: PendingVerdict | undefined, me: string | null): ClaimState {
  const { claim } = image
  // A claim on its way is the user's own; a stored one is, when the server named the user so.
  const saving = pending?.claim !== undefined
  const mine = claim !== null && (saving || claim.by === me)
  const unknownHolder = claim !== null && !mine && me === null
  return {
    shown: image.reviewStatus === 'needs_retouch' || claim !== null,
    holder: claim && (mine && claim.by !== me ? 'you' : mine ? `${claim.by} (you)` : claim.by),
    saving,
    canClaim: (claim === null && image.reviewStatus === 'needs_retouch') || unknownHolder,
    canRelease: mine,
    unknownHolder,
  }
}

export interface Claim {
  state: ClaimState | null
  /** Claims (`true`) or releases the image: one more never-lost review write. */
  send: (take: boolean) => void
  /** Releases the user's claim, or else claims the image; else says why neither can be done. */
  toggle: () => string | null
}

/**
 * The retouch claim of the image shown (none while it loads), for the review's buttons and its
 * key alike. A server that finds someone else holding it refuses the claim, naming the holder;
 * the refusal shows with the other refused writes.
 */
export function useClaim(
  sourceId: string,
  image: ProjectImage | undefined,
  pending: PendingVerdict | undefined,
): Claim {
  const client = useQueryClient()
  const me = useClaimName(sourceId)
  const state = image ? claimStateOf(image, pending, me) : null
  const send = (take: boolean) => {
    if (!image) return
    giveClaim(client, {
      sourceId,
      key: image.key,
      name: image.name,
      ref: { jobId: image.jobId, imageIndex: image.imageIndex, groupIndex: image.groupIndex },
      claim: take,
    })
  }
  const toggle = (): string | null => {
    if (!image || !state) return null
    if (state.canRelease) send(false)
    else if (state.canClaim) send(true)
    else if (image.claim) return `Held for retouch by ${image.claim.by}: only they can release it.`
    else return 'Only an image that needs retouch can be claimed: R marks it so.'
    return null
  }
  return { state, send, toggle }
}
