import { lenientQuery, withDefault } from '../../shared/query-rules'
import {
  SCENARIO_ASSET_TYPES,
  SCENARIO_DATE_PARAMS,
  SCENARIO_DEFAULT_SORT,
  SCENARIO_INFERENCE_ALIAS,
  SCENARIO_TYPE_FAMILIES,
  scenarioTypeFamily,
  type ScenarioPrivacy,
  type ScenarioSortField,
  type ScenarioTypeParam,
} from '../../shared/scenario'
import type { SortOrder } from '../../shared/sort-order'
import { canonicalTypes, scenarioAssetsParams, scenarioCrossRules } from '../../shared/scenario-params'
import { choices, compactFilters, filterSchema, idByName, pickRules, searchOf, sortControl } from '../filter-rules'
import type { RawSearch } from '../types'
import type { FilterConflict, FilterControl } from '../filter-types'

/**
 * Scenario list filters, named as seed 001 names its query parameters. Absent = the API default.
 * `types` holds every chosen type: one travels as `type`, several as `types` (never both).
 */
export interface ScenarioFilters {
  types?: ScenarioTypeParam[]
  privacy?: ScenarioPrivacy
  /** Only public assets carry tags the API filters on, so tags imply `privacy` absent or public. */
  tags?: string[]
  authorId?: string
  modelId?: string
  inferenceId?: string
  parentAssetId?: string
  rootAssetId?: string
  sortBy?: ScenarioSortField
  sortDirection?: SortOrder
  createdAfter?: string
  createdBefore?: string
  updatedAfter?: string
  updatedBefore?: string
}

/**
 * Every filter, in the order it is written to URLs, with the server's rules; an absent `sortBy`
 * means the default one, so it is dropped like a default. `types` is written apart (see below).
 */
const filterRules = pickRules(
  { ...scenarioAssetsParams, sortBy: withDefault(scenarioAssetsParams.sortBy, SCENARIO_DEFAULT_SORT) },
  [
    'types',
    'privacy',
    'tags',
    'authorId',
    'modelId',
    'inferenceId',
    'parentAssetId',
    'rootAssetId',
    'sortBy',
    'sortDirection',
    'createdAfter',
    'createdBefore',
    'updatedAfter',
    'updatedBefore',
  ],
)

/**
 * URL search → filters, never throwing. Each value is read with the server's own rule table
 * (src/shared/scenario-params), leniently: unknown values are dropped. Then every combination
 * the API refuses is dropped too (dates that do not match the sort field, tags with a
 * non-public privacy), and `type` and `types` become one list.
 */
export function parseScenarioFilters(raw: Readonly<Record<string, unknown>>): ScenarioFilters {
  const v = lenientQuery(scenarioAssetsParams, raw)
  const types = canonicalTypes([...(v.type ? [v.type] : []), ...(v.types ?? [])])
  const tags = v.tags ?? []
  const field = v.sortBy ?? SCENARIO_DEFAULT_SORT
  const { after, before } = SCENARIO_DATE_PARAMS[field]
  const filters: ScenarioFilters = {
    types,
    privacy: tags.length > 0 && v.privacy !== 'public' ? undefined : v.privacy,
    tags,
    authorId: v.authorId,
    modelId: v.modelId,
    inferenceId: v.inferenceId,
    parentAssetId: v.parentAssetId,
    rootAssetId: v.rootAssetId,
    sortBy: field === SCENARIO_DEFAULT_SORT ? undefined : field,
    sortDirection: v.sortDirection,
    [after]: v[after],
    [before]: v[before],
  }
  return compactFilters(filterRules, filters)
}

/**
 * The filters as URL search params, in one fixed order, defaults omitted. One type is written
 * as `type`, several as `types` (comma-separated in the URL; repeated on the wire).
 */
export function scenarioFiltersToSearch(filters: ScenarioFilters): RawSearch {
  const { types = [], ...rest } = filters
  const out: RawSearch = {}
  if (types.length === 1 && types[0]) out.type = types[0]
  else if (types.length > 1) out.types = types.join(',')
  return { ...out, ...searchOf(filterRules, rest) }
}

/**
 * Keeps a changed filter set one the API accepts: a new sort field carries the date range over
 * to its own parameters (created → updated and back). Tags and a private privacy are never
 * cleared for each other: the panel disables the one that would clash (see `scenarioConflict`).
 */
export function scenarioTransition(before: ScenarioFilters, after: ScenarioFilters): ScenarioFilters {
  const next: ScenarioFilters = { ...after }
  // An inference belongs to one model: another model leaves it behind.
  if (before.modelId !== after.modelId && before.inferenceId === after.inferenceId) delete next.inferenceId
  const oldField = before.sortBy ?? SCENARIO_DEFAULT_SORT
  const newField = after.sortBy ?? SCENARIO_DEFAULT_SORT
  if (oldField !== newField) {
    const from = SCENARIO_DATE_PARAMS[oldField]
    const to = SCENARIO_DATE_PARAMS[newField]
    next[to.after] = after[to.after] ?? after[from.after]
    next[to.before] = after[to.before] ?? after[from.before]
    delete next[from.after]
    delete next[from.before]
  }
  return parseScenarioFilters(scenarioFiltersToSearch(next))
}

/** The server's own cross rules, read over a URL search (an absent sortBy is the default one). */
export function scenarioConflict(search: RawSearch): FilterConflict | undefined {
  const v = lenientQuery(scenarioAssetsParams, search)
  const issue = scenarioCrossRules({ ...v, sortBy: v.sortBy ?? SCENARIO_DEFAULT_SORT })
  return issue && { keys: [issue.field, issue.other], reason: issue.reason }
}

const TYPE_LABELS: Partial<Record<ScenarioTypeParam, string>> = {
  [SCENARIO_INFERENCE_ALIAS]: 'Every generation (inference-*)',
}

const typeGroups = SCENARIO_TYPE_FAMILIES.map((family) => ({
  label: family.label,
  options: (
    [
      ...(family.id === 'generation' ? [SCENARIO_INFERENCE_ALIAS] : []),
      ...SCENARIO_ASSET_TYPES.filter((t) => scenarioTypeFamily(t) === family.id),
    ] as ScenarioTypeParam[]
  ).map((value) => ({
    value,
    label: TYPE_LABELS[value] ?? value,
    within: value.startsWith('inference-') ? SCENARIO_INFERENCE_ALIAS : undefined,
  })),
}))

const controls: readonly FilterControl[] = [
  {
    kind: 'multi-select',
    key: 'types',
    singleKey: 'type',
    label: 'Type',
    placeholder: 'Search types',
    groups: typeGroups,
  },
  {
    kind: 'select',
    key: 'privacy',
    label: 'Privacy',
    options: choices({ private: 'Private', unlisted: 'Unlisted', public: 'Public (every team)' }),
  },
  { kind: 'text', key: 'tags', label: 'Tags', placeholder: 'fantasy, weapon', suggestions: [] },
  idByName(filterRules, 'authorId', 'Author', 'Any author'),
  idByName(filterRules, 'modelId', 'Model', 'Any model'),
  idByName(filterRules, 'inferenceId', 'Inference', 'Any inference', {
    key: 'modelId',
    hint: 'Choose a model to list its inferences, or paste an inference id.',
  }),
  {
    kind: 'text',
    key: 'parentAssetId',
    label: 'Children of',
    placeholder: 'Parent asset id',
    suggestions: [],
    maxLength: scenarioAssetsParams.parentAssetId.maxLength,
  },
  {
    kind: 'text',
    key: 'rootAssetId',
    label: 'Chain from',
    placeholder: 'Root asset id',
    suggestions: [],
    maxLength: scenarioAssetsParams.rootAssetId.maxLength,
  },
  sortControl(filterRules, 'sortBy', 'sortDirection', {
    createdAt: { label: 'Created', common: 'created' },
    updatedAt: { label: 'Updated', common: 'updated' },
  }),
  {
    kind: 'date-range',
    fromKey: 'createdAfter',
    toKey: 'createdBefore',
    label: 'Created',
    when: { key: 'sortBy', value: 'createdAt', isDefault: true },
  },
  {
    kind: 'date-range',
    fromKey: 'updatedAfter',
    toKey: 'updatedBefore',
    label: 'Updated',
    when: { key: 'sortBy', value: 'updatedAt', isDefault: false },
  },
]

export const scenarioFilterSchema = filterSchema<ScenarioFilters>({
  parse: parseScenarioFilters,
  toSearch: scenarioFiltersToSearch,
  childrenOf: (assetId) => parseScenarioFilters({ parentAssetId: assetId }),
  transition: scenarioTransition,
  conflict: scenarioConflict,
  controls,
})
