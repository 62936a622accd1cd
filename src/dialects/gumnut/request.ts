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

/** `GET {base}{path}` for one page of a list: `params` (empty ones left out), then the cursor. */
function listUrl(
  source: SourceConfig,
  path: string,
  params: Readonly<Record<string, string | undefined>>,
  page: { after?: string; limit?: number },
): URL {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value)
  return apiUrl(source, path, withCursor(query, page.after, page.limit ?? GUMNUT_LIMIT.default))
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
  const include_hidden = query.includeHidden ? 'true' : undefined
  return listUrl(source, '/api/people', { name: query.name?.trim(), include_hidden }, query)
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
  return listUrl(source, '/api/faces', { asset_id: query.assetId, person_id: query.personId }, query)
}

/** `GET {base}/api/albums` */
export function buildAlbumsUrl(
  source: SourceConfig,
  query: { libraryId?: string; after?: string; limit?: number } = {},
): URL {
  return listUrl(source, '/api/albums', { library_id: query.libraryId }, query)
}

/** `GET {base}/api/libraries` (not paginated) */
export function buildLibrariesUrl(source: SourceConfig): URL {
  return apiUrl(source, '/api/libraries')
}
