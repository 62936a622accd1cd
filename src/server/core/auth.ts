import type { Context, MiddlewareHandler } from 'hono'
import type { Catalog, CatalogUser } from '../db/catalog-db'
import { Refusal } from './errors'

// Authentication for every dialect. A dialect lists the credential rules it accepts (bearer
// tokens, Basic key:secret, a public-access header value) and how a failure looks in its own
// envelope; the middleware sets `caller` for the handlers. Scopes come from the `tokens` table.

interface Caller {
  /** `null` for public access without a user: such a caller sees public rows only. */
  user: CatalogUser | null
  scopes: ReadonlySet<string>
  scheme: 'bearer' | 'basic' | 'public'
}

export type AuthEnv = { Variables: { caller: Caller } }

/** Why a request was refused: no credentials at all, or credentials that did not check out. */
export type AuthFailure = 'missing' | 'invalid'

/** Reads one kind of credential from the `Authorization` header; `undefined` = not this kind. */
export interface CredentialRule {
  read(authorization: string, catalog: Catalog): Caller | 'invalid' | undefined
}

/** `Authorization: Bearer <token>`, with the token's user and scopes. */
export const bearerToken: CredentialRule = {
  read(authorization, catalog) {
    const match = /^Bearer(?:\s+(\S*))?\s*$/i.exec(authorization)
    if (!match) return undefined
    const grant = match[1] ? catalog.tokenGrant(match[1]) : undefined
    return grant ? { user: grant.user, scopes: grant.scopes, scheme: 'bearer' } : 'invalid'
  },
}

/** `Authorization: Basic base64(key:secret)`: the key is a token, the secret is shared by all keys. */
export function basicKeySecret(secret: string): CredentialRule {
  return {
    read(authorization, catalog) {
      const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization)
      if (!match?.[1]) return /^Basic\b/i.test(authorization) ? 'invalid' : undefined
      const decoded = Buffer.from(match[1], 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 0) return 'invalid'
      const grant = catalog.tokenGrant(decoded.slice(0, colon))
      if (!grant || decoded.slice(colon + 1) !== secret) return 'invalid'
      return { user: grant.user, scopes: grant.scopes, scheme: 'basic' }
    },
  }
}

/** `Authorization: <value>` exactly: public access, no user, read-only. */
export function publicAccessToken(value: string): CredentialRule {
  return {
    read(authorization) {
      return authorization.trim() === value
        ? { user: null, scopes: new Set(['read:assets']), scheme: 'public' }
        : undefined
    },
  }
}

export interface AuthOptions {
  rules: readonly CredentialRule[]
  /** The dialect's 401 response. */
  onFailure: (c: Context, failure: AuthFailure) => Response
}

/** Middleware: the first rule that recognises the credential decides; otherwise 401. */
export function authenticate(catalog: Catalog, options: AuthOptions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const authorization = c.req.header('authorization') ?? ''
    if (authorization.trim() === '') return options.onFailure(c, 'missing')
    for (const rule of options.rules) {
      const result = rule.read(authorization, catalog)
      if (result === undefined) continue
      if (result === 'invalid') return options.onFailure(c, 'invalid')
      c.set('caller', result)
      return next()
    }
    return options.onFailure(c, 'invalid')
  }
}

/** Middleware: the caller's credential must grant `scope`, else the dialect's 403. */
export function requireScope(scope: string): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!c.get('caller').scopes.has(scope)) throw Refusal.forbidden(scope)
    return next()
  }
}
