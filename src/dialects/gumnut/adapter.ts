import { apiUrl, requestJson } from '../http'
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
  readLibraries,
  readNamedPage,
  readPeoplePage,
} from './mapper'
import { FIRST_GUMNUT_CURSOR, nextCursor, type GumnutCursor } from './pagination'
import {
  buildAlbumsUrl,
  buildAssetsUrl,
  buildAssetUrl,
  buildFacesUrl,
  buildLibrariesUrl,
  buildPeopleUrl,
  buildPersonUrl,
} from './request'

/** Photos per page: the seed's default, a few screens of grid. */
const GUMNUT_PAGE_SIZE = 100
/** At most this many choices are offered for one filter (albums or people) in a picker. */
const MAX_OPTIONS = 2000

export function createGumnutAdapter(source: SourceConfig): SourceAdapter<GumnutFilters, GumnutCursor> {
  const describe = (status: number, body: unknown) => gumnutError(status, body, source.name)
  const get = (url: URL, signal: AbortSignal) => requestJson(source, url, { signal }, describe)
  // Media links that are paths are the API's own: they resolve against its origin.
  const base = apiUrl(source, '').origin

  return {
    dialect: 'gumnut',
    filters: gumnutFilterSchema,
    initialPageParam: FIRST_GUMNUT_CURSOR,
    pageSize: GUMNUT_PAGE_SIZE,
    async listAssets(filters, page, signal): Promise<AssetPage<GumnutCursor>> {
      const body = readAssetsPage(await get(buildAssetsUrl(source, filters, page.after, GUMNUT_PAGE_SIZE), signal))
      const items = body.data.map((wire) => mapGumnutAsset(wire, base))
      return {
        items,
        offset: page.offset,
        total: null,
        nextPageParam: nextCursor(
          page,
          items.map((a) => a.id),
          body.has_more,
        ),
        prevPageParam: undefined,
      }
    },
    async getAsset(id, signal) {
      return mapGumnutAssetBody(await get(buildAssetUrl(source, id), signal), base)
    },
    async filterOptions(key, signal) {
      switch (key) {
        case 'library_id':
          return readLibraries(await get(buildLibrariesUrl(source), signal))
        case 'album_id':
        case 'person_id': {
          const options: { value: string; label: string }[] = []
          let after: string | undefined
          do {
            const url =
              key === 'album_id'
                ? buildAlbumsUrl(source, { limit: 1000, ...(after ? { after } : {}) })
                : buildPeopleUrl(source, { limit: 1000, ...(after ? { after } : {}) })
            const page = readNamedPage(await get(url, signal), key === 'album_id' ? 'albums' : 'people', base)
            options.push(...page.options)
            after = page.hasMore ? page.lastId : undefined
          } while (after && options.length < MAX_OPTIONS)
          return options
        }
        default:
          return []
      }
    },
    people: {
      async listPeople(query, signal) {
        const body = readPeoplePage(await get(buildPeopleUrl(source, query), signal))
        const items = body.data.map((wire) => mapGumnutPerson(wire, base))
        return { items, nextCursor: body.has_more ? items[items.length - 1]?.id : undefined }
      },
      async getPerson(id, signal) {
        return mapGumnutPersonBody(await get(buildPersonUrl(source, id), signal), base)
      },
      async listFaces(query, signal) {
        const body = readFacesPage(await get(buildFacesUrl(source, query), signal))
        const items = body.data.map((wire) => mapGumnutFace(wire, base))
        return { items, nextCursor: body.has_more ? items[items.length - 1]?.id : undefined }
      },
    },
  }
}
