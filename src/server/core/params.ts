import type { Context } from 'hono'
import type { z } from 'zod'
import { strictQuery, type FieldIssue, type RuleTable, type StrictResult } from '../../shared/query-rules'

// Reading request input with shared rules. Query parameters go through a rule table from
// src/shared (the same one the client reads its URL with); JSON bodies through a zod schema.

/** Strictly parses the request's query string (repeated parameters included) with `rules`. */
export function parseQuery<R extends RuleTable>(c: Context, rules: R): StrictResult<R> {
  return strictQuery(rules, c.req.queries())
}

/** zod issues to field issues, one per field, the field named in each message. */
function zodFieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>()
  const issues: FieldIssue[] = []
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body'
    if (seen.has(field)) continue
    seen.add(field)
    issues.push({ field, problem: issue.message, message: `${field} ${issue.message}` })
  }
  return issues
}

export type BodyResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

/** Parses a JSON body with `schema`; a body that is not JSON is one issue on `body`. */
export async function parseJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  let json: unknown
  try {
    json = await c.req.json()
  } catch {
    return {
      ok: false,
      issues: [{ field: 'body', problem: 'must be a JSON object', message: 'body must be a JSON object' }],
    }
  }
  const result = schema.safeParse(json)
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: zodFieldIssues(result.error) }
}
