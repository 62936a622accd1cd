import { describe, expect, it } from 'vitest'
import { scenarioFilterSchema } from '../../src/dialects/scenario/filters'
import { buildAssetsUrl as scenarioUrl } from '../../src/dialects/scenario/request'
import type { RawSearch, SourceConfig } from '../../src/dialects/types'
import type { FilterControl } from '../../src/dialects/filter-types'
import { vipanyaFilterSchema } from '../../src/dialects/vipanya/filters'
import { buildAssetsUrl as vipanyaUrl } from '../../src/dialects/vipanya/request'
import { applyFilterChange } from '../../src/filters/apply-change'
import { activeFilters, controlApplies, withMultiValues } from '../../src/filters/search-values'

const scenario: SourceConfig = {
  id: 'scenario',
  name: 'Scenario demo',
  dialect: 'scenario',
  baseUrl: 'http://host.test/api/scenario/v1',
  credentials: { token: 'demo-alice' },
}
const vipanya: SourceConfig = {
  id: 'vipanya',
  name: 'Vipanya demo',
  dialect: 'vipanya',
  baseUrl: 'http://host.test/api/vipanya',
  credentials: { apiKey: 'demo-alice' },
}

/** The query the panel's URL state sends to Scenario, without the page size. */
const scenarioSends = (search: RawSearch) =>
  [...scenarioUrl(scenario, scenarioFilterSchema.parse(search), undefined, 100).searchParams].filter(
    ([k]) => k !== 'pageSize',
  )
const vipanyaSends = (search: RawSearch) =>
  [...vipanyaUrl(vipanya, vipanyaFilterSchema.parse(search), 1, 100).searchParams].filter(
    ([k]) => k !== 'page' && k !== 'per_page',
  )

const typeControl = scenarioFilterSchema.controls.find(
  (c): c is Extract<FilterControl, { kind: 'multi-select' }> => c.kind === 'multi-select',
)!
/** Checks types in the panel, one at a time, as a user would. */
const chooseTypes = (search: RawSearch, ...types: string[]) =>
  types.reduce(
    (s, _t, i) => applyFilterChange(scenarioFilterSchema, s, withMultiValues(s, typeControl, types.slice(0, i + 1))),
    search,
  )

describe('Scenario panel → request', () => {
  it('sends one chosen type as `type`', () => {
    const search = chooseTypes({}, 'upscale')
    expect(search).toEqual({ type: 'upscale' })
    expect(scenarioSends(search)).toEqual([['type', 'upscale']])
  })

  it('sends two chosen types as `types` twice, and no `type`', () => {
    const search = chooseTypes({}, 'texture', 'upscale')
    expect(search).toEqual({ types: 'upscale,texture' })
    expect(scenarioSends(search)).toEqual([
      ['types', 'upscale'],
      ['types', 'texture'],
    ])
  })

  it('sends a created-date range with sortBy=createdAt, which the API requires', () => {
    const search = applyFilterChange(
      scenarioFilterSchema,
      {},
      { createdAfter: '2025-01-01', createdBefore: '2025-02-01' },
    )
    expect(scenarioSends(search)).toEqual([
      ['sortBy', 'createdAt'],
      ['createdAfter', '2025-01-01'],
      ['createdBefore', '2025-02-01'],
    ])
  })

  it('moves the date range to updated* when the sort field changes to updated, and back', () => {
    const created = { createdAfter: '2025-01-01T00:00:00.000Z', createdBefore: '2025-02-01T00:00:00.000Z' }
    const updated = applyFilterChange(scenarioFilterSchema, created, { ...created, sortBy: 'updatedAt' })
    expect(updated).toEqual({
      sortBy: 'updatedAt',
      updatedAfter: '2025-01-01T00:00:00.000Z',
      updatedBefore: '2025-02-01T00:00:00.000Z',
    })
    expect(scenarioSends(updated)).toEqual([
      ['sortBy', 'updatedAt'],
      ['updatedAfter', '2025-01-01T00:00:00.000Z'],
      ['updatedBefore', '2025-02-01T00:00:00.000Z'],
    ])
    // Removing the sort chip (back to the default created sort) moves them back.
    const { sortBy: _dropped, ...withoutSort } = updated
    expect(applyFilterChange(scenarioFilterSchema, updated, withoutSort)).toEqual(created)
  })

  it('never sends a date bound whose sort field is not the one sent', () => {
    const rejected = { sortBy: 'updatedAt', createdAfter: '2025-01-01T00:00:00.000Z' }
    const search = applyFilterChange(scenarioFilterSchema, {}, rejected)
    expect(search).toEqual({ sortBy: 'updatedAt' })
    expect(scenarioSends(search)).toEqual([['sortBy', 'updatedAt']])
  })

  it('shows only the date range that matches the sort field', () => {
    const ranges = scenarioFilterSchema.controls.filter((c) => c.kind === 'date-range')
    expect(ranges.filter((c) => controlApplies(c, {})).map((c) => c.label)).toEqual(['Created'])
    expect(ranges.filter((c) => controlApplies(c, { sortBy: 'updatedAt' })).map((c) => c.label)).toEqual(['Updated'])
  })

  it('sends children of an asset as parentAssetId, with author and model', () => {
    const search = applyFilterChange(
      scenarioFilterSchema,
      {},
      { parentAssetId: 'asset_x1', authorId: 'bob', modelId: 'model_7' },
    )
    expect(scenarioSends(search)).toEqual([
      ['authorId', 'bob'],
      ['modelId', 'model_7'],
      ['parentAssetId', 'asset_x1'],
    ])
  })

  it('labels each chosen type as its own removable chip', () => {
    const chips = activeFilters(scenarioFilterSchema.controls, { types: 'upscale,texture' })
    expect(chips.map((c) => c.label)).toEqual(['Type: upscale', 'Type: texture'])
    expect(chips[0]!.remove({ types: 'upscale,texture' })).toEqual({ type: 'texture' })
  })

  it('drops a malformed URL back to defaults', () => {
    expect(
      applyFilterChange(scenarioFilterSchema, {}, { type: 'nonsense', sortBy: 'bogus', createdAfter: 'yesterday' }),
    ).toEqual({})
  })
})

describe('Vipanya panel → request', () => {
  it('sends asset type, search, sort and order under seed 003 names', () => {
    const search = applyFilterChange(
      vipanyaFilterSchema,
      {},
      {
        asset_type: 'pdf',
        search: 'atlas',
        sort: 'title',
        order: 'asc',
      },
    )
    expect(vipanyaSends(search)).toEqual([
      ['asset_type', 'pdf'],
      ['search', 'atlas'],
      ['sort', 'title'],
      ['order', 'asc'],
    ])
  })

  it('leaves the defaults (created_at, desc) out of the URL and the request', () => {
    const search = applyFilterChange(vipanyaFilterSchema, {}, { sort: 'created_at', order: 'desc' })
    expect(search).toEqual({})
    expect(vipanyaSends(search)).toEqual([])
  })

  it('drops an unknown asset type', () => {
    expect(applyFilterChange(vipanyaFilterSchema, {}, { asset_type: 'spreadsheet' })).toEqual({})
  })
})
