import { describe, expect, it } from 'vitest'
import { piktidFilterSchema } from '../../src/dialects/piktid/filters'
import type { FilterControl } from '../../src/dialects/filter-types'
import { activeFilters, nextTagState, tagState, withTagState } from '../../src/filters/search-values'
import { parseSearch, stringifySearch } from '../../src/search-params'

const tags = piktidFilterSchema.controls.find((c): c is Extract<FilterControl, { kind: 'tags' }> => c.kind === 'tags')!

describe('URL search strings', () => {
  it('reads like the API query: plain values and unescaped commas', () => {
    expect(stringifySearch({ include_tags: 'model,product', search: 'a b', empty: '', none: undefined })).toBe(
      '?include_tags=model,product&search=a+b',
    )
    expect(parseSearch('?include_tags=model,product&search=a+b')).toEqual({
      include_tags: 'model,product',
      search: 'a b',
    })
  })
})

describe('repeated search params', () => {
  it('read a key written more than once as a list, and write a list back as the key once per value', () => {
    expect(parseSearch('?feedback=like&status=failed&feedback=dislike')).toEqual({
      feedback: ['like', 'dislike'],
      status: 'failed',
    })
    expect(stringifySearch({ status: 'failed', feedback: ['like', 'dislike'], none: [] })).toBe(
      '?status=failed&feedback=like&feedback=dislike',
    )
  })
})

describe('tag chips', () => {
  it('cycle include, exclude, off', () => {
    expect(nextTagState.off).toBe('include')
    expect(nextTagState.include).toBe('exclude')
    expect(nextTagState.exclude).toBe('off')
  })

  it('move a tag between the include and exclude params in documented order', () => {
    let search = withTagState({}, tags, 'product', 'include')
    search = withTagState(search, tags, 'model', 'include')
    expect(search).toEqual({ include_tags: 'model,product' })
    search = withTagState(search, tags, 'model', 'exclude')
    expect(search).toEqual({ include_tags: 'product', exclude_tags: 'model' })
    expect(tagState(search, tags, 'model')).toBe('exclude')
    search = withTagState(search, tags, 'model', 'off')
    expect(search).toEqual({ include_tags: 'product' })
  })
})

describe('active filter chips', () => {
  it('name each filter in words and remove only that one', () => {
    const search = {
      search: 'linen',
      include_tags: 'model',
      exclude_tags: 'other',
      ownership: 'mine',
      sort_by: 'filename',
    }
    const chips = activeFilters(piktidFilterSchema.controls, search)
    expect(chips.map((c) => c.label)).toEqual([
      'Search: linen',
      'Tag: model',
      'Not tag: other',
      'Ownership: Mine',
      'Sort: Filename, descending',
    ])
    expect(chips[2]!.remove(search)).toEqual({
      search: 'linen',
      include_tags: 'model',
      ownership: 'mine',
      sort_by: 'filename',
    })
  })
})
