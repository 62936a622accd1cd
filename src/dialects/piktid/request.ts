import type { SourceConfig } from '../types'
import { apiUrl, queryOf } from '../http'
import { piktidFiltersToSearch, type PiktidFilters } from './filters'

/** `GET {base}/assets` for one page: the filters under seed 000's names, then page and per_page. */
export function buildAssetsUrl(source: SourceConfig, filters: PiktidFilters, page: number, perPage: number): URL {
  const query = queryOf(piktidFiltersToSearch(filters))
  query.set('page', String(page))
  query.set('per_page', String(perPage))
  return apiUrl(source, '/assets', query)
}

export function buildAssetUrl(source: SourceConfig, id: string): URL {
  return apiUrl(source, `/assets/${encodeURIComponent(id)}`)
}
