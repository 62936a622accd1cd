import { requestJson } from '../http'
import type { FilterOption, SourceAdapter, SourceConfig } from '../types'
import { scenarioFilterSchema, type ScenarioFilters } from './filters'
import {
  SCENARIO_FIRST_PAGE,
  mapScenarioAssetBody,
  mapScenarioPage,
  readModelsPage,
  scenarioError,
  type ScenarioPageParam,
} from './mapper'
import { buildAssetUrl, buildAssetsUrl, buildModelsUrl } from './request'

/** At most this many models are offered in the model picker. */
const MAX_MODEL_OPTIONS = 2000

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
    // Models are chosen by name from `GET /models`; the other id filters have no list to pick from.
    async filterOptions(key, signal) {
      if (key !== 'modelId') return []
      const options: FilterOption[] = []
      let token: string | undefined
      do {
        const page = readModelsPage(await requestJson(source, buildModelsUrl(source, token), { signal }, describe))
        options.push(...page.options)
        token = page.options.length > 0 ? page.next : undefined
      } while (token && options.length < MAX_MODEL_OPTIONS)
      return options
    },
  }
}
