import { Hono, type Context } from 'hono'
import type { Catalog } from '../db/catalog-db'
import { authenticate, type AuthEnv, type CredentialRule } from './auth'
import { replyJson, storageProblemOf, type DialectErrors, type ErrorReply } from './errors'

// The frame every dialect's sub-app starts from: the core's auth middleware with the dialect's
// credential rules and 401 envelope, and its envelope for unexpected errors. Unknown paths
// under a mount are answered by the app-level table in app.ts (Hono never calls a sub-app's
// notFound), so a dialect registers its `DialectErrors` there too.

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
  app.onError((err, c) => {
    const storage = storageProblemOf(err)
    if (storage) {
      console.error(`${c.req.method} ${c.req.path}: ${storage === 'full' ? 'disk full' : 'catalog read-only'}`)
      return replyJson(errors.storage(storage))
    }
    console.error(`${c.req.method} ${c.req.path} failed:`, err)
    return replyJson(errors.internal())
  })
  return app
}

/** Sends a dialect error reply from a handler. */
export function sendError(c: Context, reply: ErrorReply): Response {
  return c.json(reply.body, reply.status)
}
