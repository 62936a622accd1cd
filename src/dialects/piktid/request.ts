import type { SourceConfig } from '../types'
import { apiUrl } from '../http'
import { pageQuery } from '../page-numbers'
import { piktidFiltersToSearch, type PiktidFilters } from './filters'

/** `GET {base}/assets` for one page: the filters under seed 000's names, then page and per_page. */
export function buildAssetsUrl(source: SourceConfig, filters: PiktidFilters, page: number, perPage: number): URL {
  return apiUrl(source, '/assets', pageQuery(piktidFiltersToSearch(filters), page, perPage))
}

export function buildAssetUrl(source: SourceConfig, id: string): URL {
  return apiUrl(source, `/assets/${encodeURIComponent(id)}`)
}
