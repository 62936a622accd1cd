import { createContext, useContext } from 'react'
import type { ProjectImage } from '../../dialects/types'
import type { ListWindowHandle } from '../../grid/use-list-window'
import type { PendingVerdict } from './feedback'

export interface ProjectBrowser {
  list: ListWindowHandle<ProjectImage>
  pending: ReadonlyMap<string, PendingVerdict>
  /** Focuses an image's tile in the grid under the review, scrolling to it. */
  focusImage: (key: string) => void
}

export const ProjectBrowserContext = createContext<ProjectBrowser | null>(null)

export function useProjectBrowser(): ProjectBrowser | null {
  return useContext(ProjectBrowserContext)
}
