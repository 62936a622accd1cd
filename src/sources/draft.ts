import {
  CREDENTIAL_FIELDS,
  DIALECTS,
  baseUrlFault,
  isDialect,
  isReservedSourceId,
  missingCredentials,
  type BaseUrlFault,
  type Credentials,
} from '../shared/source-rules'
import type { Source, SourceDraft, SourceFieldErrors } from './types'

// What the source form may save, and the source a valid draft becomes. Pure.

/** The id a new source gets from its name: `My Scenario team` → `my-scenario-team`. */
export function sourceIdFor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
}

/** The id for a new source named `name`, numbered (`-2`, `-3`, …) past the ids in `taken`. */
export function freeSourceId(name: string, taken: ReadonlySet<string>): string {
  const base = sourceIdFor(name)
  let id = base
  for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, 44)}-${n}`
  return id
}

const BASE_URL_ERRORS: Record<BaseUrlFault, string> = {
  protocol: 'Use an http:// or https:// URL.',
  credentials: 'Put credentials in their own fields, not in the URL.',
  query: 'Leave out the query string and fragment; give only the base URL.',
}

function baseUrlError(value: string): string | undefined {
  const text = value.trim()
  if (text === '') return 'Enter the API’s base URL, such as https://api.example.com/v1.'
  let url: URL
  try {
    url = new URL(text, text.startsWith('/') ? 'http://same-origin.invalid' : undefined)
  } catch {
    return 'This is not a URL. Start with https:// (or / for this server).'
  }
  const fault = baseUrlFault(url)
  return fault && BASE_URL_ERRORS[fault]
}

/**
 * Checks a draft against the sources that exist (`editingId` is the one being edited). Returns
 * one message per bad field; an empty object means the draft can be saved.
 */
export function validateSourceDraft(
  draft: SourceDraft,
  existing: readonly Source[],
  editingId?: string,
): SourceFieldErrors {
  const errors: SourceFieldErrors = {}
  const name = draft.name.trim()
  const others = existing.filter((s) => s.id !== editingId)
  if (name === '') errors.name = 'Give the source a name.'
  else if (name.length > 80) errors.name = 'Keep the name to 80 characters or fewer.'
  else if (others.some((s) => s.name.trim().toLowerCase() === name.toLowerCase())) {
    errors.name = 'Another source already has this name.'
  } else if (editingId === undefined) {
    const id = sourceIdFor(name)
    if (id === '') errors.name = 'Use at least one letter or digit in the name.'
    else if (isReservedSourceId(id)) errors.name = `“${id}” is reserved by the app; choose another name.`
  }

  if (!isDialect(draft.dialect)) errors.dialect = `Choose one of ${DIALECTS.join(', ')}.`
  const urlError = baseUrlError(draft.baseUrl)
  if (urlError) errors.baseUrl = urlError
  if (isDialect(draft.dialect)) Object.assign(errors, missingCredentials(draft.dialect, draft.credentials))
  return errors
}

/** Only the fields the dialect uses, trimmed. */
function cleanCredentials(dialect: (typeof DIALECTS)[number], credentials: Credentials): Credentials {
  const out: Credentials = {}
  for (const field of CREDENTIAL_FIELDS[dialect]) {
    const value = credentials[field]?.trim()
    if (value) out[field] = value
  }
  // Scenario: a key and secret win over a token; keep only the pair then.
  if (dialect === 'scenario' && out.apiKey && out.apiSecret) delete out.token
  return out
}

/** The browser source a validated draft becomes: trimmed, no trailing slash, only its dialect's credentials. */
export function sourceFromDraft(id: string, draft: SourceDraft, revision: number): Source {
  const dialect = draft.dialect as (typeof DIALECTS)[number]
  return {
    id,
    name: draft.name.trim(),
    dialect,
    baseUrl: draft.baseUrl.trim().replace(/\/+$/, ''),
    credentials: cleanCredentials(dialect, draft.credentials),
    origin: 'browser',
    revision,
  }
}

type Settings = Pick<Source, 'name' | 'dialect' | 'baseUrl' | 'credentials'>

/** True when two sources (or a source and a stored entry) have the same name, dialect, base URL and credentials. */
export function sameSettings(a: Settings, b: Settings): boolean {
  return (
    a.name === b.name &&
    a.dialect === b.dialect &&
    a.baseUrl === b.baseUrl &&
    JSON.stringify(a.credentials) === JSON.stringify(b.credentials)
  )
}
