import { useRouterState } from '@tanstack/react-router'
import type { RawSearch } from '../dialects/types'

/**
 * The search a filter panel shows and builds each change on: the URL the user has already moved
 * to. While a new filter's results load, the route still hands out its previous search, and a
 * second change built on that would drop the first (tick Liked, then Disliked, and Liked was
 * gone). `here` says which pathnames are this view (its child routes included); elsewhere, the
 * route's own `resolved` search is kept.
 */
export function useLatestSearch(resolved: RawSearch, here: (pathname: string) => boolean): RawSearch {
  const latest = useRouterState({
    select: (s) => (here(s.location.pathname) ? (s.location.search as RawSearch) : null),
    structuralSharing: true,
  })
  return latest ?? resolved
}
