import { ApiError, requestJson } from '../http'
import type { SourceAdapter, SourceConfig } from '../types'
import type { FilterOption } from '../filter-types'
import { scenarioFilterSchema, type ScenarioFilters } from './filters'
import {
  SCENARIO_FIRST_PAGE,
  mapScenarioAssetBody,
  mapScenarioPage,
  readAuthors,
  readInferencesPage,
  readModelsPage,
  scenarioError,
  type ScenarioPageParam,
} from './mapper'
import { buildAssetUrl, buildAssetsUrl, buildAuthorsUrl, buildInferencesUrl, buildModelsUrl } from './request'

/** At most this many models are offered in the model picker. */
const MAX_MODEL_OPTIONS = 2000
/** The newest runs of a model offered in the inference picker; an older one can be pasted. */
const MAX_INFERENCE_OPTIONS = 500

/** Choices from a token-paged list, page after page until it ends or `max` are read. */
async function walkPages(
  urlFor: (token: string | undefined) => URL,
  read: (body: unknown) => { options: FilterOption[]; next: string | undefined },
  get: (url: URL) => Promise<unknown>,
  max: number,
): Promise<FilterOption[]> {
  const options: FilterOption[] = []
  let token: string | undefined
  do {
    const page = read(await get(urlFor(token)))
    options.push(...page.options)
    token = page.options.length > 0 ? page.next : undefined
  } while (token && options.length < max)
  return options.slice(0, max)
}

/** Page size the grid asks for: the API's maximum, so fewer round trips while scrolling. */
const SCENARIO_PAGE_SIZE = 100

export function createScenarioAdapter(source: SourceConfig): SourceAdapter<ScenarioFilters, ScenarioPageParam> {
  const describe = (status: number, body: unknown) => scenarioError(status, body, source.name)
  const base = (url: URL) => url.origin
  return {
    dialect: 'scenario',
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
    // Models, authors and a model's inferences are chosen by name from what the API lists; the
    // parent and root filters name assets, which are opened from the grid instead.
    async filterOptions(key, signal, scope) {
      try {
        return await listChoices(key, signal, scope)
      } catch (error) {
        // An account whose API lists none of these (no such endpoint) still takes a pasted id.
        if (error instanceof ApiError && error.status === 404) return []
        throw error
      }
    },
  }

  async function listChoices(key: string, signal: AbortSignal, scope: string | undefined): Promise<FilterOption[]> {
    const get = (url: URL) => requestJson(source, url, { signal }, describe)
    switch (key) {
      case 'modelId':
        return walkPages((token) => buildModelsUrl(source, token), readModelsPage, get, MAX_MODEL_OPTIONS)
      case 'inferenceId':
        return scope === undefined
          ? []
          : walkPages(
              (token) => buildInferencesUrl(source, scope, token),
              readInferencesPage,
              get,
              MAX_INFERENCE_OPTIONS,
            )
      case 'authorId':
        return readAuthors(await get(buildAuthorsUrl(source)))
      default:
        return []
    }
  }
}
