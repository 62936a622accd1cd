import { useRouterState } from '@tanstack/react-router'

/** One line naming the filters the API refused and the view dropped (see refused-filters.ts). */
export function DroppedFiltersNotice() {
  const dropped = useRouterState({ select: (s) => s.location.state.droppedFilters })
  if (!dropped || dropped.length === 0) return null
  return (
    <p
      role="status"
      className="rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
      data-testid="dropped-filters"
    >
      Showing the view without{' '}
      {dropped.map((filter, n) => (
        <span key={filter.name}>
          {n > 0 && ', '}
          <code dir="auto">
            {filter.name}={filter.value}
          </code>
        </span>
      ))}
      : {dropped[0]?.reason}
    </p>
  )
}
