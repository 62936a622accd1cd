import { useQueryClient } from '@tanstack/react-query'
import type { ProjectImage, ReviewStatus, Verdict } from '../../../dialects/project-types'
import { SelectionBar } from '../../../grid/selection-bar'
import type { GridSelection } from '../../../grid/use-grid-selection'
import type { ListWindowHandle } from '../../../grid/use-list-window'
import {
  effectiveImage,
  giveVerdict,
  useOnline,
  useRejectedVerdicts,
  type FeedbackVariables,
  type PendingVerdict,
} from '../feedback'
import { showToast } from '../../../ui/toast'
import { formatCount } from '../format'

/**
 * The state of the user's verdicts on this source: offline, how many wait to be saved, and any
 * the server refused (already undone), each with a way to dismiss it.
 */
function VerdictStatus({ sourceId, pending }: { sourceId: string; pending: ReadonlyMap<string, PendingVerdict> }) {
  const online = useOnline()
  const { rejected, dismiss } = useRejectedVerdicts(sourceId)
  const waiting = pending.size
  const retrying = [...pending.values()].some((p) => p.retrying)
  return (
    <>
      {!online && (
        <p
          role="status"
          data-testid="offline-banner"
          className="rounded-md bg-amber-100 px-3 py-1.5 text-sm text-amber-950 dark:bg-amber-900 dark:text-amber-50"
        >
          You are offline. Verdicts you give are kept in this browser and sent when the connection returns.
        </p>
      )}
      <p
        role="status"
        aria-live="polite"
        className="text-sm text-neutral-700 dark:text-neutral-300"
        data-testid="unsaved-count"
      >
        {waiting === 0
          ? ''
          : `${formatCount(waiting, 'verdict')} not saved yet${retrying ? ': retrying, kept in this browser until saved' : '…'}`}
      </p>
      {rejected.length > 0 && (
        <ul aria-label="Verdicts not saved" className="flex flex-col gap-1">
          {rejected.map((r) => (
            <li
              key={r.id}
              role="alert"
              data-testid="verdict-rejected"
              className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-1.5 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              <span className="flex-1">
                The server refused your {r.what} on {r.name}, so it was undone. {r.message}
              </span>
              <button type="button" className="btn px-2 py-0.5" onClick={() => dismiss(r.id)}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

interface BulkVerdictsProps {
  sourceId: string
  list: ListWindowHandle<ProjectImage>
  selection: GridSelection
  /** Verdicts given but not stored yet: what the user sees, so what an undo goes back to. */
  pending: ReadonlyMap<string, PendingVerdict>
}

/** A bulk change: one review field set to one value on every selected image. */
type BulkChange = { field: 'verdict'; value: Verdict | null } | { field: 'reviewStatus'; value: ReviewStatus | null }

const BULK_ACTIONS: readonly { label: string; change: BulkChange; done: string }[] = [
  { label: 'Like selected', change: { field: 'verdict', value: 'like' }, done: 'Liked' },
  { label: 'Dislike selected', change: { field: 'verdict', value: 'dislike' }, done: 'Disliked' },
  { label: 'Clear verdicts', change: { field: 'verdict', value: null }, done: 'Cleared the verdict on' },
  { label: 'Approve selected', change: { field: 'reviewStatus', value: 'approved' }, done: 'Approved' },
  { label: 'Needs retouch', change: { field: 'reviewStatus', value: 'needs_retouch' }, done: 'Sent to retouch' },
  { label: 'Clear status', change: { field: 'reviewStatus', value: null }, done: 'Cleared the review status of' },
]

const FIELD_WORDS: Record<BulkChange['field'], string> = { verdict: 'verdict', reviewStatus: 'review status' }

/** A grid of images' verdict tools: how saving goes, and the selection's bulk verdicts. */
export function VerdictTools(props: BulkVerdictsProps) {
  return (
    <>
      <VerdictStatus sourceId={props.sourceId} pending={props.pending} />
      <SelectionBar selection={props.selection}>
        <BulkVerdicts {...props} />
      </SelectionBar>
    </>
  )
}

/**
 * Like, dislike, approve, send to retouch or clear every selected image: one write per image,
 * each never lost. Every bulk change is offered for undo in a toast (no confirmation first): undo
 * gives each changed image back the value that field had, and touches nothing else, through the
 * same writes, so it is saved the same way.
 */
function BulkVerdicts({ sourceId, list, selection, pending }: BulkVerdictsProps) {
  const client = useQueryClient()
  const apply = async ({ change, done }: (typeof BULK_ACTIONS)[number]) => {
    const controller = new AbortController()
    try {
      let given = 0
      let skipped = 0
      const previous: FeedbackVariables[] = []
      for (const [from, to] of selection.spans()) {
        for (const { index, item } of await list.collect(from, to, controller.signal)) {
          if (!selection.isSelected(index, item.key)) continue
          // A pending, processing or failed image has no output to judge.
          if (!item.outputUrl) {
            skipped++
            continue
          }
          const ref = { jobId: item.jobId, imageIndex: item.imageIndex, groupIndex: item.groupIndex }
          const before = effectiveImage(item, pending.get(item.key))[change.field]
          const write = (value: BulkChange['value']) => ({
            sourceId,
            key: item.key,
            name: item.name,
            change: { ...ref, [change.field]: value },
          })
          giveVerdict(client, write(change.value))
          if (before !== change.value) previous.push(write(before))
          given++
        }
      }
      const without = skipped > 0 ? ` Skipped ${formatCount(skipped, 'image')} without an output yet.` : ''
      const undo = () => {
        for (const variables of previous) giveVerdict(client, variables)
        showToast({
          message: `Restored the previous ${FIELD_WORDS[change.field]} of ${formatCount(previous.length, 'image')}.`,
        })
      }
      showToast({
        message: `${done} ${formatCount(given, 'image')}.${without}`,
        ...(previous.length > 0 ? { onUndo: undo } : {}),
      })
    } catch (error) {
      showToast({ message: error instanceof Error ? error.message : 'Could not load the selected images.' })
    }
  }
  return (
    <>
      {BULK_ACTIONS.map((action) => (
        <button key={action.label} type="button" className="btn" onClick={() => void apply(action)}>
          {action.label}
        </button>
      ))}
    </>
  )
}
