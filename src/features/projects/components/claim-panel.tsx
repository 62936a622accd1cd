import { useQueryClient } from '@tanstack/react-query'
import type { ProjectImage } from '../../../dialects/project-types'
import { formatDayTime } from '../../../ui/dates'
import { useClaimName } from '../claim-name'
import { giveClaim, useRejectedVerdicts, type PendingVerdict } from '../feedback'

/**
 * Who holds an image for retouch, and the user's way to take it or let it go: shown on an image
 * that needs retouch, or that someone holds. `image` is as the user sees it (pending writes over
 * the stored ones). The claim is one more never-lost review write; a server that finds someone
 * else holding it refuses it, and the refusal, naming the holder, shows with the other refused
 * writes.
 */
export function ClaimPanel({
  sourceId,
  image,
  pending,
}: {
  sourceId: string
  image: ProjectImage
  pending: PendingVerdict | undefined
}) {
  const client = useQueryClient()
  const me = useClaimName(sourceId)
  const { rejected, dismiss } = useRejectedVerdicts(sourceId)
  const refused = rejected.findLast((r) => r.claim && r.key === image.key)
  const { claim } = image
  if (image.reviewStatus !== 'needs_retouch' && !claim) return null
  // A claim on its way is the user's own; a stored one is, when the server named the user so.
  const saving = pending?.claim !== undefined
  const mine = claim !== null && (saving || claim.by === me)
  const holder = claim && (mine && claim.by !== me ? 'you' : mine ? `${claim.by} (you)` : claim.by)
  const send = (take: boolean) =>
    giveClaim(client, {
      sourceId,
      key: image.key,
      name: image.name,
      ref: { jobId: image.jobId, imageIndex: image.imageIndex, groupIndex: image.groupIndex },
      claim: take,
    })
  // Held by someone this browser cannot tell apart from the user: claiming is harmless either
  // way (the server confirms the user's own claim, or refuses naming the holder).
  const unknownHolder = claim !== null && !mine && me === null
  return (
    <section aria-label="Retouch" className="flex flex-col gap-2 text-sm" data-testid="claim-panel">
      <p data-testid="claim-holder">
        {claim && holder ? (
          <>
            Held for retouch by <strong>{holder}</strong> since{' '}
            <time dateTime={claim.at}>{formatDayTime(claim.at)}</time>
          </>
        ) : (
          'Nobody holds it for retouch yet.'
        )}
        {saving && (pending.retrying ? ' · not saved yet, retrying' : ' · saving…')}
      </p>
      <div className="flex flex-wrap gap-2">
        {(!claim || unknownHolder) && (
          <button type="button" className="btn-dark px-3 text-sm" onClick={() => send(true)}>
            Claim for retouch
          </button>
        )}
        {mine && (
          <button type="button" className="btn-dark px-3 text-sm" onClick={() => send(false)}>
            Release
          </button>
        )}
      </div>
      {refused && (
        <p
          role="alert"
          data-testid="claim-refused"
          className="flex items-start gap-2 rounded bg-red-950 px-3 py-2 text-red-100"
        >
          <span className="flex-1">
            Your {refused.what} was refused: {refused.message}
          </span>
          <button type="button" className="btn-dark px-2 py-0.5 text-xs" onClick={() => dismiss(refused.id)}>
            Dismiss
          </button>
        </p>
      )}
      {unknownHolder && (
        <p className="text-xs text-neutral-300">If this is you, claim it to be able to release it here.</p>
      )}
    </section>
  )
}
