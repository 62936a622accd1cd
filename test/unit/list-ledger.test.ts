import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PageLedger } from '../../src/grid/list-ledger'
import type { LedgerSpec, SavedPage, WindowPage } from '../../src/grid/list-types'
import { cursorPage, numberedPage } from '../fixtures/paged-list'

interface Item {
  key: string
}

const at = (n: number): Item => ({ key: `k${n}` })
const NOW = 1000
const REFRESH_AFTER = 1_000_000

/** Page numbers (PiktID, Vipanya); `shiftFrom` makes later pages repeat an item. */
function pageNumbers(total: number, perPage: number, shiftFrom = Infinity) {
  return (page: number) => numberedPage(at, total, perPage, page, page >= shiftFrom ? 1 : 0)
}

/** A cursor (Gumnut's `starting_after_id`). */
function cursors(total: number, perPage: number) {
  return (after: string | null) => cursorPage(at, (item) => item.key, total, perPage, after)
}

/** Makes every fetch the ledger asks for until it asks for none; how many it made. */
function settle<TParam>(ledger: PageLedger<Item, TParam>, fetch: (param: TParam) => WindowPage<Item, TParam>): number {
  for (let fetches = 0; fetches < 1000; fetches++) {
    const step = ledger.next(NOW, REFRESH_AFTER)
    if (!step) return fetches
    if (step.kind === 'reanchor') ledger.reanchor(step.index)
    else if (step.kind === 'refresh') step.page.loadedAt = NOW
    else {
      ledger.place(step.page, fetch(step.page.param), step.side, NOW)
      ledger.drops()
    }
  }
  throw new Error('the ledger never settled')
}

function residentKeys(ledger: PageLedger<Item, unknown>): string[] {
  return ledger.pages.flatMap((page) => page.keys ?? [])
}

/** Every resident key is at the index of its item, known pages follow each other, the budget holds. */
function checkInvariants<TParam>(ledger: PageLedger<Item, TParam>, budget: number) {
  for (const page of ledger.pages) {
    page.keys?.forEach((key, i) => expect(key).toBe(`k${page.offset + i}`))
  }
  const known = ledger.pages.filter((p) => p.count !== null)
  for (let i = 1; i < known.length; i++) {
    const prev = known[i - 1]!
    expect(known[i]!.offset).toBe(prev.offset + (prev.count ?? 0))
  }
  expect(residentKeys(ledger as PageLedger<Item, unknown>).length).toBeLessThanOrEqual(budget)
}

/** The visible range is resident, up to the end of the list. */
function checkRangeShown<TParam>(ledger: PageLedger<Item, TParam>, start: number, end: number, total: number) {
  for (let index = start; index <= Math.min(end, total - 1); index++) {
    const page = ledger.pages.find((p) => p.keys && index >= p.offset && index < p.offset + p.keys.length)
    expect(page?.keys?.[index - page.offset], `index ${index}`).toBe(`k${index}`)
  }
}

/**
 * A budget with room for a range up to a page wide, its margin on each side (the range's width,
 * at least 24) and a page more: what the window keeps resident around the range.
 */
const roomy = (perPage: number, pages: number) => perPage * pages + 3 * Math.max(24, perPage)

const shape = fc.record({
  total: fc.integer({ min: 0, max: 1500 }),
  perPage: fc.integer({ min: 10, max: 100 }),
  pagesInBudget: fc.integer({ min: 2, max: 6 }),
})

/** Views a user goes through: ranges narrower than a page, anywhere in (or just past) the list. */
const views = fc.array(
  fc.record({ start: fc.integer({ min: 0, max: 1600 }), width: fc.nat({ max: 1000 }), jump: fc.boolean() }),
  { minLength: 1, maxLength: 12 },
)

describe('page ledger, by property', () => {
  it('over page numbers that can jump: each index holds its item, the range is shown, the budget holds', () => {
    fc.assert(
      fc.property(shape, views, ({ total, perPage, pagesInBudget }, moves) => {
        const budget = roomy(perPage, pagesInBudget)
        const spec: LedgerSpec<Item, number> = {
          initialPageParam: 1,
          keyOf: (i) => i.key,
          pageSize: perPage,
          budget,
          paramForIndex: (index) => Math.floor(index / perPage) + 1,
        }
        const ledger = new PageLedger<Item, number>(spec)
        const fetch = pageNumbers(total, perPage)
        settle(ledger, fetch)
        for (const { start, width, jump } of moves) {
          const end = start + (width % perPage)
          if (jump && ledger.jumpTo(start)) ledger.reanchor(start)
          ledger.show({ startIndex: start, endIndex: end })
          settle(ledger, fetch)
          checkInvariants(ledger, budget)
          checkRangeShown(ledger, start, end, total)
          // A page's param and its offset name the same page (an empty page past the end has no place).
          for (const page of ledger.pages) if (page.count) expect(page.param).toBe(page.offset / perPage + 1)
          expect(ledger.summary()).toMatchObject({ count: total, exact: true, length: total })
          // A fetch outside the window is sent for the page that holds the index.
          const index = Math.min(start, Math.max(0, total - 1))
          expect(ledger.pageFor(index)?.param).toBe(Math.floor(index / perPage) + 1)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('over a cursor: dropped pages come back by the params first seen, counts grow to the exact end', () => {
    fc.assert(
      fc.property(shape, views, ({ total, perPage, pagesInBudget }, moves) => {
        const budget = roomy(perPage, pagesInBudget)
        const spec: LedgerSpec<Item, string | null> = {
          initialPageParam: null,
          keyOf: (i) => i.key,
          pageSize: perPage,
          budget,
        }
        const ledger = new PageLedger<Item, string | null>(spec)
        const fetch = cursors(total, perPage)
        settle(ledger, fetch)
        let seen = 0
        for (const { start, width } of moves) {
          const end = start + (width % perPage)
          ledger.show({ startIndex: start, endIndex: end })
          settle(ledger, fetch)
          checkInvariants(ledger, budget)
          checkRangeShown(ledger, start, end, total)
          const { count, exact, length } = ledger.summary()
          // What is known only grows; it is exact once the last page has been seen.
          expect(count).toBeGreaterThanOrEqual(seen)
          seen = count
          expect(count).toBeLessThanOrEqual(total)
          expect(exact).toBe(count === total && ledger.pages.at(-1)?.nextParam === undefined)
          expect(length).toBe(exact ? count : count + perPage)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('a kept place comes back through JSON, first fetching the page that holds it by its own param', () => {
    fc.assert(
      fc.property(
        shape,
        fc.integer({ min: 0, max: 1500 }),
        fc.nat({ max: 10_000 }),
        ({ total, perPage, pagesInBudget }, to, pick) => {
          const spec: LedgerSpec<Item, string | null> = {
            initialPageParam: null,
            keyOf: (i) => i.key,
            pageSize: perPage,
            budget: roomy(perPage, pagesInBudget),
          }
          const fetch = cursors(total, perPage)
          const first = new PageLedger<Item, string | null>(spec)
          settle(first, fetch)
          first.show({ startIndex: to, endIndex: to })
          settle(first, fetch)
          const saved = first.saved()
          // Kept only for a run of at least two pages from the top.
          const known = first.pages.filter((p) => p.count !== null)
          expect(saved === undefined).toBe(known.length < 2)
          if (!saved) return
          const { count } = first.summary()
          if (count === 0) return
          const place = pick % count
          // A place at the top needs no pages kept.
          if (place === 0) return
          const kept = JSON.parse(JSON.stringify(saved)) as SavedPage<string | null>[]
          const again = new PageLedger<Item, string | null>(spec, place, kept)
          expect(again.summary().count).toBe(count)
          const step = again.next(NOW, REFRESH_AFTER)
          const holding = kept.find((p) => place >= p.offset && place < p.offset + p.count)
          expect(step).toMatchObject({ kind: 'load', side: 'anchor', page: { param: holding?.param } })
          again.show({ startIndex: place, endIndex: place })
          settle(again, fetch)
          checkRangeShown(again, place, place, total)
          // And up to the top by the kept params.
          again.show({ startIndex: 0, endIndex: 0 })
          settle(again, fetch)
          checkRangeShown(again, 0, 0, total)
          checkInvariants(again, spec.budget)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('settles with a budget too small for the range and its margins, still showing the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 1500 }),
        fc.integer({ min: 10, max: 100 }),
        fc.integer({ min: 1, max: 4 }),
        views,
        (total, perPage, pages, moves) => {
          // Margins are the range's width on each side: three wide ranges do not fit in the budget.
          const ledger = new PageLedger<Item, string | null>({
            initialPageParam: null,
            keyOf: (i) => i.key,
            pageSize: perPage,
            budget: perPage * pages,
          })
          const fetch = cursors(total, perPage)
          for (const { start, width } of moves) {
            const end = start + (width % (perPage * 2))
            ledger.show({ startIndex: start, endIndex: end })
            settle(ledger, fetch)
            checkRangeShown(ledger, start, end, total)
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('an item a shifted page repeats shows once, and every index after it holds the next item', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 500 }),
        fc.integer({ min: 10, max: 50 }),
        fc.integer({ min: 2, max: 6 }),
        (total, perPage, shiftFrom) => {
          const budget = roomy(perPage, 2)
          const ledger = new PageLedger<Item, number>({
            initialPageParam: 1,
            keyOf: (i) => i.key,
            pageSize: perPage,
            budget,
          })
          const fetch = pageNumbers(total, perPage, shiftFrom)
          for (let start = 0; start < total; start += perPage) {
            ledger.show({ startIndex: start, endIndex: start + perPage - 1 })
            settle(ledger, fetch)
            const keys = residentKeys(ledger as PageLedger<Item, unknown>)
            expect(new Set(keys).size).toBe(keys.length)
            checkInvariants(ledger, budget)
          }
          expect(ledger.summary()).toMatchObject({ count: total, exact: true })
        },
      ),
      { numRuns: 30 },
    )
  })
})

describe('page ledger', () => {
  it('asks again for a page on screen once it is older than the refresh age, and only then', () => {
    const ledger = new PageLedger<Item, number>({ initialPageParam: 1, keyOf: (i) => i.key, pageSize: 50, budget: 200 })
    ledger.show({ startIndex: 0, endIndex: 9 })
    ledger.place(ledger.anchor, pageNumbers(50, 50)(1), 'anchor', NOW)
    expect(ledger.next(NOW + REFRESH_AFTER - 1, REFRESH_AFTER)).toBeNull()
    expect(ledger.next(NOW + REFRESH_AFTER + 1, REFRESH_AFTER)).toMatchObject({ kind: 'refresh', page: { param: 1 } })
  })

  it('keeps nothing for a grouped list or one that can jump, and ignores a broken kept run', () => {
    const base = { initialPageParam: null, keyOf: (i: Item) => i.key, pageSize: 10, budget: 100 }
    const fetch = cursors(100, 10)
    const grouped = new PageLedger<Item, string | null>({ ...base, groupOf: (i) => i.key.slice(0, 2) })
    grouped.show({ startIndex: 40, endIndex: 45 })
    settle(grouped, fetch)
    expect(grouped.saved()).toBeUndefined()
    const broken: SavedPage<string | null>[] = [
      { param: null, offset: 0, count: 10, next: 'k9' },
      { param: 'k19', offset: 20, count: 10, next: 'k29' },
    ]
    const restored = new PageLedger<Item, string | null>(base, 25, broken)
    expect(restored.anchor.param).toBeNull()
    expect(restored.summary().count).toBe(0)
  })
})
