import type { VipanyaCreateBody } from '../../shared/vipanya'
import { apiUrl } from '../http'
import { pageQuery } from '../page-numbers'
import type { SourceConfig } from '../types'
import { vipanyaFiltersToSearch, type VipanyaFilters } from './filters'

/** `GET {base}/api/v1/assets` for one page: the filters under seed 003's names, then page and per_page. */
export function buildAssetsUrl(source: SourceConfig, filters: VipanyaFilters, page: number, perPage: number): URL {
  return apiUrl(source, '/api/v1/assets', pageQuery(vipanyaFiltersToSearch(filters), page, perPage))
}

export function buildAssetUrl(source: SourceConfig, id: string): URL {
  return apiUrl(source, `/api/v1/assets/${encodeURIComponent(id)}`)
}

/** `POST {base}/api/v1/assets` with a validated body; optional fields left out when empty. */
export function buildCreateRequest(source: SourceConfig, body: VipanyaCreateBody): { url: URL; init: RequestInit } {
  const payload: Record<string, unknown> = { title: body.title, asset_type: body.asset_type, is_public: body.is_public }
  if (body.description) payload.description = body.description
  if (body.external_url) payload.external_url = body.external_url
  return {
    url: apiUrl(source, '/api/v1/assets'),
    init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) },
  }
}
