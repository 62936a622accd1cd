import { defaultWorkerCount } from './http/offload'
import { resolve } from 'node:path'
import { z } from 'zod'
import { CorsConfigError, parseCorsOrigins } from './http/cors'
import { AllowedHostsError, isLoopbackName, parseAllowedHosts, splitHost, type AllowedHost } from './http/gateway'
import { DEFAULT_PROXY_MAX_BYTES, DEFAULT_PROXY_TIMEOUT_MS } from './proxy'
import type { StartServerOptions } from './server'
import { loadSourcesConfig, SourcesConfigError, type ServerSource } from './sources-config'

// Every setting the server reads from the environment, read and checked in one place. `npm start`
// (main.ts), `npm run dev` (dev.ts) and the seed command all start from `readConfig`, and
// `serverOptions` turns a config into startServer's options, so a setting cannot be read and
// then forgotten on the way.

export interface ServerConfig {
  /** PORT: where `npm start` listens, and the Vite dev server under `npm run dev` (default 4173). */
  port: number
  /** HOST: the address to listen on (default 127.0.0.1, loopback only). */
  host: string | undefined
  /** VITRINE_DATA_DIR: the catalog's folder (default ./data), resolved. */
  dataDir: string
  /** VITRINE_DEMO_ASSETS: size of the demo catalog built in an empty folder (default 5000). */
  demoAssets: number
  /** VITRINE_API_PORT: the API's port under `npm run dev` (default 4174). */
  apiPort: number
  /** VITRINE_SOURCES: server-side sources reached through /api/proxy. */
  sources: ServerSource[]
  /** VITRINE_PROXY_TIMEOUT_MS and VITRINE_PROXY_MAX_BYTES. */
  proxy: { timeoutMs: number; maxBytes: number }
  /** VITRINE_CORS_ORIGINS: origins whose pages may call the dialect APIs. */
  corsOrigins: string[]
  /** VITRINE_ALLOWED_HOSTS: Host names served besides loopback ones. */
  allowedHosts: AllowedHost[]
  /** VITRINE_GATEWAY_TOKEN: when set, the proxy and the source list require it. */
  gatewayToken: string | undefined
  /** VITRINE_SECRET: signs media links and page tokens, shared by every instance of a deployment. */
  secret: string | undefined
  /** VITRINE_SKIP_BUILD: `npm start` serves what dist/ holds (or the APIs only) instead of building. */
  skipBuild: boolean
  /** VITRINE_WORKERS: threads for list pages, searches and writes (default: cores − 1, 1 to 4; 0 none). */
  workers: number
}

/** Every bad setting, one line each, naming the variable (and never echoing a secret). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
  }
}

/** An address or name to listen on, without a port: `0.0.0.0`, `::`, `::1`, `myhost`. */
function isListenAddress(host: string): boolean {
  const parsed = splitHost(host.includes(':') ? `[${host}]` : host)
  return parsed !== undefined && parsed.port === undefined
}

const PORT_MESSAGE = 'must be a port number from 0 to 65535'

const wholeNumber = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform((text) => Number(text))

const schemas = {
  PORT: wholeNumber(PORT_MESSAGE).refine((n) => n <= 65535, PORT_MESSAGE),
  VITRINE_API_PORT: wholeNumber(PORT_MESSAGE).refine((n) => n <= 65535, PORT_MESSAGE),
  VITRINE_DEMO_ASSETS: wholeNumber('must be a whole number of assets, 0 or more'),
  VITRINE_WORKERS: wholeNumber('must be a whole number of request workers, 0 to 16').refine(
    (n) => n <= 16,
    'must be a whole number of request workers, 0 to 16',
  ),
  VITRINE_PROXY_TIMEOUT_MS: wholeNumber('must be a positive whole number of milliseconds').refine(
    (n) => n > 0,
    'must be a positive whole number of milliseconds',
  ),
  VITRINE_PROXY_MAX_BYTES: wholeNumber('must be a positive whole number of bytes').refine(
    (n) => n > 0,
    'must be a positive whole number of bytes',
  ),
  HOST: z.string().trim().refine(isListenAddress, {
    message: 'must be an address or host name to listen on, such as 127.0.0.1, 0.0.0.0 or ::1 (no port)',
  }),
  VITRINE_DATA_DIR: z.string().trim().min(1, 'must name a folder'),
  VITRINE_SKIP_BUILD: z.enum(['1', 'true', 'yes', '0', 'false', 'no'], {
    error: 'must be 1/true/yes or 0/false/no',
  }),
} as const

/** Values that must not be echoed in an error message. */
const SECRET_SCHEMAS = {
  // Put in headers, cookies and `?gateway=` links: visible ASCII, long enough not to be guessed.
  VITRINE_GATEWAY_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]*$/, 'must be visible ASCII characters without spaces')
    .min(16, 'must be at least 16 characters (try: openssl rand -hex 32)'),
  VITRINE_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -hex 32)'),
} as const

/** A secret setting's value, or the line that says what is wrong with it (never the value). */
function parseSecret(name: keyof typeof SECRET_SCHEMAS, raw: string): { value: string } | { problem: string } {
  const result = SECRET_SCHEMAS[name].safeParse(raw)
  if (result.success) return { value: result.data }
  return { problem: `${name} ${result.error.issues[0]?.message ?? 'is invalid'} (it has ${raw.length})` }
}

/**
 * The settings of a process starting from the command line (`npm start`, `npm run dev`): a bad
 * setting stops it with one line per problem, since running half-configured would hide the mistake.
 */
export function readConfigOrExit(): ServerConfig {
  try {
    return readConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

/**
 * Reads and checks every setting. Unset or empty values take their defaults. Throws a
 * ConfigError listing every bad value, one line each.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = []
  const present = (name: string): string | undefined => {
    const raw = env[name]
    return raw === undefined || raw.trim() === '' ? undefined : raw
  }
  const read = <K extends keyof typeof schemas>(name: K): z.output<(typeof schemas)[K]> | undefined => {
    const raw = present(name)
    if (raw === undefined) return undefined
    const result = schemas[name].safeParse(raw)
    if (result.success) return result.data as z.output<(typeof schemas)[K]>
    problems.push(`${name} ${result.error.issues[0]?.message ?? 'is invalid'}, got “${raw.slice(0, 200)}”`)
    return undefined
  }
  const readSecret = (name: keyof typeof SECRET_SCHEMAS): string | undefined => {
    const raw = present(name)
    if (raw === undefined) return undefined
    const parsed = parseSecret(name, raw)
    if ('value' in parsed) return parsed.value
    problems.push(parsed.problem)
    return undefined
  }
  const parse = <T>(parser: () => T, fallback: T): T => {
    try {
      return parser()
    } catch (error) {
      if (!(
        error instanceof SourcesConfigError ||
        error instanceof CorsConfigError ||
        error instanceof AllowedHostsError
      )) {
        throw error
      }
      problems.push(error.message)
      return fallback
    }
  }

  const config: ServerConfig = {
    port: read('PORT') ?? 4173,
    host: read('HOST'),
    dataDir: resolve(read('VITRINE_DATA_DIR') ?? './data'),
    demoAssets: read('VITRINE_DEMO_ASSETS') ?? 5000,
    apiPort: read('VITRINE_API_PORT') ?? 4174,
    sources: parse(() => loadSourcesConfig(env), []),
    proxy: {
      timeoutMs: read('VITRINE_PROXY_TIMEOUT_MS') ?? DEFAULT_PROXY_TIMEOUT_MS,
      maxBytes: read('VITRINE_PROXY_MAX_BYTES') ?? DEFAULT_PROXY_MAX_BYTES,
    },
    corsOrigins: parse(() => parseCorsOrigins(env.VITRINE_CORS_ORIGINS), []),
    allowedHosts: parse(() => parseAllowedHosts(env.VITRINE_ALLOWED_HOSTS), []),
    gatewayToken: readSecret('VITRINE_GATEWAY_TOKEN'),
    secret: readSecret('VITRINE_SECRET'),
    skipBuild: ['1', 'true', 'yes'].includes(read('VITRINE_SKIP_BUILD') ?? '0'),
    workers: read('VITRINE_WORKERS') ?? defaultWorkerCount(),
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}

/** The data folder alone (the seed command): VITRINE_DATA_DIR or ./data, resolved. */
export function readDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.VITRINE_DATA_DIR
  return resolve(raw === undefined || raw.trim() === '' ? './data' : raw.trim())
}

/**
 * VITRINE_SECRET alone (the seed command: a catalog built with it takes its id key from it, as
 * the server's own demo catalog does). Throws a ConfigError when it is set but too short.
 */
export function readSharedSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.VITRINE_SECRET
  if (raw === undefined || raw.trim() === '') return undefined
  const parsed = parseSecret('VITRINE_SECRET', raw)
  if ('value' in parsed) return parsed.value
  throw new ConfigError([parsed.problem])
}

/** startServer's options for this config: every setting that shapes the server goes through here. */
export function serverOptions(config: ServerConfig): StartServerOptions {
  return {
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    demoAssets: config.demoAssets,
    sources: config.sources,
    proxy: config.proxy,
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    gatewayToken: config.gatewayToken,
    secret: config.secret,
    workers: config.workers,
  }
}

/** What the operator should hear at start-up about how open this configuration is. */
export function startupWarnings(config: ServerConfig): string[] {
  const warnings: string[] = []
  const host = config.host ?? '127.0.0.1'
  const loopback = host === '::1' || isLoopbackName(host) || /^127\./.test(host)
  if (!loopback && config.allowedHosts.length === 0) {
    warnings.push(
      `HOST=${host} listens beyond this machine, but VITRINE_ALLOWED_HOSTS is empty: only loopback names ` +
        '(localhost, 127.0.0.1) are answered. List the names people use to reach this server, e.g. ' +
        'VITRINE_ALLOWED_HOSTS=photos.example.com.',
    )
  }
  if (!loopback && config.sources.length > 0 && config.gatewayToken === undefined) {
    warnings.push(
      'Server sources are reachable by anyone who can reach this port with an allowed Host: set ' +
        'VITRINE_GATEWAY_TOKEN or put your own authenticating proxy in front (see README, Security).',
    )
  }
  return warnings
}
