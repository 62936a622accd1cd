import { z } from 'zod/mini'

// Query-parameter rules shared by the client and the reference server. A rule says how one
// parameter's value is checked and converted. From one table of rules come both readers:
// - `strictQuery` (server): every present value must pass, else each bad field is named;
// - `lenientQuery` (client URL): a bad value is dropped (or the usable part kept), never thrown.
// Because both run the same checks, whatever the lenient reader keeps, the strict one accepts.
// Two checks come before any rule's own: a value holding a control character (NUL included) or a
// lone surrogate is refused, since no parameter means anything by one and SQLite stops strings at
// NUL; and a parameter that is not `repeated` may appear once only. The lenient reader, reading
// URLs people paste, drops the first kind of value and keeps the first of repeated values instead.

/** One parameter's rule. Repeated parameters (`?feedback=a&feedback=b`) see all their values. */
export interface ParamRule<T> {
  readonly repeated: boolean
  readonly schema: z.ZodMiniType<T>
  /** The API default; the strict reader fills it in, the lenient one drops values equal to it. */
  readonly default?: T
  /** What the lenient reader keeps of a value the schema refuses (e.g. the known tags of a list). */
  salvage?(raw: string[]): T | undefined
  /** Wire form of a value, for building URLs and requests. */
  encode(value: T): string[]
}

export type RuleTable = Readonly<Record<string, ParamRule<unknown>>>
type ValueOf<R> = R extends ParamRule<infer T> ? T : never

/** What the strict reader yields: a value for every parameter with a default, else maybe undefined. */
export type StrictValues<R extends RuleTable> = {
  [K in keyof R]: R[K] extends { default: infer D } ? D : ValueOf<R[K]> | undefined
}
/** What the lenient reader yields: only the parameters present, valid and not the default. */
export type LenientValues<R extends RuleTable> = { [K in keyof R]?: ValueOf<R[K]> }

export interface FieldIssue {
  field: string
  /** The problem alone, e.g. `must be between 1 and 100`. */
  problem: string
  /** A sentence naming the field, e.g. `per_page must be between 1 and 100`. */
  message: string
}

export type StrictResult<R extends RuleTable> =
  { ok: true; values: StrictValues<R> } | { ok: false; issues: FieldIssue[] }

// ---- building rules -----------------------------------------------------------------------

/** Refuses a value from inside a transform: the issue is reported and nothing is kept. */
export function refuse(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value })
  return z.NEVER
}

const single = <T>(schema: z.ZodMiniType<T, string>, encode: (value: T) => string): ParamRule<T> => ({
  repeated: false,
  schema: schema as z.ZodMiniType<T>,
  encode: (value) => [encode(value)],
})

export function withDefault<T>(rule: ParamRule<T>, value: NoInfer<T>): ParamRule<T> & { default: T } {
  return { ...rule, default: value }
}

export function integerRule(min: number, max?: number): ParamRule<number> {
  // A number too long to be exact (or to be a number at all) is out of range, not malformed.
  const outOfRange = max === undefined ? 'is too large' : `must be between ${min} and ${max}`
  const range = z
    .number({ error: outOfRange })
    .check(
      z.gte(min, max === undefined ? `must be at least ${min}` : outOfRange),
      z.int(outOfRange),
      z.lte(max ?? Number.MAX_SAFE_INTEGER, outOfRange),
    )
  return single(
    z.pipe(z.pipe(z.string().check(z.trim(), z.regex(/^[+-]?\d+$/, 'must be an integer')), z.transform(Number)), range),
    String,
  )
}

export function enumRule<const T extends readonly [string, ...string[]]>(values: T): ParamRule<T[number]> {
  return single(
    z.enum(values, { error: `must be one of: ${values.join(', ')}` }) as z.ZodMiniType<T[number], string>,
    String,
  )
}

/** Free text, trimmed; at most `max` characters after trimming (`maxLength`, for a text field). */
export function textRule(max: number): ParamRule<string> & { readonly maxLength: number } {
  const rule = single(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((s: string) => s.trim()),
      ),
      z.string().check(z.maxLength(max, `must be at most ${max} characters`)),
    ),
    String,
  )
  return { ...rule, maxLength: max }
}

/** A value checked by `parse`; the kept value is the trimmed text as written (not normalised). */
export function checkedTextRule(parse: (text: string) => unknown, problem: string): ParamRule<string> {
  return single(
    z
      .pipe(
        z.string(),
        z.transform((s: string) => s.trim()),
      )
      .check(z.refine((s) => parse(s) !== undefined, problem)),
    String,
  )
}

/**
 * Comma-separated names from a closed list, kept in the list's own order (so equal filters give
 * equal URLs). Unknown names are refused; the lenient reader keeps the known ones.
 */
export function nameListRule<const T extends readonly [string, ...string[]]>(allowed: T): ParamRule<T[number][]> {
  const known = (names: string[]) => allowed.filter((name) => names.includes(name))
  const split = (value: string) =>
    value
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '')
  const schema = z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      const names = split(value)
      const unknown = names.filter((n) => !(allowed as readonly string[]).includes(n))
      if (unknown.length > 0) {
        return refuse(
          ctx,
          `contains an unknown value ${unknown.map((t) => `'${t}'`).join(', ')}; allowed: ${allowed.join(', ')}`,
        )
      }
      return known(names)
    }),
  )
  return {
    ...single(schema, (names) => names.join(',')),
    salvage: (raw) => {
      const names = known(raw.flatMap((value) => split(value.toLowerCase())))
      return names.length > 0 ? names : undefined
    },
  }
}

/** A repeated parameter whose every value is one of `allowed`; order and duplicates normalised. */
export function repeatedEnumRule<const T extends readonly [string, ...string[]]>(allowed: T): ParamRule<T[number][]> {
  const schema = z.pipe(
    z.array(z.string().check(z.trim())),
    z.transform((values: string[], ctx) => {
      const unknown = values.filter((v) => !(allowed as readonly string[]).includes(v))
      if (unknown.length > 0) {
        return refuse(
          ctx,
          `contains an unknown value ${unknown.map((t) => `'${t}'`).join(', ')}; allowed: ${allowed.join(', ')}`,
        )
      }
      return allowed.filter((a) => values.includes(a))
    }),
  )
  return {
    repeated: true,
    schema: schema as z.ZodMiniType<T[number][]>,
    encode: (values) => [...values],
    salvage: (raw) => {
      const kept = allowed.filter((a) => raw.some((v) => v.trim() === a))
      return kept.length > 0 ? kept : undefined
    },
  }
}

// ---- reading ------------------------------------------------------------------------------

/** Raw values as they arrive: strings from a query string, or whatever a router parsed. */
export type RawParams = Readonly<Record<string, unknown>>

function presentStrings(raw: unknown): string[] {
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw]
  const out: string[] = []
  for (const value of list) {
    // note: a router may hand us numbers or booleans for values that look like them.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const text = String(value)
      // An empty value means "absent", as the vendors treat it.
      if (text.trim() !== '') out.push(text)
    }
  }
  return out
}

// C0 and C1 controls and DEL; tab and line breaks too, as no parameter holds more than one line.
// With the `u` flag a surrogate matches only when unpaired.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u
const LONE_SURROGATE = /[\ud800-\udfff]/u

/**
 * Whether free text in a JSON body can be stored as sent: any code point but NUL (SQLite's text
 * functions stop at it), and no lone surrogate (SQLite would store U+FFFD in its place).
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text)
}

/** Why a raw value is refused before its rule sees it, if it is. */
function characterProblem(text: string): string | undefined {
  if (CONTROL.test(text)) return 'must not contain control characters'
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text'
  return undefined
}

/** How many times a parameter was given, empty values included (`?page=&page=2` is twice). */
function occurrences(raw: unknown): number {
  if (raw === undefined) return 0
  return Array.isArray(raw) ? raw.length : 1
}

function inputFor(rule: ParamRule<unknown>, values: string[]): unknown {
  return rule.repeated ? values : values[0]
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The server's reader: every present value must pass, and a single-value parameter may be given
 * once only; each bad field is reported once.
 */
export function strictQuery<R extends RuleTable>(rules: R, raw: RawParams): StrictResult<R> {
  const values: Record<string, unknown> = {}
  const issues: FieldIssue[] = []
  for (const [field, rule] of Object.entries(rules)) {
    const issue = (problem: string) => issues.push({ field, problem, message: `${field} ${problem}` })
    if (!rule.repeated && occurrences(raw[field]) > 1) {
      issue('must be given once')
      continue
    }
    const present = presentStrings(raw[field])
    if (present.length === 0) {
      values[field] = rule.default
      continue
    }
    const refused = present.map(characterProblem).find((p) => p !== undefined)
    if (refused !== undefined) {
      issue(refused)
      continue
    }
    const result = rule.schema.safeParse(inputFor(rule, present))
    if (result.success) {
      values[field] = isEmptyList(result.data) ? rule.default : result.data
    } else {
      issue(result.error.issues[0]?.message ?? 'is invalid')
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values: values as StrictValues<R> }
}

/** The client's reader: keeps what is valid (or salvageable) and not the default; never throws. */
export function lenientQuery<R extends RuleTable>(rules: R, raw: RawParams): LenientValues<R> {
  const out: Record<string, unknown> = {}
  for (const [field, rule] of Object.entries(rules)) {
    // A pasted URL may repeat a single-value parameter: the first value counts.
    const all = presentStrings(raw[field]).filter((text) => characterProblem(text) === undefined)
    const present = rule.repeated ? all : all.slice(0, 1)
    if (present.length === 0) continue
    const result = rule.schema.safeParse(inputFor(rule, present))
    const value = result.success ? result.data : rule.salvage?.(present)
    if (value === undefined || value === '' || isEmptyList(value)) continue
    if (rule.default !== undefined && sameValue(value, rule.default)) continue
    out[field] = value
  }
  return out as LenientValues<R>
}

/** Why one value of a single-value parameter would be refused (the problem alone), or undefined. */
export function valueProblem(rule: ParamRule<unknown>, text: string): string | undefined {
  const refused = characterProblem(text)
  if (refused !== undefined) return refused
  const result = rule.schema.safeParse(inputFor(rule, [text]))
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is invalid')
}

/** Values back to query pairs in the table's order, defaults and empty values omitted. */
export function encodeQuery<R extends RuleTable>(rules: R, values: LenientValues<R>): [string, string][] {
  const pairs: [string, string][] = []
  for (const [field, rule] of Object.entries(rules)) {
    const value = (values as Record<string, unknown>)[field]
    if (value === undefined || value === '' || isEmptyList(value)) continue
    if (rule.default !== undefined && sameValue(value, rule.default)) continue
    for (const text of rule.encode(value)) pairs.push([field, text])
  }
  return pairs
}
