import { describe, expect, it } from 'vitest'
import {
  encodeQuery,
  enumRule,
  integerRule,
  isStorableText,
  lenientQuery,
  nameListRule,
  repeatedEnumRule,
  strictQuery,
  textRule,
  withDefault,
} from '../../src/shared/query-rules'
import { parseSearch } from '../../src/search-params'
import { parseIsoTimestamp } from '../../src/shared/iso-time'
import { piktidAssetsParams, piktidGalleryParams } from '../../src/shared/piktid-params'

const rules = {
  page: withDefault(integerRule(1), 1),
  order: withDefault(enumRule(['desc', 'asc']), 'desc'),
  tags: nameListRule(['model', 'product']),
  feedback: repeatedEnumRule(['like', 'dislike', 'none']),
}

describe('query rules: one table, a strict and a lenient reader', () => {
  it('fills defaults and reads every value of a repeated parameter', () => {
    expect(strictQuery(rules, { feedback: ['dislike', 'like', 'like'] })).toEqual({
      ok: true,
      values: { page: 1, order: 'desc', tags: undefined, feedback: ['like', 'dislike'] },
    })
  })

  it('names every bad field, once each, when reading strictly', () => {
    const result = strictQuery(rules, { page: '0', order: 'up', tags: 'model,hat', feedback: ['like', 'meh'] })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => i.field)).toEqual(['page', 'order', 'tags', 'feedback'])
    expect(result.issues[3]?.message).toBe("feedback contains an unknown value 'meh'; allowed: like, dislike, none")
  })

  it('keeps what is usable when reading leniently, dropping defaults and bad values', () => {
    expect(lenientQuery(rules, { page: '0', order: 'desc', tags: 'MODEL,hat', feedback: ['like', 'meh'] })).toEqual({
      tags: ['model'],
      feedback: ['like'],
    })
    expect(lenientQuery(rules, { page: 3, order: 'asc', feedback: 'none' })).toEqual({
      page: 3,
      order: 'asc',
      feedback: ['none'],
    })
  })

  it('writes values back as query pairs, a repeated parameter once per value', () => {
    expect(
      encodeQuery(rules, { page: 2, order: 'desc', tags: ['model', 'product'], feedback: ['like', 'none'] }),
    ).toEqual([
      ['page', '2'],
      ['tags', 'model,product'],
      ['feedback', 'like'],
      ['feedback', 'none'],
    ])
  })
})

describe('query rules: what no parameter may hold', () => {
  it('refuses a single-value parameter given twice, naming it, but reads a repeated one whole', () => {
    const result = strictQuery(rules, { page: ['1', '2'], order: ['asc', ''], feedback: ['like', 'none'] })
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'page', problem: 'must be given once', message: 'page must be given once' },
        { field: 'order', problem: 'must be given once', message: 'order must be given once' },
      ],
    })
  })

  it('keeps the first of repeated values when reading a pasted URL leniently', () => {
    expect(lenientQuery(rules, { page: ['3', '7'], order: ['asc', 'desc'] })).toEqual({ page: 3, order: 'asc' })
    // A first value the rule refuses is dropped, as a single bad value would be.
    expect(lenientQuery(rules, { page: ['x', '7'] })).toEqual({})
  })

  it('refuses NUL, other control characters and lone surrogates in any value, by field', () => {
    const text = { q: textRule(50) }
    for (const bad of [
      'a\u0000b',
      '\u0000',
      'tab\there',
      'line\nbreak',
      'del\u007f',
      'c1\u0085',
      '\ud800',
      'x\udc00y',
    ]) {
      const result = strictQuery(text, { q: bad })
      expect(result.ok, JSON.stringify(bad)).toBe(false)
      if (result.ok) continue
      expect(result.issues[0]?.field).toBe('q')
      expect(lenientQuery(text, { q: bad })).toEqual({})
    }
    expect(strictQuery(rules, { feedback: ['like', 'none\u0000'] }).ok).toBe(false)
  })

  it('accepts every other code point in free text: right-to-left overrides, emoji, CJK, U+FFFF', () => {
    const text = { q: textRule(50) }
    for (const good of ['\u202eabc', '😀 ok', '写真', 'a\uffffb', '\u00a0x', 'é\u0301']) {
      expect(strictQuery(text, { q: good }), JSON.stringify(good)).toEqual({ ok: true, values: { q: good.trim() } })
    }
  })

  it('tells which body text can be stored as sent', () => {
    expect(isStorableText('line\nbreak, tab\t, 😀, \u202e')).toBe(true)
    expect(isStorableText('a\u0000b')).toBe(false)
    expect(isStorableText('a\ud800b')).toBe(false)
    expect(isStorableText('\udfff')).toBe(false)
  })
})

describe('ISO timestamps in parameters: years 0001–9999 only, offsets applied', () => {
  it('refuses instants outside years 0001–9999, including those an offset carries out', () => {
    expect(parseIsoTimestamp('9999-12-31T23:59:59-01:00')).toBeUndefined()
    expect(parseIsoTimestamp('0001-01-01T00:30:00+01:00')).toBeUndefined()
    expect(parseIsoTimestamp('0000-06-01')).toBeUndefined()
  })

  it('keeps the edges of the range and reads offsets within it', () => {
    expect(parseIsoTimestamp('9999-12-31T23:59:59Z')).toBe('9999-12-31T23:59:59.000Z')
    expect(parseIsoTimestamp('9999-12-31T23:59:59+01:00')).toBe('9999-12-31T22:59:59.000Z')
    expect(parseIsoTimestamp('0001-01-01T00:30:00-01:00')).toBe('0001-01-01T01:30:00.000Z')
    expect(parseIsoTimestamp('0001-01-01')).toBe('0001-01-01T00:00:00.000Z')
  })
})

describe('the app reading a pasted URL', () => {
  it('keeps the first of a repeated single-value parameter, where the server answers 400', () => {
    const raw = parseSearch('?per_page=10&per_page=20&search=dress&search=look&order=asc&order=desc')
    expect(lenientQuery(piktidAssetsParams, raw)).toEqual({ per_page: 10, search: 'dress', order: 'asc' })
    expect(strictQuery(piktidAssetsParams, raw).ok).toBe(false)
  })

  it('still reads every value of a parameter the seed repeats', () => {
    const raw = parseSearch('?feedback=like&feedback=none&status=failed&status=completed')
    expect(lenientQuery(piktidGalleryParams, raw)).toEqual({ feedback: ['like', 'none'], status: 'failed' })
  })

  it('drops a value holding a control character, as the server refuses it', () => {
    expect(lenientQuery(piktidAssetsParams, parseSearch('?search=a%00b&order=asc'))).toEqual({ order: 'asc' })
  })
})
