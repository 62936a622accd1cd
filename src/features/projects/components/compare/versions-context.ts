import { createContext } from 'react'
import type { ProjectImage } from '../../../../dialects/project-types'
import type { RawSearch } from '../../../../dialects/types'
import type { WindowState } from '../../../../grid/list-types'
import type { Scope } from './versions'

/** The list a grid's tiles find an image's versions in (see `versionsOf`): a project's, or the gallery's. */
export interface KnownVersions {
  list: WindowState<ProjectImage>
  scope: Scope
  /**
   * Set by the all-projects gallery: the review's filters (the gallery's image filters), and
   * closing the review goes back to the gallery. Else the review keeps the page's own filters.
   */
  fromGallery?: RawSearch
}

export const VersionsContext = createContext<KnownVersions | null>(null)
