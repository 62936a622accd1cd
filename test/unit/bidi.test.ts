import { afterEach, describe, expect, it, vi } from 'vitest'
import { requestJson, ApiError } from '../../src/dialects/http'
import { withoutBidiControls } from '../../src/shared/bidi'
import { HOSTILE_TITLES } from '../../src/server/demo/hostile'
import type { SourceConfig } from '../../src/dialects/types'

const spoof = HOSTILE_TITLES.find((t) => t.includes('\u202E')) as string

describe('bidi controls in text from an API', () => {
  it('are removed, so an override cannot turn "fdp.exe" into "exe.pdf"', () => {
    expect(withoutBidiControls(spoof)).toBe('تقرير المبيعات السنوي fdp.exe')
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(withoutBidiControls(`a${control}b${control}c`)).toBe('abc')
    }
  })

  it('keeps right-to-left text and its implicit marks as they are', () => {
    const hebrew = 'שלום עולם — mixed, 123 \u200F with marks \u200E and \u061C'
    expect(withoutBidiControls(hebrew)).toBe(hebrew)
  })

  afterEach(() => vi.unstubAllGlobals())

  it('never reach a view: every string of every answer is cleaned where the app reads JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ assets: [{ name: spoof, tags: [`\u202Etag`], nested: { note: 'x\u2067y' } }], n: 1 }),
      ),
    )
    const source = { id: 't', name: 'Test', dialect: 'piktid', baseUrl: 'http://localhost/api', credentials: {} }
    const body = await requestJson(
      source as unknown as SourceConfig,
      new URL('http://localhost/api/assets'),
      { signal: new AbortController().signal },
      (status) => new ApiError('failed', status),
    )
    expect(JSON.stringify(body)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(body).toEqual({
      assets: [{ name: 'تقرير المبيعات السنوي fdp.exe', tags: ['tag'], nested: { note: 'xy' } }],
      n: 1,
    })
  })
})
