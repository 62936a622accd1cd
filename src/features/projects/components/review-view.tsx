import { useQueryClient } from '@tanstack/react-query'
import { getRouteApi, useRouter } from '@tanstack/react-router'
import { useEffect, useId, useRef, useState } from 'react'
import type { ProjectImage, Verdict } from '../../../dialects/project-types'
import { Modal, ModalHeader } from '../../../ui/dialog'
import { ShortcutsButton, useShortcuts, type Shortcut } from '../../../ui/shortcuts'
import { TipButton } from '../../../ui/tooltip'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { effectiveImage, giveVerdict } from '../feedback'
import { formatNumber, formatQuality, formatSeconds, VERDICT_LABELS } from '../format'
import { requestFocusOnReturn, useProjectBrowser } from '../project-browser-context'
import { StatusBadge } from './status-badge'

const route = getRouteApi('/$source/projects/$projectId/$imageKey')

const REVIEW_KEYS: readonly Shortcut[] = [
  { keys: [['L']], description: 'Like' },
  { keys: [['D']], description: 'Dislike' },
  { keys: [['0']], description: 'Clear the verdict' },
  { keys: [['C']], description: 'Comment (Enter saves, Esc cancels)' },
  { keys: [['→'], ['J']], description: 'Next image' },
  { keys: [['←'], ['K']], description: 'Previous image' },
  { keys: [['N']], description: 'Next image with an output and without a verdict' },
  { keys: [['Esc']], description: 'Back to the grid, on this image' },
  { keys: [['?']], description: 'Show keyboard shortcuts' },
]

/** Review of one generated image over its project's grid: compare, judge, move on. */
export function ReviewView() {
  const { source } = route.useRouteContext()
  const { imageKey, projectId } = route.useParams()
  const navigate = route.useNavigate()
  const router = useRouter()
  const client = useQueryClient()
  const browser = useProjectBrowser()
  const [commenting, setCommenting] = useState(false)
  const [note, setNote] = useState<string | null>(null)

  const list = browser?.list
  const index = list ? list.indexOf(imageKey) : -1
  const stored = index >= 0 ? list?.itemAt(index) : undefined
  const image = stored ? effectiveImage(stored, browser?.pending.get(stored.key)) : undefined
  const pending = stored ? browser?.pending.get(stored.key) : undefined
  const count = list?.count ?? 0

  useShortcuts('Review', REVIEW_KEYS)
  useDocumentTitle([image?.name ?? 'Review', source.name])

  const goTo = (target: ProjectImage) => {
    setCommenting(false)
    setNote(null)
    void navigate({
      to: '/$source/projects/$projectId/$imageKey',
      params: { source: source.id, projectId, imageKey: target.key },
      search: true,
      replace: true,
      state: (prev) => prev,
    })
  }
  const step = (delta: number) => {
    if (!list || index < 0) return
    const next = list.itemAt(index + delta)
    if (next) goTo(next)
  }
  const nextUnreviewed = () => {
    if (!list || !browser || index < 0) return
    for (let offset = 1; offset < count; offset++) {
      const i = (index + offset) % count
      const candidate = list.itemAt(i)
      if (!candidate) continue
      const unjudged = effectiveImage(candidate, browser.pending.get(candidate.key)).verdict === null
      if (unjudged && candidate.outputUrl) return goTo(candidate)
    }
    setNote('Every image with an output here has a verdict.')
  }
  // Only an output can be judged: a pending, processing or failed image has none yet.
  const cannotJudge = (): boolean => {
    if (!stored || stored.outputUrl) return false
    setNote(`Nothing to judge yet: this image is ${stored.status}.`)
    return true
  }
  const judge = (verdict: Verdict | null, comment?: string | null) => {
    if (!stored || cannotJudge()) return
    giveVerdict(client, {
      sourceId: source.id,
      key: stored.key,
      name: stored.name,
      change: {
        jobId: stored.jobId,
        imageIndex: stored.imageIndex,
        groupIndex: stored.groupIndex,
        verdict,
        ...(comment !== undefined && { comment }),
      },
    })
  }

  const close = () => {
    const opened = router.state.location.state as { fromGrid?: boolean; fromGallery?: boolean }
    if (opened.fromGallery) requestFocusOnReturn(shownKey.current)
    if (opened.fromGrid) router.history.back()
    else
      void navigate({
        to: '/$source/projects/$projectId',
        params: { source: source.id, projectId },
        search: true,
        replace: true,
      })
    browser?.focusImage(imageKey)
  }
  // Whatever closes the review (Esc, the button, Back), focus lands on its image in the grid.
  const shownKey = useRef(imageKey)
  useEffect(() => {
    shownKey.current = imageKey
  }, [imageKey])

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return
    if ((e.target as HTMLElement).closest('input, textarea, select')) return
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
    if (key === 'ArrowRight' || key === 'j') step(1)
    else if (key === 'ArrowLeft' || key === 'k') step(-1)
    else if (key === 'l') judge('like')
    else if (key === 'd') judge('dislike')
    else if (key === '0') judge(null)
    else if (key === 'n') nextUnreviewed()
    else if (key === 'c') {
      if (!cannotJudge()) setCommenting(true)
    } else return
    e.preventDefault()
  }

  // Warm the neighbours' outputs so stepping shows them at once.
  const prev = index > 0 ? list?.itemAt(index - 1) : undefined
  const next = index >= 0 ? list?.itemAt(index + 1) : undefined
  useEffect(() => {
    for (const neighbour of [next, prev]) if (neighbour?.outputUrl) new Image().src = neighbour.outputUrl
  }, [next, prev])

  const verdict = image?.verdict ?? null
  const judgeable = Boolean(image?.outputUrl)
  return (
    <Modal
      onClose={close}
      onKeyDown={onKeyDown}
      onEscapeKeyDown={(e) => {
        if (!commenting) return
        e.preventDefault()
        setCommenting(false)
      }}
      onCloseAutoFocus={(event) => {
        event.preventDefault()
        browser?.focusImage(shownKey.current)
      }}
      className="fixed inset-0 z-40 flex flex-col bg-neutral-950 text-neutral-100 outline-none"
    >
      <ModalHeader
        title={image?.name ?? (list && !list.initialLoading ? 'Image not in this list' : 'Loading…')}
        position={
          index >= 0 && (
            <span data-testid="review-position">
              {formatNumber(index + 1)} of {formatNumber(count)}
            </span>
          )
        }
        close={
          <TipButton label="Close review" tip="Back to the grid" shortcut="Esc" keys="Escape" onClick={close}>
            ✕
          </TipButton>
        }
      >
        <ShortcutsButton className="btn-dark hidden px-3 text-sm sm:inline-flex" />
        <TipButton
          label="Previous image"
          shortcut="← K"
          keys="ArrowLeft K"
          onClick={() => step(-1)}
          disabled={index <= 0}
        >
          ←
        </TipButton>
        <TipButton
          label="Next image"
          shortcut="→ J"
          keys="ArrowRight J"
          onClick={() => step(1)}
          disabled={index < 0 || index >= count - 1}
        >
          →
        </TipButton>
        <button type="button" className="btn-dark px-3 text-sm" onClick={nextUnreviewed} aria-keyshortcuts="N">
          Next without verdict
        </button>
      </ModalHeader>
      {!image ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
          <p role="status">
            {list && !list.initialLoading ? 'This image is not among the images shown for these filters.' : 'Loading…'}
          </p>
          <button type="button" className="btn-dark px-3" onClick={close}>
            Back to the project
          </button>
        </div>
      ) : (
        <div className="flex min-h-0 flex-1 flex-col overflow-y-auto lg:flex-row lg:overflow-hidden">
          {/* Narrower, the two stack and scroll as one: neither may shrink under its content. */}
          <div className="flex flex-none flex-col gap-3 p-3 lg:min-h-0 lg:flex-1 lg:overflow-y-auto">
            <Compare key={image.key} image={image} />
            {image.inputs.length > 0 && (
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
            )}
          </div>
          <aside
            aria-label="Review"
            className="flex w-full shrink-0 flex-col gap-4 border-t border-neutral-800 p-4 lg:w-96 lg:overflow-y-auto lg:border-t-0 lg:border-l"
          >
            <div className="flex flex-wrap gap-2" role="group" aria-label="Verdict">
              <VerdictButton
                label="Like"
                keyName="L"
                active={verdict === 'like'}
                disabled={!judgeable}
                onClick={() => judge('like')}
              />
              <VerdictButton
                label="Dislike"
                keyName="D"
                active={verdict === 'dislike'}
                disabled={!judgeable}
                onClick={() => judge('dislike')}
              />
              <VerdictButton
                label="Clear"
                keyName="0"
                active={false}
                disabled={!judgeable}
                onClick={() => judge(null)}
              />
              <VerdictButton
                label="Comment"
                keyName="C"
                active={commenting}
                disabled={!judgeable}
                onClick={() => setCommenting(true)}
              />
            </div>
            {!judgeable && (
              <p className="text-sm text-neutral-300" data-testid="review-not-judgeable">
                Verdicts open once the image has an output; it is {image.status}.
              </p>
            )}
            <p role="status" aria-live="polite" className="text-sm" data-testid="review-verdict">
              {verdict ? VERDICT_LABELS[verdict] : 'No verdict yet'}
              {pending && (pending.retrying ? ' · not saved yet, retrying' : ' · saving…')}
              {note && ` · ${note}`}
            </p>
            {commenting && (
              <CommentForm
                initial={image.comment ?? ''}
                onSave={(text) => {
                  judge(verdict, text.trim() === '' ? null : text.trim())
                  setCommenting(false)
                }}
                onCancel={() => setCommenting(false)}
              />
            )}
            <Metadata image={image} />
          </aside>
        </div>
      )}
    </Modal>
  )
}

function VerdictButton({
  label,
  keyName,
  active,
  disabled,
  onClick,
}: {
  label: string
  keyName: string
  active: boolean
  disabled: boolean
  onClick: () => void
}) {
  return (
    <button
      type="button"
      disabled={disabled}
      className={`btn-dark gap-2 px-3 text-sm ${active ? 'border-indigo-400 bg-indigo-900' : ''}`}
      aria-pressed={label === 'Clear' || label === 'Comment' ? undefined : active}
      aria-keyshortcuts={keyName}
      onClick={onClick}
    >
      {label}
      <kbd className="rounded border border-neutral-600 px-1 font-mono text-xs text-neutral-300">{keyName}</kbd>
    </button>
  )
}

function CommentForm({
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

/**
 * The output over its primary input, split by a divider: left of the line is the input. The
 * divider is a handle on the image: drag anywhere on the image (mouse, pen or a horizontal swipe)
 * to move it, or focus the handle and use its own keys (←/→, Home/End). Only those keys stop
 * there; L, D and every other review key still reach the review.
 */
function Compare({ image }: { image: ProjectImage }) {
  const [split, setSplit] = useState(50)
  const dragging = useRef(false)
  const before = image.inputs[0]?.url ?? null
  const after = image.outputUrl
  if (!after) {
    return (
      <div className="flex flex-col items-center gap-2">
        {before && (
          <img src={before} alt={`Primary input of ${image.name}`} className="max-h-[60vh] rounded object-contain" />
        )}
        <p className="text-sm text-neutral-300">No output yet: this image is {image.status}.</p>
      </div>
    )
  }
  const splitAt = (e: React.PointerEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect()
    if (box.width > 0) setSplit(Math.round(Math.min(100, Math.max(0, ((e.clientX - box.left) / box.width) * 100))))
  }
  const onHandleKey = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 10 : 2
    const next =
      e.key === 'ArrowLeft'
        ? split - step
        : e.key === 'ArrowRight'
          ? split + step
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? 100
              : undefined
    if (next === undefined) return
    e.preventDefault()
    e.stopPropagation()
    setSplit(Math.min(100, Math.max(0, next)))
  }
  return (
    <div className="flex flex-col items-center gap-2">
      <div
        className="relative aspect-square w-full max-w-[min(70vh,100%)] touch-pan-y overflow-hidden rounded bg-neutral-900 select-none"
        data-testid="compare"
        onPointerDown={(e) => {
          if (!before || e.button !== 0) return
          dragging.current = true
          e.currentTarget.setPointerCapture(e.pointerId)
          splitAt(e)
        }}
        onPointerMove={(e) => dragging.current && splitAt(e)}
        onPointerUp={() => (dragging.current = false)}
        onPointerCancel={() => (dragging.current = false)}
      >
        <img
          src={after}
          alt={`Output: ${image.name}`}
          draggable={false}
          className="absolute inset-0 h-full w-full object-contain"
        />
        {before && (
          <>
            <img
              src={before}
              alt=""
              aria-hidden="true"
              draggable={false}
              className="absolute inset-0 h-full w-full object-contain"
              style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
            />
            <div
              role="slider"
              tabIndex={0}
              aria-label="Before / after"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={split}
              aria-valuetext={`${split}% input, ${100 - split}% output`}
              aria-keyshortcuts="ArrowLeft ArrowRight Home End"
              onKeyDown={onHandleKey}
              className="absolute inset-y-0 -ml-3 flex w-6 cursor-ew-resize justify-center focus-visible:outline-2 focus-visible:outline-indigo-400"
              style={{ left: `${split}%` }}
            >
              <span aria-hidden="true" className="h-full w-0.5 bg-white shadow" />
              <span
                aria-hidden="true"
                className="absolute top-1/2 h-8 w-5 -translate-y-1/2 rounded-full border-2 border-white bg-neutral-900/70 shadow"
              />
            </div>
          </>
        )}
      </div>
      {before && (
        <p className="text-xs text-neutral-300">
          Left of the line: the input; right: the output. Drag on the image or use the handle’s arrow keys.
        </p>
      )}
    </div>
  )
}

function Metadata({ image }: { image: ProjectImage }) {
  const rows: [string, React.ReactNode][] = [
    ['Filename', image.name],
    ['Status', <StatusBadge key="s" status={image.status} />],
    ['Quality', formatQuality(image.quality)],
    ['Processing time', formatSeconds(image.processingTime)],
    ...Object.entries(image.inputDescription).map(([k, v]) => [`Input: ${k}`, v] as [string, string]),
    ['Comment', image.comment ?? '—'],
    ['Review status', image.reviewStatus ?? '—'],
    ['Job', `${image.jobId} · image ${image.imageIndex} · group ${image.groupIndex} · v${image.version}`],
  ]
  if (image.reviewAnnotations) rows.push(['Annotations', JSON.stringify(image.reviewAnnotations)])
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
