import { validateVipanyaCreate } from '../../shared/vipanya'
import { ApiError, requestJson } from '../http'
import { numberedListing } from '../page-numbers'
import type { SourceAdapter, SourceConfig } from '../types'
import { vipanyaFilterSchema, type VipanyaFilters } from './filters'
import { mapVipanyaAssetBody, mapVipanyaPage, vipanyaError } from './mapper'
import { buildAssetUrl, buildAssetsUrl, buildCreateRequest } from './request'

/** Page size the grid asks for: the API's maximum, so fewer round trips while scrolling. */
const VIPANYA_PAGE_SIZE = 100

export function createVipanyaAdapter(source: SourceConfig): SourceAdapter<VipanyaFilters, number> {
  const describe = (status: number, body: unknown) => vipanyaError(status, body, source.name)
  const fetchPage = async (filters: VipanyaFilters, page: number, perPage: number, signal: AbortSignal) => {
    const url = buildAssetsUrl(source, filters, page, perPage)
    return mapVipanyaPage(await requestJson(source, url, { signal }, describe), url.origin)
  }
  return {
    dialect: 'vipanya',
    filters: vipanyaFilterSchema,
    ...numberedListing(VIPANYA_PAGE_SIZE, fetchPage),
    async getAsset(id, signal) {
      const url = buildAssetUrl(source, id)
      return mapVipanyaAssetBody(await requestJson(source, url, { signal }, describe), url.origin)
    },
    createAsset: {
      validate(input) {
        const result = validateVipanyaCreate(input)
        return result.ok ? { ok: true } : result
      },
      async create(input, signal) {
        const result = validateVipanyaCreate(input)
        if (!result.ok) throw new ApiError(result.message, 400, [], result.field)
        const { url, init } = buildCreateRequest(source, result.body)
        return mapVipanyaAssetBody(await requestJson(source, url, { ...init, signal }, describe), url.origin)
      },
    },
  }
}
