import { useId, useState } from 'react'
import type { ProjectImage } from '../../../dialects/project-types'
import { keyHint } from '../../../ui/key-layer'
import { formatQuality, formatSeconds, REVIEW_STATUS_LABELS } from '../format'
import type { ReviewAction } from './review-keys'
import { StatusBadge } from './status-badge'

/** The verdict group: a button for each review action that has one, with its key. */
export function VerdictButtons({ actions, disabled }: { actions: readonly ReviewAction[]; disabled: boolean }) {
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Verdict">
      {actions.map(({ button, keys, run }) => {
        if (!button) return null
        const hint = keyHint(keys)
        return (
          <button
            key={button.label}
            type="button"
            disabled={disabled}
            className={`btn-dark gap-2 px-3 text-sm ${button.active ? 'border-indigo-400 bg-indigo-900' : ''}`}
            aria-pressed={button.pressed}
            aria-keyshortcuts={hint.keys}
            onClick={() => run(keys[0] ?? '')}
          >
            {button.label}
            <kbd className="rounded border border-neutral-600 px-1 font-mono text-xs text-neutral-300">
              {hint.shortcut}
            </kbd>
          </button>
        )
      })}
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
    ['Review status', image.reviewStatus ? REVIEW_STATUS_LABELS[image.reviewStatus] : '—'],
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
