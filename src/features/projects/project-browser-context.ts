import { skipToken, useQuery } from '@tanstack/react-query'
import { createContext, useContext, useEffect } from 'react'
import type { ProjectImage } from '../../dialects/project-types'
import type { WindowSpec } from '../../grid/list-types'
import type { ListWindowHandle } from '../../grid/use-list-window'
import type { Scope } from './components/compare/versions'
import type { PendingVerdict } from './feedback'
import { projectQueries } from './queries'

/**
 * What the review reads of the grid under it. Nothing in it changes as the review steps or a
 * verdict is given (the writes on their way are a context of their own), so the grid's tiles
 * that read it are not drawn again on each key.
 */
export interface ProjectBrowser {
  list: ListWindowHandle<ProjectImage>
  /** The list's query, to look for an image in pages the window has not loaded. */
  spec: WindowSpec<ProjectImage, number>
  /** Focuses an image's tile in the grid under the review, scrolling to it. */
  focusImage: (key: string) => void
  /** Moves the list and the grid under the review to an index (a step past the loaded images). */
  reveal: (index: number) => void
  /** How the list holds an image index's versions (see `versionsOf`). */
  versionScope: Scope
}

export const ProjectBrowserContext = createContext<ProjectBrowser | null>(null)

export function useProjectBrowser(): ProjectBrowser | null {
  return useContext(ProjectBrowserContext)
}

/**
 * The writes on their way, from the same render as the browser's list: the review reads the two
 * together, so an image never shows its write gone before the list holds what it stored.
 */
export const ProjectPendingContext = createContext<ReadonlyMap<string, PendingVerdict>>(new Map())

export function useProjectPending(): ReadonlyMap<string, PendingVerdict> {
  return useContext(ProjectPendingContext)
}

/**
 * A review opened on an image the window has not loaded (a link to #700 of 867): looked for page
 * by page, then the window and the grid move there. True while it is being looked for (not while
 * the window has moved and holds nothing yet: the page it waits for may hold the image), and
 * after a walk that failed, which cannot tell the image is not there either.
 */
export function useFindImage(browser: ProjectBrowser | null, key: string): boolean {
  const list = browser?.list
  const held = list !== undefined && list.indexOf(key) >= 0
  const settled = list !== undefined && !list.initialLoading && list.end > list.start
  const located = useQuery(
    browser
      ? { ...projectQueries.locate(browser.list, browser.spec, key), enabled: settled && !held }
      : { queryKey: ['locate', key], queryFn: skipToken },
  )
  const foundAt = settled && !held ? located.data : undefined
  const reveal = browser?.reveal
  useEffect(() => {
    if (typeof foundAt === 'number') reveal?.(foundAt)
  }, [foundAt, reveal])
  return (
    list !== undefined && !held && (!settled || located.isFetching || located.isError || typeof foundAt === 'number')
  )
}

/**
 * The image whose tile takes focus when its grid shows it next: a review opened from the gallery
 * closes by going back to it, and the gallery, mounted again, focuses the reviewed image.
 */
let focusOnReturn: string | null = null

export function requestFocusOnReturn(key: string): void {
  focusOnReturn = key
}

/** The requested image key, once: the grid that shows it takes it. */
export function takeFocusRequest(present: (key: string) => boolean): string | null {
  if (focusOnReturn === null || !present(focusOnReturn)) return null
  const key = focusOnReturn
  focusOnReturn = null
  return key
}
