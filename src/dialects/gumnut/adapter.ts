import { requestJson } from '../http'
import type { AssetPage, SourceAdapter, SourceConfig } from '../types'
import { gumnutFilterSchema, type GumnutFilters } from './filters'
import {
  gumnutError,
  mapGumnutAsset,
  mapGumnutAssetBody,
  mapGumnutFace,
  mapGumnutPerson,
  mapGumnutPersonBody,
  readAssetsPage,
  readFacesPage,
  readPeoplePage,
} from './mapper'
import { createCursorLedger, FIRST_GUMNUT_CURSOR, nextCursor, type GumnutCursor } from './pagination'
import { buildAssetsUrl, buildAssetUrl, buildFacesUrl, buildPeopleUrl, buildPersonUrl } from './request'

/** Photos per page: the seed's default, a few screens of grid. */
export const GUMNUT_PAGE_SIZE = 100

export function createGumnutAdapter(source: SourceConfig): SourceAdapter<GumnutFilters, GumnutCursor> {
  const describe = (status: number, body: unknown) => gumnutError(status, body, source.name)
  const ledger = createCursorLedger()
  const get = (url: URL, signal: AbortSignal) => requestJson(source, url, { signal }, describe)

  return {
    dialect: 'gumnut',
    filters: gumnutFilterSchema,
    initialPageParam: FIRST_GUMNUT_CURSOR,
    maxPages: 6,
    async listAssets(filters, page, signal): Promise<AssetPage<GumnutCursor>> {
      const body = readAssetsPage(await get(buildAssetsUrl(source, filters, page.after, GUMNUT_PAGE_SIZE), signal))
      const items = body.data.map(mapGumnutAsset)
      const listKey = JSON.stringify(gumnutFilterSchema.toSearch(filters))
      ledger.record(listKey, page, items.length)
      return {
        items,
        offset: page.offset,
        total: null,
        nextPageParam: nextCursor(
          page,
          items.map((a) => a.id),
          body.has_more,
        ),
        prevPageParam: ledger.before(listKey, page),
      }
    },
    async getAsset(id, signal) {
      return mapGumnutAssetBody(await get(buildAssetUrl(source, id), signal))
    },
    people: {
      async listPeople(query, signal) {
        const body = readPeoplePage(await get(buildPeopleUrl(source, query), signal))
        const items = body.data.map(mapGumnutPerson)
        return { items, nextCursor: body.has_more ? items[items.length - 1]?.id : undefined }
      },
      async getPerson(id, signal) {
        return mapGumnutPersonBody(await get(buildPersonUrl(source, id), signal))
      },
      async listFaces(query, signal) {
        const body = readFacesPage(await get(buildFacesUrl(source, query), signal))
        const items = body.data.map(mapGumnutFace)
        return { items, nextCursor: body.has_more ? items[items.length - 1]?.id : undefined }
      },
    },
  }
}
