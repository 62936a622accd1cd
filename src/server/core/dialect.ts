import { Hono, type Context, type Handler } from 'hono'
import type { RuleTable, StrictValues } from '../../shared/query-rules'
import type { Catalog } from '../db/catalog-db'
import { authenticate, type AuthEnv, type CredentialRule } from './auth'
import { errorResponse, Refusal, replyJson, type DialectErrors } from './errors'
import { parseQuery } from './params'

// What a dialect is built from. `createDialectApp` is the frame every dialect's sub-app starts
// from: the core's auth middleware with the dialect's credential rules and 401 envelope, and the
// core's one error path (`Refusal`s, storage problems and bugs in the dialect's envelope).
// `endpoint` is the shape of a handler: parse the query with a shared rule table → read the
// catalog → project onto the wire. Unknown paths under a mount are answered by the app-level
// table in app.ts (Hono never calls a sub-app's notFound), so a dialect registers its
// `DialectErrors` there too.

export interface DialectAppOptions {
  catalog: Catalog
  errors: DialectErrors
  credentials: readonly CredentialRule[]
}

export function createDialectApp(options: DialectAppOptions): Hono<AuthEnv> {
  const { catalog, errors, credentials } = options
  const app = new Hono<AuthEnv>()
  app.use(
    '*',
    authenticate(catalog, { rules: credentials, onFailure: (_c, failure) => replyJson(errors.unauthorized(failure)) }),
  )
  app.onError((err, c) => errorResponse(errors, err, `${c.req.method} ${c.req.path}`))
  return app
}

type DialectContext = Context<AuthEnv>

/** One GET endpoint of a dialect, in three steps; any step may throw a `Refusal`. */
interface EndpointSpec<R extends RuleTable, P, Q, B> {
  /** The query's rule table, from src/shared (the one the client builds its requests with). */
  rules: R
  /** The parsed values as the query takes them (cross-field rules, canonical forms); as parsed when absent. */
  params?: (values: StrictValues<R>, c: DialectContext) => P
  /** Reads the catalog, within what the caller may see. */
  query: (params: P, c: DialectContext) => Q
  /** What was read as the API's JSON body. */
  project: (result: Q, params: P, c: DialectContext) => B
}

/** A handler from an `EndpointSpec`: a bad parameter is the dialect's 4xx, each named. */
export function endpoint<R extends RuleTable, Q, B, P = StrictValues<R>>(
  spec: EndpointSpec<R, P, Q, B>,
): Handler<AuthEnv> {
  return (c) => {
    const parsed = parseQuery(c, spec.rules)
    if (!parsed.ok) throw Refusal.invalid(parsed.issues, 'query')
    const params = spec.params ? spec.params(parsed.values, c) : (parsed.values as P)
    return c.json(spec.project(spec.query(params, c), params, c) as object)
  }
}
