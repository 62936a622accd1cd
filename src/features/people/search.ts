import type { FilterSchema } from '../../dialects/filter-types'
import { gumnutPeopleSearchParams } from '../../shared/gumnut'
import { encodeQuery, lenientQuery } from '../../shared/query-rules'

// The people view's URL, with the names the server's `GET /api/people` takes: `name` (part of
// a name) and `include_hidden=true`. Read and written with the server's own rule table, so a
// value it would refuse (a name over its length) is dropped from the URL, never sent.

export interface PeopleSearch {
  name?: string
  includeHidden?: true
}

/** The longest name the server searches for, for the search field. */
export const PERSON_NAME_MAX = gumnutPeopleSearchParams.name.maxLength

/** Reads the URL, dropping what the API would refuse (never throws). */
export function parsePeopleSearch(raw: Readonly<Record<string, unknown>>): PeopleSearch {
  const values = lenientQuery(gumnutPeopleSearchParams, raw)
  const out: PeopleSearch = {}
  if (values.name) out.name = values.name
  if (values.include_hidden === 'true') out.includeHidden = true
  return out
}

export function peopleSearchToUrl(search: PeopleSearch): Record<string, string> {
  const values = { name: search.name, include_hidden: search.includeHidden ? ('true' as const) : undefined }
  return Object.fromEntries(encodeQuery(gumnutPeopleSearchParams, values))
}

/** For `canonicalSearch`: the people view has no filter panel, only these two params. */
export const peopleSearchSchema: FilterSchema<PeopleSearch> = {
  controls: [],
  parse: parsePeopleSearch,
  toSearch: peopleSearchToUrl,
}

/** A person's page takes no search params. */
export const personSearchSchema: FilterSchema<Record<string, never>> = {
  controls: [],
  parse: () => ({}),
  toSearch: () => ({}),
}
