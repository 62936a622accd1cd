import type { FileRoutesByTo } from '../routeTree.gen'
import type { SourceCapabilities } from '../dialects/types'

/**
 * Route paths of a source's top-level views: `/$source/<view>` with no further parameter (as
 * links write them, so a view that is an index route, `/$source/people/`, counts too).
 */
type SourceViewPath = Exclude<
  Extract<keyof FileRoutesByTo, `/$source/${string}`>,
  `/$source/${string}/${string}` | '/$source/'
>

export interface SourceView {
  label: string
  to: SourceViewPath
  /** The capability a source needs for this view; none means every source has it. */
  needs?: keyof SourceCapabilities
}

/**
 * The views the navigation offers, in order. A new view plugs in with one line once its route
 * exists, e.g. `{ label: 'Projects', to: '/$source/projects', needs: 'projects' }` or
 * `{ label: 'People', to: '/$source/people', needs: 'people' }`; sources without the capability
 * never show it.
 */
const SOURCE_VIEWS: readonly SourceView[] = [
  { label: 'Assets', to: '/$source/assets' },
  { label: 'Projects', to: '/$source/projects', needs: 'projects' },
  { label: 'People', to: '/$source/people', needs: 'people' },
]

/** The views a source with these capabilities has. */
export function viewsFor(capabilities: SourceCapabilities): readonly SourceView[] {
  return SOURCE_VIEWS.filter((view) => view.needs === undefined || capabilities[view.needs])
}
