import { redirect, type ParsedLocation } from '@tanstack/react-router'
import { ApiError } from '../dialects/http'
import type { RawSearch } from '../dialects/types'

// A filter the API refuses (an id that no longer exists, a library someone deleted, a pasted
// link from another account) must not strand the user on an error page with a Retry that can
// only fail. The view is shown again without it, and a one-line notice names what was dropped.

interface DroppedFilter {
  name: string
  value: string
  reason: string
}

declare module '@tanstack/history' {
  interface HistoryState {
    /** Filters dropped from the URL because the API refused them (see refused-filters.ts). */
    droppedFilters?: DroppedFilter[]
  }
}

const valuesOf = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value]

/**
 * The URL's parameters an API error blames: those it names as fields, and, for a "not found",
 * those whose value it quotes (APIs name a missing id, not the parameter that held it).
 */
function refusedFilterParams(error: unknown, search: RawSearch): string[] {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return []
  if (error.status === 401 || error.status === 403 || error.status === 429) return []
  const said = [error.message, ...error.details].join('\n')
  return Object.keys(search).filter(
    (name) =>
      error.fields.includes(name) ||
      (error.status === 404 && valuesOf(search[name]).some((value) => value.length >= 3 && said.includes(value))),
  )
}

/**
 * Runs a route's loader; if the API refuses a filter of the URL, reloads the same view without
 * it (replacing the history entry) and leaves the notice in the new entry's state.
 */
export async function withoutRefusedFilters<T>(
  location: Pick<ParsedLocation, 'pathname' | 'search'>,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load()
  } catch (error) {
    const search = location.search as RawSearch
    const names = refusedFilterParams(error, search)
    if (names.length === 0) throw error
    const reason = error instanceof ApiError ? (error.details[0] ?? error.message) : 'refused'
    const kept = Object.fromEntries(Object.entries(search).filter(([name]) => !names.includes(name)))
    throw redirect({
      to: location.pathname,
      search: kept,
      replace: true,
      state: { droppedFilters: names.map((name) => ({ name, value: valuesOf(search[name]).join(', '), reason })) },
    })
  }
}
