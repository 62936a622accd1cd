import type { Credentials, Dialect } from '../../shared/source-rules'

/** How the form presents each dialect: its name, an example base URL and its credential fields. */
export const DIALECT_INFO: Record<Dialect, { label: string; example: string }> = {
  piktid: { label: 'PiktID', example: 'https://v2.api.piktid.com' },
  scenario: { label: 'Scenario', example: 'https://api.cloud.scenario.com/v1' },
  vipanya: { label: 'Vipanya', example: 'https://library.example.com' },
  gumnut: { label: 'Gumnut', example: 'https://api.gumnut.ai' },
}

export const CREDENTIAL_LABELS: Record<keyof Credentials, string> = {
  token: 'Bearer token',
  apiKey: 'API key',
  apiSecret: 'API secret',
}
