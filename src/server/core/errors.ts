import { HTTPException } from 'hono/http-exception'
import type { FieldIssue } from '../../shared/query-rules'
import type { PiktidErrorBody, PiktidErrorDetail } from '../../shared/piktid'
import type { AuthFailure } from './auth'

// Each vendor's error envelope, built in one place, plus the shape of a dialect's errors as a
// whole (`DialectErrors`) so the app can answer 404s and 500s under a mount in its envelope.

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 500 | 503 | 507

export interface ErrorReply {
  status: ErrorStatus
  body: unknown
}

/** How one dialect words the failures every API has. */
export interface DialectErrors {
  /** Bad query or body fields; `position` is `query` or `body`. */
  invalid(issues: FieldIssue[], position: IssuePosition): ErrorReply
  unauthorized(failure: AuthFailure): ErrorReply
  forbidden(scope: string): ErrorReply
  /** `what` names the missing thing, e.g. `Asset 3fz9a0k2` or `No route for GET /api/x`. */
  notFound(what: string, field?: string): ErrorReply
  /** The request is sound but the thing's current state refuses it (409); `message` says why. */
  conflict(message: string, field?: string): ErrorReply
  internal(): ErrorReply
  /** The catalog cannot take writes: read-only (503) or its disk is full (507). */
  storage(problem: StorageProblem): ErrorReply
}

/** Where a refused value was: FastAPI's `loc` head, PiktID's `position`. */
type IssuePosition = 'query' | 'body' | 'path'

type StorageProblem = 'read-only' | 'full'

const STORAGE_MESSAGES: Record<StorageProblem, string> = {
  'read-only': 'The catalog is read-only on this server (its data folder cannot be written); nothing was changed',
  full: 'The server has no disk space left to save this; nothing was changed, try again later',
}
/**
 * Whether a failure is the disk's (full, or read-only) rather than a bug: the operator's to fix,
 * answered clearly, and gone once fixed (SQLite rolled the failed write back).
 */
function storageProblemOf(err: unknown): StorageProblem | undefined {
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full'
  if (typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'EROFS')) return 'read-only'
  return undefined
}

const STORAGE_STATUS: Record<StorageProblem, 503 | 507> = { 'read-only': 503, full: 507 }

export function replyJson(reply: ErrorReply): Response {
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}

/**
 * A request a dialect refuses, thrown from a handler or middleware: the core renders it in the
 * envelope of the dialect it is thrown under (see `errorResponse`), so a handler names the
 * failure and never builds a body. It is Hono's `HTTPException`, so anything that catches one
 * outside a dialect (Hono's own error handler) still answers its status, never a 500.
 */
export class Refusal extends HTTPException {
  /** `status` is the usual one (a dialect may word it otherwise: Gumnut's 422 for a bad field). */
  private constructor(
    status: ErrorStatus,
    readonly reply: (errors: DialectErrors) => ErrorReply,
  ) {
    super(status, { message: 'refused' })
  }

  static invalid(issues: FieldIssue[], position: IssuePosition = 'query'): Refusal {
    return new Refusal(400, (errors) => errors.invalid(issues, position))
  }

  /** One bad field, named in its message. */
  static field(field: string, problem: string, position: IssuePosition = 'query'): Refusal {
    return Refusal.invalid([{ field, problem, message: `${field} ${problem}` }], position)
  }

  static notFound(what: string, field?: string): Refusal {
    return new Refusal(404, (errors) => errors.notFound(what, field))
  }

  static forbidden(scope: string): Refusal {
    return new Refusal(403, (errors) => errors.forbidden(scope))
  }

  /** 409: the thing is in a state that refuses this request (held by someone else, say). */
  static conflict(message: string, field?: string): Refusal {
    return new Refusal(409, (errors) => errors.conflict(message, field))
  }

  /** A refusal only one API has (Scenario's bad pagination token): its own status and body. */
  static reply(reply: ErrorReply): Refusal {
    return new Refusal(reply.status, () => reply)
  }
}

/**
 * The one error path, for the dialects' sub-apps and the app around them: a refusal in the
 * dialect's envelope, a full or read-only disk (the operator's to fix, not a bug: a clear answer,
 * and the next write succeeds once there is room, SQLite having rolled the failed one back), or
 * a bug, logged and answered 500.
 */
export function errorResponse(errors: DialectErrors, err: unknown, request: string): Response {
  if (err instanceof Refusal) return replyJson(err.reply(errors))
  // One of Hono's own (a middleware's refusal): its status and message, as Hono words it.
  if (err instanceof HTTPException) return err.getResponse()
  const storage = storageProblemOf(err)
  if (storage) {
    console.error(`${request}: ${storage === 'full' ? 'disk full' : 'catalog read-only'}`)
    return replyJson(errors.storage(storage))
  }
  console.error(`${request} failed:`, err)
  return replyJson(errors.internal())
}

const INTERNAL_MESSAGE = 'Unexpected error; see the server log'

// ---- PiktID (seed 000/002): {"error", "detail": [{field, message, position}]} --------------

function piktidBody(error: string, detail: PiktidErrorDetail[]): PiktidErrorBody {
  return { error, detail }
}

export const piktidErrors: DialectErrors = {
  invalid: (issues, position) => ({
    status: 400,
    body: piktidBody(
      'Invalid request',
      issues.map((i) => ({ field: i.field, message: i.message, position })),
    ),
  }),
  unauthorized: (failure) => ({
    status: 401,
    body: piktidBody('Unauthorized', [
      {
        field: 'Authorization',
        message: failure === 'missing' ? 'Missing bearer token' : 'Token is invalid or expired',
        position: 'header',
      },
    ]),
  }),
  forbidden: (scope) => ({
    status: 403,
    body: piktidBody('Forbidden', [
      { field: 'Authorization', message: `Token does not grant ${scope}`, position: 'header' },
    ]),
  }),
  notFound: (what, field) => ({
    status: 404,
    body: piktidBody('Not found', [{ field: field ?? null, message: `${what} not found`, position: 'path' }]),
  }),
  conflict: (message, field) => ({
    status: 409,
    body: piktidBody('Conflict', [{ field: field ?? null, message, position: 'body' }]),
  }),
  internal: () => ({
    status: 500,
    body: piktidBody('Internal server error', [{ field: null, message: INTERNAL_MESSAGE, position: 'server' }]),
  }),
  storage: (problem) => ({
    status: STORAGE_STATUS[problem],
    body: piktidBody(problem === 'full' ? 'Insufficient storage' : 'Service unavailable', [
      { field: null, message: STORAGE_MESSAGES[problem], position: 'server' },
    ]),
  }),
}

// ---- Vipanya (seed 003): {"error", "message", "field"?} with 400/403 -----------------------

export interface VipanyaErrorBody {
  error: string
  message: string
  field?: string
}

export function vipanyaBody(error: string, message: string, field?: string): VipanyaErrorBody {
  return field === undefined ? { error, message } : { error, message, field }
}

export const vipanyaErrors: DialectErrors = {
  // Vipanya's envelope has room for one field: the first bad one, its message naming it.
  invalid: (issues) => {
    const first = issues[0]
    return {
      status: 400,
      body: vipanyaBody('Validation failed', first ? first.message : 'Invalid request', first?.field),
    }
  },
  unauthorized: (failure) => ({
    status: 401,
    body: vipanyaBody('Unauthorized', failure === 'missing' ? 'API key required' : 'Invalid API key'),
  }),
  forbidden: (scope) => ({
    status: 403,
    body: vipanyaBody('Insufficient permissions', `API key does not have ${scope} scope`),
  }),
  notFound: (what) => ({ status: 404, body: vipanyaBody('Not found', `${what} not found`) }),
  conflict: (message, field) => ({ status: 409, body: vipanyaBody('Conflict', message, field) }),
  internal: () => ({ status: 500, body: vipanyaBody('Internal server error', INTERNAL_MESSAGE) }),
  storage: (problem) => ({
    status: STORAGE_STATUS[problem],
    body: vipanyaBody(problem === 'full' ? 'Insufficient storage' : 'Service unavailable', STORAGE_MESSAGES[problem]),
  }),
}

// ---- Gumnut (seed 004): {"detail": [{loc, msg, type}]} 422; {"error", "message"} 401/403 ----

interface GumnutValidationItem {
  loc: (string | number)[]
  msg: string
  type: string
}

function gumnutValidationBody(
  issues: FieldIssue[],
  position: IssuePosition,
): {
  detail: GumnutValidationItem[]
} {
  return { detail: issues.map((i) => ({ loc: [position, i.field], msg: i.problem, type: 'value_error' })) }
}

function gumnutBody(error: string, message: string): { error: string; message: string } {
  return { error, message }
}

export const gumnutErrors: DialectErrors = {
  invalid: (issues, position) => ({ status: 422, body: gumnutValidationBody(issues, position) }),
  unauthorized: () => ({ status: 401, body: gumnutBody('unauthorized', 'Invalid or expired token') }),
  forbidden: () => ({ status: 403, body: gumnutBody('forbidden', 'Insufficient permissions for this operation') }),
  // FastAPI answers a missing thing with {"detail": "<text>"}.
  notFound: (what) => ({ status: 404, body: { detail: `${what} not found` } }),
  // FastAPI's HTTPException(409) reads the same way.
  conflict: (message) => ({ status: 409, body: { detail: message } }),
  internal: () => ({ status: 500, body: gumnutBody('internal_error', INTERNAL_MESSAGE) }),
  storage: (problem) => ({
    status: STORAGE_STATUS[problem],
    body: gumnutBody(problem === 'full' ? 'insufficient_storage' : 'read_only', STORAGE_MESSAGES[problem]),
  }),
}

// ---- Scenario (seed 001): {"reason", "message"} ------------------------------------------

function scenarioBody(reason: string, message: string): { reason: string; message: string } {
  return { reason, message }
}

export const scenarioErrors: DialectErrors = {
  invalid: (issues) => ({
    status: 400,
    body: scenarioBody('invalid_request', issues.map((i) => i.message).join('; ')),
  }),
  unauthorized: (failure) => ({
    status: 401,
    body: scenarioBody('unauthorized', failure === 'missing' ? 'Missing credentials' : 'Invalid credentials'),
  }),
  forbidden: (scope) => ({ status: 403, body: scenarioBody('forbidden', `Credentials do not grant ${scope}`) }),
  notFound: (what) => ({ status: 404, body: scenarioBody('not_found', `${what} not found`) }),
  conflict: (message) => ({ status: 409, body: scenarioBody('conflict', message) }),
  internal: () => ({ status: 500, body: scenarioBody('internal_error', INTERNAL_MESSAGE) }),
  storage: (problem) => ({
    status: STORAGE_STATUS[problem],
    body: scenarioBody(problem === 'full' ? 'insufficient_storage' : 'read_only', STORAGE_MESSAGES[problem]),
  }),
}

/** Errors outside any dialect (unknown `/api/...` paths, media): `{"error", "message"}`. */
export const plainErrors: DialectErrors = {
  invalid: (issues) => ({
    status: 400,
    body: { error: 'Invalid request', message: issues.map((i) => i.message).join('; ') },
  }),
  unauthorized: () => ({ status: 401, body: { error: 'Unauthorized', message: 'Credentials required' } }),
  forbidden: (scope) => ({ status: 403, body: { error: 'Forbidden', message: `Requires ${scope}` } }),
  notFound: (what) => ({ status: 404, body: { error: 'Not found', message: `${what} not found` } }),
  conflict: (message) => ({ status: 409, body: { error: 'Conflict', message } }),
  internal: () => ({ status: 500, body: { error: 'Internal server error', message: INTERNAL_MESSAGE } }),
  storage: (problem) => ({
    status: STORAGE_STATUS[problem],
    body: {
      error: problem === 'full' ? 'Insufficient storage' : 'Service unavailable',
      message: STORAGE_MESSAGES[problem],
    },
  }),
}
