import type { Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { apiJson, sharedBrowser } from './browser'

// The demo catalog is a few thousand assets; a low scroller cap (the grid reads it from
// sessionStorage) puts it past the cap, as a million assets are past the real one.
const cap = 6000
const baseUrl = inject('baseUrl')
const browser = sharedBrowser()
let page: Page

afterEach(async () => {
  await page?.context().close()
})

const scroller = '[data-grid-scroller]'
const path = '/piktid/assets?order=asc'

async function open(size: { width: number; height: number }, deviceScaleFactor: number): Promise<number> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor })
  page = await context.newPage()
  await page.addInitScript((value) => sessionStorage.setItem('vitrine:grid-cap', String(value)), cap)
  await page.goto(baseUrl + path)
  await page.waitForSelector('a[data-index="0"]')
  const body = await apiJson<{ pagination: { total: number } }>(
    page,
    `${baseUrl}/api/piktid/assets?order=asc&per_page=1`,
  )
  return body.pagination.total
}

/** The largest index of a loaded tile inside the scroller's box, and the scroller's height. */
function lastShown(): Promise<{ index: number; height: number; scaled: boolean }> {
  return page.$eval(scroller, (el) => {
    const box = el.getBoundingClientRect()
    let index = -1
    for (const tile of el.querySelectorAll<HTMLElement>('a[data-index]')) {
      const r = tile.getBoundingClientRect()
      if (r.bottom > box.top && r.top < box.bottom) index = Math.max(index, Number(tile.dataset.index))
    }
    return { index, height: el.scrollHeight, scaled: el.hasAttribute('data-scaled') }
  })
}

async function expectEnd(total: number): Promise<void> {
  await expect.poll(async () => (await lastShown()).index, { timeout: 15_000 }).toBe(total - 1)
  const shown = await lastShown()
  expect(shown.height).toBeLessThanOrEqual(cap)
  expect(shown.scaled).toBe(true)
  await expect.poll(() => page.textContent(scroller)).toMatch(/End of the list/)
}

const screens = [
  { name: 'phone', size: { width: 390, height: 844 } },
  { name: 'desktop', size: { width: 1920, height: 1080 } },
]

describe('every item of a list taller than the scroller cap is reachable', () => {
  for (const { name, size } of screens) {
    for (const ratio of [1, 2]) {
      it(`on a ${name} at device pixel ratio ${ratio}: by the scrollbar, Ctrl+End, and back to the top`, async () => {
        const total = await open(size, ratio)
        expect(total).toBeGreaterThan(1000)
        expect((await lastShown()).height).toBeLessThanOrEqual(cap)

        // The scrollbar dragged to its end.
        await page.$eval(scroller, (el) => el.scrollTo(0, el.scrollHeight))
        await expectEnd(total)

        // And to the top again: the first tile.
        await page.$eval(scroller, (el) => el.scrollTo(0, 0))
        await page.waitForSelector('a[data-index="0"]')
        expect(await page.$eval('a[data-index="0"]', (a) => a.getBoundingClientRect().top > 0)).toBe(true)

        // Ctrl+End from the first tile focuses the last.
        await page.focus('a[data-index="0"]')
        await page.keyboard.press('Control+End')
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index')), { timeout: 15_000 })
          .toBe(String(total - 1))
        await expectEnd(total)
      })
    }
  }

  it('by small scrolls and by Page Down, 1:1 on the way', async () => {
    const total = await open({ width: 1920, height: 1080 }, 1)
    // Small steps move the content as much as the scrollbar, until the band steers to the end.
    const step = await page.$eval(scroller, (el) => {
      const first = el.querySelector<HTMLElement>('a[data-index="0"]')!.getBoundingClientRect().top
      el.scrollBy(0, 300)
      return new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const tile = el.querySelector<HTMLElement>('a[data-index="0"]')
            resolve(tile ? first - tile.getBoundingClientRect().top : Number.NaN)
          }),
        ),
      )
    })
    expect(step).toBeCloseTo(300, 0)

    // Page Down from a tile two thirds of the way down, through the band's end zone.
    await page.$eval(scroller, (el) => el.scrollTo(0, (el.scrollHeight * 2) / 3))
    const start = await expect
      .poll(async () => (await lastShown()).index, { timeout: 15_000 })
      .toBeGreaterThan(0)
      .then(async () => (await lastShown()).index)
    await page.focus(`a[data-index="${start}"]`)
    const focusedIndex = () => page.evaluate(() => Number(document.activeElement?.getAttribute('data-index') ?? -1))
    let focused = start
    for (let press = 0; press < 200 && focused < total - 1; press++) {
      await page.keyboard.press('PageDown')
      const before = focused
      focused = await expect.poll(focusedIndex, { timeout: 5000 }).toBeGreaterThan(before).then(focusedIndex)
    }
    expect(focused).toBe(total - 1)
    await expectEnd(total)

    // Wheel-sized steps back to the top arrive at the first tile.
    await page.$eval(scroller, async (el) => {
      while (el.scrollTop > 0) {
        el.scrollBy(0, -400)
        await new Promise((resolve) => requestAnimationFrame(resolve))
      }
    })
    await page.waitForSelector('a[data-index="0"]')
  })
})
