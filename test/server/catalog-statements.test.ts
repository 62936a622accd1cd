import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFixture, type CatalogFixture } from './fixture'

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(20)
})
afterAll(() => fx.close())

describe('prepared statements', () => {
  it('keeps the ones in use and lets the least used go, so many different queries cannot pile up', () => {
    const first = fx.catalog.statement('SELECT 0 AS n')
    expect(fx.catalog.statement('SELECT 0 AS n')).toBe(first)
    for (let i = 1; i <= 1000; i++) fx.catalog.statement(`SELECT ${i} AS n`)
    const again = fx.catalog.statement('SELECT 0 AS n')
    expect(again).not.toBe(first)
    expect(again.get()).toEqual({ n: 0 })
    // The most recent are still there.
    expect(fx.catalog.statement('SELECT 1000 AS n')).toBe(fx.catalog.statement('SELECT 1000 AS n'))
  })
})
