import { describe, expect, it } from 'vitest'
import { gumnutFilterSchema } from '../../src/dialects/gumnut/filters'
import { piktidFilterSchema } from '../../src/dialects/piktid/filters'
import { scenarioFilterSchema } from '../../src/dialects/scenario/filters'
import { vipanyaFilterSchema } from '../../src/dialects/vipanya/filters'
import { translateSearch } from '../../src/filters/translate'

describe('switching sources keeps what translates', () => {
  it('carries PiktID search text and an ascending upload-date sort to Vipanya', () => {
    const out = translateSearch(piktidFilterSchema, vipanyaFilterSchema, {
      search: 'linen',
      include_tags: 'model',
      order: 'asc',
    })
    expect(out).toEqual({ search: 'linen', order: 'asc' })
  })

  it('turns a PiktID filename sort into a Vipanya title sort', () => {
    expect(translateSearch(piktidFilterSchema, vipanyaFilterSchema, { sort_by: 'filename', order: 'asc' })).toEqual({
      sort: 'title',
      order: 'asc',
    })
  })

  it('moves a Vipanya updated sort to Scenario under its own names and drops the search Scenario lacks', () => {
    const out = translateSearch(vipanyaFilterSchema, scenarioFilterSchema, {
      search: 'atlas',
      asset_type: 'pdf',
      sort: 'updated_at',
      order: 'asc',
    })
    expect(out).toEqual({ sortBy: 'updatedAt', sortDirection: 'asc' })
  })

  it('drops a sort the target has no notion of, order included', () => {
    expect(translateSearch(vipanyaFilterSchema, scenarioFilterSchema, { sort: 'title', order: 'asc' })).toEqual({})
    expect(
      translateSearch(scenarioFilterSchema, piktidFilterSchema, { sortBy: 'updatedAt', sortDirection: 'asc' }),
    ).toEqual({})
  })

  it('drops Scenario types, dates and ids, keeping the created order for PiktID', () => {
    const out = translateSearch(scenarioFilterSchema, piktidFilterSchema, {
      types: 'upscale,texture',
      createdAfter: '2025-01-01T00:00:00.000Z',
      authorId: 'bob',
      sortDirection: 'asc',
    })
    expect(out).toEqual({ order: 'asc' })
  })

  it('lands on Gumnut with no filters, and from Gumnut on defaults', () => {
    expect(translateSearch(piktidFilterSchema, gumnutFilterSchema, { search: 'x', order: 'asc' })).toEqual({})
    expect(translateSearch(gumnutFilterSchema, vipanyaFilterSchema, { library_id: 'lib_1' })).toEqual({})
  })

  it('keeps every filter between two sources of the same dialect', () => {
    const search = { type: 'upscale', authorId: 'bob', sortDirection: 'asc' }
    expect(translateSearch(scenarioFilterSchema, scenarioFilterSchema, search)).toEqual(search)
  })
})
