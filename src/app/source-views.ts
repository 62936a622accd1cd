import type { FileRoutesByTo } from '../routeTree.gen'
import type { SourceAdapter } from '../dialects/types'

/**
 * Route paths of a source's top-level views: `/$source/<view>` with no further parameter (as
 * links write them, so a view that is an index route, `/$source/people/`, counts too).
 */
type SourceViewPath = Exclude<
  Extract<keyof FileRoutesByTo, `/$source/${string}`>,
  `/$source/${string}/${string}` | '/$source/'
>

/**
 * The adapter members a view is built on. A view reads what the adapter has, as its route does
 * (a people route without `adapter.people` is not found), never a separately declared flag.
 */
type ViewCapability = 'projects' | 'people'

export interface SourceView {
  label: string
  to: SourceViewPath
  /** The adapter member a source needs for this view; none means every source has it. */
  needs?: ViewCapability
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

/** The views a source whose adapter has these members offers. */
export function viewsFor(adapter: Pick<SourceAdapter, ViewCapability>): readonly SourceView[] {
  return SOURCE_VIEWS.filter((view) => view.needs === undefined || adapter[view.needs] !== undefined)
}
