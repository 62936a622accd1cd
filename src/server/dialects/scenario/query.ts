import { parseIsoTimestamp } from '../../../shared/iso-time'
import type { StrictValues } from '../../../shared/query-rules'
import {
  expandScenarioType,
  SCENARIO_DEFAULT_SORT,
  type ScenarioAssetType,
  type ScenarioPrivacy,
  type ScenarioSortField,
} from '../../../shared/scenario'
import type { SortOrder } from '../../../shared/sort-order'
import { scenarioCrossRules, type scenarioAssetsParams } from '../../../shared/scenario-params'
import { Refusal } from '../../core/errors'

// Seed 001's query contract, read strictly with the shared rule table and cross rules, and
// turned into what the catalog query takes.

export interface ScenarioListParams {
  pageSize: number
  paginationToken: string | undefined
  sortBy: ScenarioSortField
  sortDirection: SortOrder
  /** Concrete types (the `inference` alias expanded); undefined = every type. */
  types: ScenarioAssetType[] | undefined
  privacy: ScenarioPrivacy | undefined
  inferenceId: string | undefined
  modelId: string | undefined
  authorId: string | undefined
  parentAssetId: string | undefined
  rootAssetId: string | undefined
  tags: string[] | undefined
  originalAssets: boolean
  /** Exclusive bounds on the sort field, canonical ISO strings as stored. */
  after: string | undefined
  before: string | undefined
}

const canonical = (value: string | undefined) => (value ? parseIsoTimestamp(value) : undefined)
const present = (value: string | undefined) => (value === undefined || value === '' ? undefined : value)

/** The list's parameters as the catalog query takes them; the cross rules refuse what the table cannot. */
export function scenarioListQuery(q: StrictValues<typeof scenarioAssetsParams>): ScenarioListParams {
  const cross = scenarioCrossRules(q)
  if (cross) throw Refusal.invalid([{ field: cross.field, problem: cross.message, message: cross.message }])
  const sortBy = q.sortBy ?? SCENARIO_DEFAULT_SORT
  const chosen = q.type !== undefined ? [q.type] : q.types
  const types = chosen && chosen.length > 0 ? [...new Set(chosen.flatMap(expandScenarioType))].sort() : undefined
  return {
    pageSize: q.pageSize,
    paginationToken: present(q.paginationToken),
    sortBy,
    sortDirection: q.sortDirection,
    types,
    privacy: q.privacy,
    inferenceId: present(q.inferenceId),
    modelId: present(q.modelId),
    authorId: present(q.authorId),
    parentAssetId: present(q.parentAssetId),
    rootAssetId: present(q.rootAssetId),
    tags: q.tags && q.tags.length > 0 ? [...q.tags].sort() : undefined,
    originalAssets: q.originalAssets ?? false,
    after: canonical(sortBy === 'createdAt' ? q.createdAfter : q.updatedAfter),
    before: canonical(sortBy === 'createdAt' ? q.createdBefore : q.updatedBefore),
  }
}

/** What a pagination token is bound to: every parameter that changes which rows, or their order. */
export function listIdentity(p: ScenarioListParams): unknown {
  return [
    p.sortBy,
    p.sortDirection,
    p.types ?? null,
    p.privacy ?? null,
    p.inferenceId ?? null,
    p.modelId ?? null,
    p.authorId ?? null,
    p.parentAssetId ?? null,
    p.rootAssetId ?? null,
    p.tags ?? null,
    p.after ?? null,
    p.before ?? null,
  ]
}
