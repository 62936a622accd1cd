import { z } from 'zod/mini'
import { parseIsoTimestamp } from './iso-time'
import { checkedTextRule, enumRule, integerRule, refuse, textRule, withDefault, type ParamRule } from './query-rules'
import {
  SCENARIO_ASSET_TYPES,
  SCENARIO_DEFAULT_DIRECTION,
  SCENARIO_INFERENCE_ALIAS,
  SCENARIO_PAGE_SIZE,
  SCENARIO_PRIVACIES,
  SCENARIO_SORT_FIELDS,
  type ScenarioTypeParam,
} from './scenario'
import { SORT_ORDERS } from './sort-order'

// Seed 001's query parameters for `GET /assets`, as one rule table. The server validates
// requests with it strictly; the client reads its URL with it leniently (src/dialects/scenario).
// Rules between parameters (type/types, dates and sortBy, tags and privacy) are in
// `scenarioCrossRules`, used by both as well.

const SCENARIO_TYPE_VALUES = [SCENARIO_INFERENCE_ALIAS, ...SCENARIO_ASSET_TYPES] as const
const SCENARIO_ID_MAX = 128
const SCENARIO_TOKEN_MAX = 1024
const SCENARIO_TAGS_MAX = 20
const SCENARIO_TAG_LENGTH_MAX = 64

const timestamp = checkedTextRule(
  parseIsoTimestamp,
  'must be an ISO 8601 timestamp in years 0001–9999, e.g. 2025-01-31T12:00:00Z',
)

const TYPE_ORDER = new Map<string, number>(SCENARIO_TYPE_VALUES.map((t, i) => [t, i]))
const typeProblem = `must be one of the documented asset types or '${SCENARIO_INFERENCE_ALIAS}'`

function splitValues(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}

/** Known types in the documented order, `inference` absorbing the inference-* types it covers. */
export function canonicalTypes(values: readonly string[]): ScenarioTypeParam[] {
  const known = [...new Set(values)].filter((v): v is ScenarioTypeParam => TYPE_ORDER.has(v))
  const covered = known.includes(SCENARIO_INFERENCE_ALIAS)
    ? known.filter((t) => t === SCENARIO_INFERENCE_ALIAS || !t.startsWith('inference-'))
    : known
  return covered.sort((a, b) => (TYPE_ORDER.get(a) ?? 0) - (TYPE_ORDER.get(b) ?? 0))
}

/** `types`: repeated (`types=a&types=b`), each value possibly comma-separated. */
const typesRule: ParamRule<ScenarioTypeParam[]> = {
  repeated: true,
  schema: z.pipe(
    z.array(z.string()),
    z.transform((values: string[], ctx) => {
      const all = splitValues(values)
      const unknown = all.filter((v) => !TYPE_ORDER.has(v))
      if (unknown.length > 0) return refuse(ctx, `contains ${unknown.map((u) => `'${u}'`).join(', ')}; ${typeProblem}`)
      return canonicalTypes(all)
    }),
  ) as z.ZodMiniType<ScenarioTypeParam[]>,
  encode: (values) => [...values],
  salvage: (raw) => {
    const kept = canonicalTypes(splitValues(raw))
    return kept.length > 0 ? kept : undefined
  },
}

/** Comma-separated free-form tags, lower-cased, de-duplicated, in the order given. */
const tagsRule: ParamRule<string[]> = {
  repeated: false,
  schema: z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      const tags = [...new Set(splitValues([value.toLowerCase()]))]
      if (tags.length > SCENARIO_TAGS_MAX) return refuse(ctx, `must list at most ${SCENARIO_TAGS_MAX} tags`)
      if (tags.some((t) => t.length > SCENARIO_TAG_LENGTH_MAX)) {
        return refuse(ctx, `must not contain a tag over ${SCENARIO_TAG_LENGTH_MAX} characters`)
      }
      return tags
    }),
  ) as z.ZodMiniType<string[]>,
  encode: (tags) => [tags.join(',')],
  salvage: (raw) => {
    const tags = [...new Set(splitValues(raw.map((r) => r.toLowerCase())))]
      .filter((t) => t.length <= SCENARIO_TAG_LENGTH_MAX)
      .slice(0, SCENARIO_TAGS_MAX)
    return tags.length > 0 ? tags : undefined
  },
}

const booleanRule: ParamRule<boolean> = {
  repeated: false,
  schema: z.pipe(
    z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.enum(['true', 'false'], { error: 'must be true or false' })),
    z.transform((v: 'true' | 'false') => v === 'true'),
  ) as z.ZodMiniType<boolean>,
  encode: (value) => [String(value)],
}

/** An opaque id: letters, digits and `_ - . :`, as the catalog's ids are. */
const idRule = (): ParamRule<string> & { readonly maxLength: number } => {
  const base = textRule(SCENARIO_ID_MAX)
  return {
    ...base,
    schema: z.pipe(base.schema, z.string().check(z.regex(/^[\w.:-]*$/, 'must be an id (letters, digits, _ - . :)'))),
  }
}

const typeRule: ParamRule<ScenarioTypeParam> = {
  ...enumRule(SCENARIO_TYPE_VALUES),
  schema: z.pipe(
    z.string().check(z.trim()),
    z.enum(SCENARIO_TYPE_VALUES, { error: typeProblem }),
  ) as z.ZodMiniType<ScenarioTypeParam>,
}

export const scenarioAssetsParams = {
  pageSize: withDefault(integerRule(SCENARIO_PAGE_SIZE.min, SCENARIO_PAGE_SIZE.max), SCENARIO_PAGE_SIZE.default),
  paginationToken: textRule(SCENARIO_TOKEN_MAX),
  sortBy: enumRule(SCENARIO_SORT_FIELDS),
  sortDirection: withDefault(enumRule(SORT_ORDERS), SCENARIO_DEFAULT_DIRECTION),
  type: typeRule,
  types: typesRule,
  privacy: enumRule(SCENARIO_PRIVACIES),
  inferenceId: idRule(),
  modelId: idRule(),
  authorId: idRule(),
  parentAssetId: idRule(),
  rootAssetId: idRule(),
  tags: tagsRule,
  originalAssets: booleanRule,
  createdAfter: timestamp,
  createdBefore: timestamp,
  updatedAfter: timestamp,
  updatedBefore: timestamp,
}

/**
 * `GET /models` and `GET /models/{modelId}/inferences`: the lists filters are picked from, paged
 * with the assets list's page size and tokens.
 */
export const scenarioChoiceListParams = {
  pageSize: scenarioAssetsParams.pageSize,
  paginationToken: scenarioAssetsParams.paginationToken,
}

/** `GET /assets/{assetId}`: the one option a single asset takes. */
export const scenarioAssetParams = {
  originalAssets: booleanRule,
}

export interface ScenarioCrossValues {
  type?: unknown
  types?: readonly unknown[]
  sortBy?: string
  privacy?: string
  tags?: readonly string[]
  createdAfter?: string
  createdBefore?: string
  updatedAfter?: string
  updatedBefore?: string
}

export interface CrossIssue {
  field: string
  /** The parameter `field` cannot be combined with as given. */
  other: string
  message: string
  /** Why, in a few words for the filter panel. */
  reason: string
}

/**
 * The rules between parameters (seed 001): `type` and `types` are exclusive; created* bounds
 * need `sortBy=createdAt` and updated* bounds `sortBy=updatedAt`; tags filter public assets, so
 * they cannot be combined with a private or unlisted privacy. The first broken rule, or none.
 */
export function scenarioCrossRules(v: ScenarioCrossValues): CrossIssue | undefined {
  if (v.type !== undefined && v.types !== undefined && v.types.length > 0) {
    return {
      field: 'types',
      other: 'type',
      message: 'The parameters type and types cannot be used together',
      reason: 'Scenario takes one type or a list of types, not both',
    }
  }
  for (const [field, sort] of [
    ['createdAfter', 'createdAt'],
    ['createdBefore', 'createdAt'],
    ['updatedAfter', 'updatedAt'],
    ['updatedBefore', 'updatedAt'],
  ] as const) {
    if (v[field] !== undefined && v.sortBy !== sort) {
      return {
        field,
        other: 'sortBy',
        message: `${field} requires the sortBy parameter to be "${sort}"`,
        reason: `Scenario filters this date only when sorting by ${sort}`,
      }
    }
  }
  if (v.tags !== undefined && v.tags.length > 0 && v.privacy !== undefined && v.privacy !== 'public') {
    return {
      field: 'tags',
      other: 'privacy',
      message: 'tags only filter public assets; use privacy=public or leave privacy out',
      reason: 'Scenario filters tags on public assets only',
    }
  }
  return undefined
}
