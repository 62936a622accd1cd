import type { Context } from 'hono'
import { z } from 'zod'
import { strictQuery, type FieldIssue, type RuleTable, type StrictResult } from '../../shared/query-rules'

// Reading request input with shared rules. Query parameters go through a rule table from
// src/shared (the same one the client reads its URL with); JSON bodies through a zod schema.

interface RawQuery {
  /** Every value of every parameter, in order, decoded. */
  values: Record<string, string[]>
  /** Parameters with a value that is not UTF-8 once percent-decoded (e.g. `%ED%A0%80`, `%FF`, `%zz`). */
  undecodable: Set<string>
}

/** `application/x-www-form-urlencoded` decoding that fails instead of guessing. */
function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

/**
 * The query string of `url`, every value kept. Hono's own reader leaves a malformed escape as
 * literal text, so `search=%ED%A0%80` would search for those nine characters; here the parameter
 * is marked instead, to be refused by name. A name that does not decode names no parameter we
 * know, so it is left out.
 */
function readRawQuery(url: string): RawQuery {
  const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>
  const undecodable = new Set<string>()
  const start = url.indexOf('?')
  if (start < 0) return { values, undecodable }
  const end = url.indexOf('#', start)
  const query = url.slice(start + 1, end < 0 ? undefined : end)
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq))
    if (name === undefined) continue
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1))
    if (value === undefined) undecodable.add(name)
    const list = values[name] ?? (values[name] = [])
    list.push(value ?? '')
  }
  return { values, undecodable }
}

/**
 * Strictly parses the request's query string with `rules`: repeated parameters, undecodable
 * values and control characters included, each bad parameter named.
 */
export function parseQuery<R extends RuleTable>(c: Context, rules: R): StrictResult<R> {
  const { values, undecodable } = readRawQuery(c.req.url)
  const result = strictQuery(rules, values)
  const encoding: FieldIssue[] = Object.keys(rules)
    .filter((field) => undecodable.has(field))
    .map((field) => {
      const problem = 'must be UTF-8 text, percent-encoded'
      return { field, problem, message: `${field} ${problem}` }
    })
  if (encoding.length === 0) return result
  // Undecodable values were read as empty; their own issue replaces anything the rule said.
  const others = result.ok ? [] : result.issues.filter((i) => !undecodable.has(i.field))
  const order = Object.keys(rules)
  const issues = [...encoding, ...others].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
  return { ok: false, issues }
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
export async function parseJsonBody<T>(c: Context, schema: z.core.$ZodType<T>): Promise<BodyResult<T>> {
  let json: unknown
  try {
    json = await c.req.json()
  } catch {
    return {
      ok: false,
      issues: [{ field: 'body', problem: 'must be a JSON object', message: 'body must be a JSON object' }],
    }
  }
  const result = z.safeParse(schema, json)
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: zodFieldIssues(result.error) }
}
