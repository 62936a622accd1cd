import { gumnutAssetFilterParams } from '../../shared/gumnut'
import { lenientQuery, valueProblem } from '../../shared/query-rules'
import { searchOf } from '../filter-rules'
import type { RawSearch } from '../types'
import type { FilterSchema } from '../filter-types'

/** Gumnut photo-list filters, named as seed 004 names its query parameters. */
export interface GumnutFilters {
  library_id?: string
  album_id?: string
  person_id?: string
}

/** Reads the URL with the server's own rules (src/shared/gumnut), dropping what they refuse. */
export function parseGumnutFilters(raw: Readonly<Record<string, unknown>>): GumnutFilters {
  return lenientQuery(gumnutAssetFilterParams, raw)
}

/** The filters as URL search params / API query params, in the seed's order. */
export function gumnutFiltersToSearch(filters: GumnutFilters): RawSearch {
  return searchOf(gumnutAssetFilterParams, filters)
}

const idProblemOf = (key: keyof typeof gumnutAssetFilterParams) => (id: string) =>
  valueProblem(gumnutAssetFilterParams[key], id)

export const gumnutFilterSchema: FilterSchema<GumnutFilters> = {
  parse: parseGumnutFilters,
  toSearch: gumnutFiltersToSearch,
  controls: [
    {
      kind: 'id-by-name',
      key: 'library_id',
      label: 'Library',
      allLabel: 'All libraries',
      idProblem: idProblemOf('library_id'),
    },
    { kind: 'id-by-name', key: 'album_id', label: 'Album', allLabel: 'All albums', idProblem: idProblemOf('album_id') },
    {
      kind: 'id-by-name',
      key: 'person_id',
      label: 'Person',
      allLabel: 'Everyone',
      idProblem: idProblemOf('person_id'),
    },
  ],
}
