import { useEffect, useState } from 'react'
import type { ProjectImage } from '../../dialects/project-types'
import type { ListWindowHandle } from '../../grid/use-list-window'
import type { PendingVerdict } from './feedback'
import { nextToReview, seekToReview } from './review-queue'

interface NextToReviewArgs {
  list: ListWindowHandle<ProjectImage> | undefined
  pending: ReadonlyMap<string, PendingVerdict>
  /** The image shown: its index in the list (-1 while not found) and its key. */
  index: number
  imageKey: string
  /** Moves the review by `delta` images. */
  step: (delta: number) => void
  /** Tells the user what happened (none left, still looking, a failed read). */
  say: (note: string) => void
}

/**
 * N and auto-advance: on to the next image not reviewed after the one shown, in the list's order
 * and wrapping to the top. Past the loaded images it reads on (see `seekToReview`); that look ends
 * when the image shown changes.
 */
export function useNextToReview({ list, pending, index, imageKey, step, say }: NextToReviewArgs): () => void {
  const [scope, setScope] = useState(() => ({ key: imageKey, controller: new AbortController() }))
  if (scope.key !== imageKey) setScope({ key: imageKey, controller: new AbortController() })
  useEffect(() => () => scope.controller.abort(), [scope])

  return () => {
    if (index < 0 || !list) return
    const next = nextToReview(list, pending, index)
    if (next === null) return say('Every image here is reviewed.')
    if ('index' in next) return step(next.index - index)
    const { signal } = scope.controller
    say('Looking for the next image to review…')
    seekToReview(list, pending, index, next.unloaded, signal)
      .then((found) => {
        if (signal.aborted) return
        if (found < 0) say('Every image here is reviewed.')
        else step(found - index)
      })
      .catch(() => {
        if (!signal.aborted) say('Could not load the next images to review. Press N to try again.')
      })
  }
}
