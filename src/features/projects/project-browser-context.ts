import { createContext, useContext } from 'react'
import type { ProjectImage } from '../../dialects/project-types'
import type { ListWindowHandle } from '../../grid/use-list-window'
import type { Scope } from './components/compare/versions'
import type { PendingVerdict } from './feedback'

export interface ProjectBrowser {
  list: ListWindowHandle<ProjectImage>
  pending: ReadonlyMap<string, PendingVerdict>
  /** Focuses an image's tile in the grid under the review, scrolling to it. */
  focusImage: (key: string) => void
  /** Moves the list and the grid under the review to an index (a step past the loaded images). */
  reveal: (index: number) => void
  /** The review's image is being looked for in pages the list has not loaded. */
  finding: boolean
  /** How the list holds an image index's versions (see `versionsOf`). */
  versionScope: Scope
}

export const ProjectBrowserContext = createContext<ProjectBrowser | null>(null)

export function useProjectBrowser(): ProjectBrowser | null {
  return useContext(ProjectBrowserContext)
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
