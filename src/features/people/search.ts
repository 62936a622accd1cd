import type { FilterSchema } from '../../dialects/types'

// The people view's URL, with the names the server's `GET /api/people` takes: `name` (part of
// a name) and `include_hidden=true`.

export interface PeopleSearch {
  name?: string
  includeHidden?: true
}

const MAX_NAME = 200

/** Reads the URL, dropping what the API would refuse (never throws). */
export function parsePeopleSearch(raw: Readonly<Record<string, unknown>>): PeopleSearch {
  const out: PeopleSearch = {}
  const name = typeof raw.name === 'string' ? raw.name.trim().slice(0, MAX_NAME) : ''
  if (name) out.name = name
  if (raw.include_hidden === 'true' || raw.include_hidden === true) out.includeHidden = true
  return out
}

export function peopleSearchToUrl(search: PeopleSearch): Record<string, string> {
  const out: Record<string, string> = {}
  if (search.name) out.name = search.name
  if (search.includeHidden) out.include_hidden = 'true'
  return out
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
