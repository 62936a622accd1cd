import { GUMNUT_LIMIT } from '../../shared/gumnut'
import { apiUrl, queryOf } from '../http'
import type { SourceConfig } from '../types'
import { gumnutFiltersToSearch, type GumnutFilters } from './filters'

// Request URLs for the Gumnut API (seed 004), with the seed's parameter names. A page after the
// first carries `starting_after_id` = the id of the previous page's last item.

function withCursor(query: URLSearchParams, after: string | null | undefined, limit: number): URLSearchParams {
  if (after) query.set('starting_after_id', after)
  query.set('limit', String(limit))
  return query
}

/** `GET {base}/api/assets`: filters, then `starting_after_id` and `limit`. */
export function buildAssetsUrl(
  source: SourceConfig,
  filters: GumnutFilters,
  after: string | null,
  limit: number = GUMNUT_LIMIT.default,
): URL {
  return apiUrl(source, '/api/assets', withCursor(queryOf(gumnutFiltersToSearch(filters)), after, limit))
}

export function buildAssetUrl(source: SourceConfig, id: string): URL {
  return apiUrl(source, `/api/assets/${encodeURIComponent(id)}`)
}

export interface GumnutPeopleQuery {
  /** Case-insensitive part of a name (reference server and current Gumnut; not in seed 004). */
  name?: string
  /** List hidden people too (reference server; not in seed 004). */
  includeHidden?: boolean
  after?: string
  limit?: number
}

/** `GET {base}/api/people` */
export function buildPeopleUrl(source: SourceConfig, query: GumnutPeopleQuery = {}): URL {
  const params = new URLSearchParams()
  if (query.name?.trim()) params.set('name', query.name.trim())
  if (query.includeHidden) params.set('include_hidden', 'true')
  return apiUrl(source, '/api/people', withCursor(params, query.after, query.limit ?? GUMNUT_LIMIT.default))
}

export function buildPersonUrl(source: SourceConfig, id: string): URL {
  return apiUrl(source, `/api/people/${encodeURIComponent(id)}`)
}

export interface GumnutFacesQuery {
  assetId?: string
  personId?: string
  after?: string
  limit?: number
}

/** `GET {base}/api/faces` */
export function buildFacesUrl(source: SourceConfig, query: GumnutFacesQuery = {}): URL {
  const params = new URLSearchParams()
  if (query.assetId) params.set('asset_id', query.assetId)
  if (query.personId) params.set('person_id', query.personId)
  return apiUrl(source, '/api/faces', withCursor(params, query.after, query.limit ?? GUMNUT_LIMIT.default))
}

/** `GET {base}/api/albums` */
export function buildAlbumsUrl(
  source: SourceConfig,
  query: { libraryId?: string; after?: string; limit?: number } = {},
): URL {
  const params = new URLSearchParams()
  if (query.libraryId) params.set('library_id', query.libraryId)
  return apiUrl(source, '/api/albums', withCursor(params, query.after, query.limit ?? GUMNUT_LIMIT.default))
}

/** `GET {base}/api/libraries` (not paginated) */
export function buildLibrariesUrl(source: SourceConfig): URL {
  return apiUrl(source, '/api/libraries')
}
