import { DEFAULT_PROXY_MAX_BYTES, DEFAULT_PROXY_TIMEOUT_MS } from './proxy'
import { SourcesConfigError } from './sources-config'

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) {
    throw new SourcesConfigError(`${name} must be a positive whole number, got “${raw}”`)
  }
  return value
}

/** VITRINE_PROXY_TIMEOUT_MS (default 20 s) and VITRINE_PROXY_MAX_BYTES (default 25 MiB). */
export function readProxySettings(env: NodeJS.ProcessEnv = process.env): { timeoutMs: number; maxBytes: number } {
  return {
    timeoutMs: positiveInteger(env, 'VITRINE_PROXY_TIMEOUT_MS', DEFAULT_PROXY_TIMEOUT_MS),
    maxBytes: positiveInteger(env, 'VITRINE_PROXY_MAX_BYTES', DEFAULT_PROXY_MAX_BYTES),
  }
}
