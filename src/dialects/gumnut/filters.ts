import { gumnutAssetFilterParams as rules } from '../../shared/gumnut'
import type { LenientValues } from '../../shared/query-rules'
import { filterSchema, idByName, ruleReaders } from '../filter-rules'

/** Gumnut photo-list filters, named as seed 004 names its query parameters. */
export type GumnutFilters = LenientValues<typeof rules>

/** Read and written with the server's own rules (src/shared/gumnut), dropping what they refuse. */
export const { parse: parseGumnutFilters, toSearch: gumnutFiltersToSearch } = ruleReaders(rules)

export const gumnutFilterSchema = filterSchema<GumnutFilters>({
  parse: parseGumnutFilters,
  toSearch: gumnutFiltersToSearch,
  controls: [
    idByName(rules, 'library_id', 'Library', 'All libraries'),
    idByName(rules, 'album_id', 'Album', 'All albums'),
    idByName(rules, 'person_id', 'Person', 'Everyone'),
  ],
})
