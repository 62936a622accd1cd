// Review writes that are never lost: verdicts (any review field) and retouch claims. Each write
// is one TanStack Query mutation under FEEDBACK_KEY: shown at once (tiles read pending writes from
// the mutation cache), sent, and
// retried with backoff while the network or server fails. Pending ones are persisted in the
// browser (see persist.ts) and resumed after a reload, because the mutation function is
// registered here by key rather than passed by the component that started it. A 4xx ends
// the mutation in error (a claim someone else holds is a 409): the tile falls back to the
// server's value and a message says so, in the server's words.

import { onlineManager, useMutationState, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useMemo, useSyncExternalStore } from 'react'
import { ApiError, isRetryable } from '../../dialects/http'
import { loadAdapter } from '../../dialects/sources'
import type {
  ImageRef,
  ProjectImage,
  RetouchClaim,
  ReviewFields,
  VerdictChange,
  VerdictResult,
} from '../../dialects/project-types'
import type { WindowPage } from '../../grid/list-window'
import type { SourceStore } from '../../sources/store'
import { learnClaimName, useClaimName } from './claim-name'
import { describeChange } from './format'

const FEEDBACK_KEY = ['piktid', 'feedback'] as const

export interface FeedbackVariables {
  sourceId: string
  /** The image's key (`job_id:image_index:group_index`). */
  key: string
  /** For messages: the image's filename. */
  name: string
  change: VerdictChange
}

/** Taking an image for retouch (`claim` true) or letting it go. */
export interface ClaimVariables {
  sourceId: string
  key: string
  name: string
  ref: ImageRef
  claim: boolean
}

/** One review write on one image, as stored with its mutation (and restored after a reload). */
type ReviewWrite = FeedbackVariables | ClaimVariables

const isClaim = (write: ReviewWrite): write is ClaimVariables =>
  typeof (write as Partial<ClaimVariables>).claim === 'boolean'

const RETRY_BASE_MS = 1000
const RETRY_MAX_MS = 15_000

async function sendWrite(sources: SourceStore, write: ReviewWrite): Promise<VerdictResult> {
  const source = await sources.getLoaded(write.sourceId)
  if (!source) throw new ApiError(`The source "${write.sourceId}" no longer exists.`, 404)
  const api = (await loadAdapter(source)).projects
  if (!api) throw new ApiError(`${source.name} does not take review verdicts.`, 400)
  if (!isClaim(write)) return api.sendVerdict(write.change)
  const result = await api.claim(write.ref, write.claim)
  // The holder the server names on the user's own claim is the user.
  if (write.claim && result.claim) learnClaimName(source, result.claim.by)
  return result
}

/** Registers how a review write is sent, so one restored from storage after a reload can resume. */
export function registerFeedbackMutations(client: QueryClient, sources: SourceStore): void {
  client.setMutationDefaults(FEEDBACK_KEY, {
    mutationFn: (write: ReviewWrite) => sendWrite(sources, write),
    // Until the server answers: a rejection (4xx) is final, anything else is tried again.
    retry: (_failures, error) => isRetryable(error),
    retryDelay: (failures) => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1)),
    networkMode: 'online',
    onSuccess: (result: VerdictResult, write: ReviewWrite) => stored.add(write.sourceId, { result, write }),
    // Someone else holds it: the pages holding the image are read again so it shows who.
    onError: (error: unknown, write: ReviewWrite) => {
      if (isClaim(write) && error instanceof ApiError && error.status === 409) refetchPagesOf(client, write)
    },
  })
  // A bulk verdict's answers arrive by the hundred in one task: the cached pages are patched once
  // for all of them, a task later, never once per answer inside the mutation's own success path.
  // Until then a stored write still shows as on its way (see usePendingVerdicts), so the image
  // never shows neither it nor its answer (an edit made in that moment would build on neither);
  // once patched, its mutation leaves the cache.
  const stored = batched<string, { result: VerdictResult; write: ReviewWrite }>((bySource) => {
    const patched = new Set<ReviewWrite>()
    for (const [sourceId, answers] of bySource) {
      patchCachedPages(
        client,
        sourceId,
        answers.map((answer) => answer.result),
      )
      for (const answer of answers) patched.add(answer.write)
    }
    const mutations = client.getMutationCache()
    for (const mutation of mutations.findAll({ mutationKey: FEEDBACK_KEY, status: 'success' }))
      if (patched.has(mutation.state.variables as ReviewWrite)) mutations.remove(mutation)
  })
}

/**
 * Collects values under a key and hands them over together once the current task is done, so a
 * burst of events becomes one update.
 */
function batched<K, V>(flush: (batch: ReadonlyMap<K, V[]>) => void): { add(key: K, value: V): void } {
  let queue = new Map<K, V[]>()
  return {
    add(key, value) {
      if (queue.size === 0) {
        setTimeout(() => {
          const batch = queue
          queue = new Map()
          flush(batch)
        }, 0)
      }
      const values = queue.get(key)
      if (values) values.push(value)
      else queue.set(key, [value])
    },
  }
}

/** Gives a verdict: one mutation per image, queued behind any earlier write on the same image. */
export function giveVerdict(client: QueryClient, variables: FeedbackVariables): void {
  write(client, variables)
}

/** Claims an image for retouch or releases it, queued behind any earlier write on the same image. */
export function giveClaim(client: QueryClient, variables: ClaimVariables): void {
  write(client, variables)
}

function write(client: QueryClient, variables: ReviewWrite): void {
  const mutation = client.getMutationCache().build(client, {
    mutationKey: FEEDBACK_KEY,
    // Writes on one image (verdicts and claims alike) land in the order given; different images
    // go in parallel.
    scope: { id: `feedback:${variables.sourceId}:${variables.key}` },
  })
  mutation.execute(variables).catch(() => {
    // note: the failure is shown from the mutation cache (useRejectedVerdicts), not here.
  })
}

/** Every cached page of the source's gallery and project lists shows the stored verdicts. */
function patchCachedPages(client: QueryClient, sourceId: string, results: readonly VerdictResult[]): void {
  const byKey = new Map(results.map((result) => [result.key, result]))
  // Keys start `sourceQueryKey('projects', source)`; this prefix of it covers every revision.
  client.setQueriesData<WindowPage<ProjectImage, number>>({ queryKey: ['projects', sourceId] }, (page) => {
    if (!page || !Array.isArray(page.items)) return page
    if (!page.items.some((item) => byKey.has(item.key))) return page
    return {
      ...page,
      items: page.items.map((item) => {
        const result = byKey.get(item.key)
        return result ? withResult(item, result) : item
      }),
    }
  })
}

/**
 * Reads again the cached pages that hold the image. note: fetched directly, since the list
 * window watches its pages with disabled observers, which invalidation does not refetch.
 */
function refetchPagesOf(client: QueryClient, { sourceId, key }: ReviewWrite): void {
  for (const query of client.getQueryCache().findAll({ queryKey: ['projects', sourceId] })) {
    const page = query.state.data as WindowPage<ProjectImage, number> | undefined
    if (Array.isArray(page?.items) && page.items.some((item) => item.key === key)) void query.fetch().catch(() => {})
  }
}

function withResult(item: ProjectImage, { key: _key, ...review }: VerdictResult): ProjectImage {
  return { ...item, ...review }
}

/** The review fields and claim given but not stored yet (each absent one is unchanged). */
export interface PendingVerdict extends Partial<ReviewFields> {
  /** A claim (the user's, since it was given) or a release on its way. */
  claim?: RetouchClaim | null
  /** The last attempt failed; it is being retried (or waits for the connection). */
  retrying: boolean
}

const REVIEW_FIELDS = ['verdict', 'comment', 'reviewStatus', 'annotations'] as const

/** The fields a change gives, without the image it is about. */
function givenFields(change: Partial<ReviewFields>): Partial<ReviewFields> {
  const given: Partial<ReviewFields> = {}
  for (const field of REVIEW_FIELDS) {
    if (change[field] !== undefined) Object.assign(given, { [field]: change[field] })
  }
  return given
}

/** What a pending write shows: the fields it gives, or the claim as it will be once it lands. */
function pendingFields(write: ReviewWrite, at: number, me: string | null): Omit<PendingVerdict, 'retrying'> {
  if (!isClaim(write)) return givenFields(write.change)
  return { claim: write.claim ? { by: me ?? 'you', at: new Date(at).toISOString() } : null }
}

/** The newest unsaved review fields and claim per image key, for the source: what tiles show until they land. */
export function usePendingVerdicts(sourceId: string): ReadonlyMap<string, PendingVerdict> {
  const me = useClaimName(sourceId)
  const pending = useMutationState({
    // Stored ones too, until their answer is in the cached pages (see registerFeedbackMutations).
    filters: {
      mutationKey: FEEDBACK_KEY,
      predicate: (m) => m.state.status === 'pending' || m.state.status === 'success',
    },
    select: (m) => ({
      variables: m.state.variables as ReviewWrite | undefined,
      at: m.state.submittedAt,
      retrying: m.state.failureCount > 0 || m.state.isPaused,
    }),
  })
  return useMemo(() => {
    const map = new Map<string, PendingVerdict>()
    const mine = pending.filter((p) => p.variables?.sourceId === sourceId).sort((a, b) => a.at - b.at)
    for (const p of mine) {
      const v = p.variables as ReviewWrite
      const before = map.get(v.key)
      map.set(v.key, { ...before, ...pendingFields(v, p.at, me), retrying: p.retrying || (before?.retrying ?? false) })
    }
    return map
  }, [pending, sourceId, me])
}

/** An image as the user sees it: the pending writes, if any, over the server's. */
export function effectiveImage(image: ProjectImage, pending: PendingVerdict | undefined): ProjectImage {
  if (!pending) return image
  const { retrying: _retrying, claim, ...given } = pending
  return { ...image, ...givenFields(given), ...(claim !== undefined && { claim }) }
}

export interface RejectedVerdict {
  id: number
  /** The image's key and filename. */
  key: string
  name: string
  /** A claim or release, rather than a review field. */
  claim: boolean
  /** What the refused write gave, in words: "like", "claim for retouch", … */
  what: string
  message: string
}

/** Review writes the server refused (4xx), already rolled back; dismissing one forgets it. */
export function useRejectedVerdicts(sourceId: string): { rejected: RejectedVerdict[]; dismiss: (id: number) => void } {
  const client = useQueryClient()
  const rejected = useMutationState({
    filters: {
      mutationKey: FEEDBACK_KEY,
      status: 'error',
      predicate: (m) => (m.state.variables as ReviewWrite | undefined)?.sourceId === sourceId,
    },
    select: (m) => {
      const v = m.state.variables as ReviewWrite
      const error = m.state.error
      const details = error instanceof ApiError ? error.details.join('; ') : ''
      const message = error instanceof Error ? error.message : 'The server refused it.'
      return {
        id: m.mutationId,
        key: v.key,
        name: v.name,
        claim: isClaim(v),
        what: isClaim(v) ? (v.claim ? 'claim for retouch' : 'release') : describeChange(givenFields(v.change)),
        message: details ? `${message} (${details})` : message,
      }
    },
  })
  const dismiss = (id: number) => {
    const mutation = client
      .getMutationCache()
      .getAll()
      .find((m) => m.mutationId === id)
    if (mutation) client.getMutationCache().remove(mutation)
  }
  return { rejected, dismiss }
}

/** Whether the browser says it is online. */
export function useOnline(): boolean {
  return useSyncExternalStore(onlineManager.subscribe.bind(onlineManager), () => onlineManager.isOnline())
}
