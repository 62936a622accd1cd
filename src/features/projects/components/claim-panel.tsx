import { keyHint } from '../../../ui/key-layer'
import type { ProjectImage } from '../../../dialects/project-types'
import { formatDayTime } from '../../../ui/dates'
import type { Claim } from '../claims'
import { useRejectedVerdicts, type PendingVerdict } from '../feedback'
import { CLAIM_KEYS } from './review-keys'
import { ButtonKey } from './review-parts'

/**
 * Who holds an image for retouch, and the user's way to take it or let it go (its buttons and
 * the review's key, from `claim`): shown on an image that needs retouch, or that someone holds.
 * `image` is as the user sees it (pending writes over the stored ones). A refused claim, naming
 * the holder, shows here with the other refused writes.
 */
export function ClaimPanel({
  sourceId,
  image,
  pending,
  claim: { state, send },
}: {
  sourceId: string
  image: ProjectImage
  pending: PendingVerdict | undefined
  claim: Claim
}) {
  const { rejected, dismiss } = useRejectedVerdicts(sourceId)
  const refused = rejected.findLast((r) => r.claim && r.key === image.key)
  const { claim } = image
  if (!state?.shown) return null
  const { holder, saving } = state
  const shortcut = keyHint(CLAIM_KEYS).keys
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
        {saving && (pending?.retrying ? ' · not saved yet, retrying' : ' · saving…')}
      </p>
      <div className="flex flex-wrap gap-2">
        {/* Never both (see claimStateOf): the user's own claim is released, any other claimable image taken. */}
        {(state.canClaim || state.canRelease) && (
          <button
            type="button"
            className="btn-dark gap-2 px-3 text-sm"
            aria-keyshortcuts={shortcut}
            onClick={() => send(!state.canRelease)}
          >
            {state.canRelease ? 'Release' : 'Claim for retouch'}
            <ButtonKey keys={CLAIM_KEYS} />
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
      {state.unknownHolder && (
        <p className="text-xs text-neutral-300">If this is you, claim it to be able to release it here.</p>
      )}
    </section>
  )
}
