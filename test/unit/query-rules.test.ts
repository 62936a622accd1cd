import { describe, expect, it } from 'vitest'
import {
  encodeQuery,
  enumRule,
  integerRule,
  lenientQuery,
  nameListRule,
  repeatedEnumRule,
  strictQuery,
  withDefault,
} from '../../src/shared/query-rules'

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
