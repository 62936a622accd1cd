import { requestJson } from '../http'
import type { SourceAdapter, SourceConfig } from '../types'
import { scenarioFilterSchema, type ScenarioFilters } from './filters'
import {
  SCENARIO_FIRST_PAGE,
  mapScenarioAssetBody,
  mapScenarioPage,
  scenarioError,
  type ScenarioPageParam,
} from './mapper'
import { buildAssetUrl, buildAssetsUrl } from './request'

/** Page size the grid asks for: the API's maximum, so fewer round trips while scrolling. */
const SCENARIO_PAGE_SIZE = 100

export function createScenarioAdapter(source: SourceConfig): SourceAdapter<ScenarioFilters, ScenarioPageParam> {
  const describe = (status: number, body: unknown) => scenarioError(status, body, source.name)
  const base = (url: URL) => url.origin
  return {
    dialect: 'scenario',
    // Generations are browsed as assets; the seed documents nothing beyond listing them.
    capabilities: { projects: false, feedback: false, people: false, faces: false, create: false },
    filters: scenarioFilterSchema,
    initialPageParam: SCENARIO_FIRST_PAGE,
    // No pageParamForIndex: an opaque token cannot jump.
    pageSize: SCENARIO_PAGE_SIZE,
    async listAssets(filters, param, signal) {
      const url = buildAssetsUrl(source, filters, param.token, SCENARIO_PAGE_SIZE)
      return mapScenarioPage(await requestJson(source, url, { signal }, describe), param, base(url))
    },
    async getAsset(id, signal) {
      const url = buildAssetUrl(source, id)
      return mapScenarioAssetBody(await requestJson(source, url, { signal }, describe), base(url))
    },
  }
}
