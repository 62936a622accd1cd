import { SCENARIO_DATE_PARAMS, SCENARIO_DEFAULT_SORT, SCENARIO_PAGE_SIZE } from '../../shared/scenario'
import { apiUrl } from '../http'
import type { SourceConfig } from '../types'
import type { ScenarioFilters } from './filters'

const SINGLE_KEYS = ['privacy', 'authorId', 'modelId', 'inferenceId', 'parentAssetId', 'rootAssetId'] as const

/**
 * `GET {base}/assets` for one page, under seed 001's names. One type is sent as `type`, several
 * as repeated `types`; dates are sent only with the `sortBy` they require, which is then sent
 * explicitly even when it is the default, so the API never sees a combination it refuses.
 */
export function buildAssetsUrl(
  source: SourceConfig,
  filters: ScenarioFilters,
  paginationToken: string | undefined,
  pageSize: number,
): URL {
  const query = new URLSearchParams()
  const types = filters.types ?? []
  if (types.length === 1 && types[0]) query.set('type', types[0])
  else for (const type of types) query.append('types', type)
  for (const key of SINGLE_KEYS) {
    const value = filters[key]
    if (value) query.set(key, value)
  }
  if (filters.tags && filters.tags.length > 0 && (filters.privacy === undefined || filters.privacy === 'public')) {
    query.set('tags', filters.tags.join(','))
  }
  const sortBy = filters.sortBy ?? SCENARIO_DEFAULT_SORT
  const dates = SCENARIO_DATE_PARAMS[sortBy]
  const after = filters[dates.after]
  const before = filters[dates.before]
  if (filters.sortBy !== undefined || after || before) query.set('sortBy', sortBy)
  if (filters.sortDirection) query.set('sortDirection', filters.sortDirection)
  if (after) query.set(dates.after, after)
  if (before) query.set(dates.before, before)
  query.set('pageSize', String(pageSize))
  if (paginationToken) query.set('paginationToken', paginationToken)
  return apiUrl(source, '/assets', query)
}

export function buildAssetUrl(source: SourceConfig, id: string): URL {
  return apiUrl(source, `/assets/${encodeURIComponent(id)}`)
}

/** A page of a choice list at the largest page size, after `paginationToken` when given. */
function choicePage(paginationToken: string | undefined): URLSearchParams {
  const query = new URLSearchParams({ pageSize: String(SCENARIO_PAGE_SIZE.max) })
  if (paginationToken) query.set('paginationToken', paginationToken)
  return query
}

/** `GET {base}/models`: one page of the models the caller can see, by name. */
export function buildModelsUrl(source: SourceConfig, paginationToken: string | undefined): URL {
  return apiUrl(source, '/models', choicePage(paginationToken))
}

/** `GET {base}/models/{modelId}/inferences`: one page of a model's runs, newest first. */
export function buildInferencesUrl(source: SourceConfig, modelId: string, paginationToken: string | undefined): URL {
  return apiUrl(source, `/models/${encodeURIComponent(modelId)}/inferences`, choicePage(paginationToken))
}

/** `GET {base}/authors`: the authors of the caller's team list. */
export function buildAuthorsUrl(source: SourceConfig): URL {
  return apiUrl(source, '/authors')
}
