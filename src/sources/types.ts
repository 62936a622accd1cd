import type { Credentials } from '../shared/source-rules'
import type { SourceConfig } from '../dialects/types'

// Every source the app can browse: bundled with the app, configured on the server (reached
// through its proxy), or added in this browser (kept in localStorage, never in a URL).

export type SourceOrigin = 'bundled' | 'server' | 'browser'

/** A source as the app uses it. The same object is handed out until the source is edited. */
export interface Source extends SourceConfig {
  origin: SourceOrigin
  /** Bumped on every edit; part of query keys so an edited source never shows old pages. */
  revision: number
}

/** What a user types into the source form. */
export interface SourceDraft {
  name: string
  dialect: string
  baseUrl: string
  credentials: Credentials
}

export type SourceField = 'name' | 'dialect' | 'baseUrl' | keyof Credentials
export type SourceFieldErrors = Partial<Record<SourceField, string>>
export type SaveResult = { ok: true; source: Source } | { ok: false; errors: SourceFieldErrors }

/** The smallest slice of the Storage API the store needs (localStorage, or a map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}
