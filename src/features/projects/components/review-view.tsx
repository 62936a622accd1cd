import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { getRouteApi, useRouter } from '@tanstack/react-router'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ProjectImage, ReviewFields, ReviewStatus, Verdict } from '../../../dialects/project-types'
import { useKeyLayer } from '../../../ui/key-layer'
import { OverlayModal, StepButtons, StepStatus } from '../../../ui/overlay/overlay-modal'
import { useListOverlay } from '../../../ui/overlay/use-list-overlay'
import { useDocumentTitle } from '../../../ui/use-document-title'
import { useStoredFlag } from '../../../ui/use-stored-flag'
import { zoomBindings } from '../../../ui/zoom-keys'
import { useZoom } from '../../../ui/zoomable-image'
import { useClaim } from '../claims'
import { effectiveImage, giveVerdict } from '../feedback'
import { formatNumber } from '../format'
import { requestFocusOnReturn, useFindImage, useProjectBrowser, useProjectPending } from '../project-browser-context'
import { ClaimPanel } from './claim-panel'
import { CompareView } from './compare/compare-view'
import { compareOf, withCompare, withoutCompare, type CompareSet } from './compare/compare-search'
import { versionsOf, type Versions } from './compare/versions'
import { AnnotationPanel } from './annotations/annotation-panel'
import { useAnnotationEditor } from './annotations/use-annotation-editor'
import { projectQueries } from '../queries'
import { rememberReviewPlace, reviewCounts, upcomingToReview } from '../review-queue'
import { useNextToReview } from '../use-next-to-review'
import { Compare } from './review-compare'
import { BACK_KEYS, ON_KEYS, REVIEW_ZOOM_KEYS, reviewActions } from './review-keys'
import { ReviewProgress } from './review-progress'
import { AutoAdvanceButton, CommentForm, InputStrip, Metadata, ReviewState, VerdictButtons } from './review-parts'

/** Whether the review moves on by itself after a verdict or a status, kept in this browser. */
const AUTO_ADVANCE_KEY = 'vitrine.review.autoAdvance'
/** Images fetched ahead of the one shown, along the way the review moves on. */
const PRELOAD_AHEAD = 3

const route = getRouteApi('/$source/projects/$projectId/$imageKey')

/** Review of one generated image over its project's grid: compare, judge, move on. */
export function ReviewView() {
  const { source } = route.useRouteContext()
  const { imageKey, projectId } = route.useParams()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const router = useRouter()
  const client = useQueryClient()
  const browser = useProjectBrowser()
  const [commenting, setCommenting] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const [autoAdvance, setAutoAdvance] = useStoredFlag(AUTO_ADVANCE_KEY, true)
  // Needs retouch opens the annotation tools, to say what needs it; closing them (Done, E or Esc)
  // moves on as any other verdict does.
  const [retouching, setRetouching] = useState<string | null>(null)
  const { data: project } = useSuspenseQuery(projectQueries.info(source, projectId))
  const list = browser?.list
  const compare = route.useSearch({ select: compareOf })
  // Compare's keys run ahead of the review's while it is open (see CompareView).
  const compareKeys = useRef<((e: KeyboardEvent | React.KeyboardEvent) => void) | null>(null)
  const takeCompareKeys = useCallback((handler: typeof compareKeys.current) => {
    compareKeys.current = handler
  }, [])
  const pendingAll = useProjectPending()
  /** The next images not reviewed after `from`, nearest first: where N and auto-advance go. */
  const toReviewAfter = (from: number, n: number) => (list ? upcomingToReview(list, pendingAll, from, n) : [])

  const overlay = useListOverlay<ProjectImage>({
    openKey: imageKey,
    list,
    show: (target) => {
      // The annotation tools start closed on every image (the editor resets per image).
      setCommenting(false)
      setRetouching(null)
      setNote(null)
      void navigate({
        to: '/$source/projects/$projectId/$imageKey',
        params: { source: source.id, projectId, imageKey: target.key },
        search: true,
        replace: true,
        state: (prev) => prev,
      })
    },
    keyOf: (image) => image.key,
    reveal: (index) => browser?.reveal(index),
    leave: () =>
      void navigate({
        to: '/$source/projects/$projectId',
        params: { source: source.id, projectId },
        search: (prev) => withoutCompare(prev),
        replace: true,
      }),
    focusTile: (key) => browser?.focusImage(key),
    warmUrl: (neighbour) => neighbour.outputUrl,
    // Along the way the review moves: to the images not reviewed, or one by one.
    ahead: (at) =>
      autoAdvance ? toReviewAfter(at, PRELOAD_AHEAD) : Array.from({ length: PRELOAD_AHEAD }, (_, n) => at + 1 + n),
  })
  const { index } = overlay
  const stored = index >= 0 ? list?.itemAt(index) : undefined
  const pending = stored ? pendingAll.get(stored.key) : undefined
  const image = stored ? effectiveImage(stored, pending) : undefined
  const count = list?.count ?? 0
  // Said only once the list is loaded and the image was looked for in its other pages too.
  const finding = useFindImage(browser, imageKey)
  const absent = list !== undefined && !list.initialLoading && !finding

  const close = () => {
    const opened = router.state.location.state as { fromGallery?: boolean }
    if (opened.fromGallery) requestFocusOnReturn(overlay.key)
    overlay.close()
    browser?.focusImage(overlay.key)
  }
  // Where the user stopped in this project: the "Resume reviewing" entry opens here.
  const shownKey = index >= 0 ? overlay.key : null
  useEffect(() => {
    if (shownKey) rememberReviewPlace(`${source.id}/${projectId}`, shownKey)
  }, [shownKey, source.id, projectId])

  const nextUnreviewed = useNextToReview({
    list,
    pending: pendingAll,
    index,
    imageKey: overlay.key,
    step: overlay.step,
    say: setNote,
  })
  /** After a verdict or a status: on to the next image not reviewed, unless off or the user is typing. */
  const moveOn = () => {
    if (autoAdvance && !commenting) nextUnreviewed()
  }
  const annotations = useAnnotationEditor(source.id, image, () => {
    if (retouching === null || retouching !== stored?.key) return
    setRetouching(null)
    moveOn()
  })
  // Only an output can be judged: a pending, processing or failed image has none yet.
  const cannotJudge = (): boolean => {
    if (!stored || stored.outputUrl) return false
    setNote(`Nothing to judge yet: this image is ${stored.status}.`)
    return true
  }
  /** Sends review fields of the image shown; false when it has nothing to judge. */
  const give = (change: Partial<ReviewFields>): boolean => {
    if (!stored || cannotJudge()) return false
    giveVerdict(client, {
      sourceId: source.id,
      key: stored.key,
      name: stored.name,
      change: { jobId: stored.jobId, imageIndex: stored.imageIndex, groupIndex: stored.groupIndex, ...change },
    })
    return true
  }
  const judge = (given: Verdict | null) => {
    if (give({ verdict: given }) && given !== null) moveOn()
  }
  const review = (status: ReviewStatus) => {
    if (give({ reviewStatus: status })) moveOn()
  }
  // Taking a status away is no verdict: the review stays on the image (and a retouch's
  // annotation tools, closed, no longer move on).
  const clearStatus = () => {
    if (cannotJudge()) return
    if (image?.reviewStatus === null) setNote('This image has no review status to clear.')
    else if (give({ reviewStatus: null })) setRetouching(null)
  }
  const claim = useClaim(source.id, image, pending)
  const onRetouch = () => {
    if (!stored?.outputUrl) return moveOn()
    setRetouching(stored.key)
    annotations.open()
  }

  const setCompare = (set: CompareSet | null) =>
    void navigate({
      to: '/$source/projects/$projectId/$imageKey',
      params: { source: source.id, projectId, imageKey: overlay.key },
      search: (prev) => withCompare(prev, set),
      replace: true,
      state: (prev) => prev,
    })
  const toggleCompare = () => {
    if (compare) setCompare(null)
    else if (image) setCompare(image.inputs.some((input) => input.url) ? 'inputs' : 'versions')
  }

  const verdict = image?.verdict ?? null
  const actions = reviewActions({
    verdict,
    reviewStatus: image?.reviewStatus ?? null,
    commenting,
    autoAdvance,
    judge,
    review,
    clearStatus,
    retouch: () => {
      if (give({ reviewStatus: 'needs_retouch' })) onRetouch()
    },
    comment: () => {
      if (!cannotJudge()) setCommenting(true)
    },
    toggleClaim: () => {
      const why = claim.toggle()
      if (why) setNote(why)
    },
    toggleCompare,
    annotating: annotations.isOpen,
    annotate: () => {
      if (!cannotJudge()) annotations.toggle()
    },
    // Esc ends what is being edited first (the comment, then the drawing), then closes the view.
    escape: () => {
      if (commenting) setCommenting(false)
      else if (!annotations.escape()) close()
    },
    step: overlay.step,
    nextUnreviewed,
    toggleAutoAdvance: () => setAutoAdvance(!autoAdvance),
  })
  // The output's zoom, starting at "fit" on each image; compare has its own (and its own keys).
  const zoom = useZoom(image?.key ?? '', null)
  const zoomShown = !compare && Boolean(image?.outputUrl)
  // The zoom's arrows come first: zoomed in they pan, else they pass on to step.
  const reviewKey = useKeyLayer('Review', zoomShown ? [...zoomBindings(zoom, REVIEW_ZOOM_KEYS), ...actions] : actions)
  const onKey = (e: KeyboardEvent | React.KeyboardEvent) => {
    if (!commenting) compareKeys.current?.(e)
    reviewKey(e)
  }
  useDocumentTitle([image?.name ?? 'Review', source.name])

  const judgeable = Boolean(image?.outputUrl)
  /** The versions as the review shows them: with the writes still on their way (their annotations). */
  const shownVersions = (versions: Versions): Versions => ({
    ...versions,
    images: versions.images.map((v) => effectiveImage(v, pendingAll.get(v.key))),
  })
  return (
    <OverlayModal
      overlay={{ ...overlay, close }}
      onKey={onKey}
      title={image?.name ?? (absent ? 'Image not in this list' : 'Loading…')}
      position={
        index >= 0 && (
          <span data-testid="review-position">
            {formatNumber(index + 1)} of {formatNumber(count)}
          </span>
        )
      }
      closeLabel="Close review"
      closeTip="Back to the grid"
      toolbar={
        <>
          <StepButtons overlay={overlay} noun="image" backKeys={BACK_KEYS} onKeys={ON_KEYS} />
          <button type="button" className="btn-dark px-3 text-sm" onClick={nextUnreviewed} aria-keyshortcuts="N">
            Next not reviewed
          </button>
          <AutoAdvanceButton on={autoAdvance} onChange={setAutoAdvance} />
        </>
      }
    >
      {list && browser && (
        <div className="border-b border-neutral-800 px-3 py-1.5 sm:px-4">
          <ReviewProgress
            list={list}
            counts={reviewCounts(list, pendingAll)}
            project={project}
            filtered={Object.keys(search).length > 0}
            compact
          />
        </div>
      )}
      {!image ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
          <p role="status">{absent ? 'This image is not among the images shown for these filters.' : 'Loading…'}</p>
          <button type="button" className="btn-dark px-3" onClick={close}>
            Back to the project
          </button>
        </div>
      ) : (
        <div className="flex min-h-0 flex-1 flex-col overflow-y-auto lg:flex-row lg:overflow-hidden">
          {/* Narrower, the two stack and scroll as one: neither may shrink under its content. */}
          <div className="flex flex-none flex-col gap-3 p-3 lg:min-h-0 lg:flex-1 lg:overflow-y-auto">
            {compare && list ? (
              <CompareView
                image={image}
                set={compare}
                versions={shownVersions(versionsOf(list, image, browser?.versionScope))}
                onSet={setCompare}
                onLeave={() => setCompare(null)}
                onKeys={takeCompareKeys}
              />
            ) : (
              <>
                <button
                  type="button"
                  className="btn-dark gap-2 self-end px-3 text-sm"
                  aria-keyshortcuts="C"
                  onClick={toggleCompare}
                >
                  Compare inputs or versions
                  <kbd className="rounded border border-neutral-600 px-1 font-mono text-xs text-neutral-300">C</kbd>
                </button>
                <Compare key={image.key} image={image} annotations={annotations} zoom={zoom} />
              </>
            )}
            {!compare && <InputStrip image={image} />}
          </div>
          <aside
            aria-label="Review"
            className="flex w-full shrink-0 flex-col gap-4 border-t border-neutral-800 p-4 lg:w-96 lg:overflow-y-auto lg:border-t-0 lg:border-l"
          >
            <VerdictButtons actions={actions} disabled={!judgeable} />
            {!judgeable && (
              <p className="text-sm text-neutral-300" data-testid="review-not-judgeable">
                Verdicts open once the image has an output; it is {image.status}.
              </p>
            )}
            <ReviewState image={image} pending={pending} note={note} />
            <ClaimPanel sourceId={source.id} image={image} pending={pending} claim={claim} />
            {commenting && (
              <CommentForm
                initial={image.comment ?? ''}
                onSave={(text) => {
                  give({ comment: text.trim() === '' ? null : text.trim() })
                  setCommenting(false)
                }}
                onCancel={() => setCommenting(false)}
              />
            )}
            <AnnotationPanel editor={annotations} />
            <Metadata image={image} />
          </aside>
        </div>
      )}
      <StepStatus overlay={overlay} noun="image" />
    </OverlayModal>
  )
}
