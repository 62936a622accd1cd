import { useId, useState } from 'react'
import type { ProjectImage } from '../../../dialects/project-types'
import { keyHint } from '../../../ui/key-layer'
import { TipButton } from '../../../ui/tooltip'
import type { PendingVerdict } from '../feedback'
import { formatQuality, formatSeconds, REVIEW_STATUS_LABELS, VERDICT_LABELS } from '../format'
import { AUTO_ADVANCE_KEYS, type ReviewAction } from './review-keys'
import { StatusBadge } from './status-badge'

/** A button's key, drawn after its label (the button says it in `aria-keyshortcuts`). */
export function ButtonKey({ keys }: { keys: readonly string[] }) {
  return (
    <kbd className="rounded border border-neutral-600 px-1 font-mono text-xs text-neutral-300">
      {keyHint(keys).shortcut}
    </kbd>
  )
}

/** The verdict group: a button for each review action that has one, with its key. */
export function VerdictButtons({ actions, disabled }: { actions: readonly ReviewAction[]; disabled: boolean }) {
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Verdict">
      {actions.map(({ button, keys, run }) => {
        if (!button) return null
        return (
          <button
            key={button.label}
            type="button"
            disabled={disabled}
            className={`btn-dark gap-2 px-3 text-sm ${button.active ? 'border-indigo-400 bg-indigo-900' : ''}`}
            aria-pressed={button.pressed}
            aria-keyshortcuts={keyHint(keys).keys}
            onClick={() => run(keys[0] ?? '')}
          >
            {button.label}
            <ButtonKey keys={keys} />
          </button>
        )
      })}
    </div>
  )
}

/** Saving, or waiting to be sent again, when any of `fields` is pending. */
function saving(pending: PendingVerdict | undefined, fields: readonly (keyof PendingVerdict)[]): string {
  if (!pending || !fields.some((field) => pending[field] !== undefined)) return ''
  return pending.retrying ? ' · not saved yet, retrying' : ' · saving…'
}

const STATUS_TONES = {
  approved: 'border-emerald-400 text-emerald-200',
  needs_retouch: 'border-amber-400 text-amber-200',
} as const

/**
 * The image's review as the user sees it, each part with its saving state: the review status
 * (approved, needs retouch) and the verdict; then what the last key could not do.
 */
export function ReviewState({
  image,
  pending,
  note,
}: {
  image: ProjectImage
  pending: PendingVerdict | undefined
  note: string | null
}) {
  const status = image.reviewStatus
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-1 text-sm">
      <p data-testid="review-status">
        <span
          className={`rounded border px-1.5 py-0.5 text-xs font-semibold ${status ? STATUS_TONES[status] : 'border-neutral-600 text-neutral-300'}`}
        >
          {status ? REVIEW_STATUS_LABELS[status] : 'No review status'}
        </span>
        {saving(pending, ['reviewStatus', 'annotations'])}
      </p>
      <p data-testid="review-verdict">
        {image.verdict ? VERDICT_LABELS[image.verdict] : 'No verdict yet'}
        {saving(pending, ['verdict', 'comment'])}
      </p>
      {note && <p data-testid="review-note">{note}</p>}
    </div>
  )
}

export function CommentForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: string
  onSave: (text: string) => void
  onCancel: () => void
}) {
  const id = useId()
  const [text, setText] = useState(initial)
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        onSave(text)
      }}
    >
      <label htmlFor={id} className="text-xs font-semibold tracking-wide text-neutral-300 uppercase">
        Comment
      </label>
      <textarea
        id={id}
        // note: opened by a key press on purpose, so the field takes focus at once.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        rows={3}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault()
            onSave(text)
          }
        }}
        className="rounded-md border border-neutral-600 bg-neutral-900 p-2 text-sm text-neutral-100 focus-visible:outline-2 focus-visible:outline-indigo-400"
      />
      <div className="flex gap-2">
        <button type="submit" className="btn-dark px-3 text-sm">
          Save comment
        </button>
        <button type="button" className="btn-dark px-3 text-sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="text-xs text-neutral-300">Enter saves, Shift+Enter starts a new line, Esc cancels.</p>
    </form>
  )
}

export function Metadata({ image }: { image: ProjectImage }) {
  const rows: [string, React.ReactNode][] = [
    ['Filename', image.name],
    ['Status', <StatusBadge key="s" status={image.status} />],
    ['Quality', formatQuality(image.quality)],
    ['Processing time', formatSeconds(image.processingTime)],
    ...Object.entries(image.inputDescription).map(([k, v]) => [`Input: ${k}`, v] as [string, string]),
    ['Comment', image.comment ?? '—'],
    ['Job', `${image.jobId} · image ${image.imageIndex} · group ${image.groupIndex} · v${image.version}`],
  ]
  return (
    <>
      {image.error && (
        <p className="rounded bg-red-950 px-3 py-2 text-sm text-red-200" data-testid="review-error">
          {image.error}
        </p>
      )}
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-neutral-300">{label}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}

/** The image's inputs, small, under its output. */
export function InputStrip({ image }: { image: ProjectImage }) {
  if (image.inputs.length === 0) return null
  return (
    <section aria-label="Inputs">
      <h2 className="mb-1 text-xs font-semibold tracking-wide text-neutral-300 uppercase">Inputs</h2>
      <ul className="flex flex-wrap gap-2">
        {image.inputs.map((input, n) => (
          <li key={input.url ?? n}>
            {input.thumbnailUrl && (
              <img
                src={input.thumbnailUrl}
                alt={`Input ${n + 1}${n === 0 ? ' (primary)' : ''} of ${image.name}`}
                className="h-28 w-28 rounded object-cover"
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The switch for moving on by itself after each verdict or status. */
export function AutoAdvanceButton({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <TipButton
      label="Auto-advance"
      tip="Move on to the next image not reviewed after each verdict"
      {...keyHint(AUTO_ADVANCE_KEYS)}
      className={`btn-dark gap-2 px-3 text-sm ${on ? 'border-indigo-400 bg-indigo-900' : ''}`}
      aria-pressed={on}
      onClick={() => onChange(!on)}
    >
      {/* The switch's state, drawn: filled when on (aria-pressed says it in words). */}
      <span
        aria-hidden="true"
        className={`h-2.5 w-2.5 rounded-full border ${on ? 'border-indigo-200 bg-indigo-200' : 'border-neutral-400'}`}
      />
      Auto-advance
    </TipButton>
  )
}
