// Rules every source obeys wherever it is configured: in the browser's store or in the server's
// VITRINE_SOURCES file. Shared so that both sides refuse the same ids and send the same headers.

export const DIALECTS = ['piktid', 'scenario', 'vipanya', 'gumnut'] as const
export type Dialect = (typeof DIALECTS)[number]

export function isDialect(value: unknown): value is Dialect {
  return typeof value === 'string' && (DIALECTS as readonly string[]).includes(value)
}

/**
 * Ids a new source may not take: the server's own top-level paths (a source id is the first
 * segment of the app's routes, `/{id}/assets`) and the bundled sources' ids.
 */
export const RESERVED_SOURCE_IDS = ['api', 'media', 'sources', 'assets', ...DIALECTS] as const

export function isReservedSourceId(id: string): boolean {
  return (RESERVED_SOURCE_IDS as readonly string[]).includes(id.toLowerCase())
}

/** Lower-case letters, digits and inner hyphens: safe as a URL segment and a route param. */
export const SOURCE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/

/** Why a parsed base URL cannot be a source's: not http(s), credentials in it, or a query or fragment. */
export type BaseUrlFault = 'protocol' | 'credentials' | 'query'

/** The rule every source's base URL obeys; each side words the fault for its own readers. */
export function baseUrlFault(url: URL): BaseUrlFault | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'protocol'
  if (url.username || url.password) return 'credentials'
  if (url.search || url.hash) return 'query'
  return undefined
}

/**
 * What each dialect authenticates with. PiktID and Gumnut: a bearer token. Vipanya: an API key,
 * sent as a bearer token. Scenario: an API key and secret (HTTP Basic) or a bearer token.
 */
export interface Credentials {
  token?: string | undefined
  apiKey?: string | undefined
  apiSecret?: string | undefined
}

/** Which credential fields a dialect reads, for forms and validation. */
export const CREDENTIAL_FIELDS: Record<Dialect, readonly (keyof Credentials)[]> = {
  piktid: ['token'],
  gumnut: ['token'],
  vipanya: ['apiKey'],
  scenario: ['apiKey', 'apiSecret', 'token'],
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The `Authorization` header value for a dialect's credentials, or undefined when it has none. */
export function authorizationHeader(dialect: Dialect, credentials: Credentials): string | undefined {
  switch (dialect) {
    case 'piktid':
    case 'gumnut':
      return credentials.token ? `Bearer ${credentials.token}` : undefined
    case 'vipanya':
      return credentials.apiKey ? `Bearer ${credentials.apiKey}` : undefined
    case 'scenario':
      if (credentials.apiKey && credentials.apiSecret) {
        return `Basic ${base64(`${credentials.apiKey}:${credentials.apiSecret}`)}`
      }
      return credentials.token ? `Bearer ${credentials.token}` : undefined
  }
}

/**
 * What a dialect's credentials are missing, by field, in words; empty when they are complete.
 * Scenario takes either a key and secret or a token.
 */
export function missingCredentials(
  dialect: Dialect,
  credentials: Credentials,
): Partial<Record<keyof Credentials, string>> {
  const blank = (value: string | undefined) => !value || value.trim() === ''
  switch (dialect) {
    case 'piktid':
    case 'gumnut':
      return blank(credentials.token) ? { token: 'Enter the bearer token.' } : {}
    case 'vipanya':
      return blank(credentials.apiKey) ? { apiKey: 'Enter the API key.' } : {}
    case 'scenario': {
      const key = !blank(credentials.apiKey)
      const secret = !blank(credentials.apiSecret)
      if (key && secret) return {}
      if (key) return { apiSecret: 'Enter the API secret that goes with the key.' }
      if (secret) return { apiKey: 'Enter the API key that goes with the secret.' }
      if (!blank(credentials.token)) return {}
      return { apiKey: 'Enter an API key and secret, or a bearer token.' }
    }
  }
}

/** The reference server's demo users (README); each has the token `demo-<user>`. */
export const DEMO_USERS = ['alice', 'bob', 'carol'] as const
export type DemoUser = (typeof DEMO_USERS)[number]

export function isDemoUser(value: unknown): value is DemoUser {
  return typeof value === 'string' && (DEMO_USERS as readonly string[]).includes(value)
}

/**
 * A demo user's credentials in a dialect's own shape: the bearer token `demo-<user>`, sent as
 * Vipanya's API key, and for Scenario the key `demo-<user>` with the secret `demo-secret` (Basic).
 */
export function demoCredentials(dialect: Dialect, user: DemoUser): Credentials {
  const token = `demo-${user}`
  switch (dialect) {
    case 'piktid':
    case 'gumnut':
      return { token }
    case 'vipanya':
      return { apiKey: token }
    case 'scenario':
      return { apiKey: token, apiSecret: 'demo-secret' }
  }
}
