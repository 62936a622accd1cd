import { QueryClient } from '@tanstack/react-query'
import { createRouter, type RouterHistory } from '@tanstack/react-router'
import { isRetryable } from './dialects/http'
import { registerFeedbackMutations } from './features/projects/feedback'
import { routeTree } from './routeTree.gen'
import { parseSearch, stringifySearch } from './search-params'
import type { SourceStore } from './sources/store'
import { PendingPage } from './ui/pending-page'
import { RouteError } from './ui/route-error'

/** The query client; verdicts it resumes after a reload find their source in `sources`. */
export function createQueryClient(sources: SourceStore): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 60_000,
        retry: (failures, error) => isRetryable(error) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  })
  registerFeedbackMutations(client, sources)
  return client
}

/**
 * The app's router. Its context carries the query client and the source store to every route
 * (`beforeLoad`, loaders) and component (`useSourceStore`), so a test can hand in its own.
 */
export function createAppRouter(queryClient: QueryClient, sources: SourceStore, history?: RouterHistory) {
  return createRouter({
    routeTree,
    history,
    context: { queryClient, sources },
    parseSearch,
    stringifySearch,
    defaultPreload: 'intent',
    // Query owns caching; the router should always ask it.
    defaultPreloadStaleTime: 0,
    // A filter change keeps the page in view for up to a second before the pending screen.
    defaultPendingMs: 1000,
    defaultErrorComponent: RouteError,
    defaultPendingComponent: PendingPage,
    scrollRestoration: false,
  })
}

/**
 * Starts loading the code of the routes the first URL matches. The router would load it only
 * after every `beforeLoad` on the way has resolved (the source list, the dialect's adapter), one
 * waterfall after another; this way the view's code arrives while the data is on its way.
 */
export function warmRouteChunks(router: ReturnType<typeof createAppRouter>): void {
  const [routes] = router.getMatchedRoutes(router.state.location.pathname)
  for (const route of routes) void router.loadRouteChunk(route)?.catch(() => undefined)
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}

declare module '@tanstack/history' {
  interface HistoryState {
    /** Set when the viewer was opened from the grid, so closing it can go back in history. */
    fromGrid?: boolean
    /** A review opened from the projects gallery (its grid is not under the review). */
    fromGallery?: boolean
    /** Where to go back to after fixing a source's credentials on /sources. */
    returnTo?: string
  }
}
