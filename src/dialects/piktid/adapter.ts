import type { SourceAdapter, SourceConfig } from '../types'
import type { ProjectsApi } from '../project-types'
import { createPiktidProjectsApi } from './gallery'
import { requestJson } from '../http'
import { numberedListing } from '../page-numbers'
import { piktidFilterSchema, type PiktidFilters } from './filters'
import { mapPiktidAssetBody, mapPiktidPage, piktidError } from './mapper'
import { locatePiktidAsset } from './locate'
import { buildAssetsUrl, buildAssetUrl } from './request'

/** Page size the grid asks for: the API's maximum, so fewer round trips while scrolling. */
const PIKTID_PAGE_SIZE = 100

export function createPiktidAdapter(source: SourceConfig): SourceAdapter<PiktidFilters, number> {
  const describe = (status: number, body: unknown) => piktidError(status, body, source.name)
  const fetchPage = async (filters: PiktidFilters, page: number, perPage: number, signal: AbortSignal) => {
    const url = buildAssetsUrl(source, filters, page, perPage)
    return mapPiktidPage(await requestJson(source, url, { signal }, describe), perPage, url.origin)
  }
  return {
    dialect: 'piktid',
    filters: piktidFilterSchema,
    ...numberedListing(PIKTID_PAGE_SIZE, fetchPage),
    probe: (signal) => fetchPage(piktidFilterSchema.parse({}), 1, 1, signal),
    async getAsset(id, signal) {
      const url = buildAssetUrl(source, id)
      return mapPiktidAssetBody(await requestJson(source, url, { signal }, describe), url.origin)
    },
    locate: (filters, asset, signal) => locatePiktidAsset(source, filters, asset, signal, describe),
    // note: the gallery's filters are its own type; the app passes back only what this schema parsed.
    projects: createPiktidProjectsApi(source, describe) as unknown as ProjectsApi,
  }
}
