import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/dialects/http'
import { classifyFailure, describeCheck, isCredentialFailure } from '../../src/sources/check'

const scenario = {
  dialect: 'scenario' as const,
  credentials: { apiKey: 'k', apiSecret: 's' },
  baseUrl: '/api/scenario/v1',
}
const vipanya = { dialect: 'vipanya' as const, credentials: { apiKey: 'k' }, baseUrl: 'https://lib.example' }

describe('source check wording', () => {
  it('says “N+” when the API gives no total, and the plain count at the end', () => {
    expect(describeCheck({ outcome: 'reachable', count: 50, total: null, more: true }, scenario)).toBe(
      'Reachable: 50+ assets (the API does not say how many in all).',
    )
    expect(describeCheck({ outcome: 'reachable', count: 7, total: null, more: false }, scenario)).toBe(
      'Reachable: 7 assets.',
    )
    expect(describeCheck({ outcome: 'reachable', count: 1, total: 1, more: false }, scenario)).toBe(
      'Reachable: 1 asset.',
    )
  })

  it('names the credential each dialect uses', () => {
    expect(describeCheck({ outcome: 'credentials', status: 401 }, scenario)).toMatch(
      /did not accept the API key and secret/,
    )
    expect(describeCheck({ outcome: 'credentials', status: 403 }, vipanya)).toMatch(/the API key is known but may not/)
  })

  it('sorts errors: 401/403 credentials, 404 not found, no answer by cause, anything else with its status', () => {
    const src = { baseUrl: '/api/piktid' }
    expect(classifyFailure(new ApiError('x', 401), src)).toEqual({ outcome: 'credentials', status: 401 })
    expect(classifyFailure(new ApiError('x', 404), src)).toEqual({ outcome: 'not-found' })
    expect(classifyFailure(new ApiError('x', 0, [], undefined, 'timeout'), src)).toEqual({ outcome: 'timeout' })
    // Same origin (no window here): a failed fetch is a dead host, not CORS.
    expect(classifyFailure(new ApiError('x', 0, [], undefined, 'unreachable'), src)).toEqual({ outcome: 'unreachable' })
    expect(classifyFailure(new ApiError('Server error', 500), src)).toEqual({
      outcome: 'failed',
      status: 500,
      message: 'Server error',
    })
    expect(isCredentialFailure(new ApiError('x', 403))).toBe(true)
    expect(isCredentialFailure(new ApiError('x', 404))).toBe(false)
  })
})
