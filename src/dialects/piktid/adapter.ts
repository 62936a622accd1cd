import type { SourceAdapter, SourceConfig } from '../types'
import type { ProjectsApi } from '../project-types'
import { createPiktidProjectsApi } from './gallery'
import { requestJson } from '../http'
import { numberedPages } from '../page-numbers'
import { piktidFilterSchema, type PiktidFilters } from './filters'
import { mapPiktidAssetBody, mapPiktidPage, piktidError } from './mapper'
import { locatePiktidAsset } from './locate'
import { buildAssetsUrl, buildAssetUrl } from './request'

/** Page size the grid asks for: the API's maximum, so fewer round trips while scrolling. */
const PIKTID_PAGE_SIZE = 100

export function createPiktidAdapter(source: SourceConfig): SourceAdapter<PiktidFilters, number> {
  const describe = (status: number, body: unknown) => piktidError(status, body, source.name)
  return {
    dialect: 'piktid',
    filters: piktidFilterSchema,
    ...numberedPages(PIKTID_PAGE_SIZE),
    async listAssets(filters, page, signal) {
      const url = buildAssetsUrl(source, filters, page, PIKTID_PAGE_SIZE)
      return mapPiktidPage(await requestJson(source, url, { signal }, describe), PIKTID_PAGE_SIZE, url.origin)
    },
    async assetAt(filters, index, signal) {
      const url = buildAssetsUrl(source, filters, index + 1, 1)
      return mapPiktidPage(await requestJson(source, url, { signal }, describe), 1, url.origin).items[0]
    },
    async probe(signal) {
      const url = buildAssetsUrl(source, piktidFilterSchema.parse({}), 1, 1)
      return mapPiktidPage(await requestJson(source, url, { signal }, describe), 1, url.origin)
    },
    async getAsset(id, signal) {
      const url = buildAssetUrl(source, id)
      return mapPiktidAssetBody(await requestJson(source, url, { signal }, describe), url.origin)
    },
    locate: (filters, asset, signal) => locatePiktidAsset(source, filters, asset, signal, describe),
    // note: the gallery's filters are its own type; the app passes back only what this schema parsed.
    projects: createPiktidProjectsApi(source, describe) as unknown as ProjectsApi,
  }
}
