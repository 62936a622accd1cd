import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { z } from 'zod'
import {
  CREDENTIAL_FIELDS,
  DIALECTS,
  RESERVED_SOURCE_IDS,
  SOURCE_ID_PATTERN,
  authorizationHeader,
  baseUrlFault,
  isReservedSourceId,
  missingCredentials,
  type BaseUrlFault,
  type Credentials,
  type Dialect,
} from '../shared/source-rules'
import { isPrivateAddress } from './proxy/transport'

// Sources configured on the server (VITRINE_SOURCES): reached by the browser only through
// /api/proxy/{id}, so their credentials never leave this process.

/** A configured source with its secrets resolved. */
export interface ServerSource {
  id: string
  name: string
  dialect: Dialect
  /** The vendor's base URL, e.g. `https://v2.api.piktid.com` or `http://10.0.0.5:4173/api/piktid`. */
  baseUrl: URL
  /** The `Authorization` header the proxy adds upstream. */
  authorization: string | undefined
  /** Every secret value (and its encoded header form), for redaction. */
  secrets: readonly string[]
  /**
   * Origins besides the base URL's that the proxy may sign and fetch media from (`mediaHosts`),
   * normalised: `https://cdn.piktid.com`. Credentials never go to them.
   */
  mediaOrigins: readonly string[]
  /**
   * Whether the base URL and media hosts may resolve to loopback, link-local or private
   * addresses (`allowPrivateNetwork`): a second server on this machine or the LAN. Off, such an
   * address is refused, so a listed host cannot be pointed at an internal service.
   */
  allowPrivateNetwork: boolean
}

/** What `GET /api/sources` tells the browser: never a credential or the upstream address. */
export interface PublicServerSource {
  id: string
  name: string
  dialect: Dialect
  baseUrl: string
}

export class SourcesConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SourcesConfigError'
  }
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/

const MEDIA_HOST_WORDS = 'must be an origin such as https://cdn.example.com or a host name such as cdn.example.com'
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

/**
 * A `mediaHosts` entry as an origin: `https://cdn.example.com:8443` stays as written (normalised);
 * a bare host name means that host over https. Anything with a path, query, user name or another
 * scheme is refused (undefined), since it could not be matched against a link's origin.
 */
function mediaOrigin(value: string): string | undefined {
  if (value.includes('://')) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      return undefined
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return undefined
    if (value.endsWith('?') || value.endsWith('#')) return undefined
    return url.origin
  }
  if (!HOST_NAME.test(value)) return undefined
  return new URL(`https://${value}`).origin
}

function isPrivateHost(value: string): boolean {
  let hostname: string
  try {
    hostname = new URL(value).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return false
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true
  return isIP(hostname) !== 0 && isPrivateAddress(hostname)
}

const secretSchema = z.union(
  [
    z.string().min(1, 'must not be empty'),
    z.strictObject({ env: z.string().regex(envName, 'must be an environment variable name such as PIKTID_TOKEN') }),
  ],
  { error: 'must be a string or {"env": "VARIABLE_NAME"}' },
)

const entrySchema = z.strictObject(
  {
    id: z
      .string({ error: 'is required' })
      .regex(SOURCE_ID_PATTERN, 'must be lower-case letters, digits and inner hyphens (at most 48)')
      .refine((id) => !isReservedSourceId(id), `is reserved (${RESERVED_SOURCE_IDS.join(', ')})`),
    name: z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'must not be empty')
      .max(80, 'must be at most 80 characters'),
    dialect: z.enum(DIALECTS, { error: `must be one of ${DIALECTS.join(', ')}` }),
    baseUrl: z.string({ error: 'is required' }).superRefine((value, ctx) => {
      const problem = baseUrlProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
    credentials: z.strictObject(
      { token: secretSchema.optional(), apiKey: secretSchema.optional(), apiSecret: secretSchema.optional() },
      { error: 'must be an object of token, apiKey or apiSecret' },
    ),
    mediaHosts: z
      .array(
        z.string({ error: MEDIA_HOST_WORDS }).superRefine((value, ctx) => {
          if (mediaOrigin(value) === undefined) ctx.addIssue({ code: 'custom', message: MEDIA_HOST_WORDS })
        }),
        { error: 'must be an array of origins or host names' },
      )
      .optional(),
    allowPrivateNetwork: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: 'must be an object with id, name, dialect, baseUrl and credentials' },
)

const fileSchema = z.strictObject(
  { sources: z.array(z.unknown(), { error: 'must be an array' }) },
  { error: 'must be an object {"sources": [...]}' },
)

type SecretSpec = z.infer<typeof secretSchema>

const BASE_URL_PROBLEMS: Record<BaseUrlFault, string> = {
  protocol: 'must be an http or https URL',
  credentials: 'must not hold a user name or password; put them in credentials',
  query: 'must not have a query string or fragment',
}

function baseUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'must be an absolute http(s) URL'
  }
  const fault = baseUrlFault(url)
  return fault && BASE_URL_PROBLEMS[fault]
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
}

/**
 * Validates a parsed VITRINE_SOURCES document and resolves its secrets from `env`. Throws a
 * SourcesConfigError listing every problem, each naming the entry and field.
 */
export function parseSourcesConfig(document: unknown, env: NodeJS.ProcessEnv = process.env): ServerSource[] {
  const file = fileSchema.safeParse(document)
  if (!file.success) {
    const issue = file.error.issues[0]
    const where = issue && issue.path.length > 0 ? `the file${fieldPath(issue.path)}` : 'the file'
    throw new SourcesConfigError(`${where} ${issue?.message ?? 'is invalid'}`)
  }

  const problems: string[] = []
  const sources: ServerSource[] = []
  const seenIds = new Map<string, number>()
  const seenNames = new Map<string, number>()

  file.data.sources.forEach((raw, index) => {
    const rawId = raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined
    const label = rawId ? `sources[${index}] ("${rawId}")` : `sources[${index}]`
    const report = (field: string, message: string) => problems.push(`${label}${field}: ${message}`)

    const parsed = entrySchema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // An unknown key's issue sits on the object; name the key itself.
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) report(`${fieldPath(issue.path)}.${key}`, 'is not a known field')
        } else report(fieldPath(issue.path), issue.message)
      }
      return
    }
    const entry = parsed.data

    const earlierId = seenIds.get(entry.id)
    if (earlierId !== undefined) report('.id', `repeats the id of sources[${earlierId}]`)
    else seenIds.set(entry.id, index)
    const nameKey = entry.name.toLowerCase()
    const earlierName = seenNames.get(nameKey)
    if (earlierName !== undefined) report('.name', `repeats the name of sources[${earlierName}]`)
    else seenNames.set(nameKey, index)

    // A private address written out is refused here rather than on every request; a name is
    // only resolved (and checked) when the proxy connects.
    if (!entry.allowPrivateNetwork) {
      const hosts: [string, string][] = [
        ['.baseUrl', entry.baseUrl],
        ...(entry.mediaHosts ?? []).map((host, i): [string, string] => [`.mediaHosts[${i}]`, mediaOrigin(host) ?? '']),
      ]
      for (const [field, value] of hosts) {
        if (isPrivateHost(value)) {
          report(field, 'is on a private network address; add "allowPrivateNetwork": true to reach it')
        }
      }
    }

    const allowed = CREDENTIAL_FIELDS[entry.dialect]
    const credentials: Credentials = {}
    let resolved = true
    for (const field of ['token', 'apiKey', 'apiSecret'] as const) {
      const spec: SecretSpec | undefined = entry.credentials[field]
      if (spec === undefined) continue
      if (!allowed.includes(field)) {
        report(`.credentials.${field}`, `is not used by the ${entry.dialect} dialect (it takes ${allowed.join(', ')})`)
        resolved = false
        continue
      }
      if (typeof spec === 'string') {
        credentials[field] = spec
        continue
      }
      const value = env[spec.env]
      if (value === undefined || value === '') {
        report(`.credentials.${field}`, `environment variable ${spec.env} is not set`)
        resolved = false
        continue
      }
      credentials[field] = value
    }
    if (!resolved) return
    for (const [field, message] of Object.entries(missingCredentials(entry.dialect, credentials))) {
      report(`.credentials.${field}`, message.replace(/^Enter/, 'needs'))
    }
    if (Object.keys(missingCredentials(entry.dialect, credentials)).length > 0) return

    const authorization = authorizationHeader(entry.dialect, credentials)
    const secretValues = Object.values(credentials).filter((v): v is string => typeof v === 'string' && v !== '')
    const secrets = [...secretValues, ...(authorization ? [authorization.replace(/^\S+\s+/, '')] : [])]
    sources.push({
      id: entry.id,
      name: entry.name,
      dialect: entry.dialect,
      baseUrl: new URL(entry.baseUrl),
      authorization,
      mediaOrigins: [...new Set((entry.mediaHosts ?? []).flatMap((host) => mediaOrigin(host) ?? []))],
      allowPrivateNetwork: entry.allowPrivateNetwork ?? false,
      // Longest first, so a secret that contains another is redacted whole.
      secrets: [...new Set(secrets)].sort((a, b) => b.length - a.length),
    })
  })

  if (problems.length > 0) throw new SourcesConfigError(problems.join('\n'))
  return sources
}

/**
 * Reads the file named by VITRINE_SOURCES (none configured: no sources). Every failure is a
 * SourcesConfigError whose message names the file, the entry and the field.
 */
export function loadSourcesConfig(env: NodeJS.ProcessEnv = process.env): ServerSource[] {
  const path = env.VITRINE_SOURCES
  if (path === undefined || path.trim() === '') return []
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new SourcesConfigError(`VITRINE_SOURCES: cannot read ${path} (${code ?? 'unreadable'})`)
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    // note: the parser's own message quotes the text around the fault, which may be a secret.
    const position = /position (\d+)/.exec((error as Error).message)?.[1]
    let where = ''
    if (position !== undefined) {
      const before = text.slice(0, Number(position)).split('\n')
      where = ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`
    }
    throw new SourcesConfigError(`VITRINE_SOURCES: ${path} is not valid JSON${where}`)
  }
  try {
    return parseSourcesConfig(document, env)
  } catch (error) {
    if (!(error instanceof SourcesConfigError)) throw error
    const lines = error.message.split('\n').map((line) => `  ${line}`)
    throw new SourcesConfigError(`VITRINE_SOURCES: ${path} is invalid:\n${lines.join('\n')}`)
  }
}

export function proxyBaseUrl(id: string): string {
  return `/api/proxy/${id}`
}

export function publicSources(sources: readonly ServerSource[]): PublicServerSource[] {
  return sources.map((s) => ({ id: s.id, name: s.name, dialect: s.dialect, baseUrl: proxyBaseUrl(s.id) }))
}
