import { describe, expect, it } from 'vitest'
import { filterSchema, idByName, ruleReaders, searchControl, sortControl } from '../../src/dialects/filter-rules'
import { gumnutFilterSchema } from '../../src/dialects/gumnut/filters'
import { piktidGalleryFilterSchema, piktidProjectFilterSchema } from '../../src/dialects/piktid/gallery-filters'
import { enumRule, textRule, withDefault } from '../../src/shared/query-rules'

const rules = {
  q: textRule(50),
  by: withDefault(enumRule(['made', 'title']), 'made'),
  dir: withDefault(enumRule(['asc', 'desc']), 'desc'),
  tag: enumRule(['red', 'blue']),
}

describe('the dialect filter kit', () => {
  it('builds a sort control whose defaults are the rules’ own, and refuses a field the rule refuses', () => {
    expect(sortControl(rules, 'by', 'dir', { made: { label: 'Made', common: 'created' }, title: 'Title' })).toEqual({
      kind: 'sort',
      fieldKey: 'by',
      orderKey: 'dir',
      label: 'Sort',
      fields: [
        { value: 'made', label: 'Made', common: 'created' },
        { value: 'title', label: 'Title' },
      ],
      defaultField: 'made',
      defaultOrder: 'desc',
    })
    expect(() => sortControl(rules, 'by', 'dir', { size: 'Size' })).toThrow('Sort field size: by must be one of')
    expect(() => sortControl(rules, 'tag', 'dir', { red: 'Red' })).toThrow('The tag filter has no default.')
  })

  it('takes a search box’s length from its text rule, and an id’s problem from its rule', () => {
    expect(searchControl(rules, 'q', 'Anything')).toMatchObject({ kind: 'search', maxLength: 50 })
    expect(() => searchControl(rules, 'tag', 'Anything')).toThrow('no text rule')
    expect(idByName(rules, 'tag', 'Tag', 'Any tag').idProblem('green')).toBe('must be one of: red, blue')
  })

  it('carries the search and the named sorts over to another source, and nothing without them', () => {
    const schema = filterSchema({
      ...ruleReaders(rules),
      controls: [
        searchControl(rules, 'q', 'Anything'),
        sortControl(rules, 'by', 'dir', { made: { label: 'Made', common: 'created' }, title: 'Title' }),
      ],
    })
    expect(schema.common?.({ q: 'cat', by: 'title' })).toEqual({ search: 'cat', sort: undefined, order: 'desc' })
    expect(schema.common?.({ dir: 'asc' })).toEqual({ sort: 'created', order: 'asc' })
    expect(schema.fromCommon?.({ search: 'cat', sort: 'created', order: 'asc' })).toEqual({ q: 'cat', dir: 'asc' })
    expect(schema.fromCommon?.({ sort: 'name', order: 'asc' })).toEqual({})
    for (const plain of [gumnutFilterSchema, piktidProjectFilterSchema]) {
      expect(plain.common).toBeUndefined()
      expect(plain.fromCommon).toBeUndefined()
    }
    // The gallery's sort names no neutral sort: only its search would carry over.
    expect(piktidGalleryFilterSchema.common?.({ search: 'x', sort_by: 'quality_score' })).toEqual({ search: 'x' })
  })
})

describe('the PiktID gallery’s review status filter', () => {
  it('reads and writes review_status as a repeated parameter on the gallery and on a project’s page', () => {
    for (const schema of [piktidGalleryFilterSchema, piktidProjectFilterSchema]) {
      const filters = schema.parse({ review_status: ['needs_retouch', 'rejected', 'none'] })
      expect(filters.review_status).toEqual(['needs_retouch', 'none'])
      expect(schema.toSearch(filters)).toMatchObject({ review_status: ['needs_retouch', 'none'] })
      expect(schema.controls.find((c) => 'key' in c && c.key === 'review_status')).toEqual({
        kind: 'multi',
        key: 'review_status',
        label: 'Review',
        options: [
          { value: 'approved', label: 'Approved' },
          { value: 'needs_retouch', label: 'Needs retouch' },
          { value: 'none', label: 'Not reviewed' },
        ],
      })
    }
  })
})
