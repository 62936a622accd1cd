import type { ReactNode } from 'react'
import type { WindowState } from './list-window'

interface ListStatesProps {
  list: Pick<WindowState<unknown>, 'initialLoading' | 'error' | 'count' | 'exact'>
  /** Shown when the list is known to hold nothing: a sentence, or a panel of its own. */
  empty: string | ReactNode
  /** The grid, for every other state (a failed load shows in the grid's own banner). */
  children: ReactNode
}

/** The states every grid view has before its grid: the first page loading, and an empty list. */
export function ListStates({ list, empty, children }: ListStatesProps) {
  if (list.initialLoading && list.error === null)
    return (
      <p role="status" className="p-10 text-center text-sm text-neutral-600 dark:text-neutral-400">
        Loading…
      </p>
    )
  if (list.count === 0 && list.exact && list.error === null)
    return typeof empty === 'string' ? <p className="mx-auto max-w-md p-10 text-center font-medium">{empty}</p> : empty
  return children
}

/** The line under a grid's last row: the end of the list, or what the next page is doing. */
export function listFooter(
  list: Pick<WindowState<unknown>, 'error' | 'count' | 'exact' | 'end'>,
  noun: (count: number) => string,
): string {
  if (list.exact && list.end >= list.count) return `End of the list · ${noun(list.count)}`
  return list.error !== null ? 'Could not load more.' : 'Loading more…'
}
