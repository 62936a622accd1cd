import type { Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { sharedBrowser } from './browser'

// The projects gallery of the demo catalog is a few thousand images under a hundred project
// headers; a low scroller cap (the grid reads it from sessionStorage) puts it past the cap, as a
// large library is past the real one.
const cap = 6000
const baseUrl = inject('baseUrl')
const browser = sharedBrowser()
let page: Page

afterEach(async () => {
  await page?.context().close()
})

const scroller = '[data-grid-scroller]'

async function open(size: { width: number; height: number }, deviceScaleFactor: number): Promise<void> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor })
  page = await context.newPage()
  await page.addInitScript((value) => sessionStorage.setItem('vitrine:grid-cap', String(value)), cap)
  await page.goto(`${baseUrl}/piktid/projects`)
  await page.waitForSelector('a[data-index="0"]')
}

interface Shown {
  /** The largest index of a loaded tile inside the scroller's box. */
  index: number
  height: number
  scaled: boolean
  /** The project of the header over the top of the scroller, and of the first row of tiles in view. */
  topHeader: string | null
  topTile: string | null
}

function shown(): Promise<Shown> {
  return page.$eval(scroller, (el) => {
    const box = el.getBoundingClientRect()
    let index = -1
    for (const tile of el.querySelectorAll<HTMLElement>('[data-grid-row] a[data-index]')) {
      const r = tile.getBoundingClientRect()
      if (r.bottom > box.top && r.top < box.bottom) index = Math.max(index, Number(tile.dataset.index))
    }
    const rows = [...el.querySelectorAll<HTMLElement>('[data-grid-row]')].filter(
      (row) => row.getBoundingClientRect().bottom > box.top,
    )
    rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    // Tiles link to /piktid/projects/<project>/<image>.
    const link = rows[0]?.querySelector<HTMLAnchorElement>('a[data-index]')
    const atTop = document.elementFromPoint(box.left + 20, box.top + 5)?.closest<HTMLElement>('[data-project-id]')
    return {
      index,
      height: el.scrollHeight,
      scaled: el.hasAttribute('data-scaled'),
      topHeader: atTop?.dataset.projectId ?? null,
      topTile: link ? (/\/projects\/([^/]+)\//.exec(link.pathname)?.[1] ?? null) : null,
    }
  })
}

/**
 * Drags the scrollbar to its end until the end-of-list line shows (the gallery learns its
 * length page by page, so the end moves on as each page lands), and gives the list's length.
 */
async function dragToEnd(): Promise<number> {
  const text = await expect
    .poll(
      async () => {
        await page.$eval(scroller, (el) => el.scrollTo(0, el.scrollHeight))
        return page.textContent(scroller)
      },
      { timeout: 60_000, interval: 250 },
    )
    .toMatch(/End of the list · [\d,]+ image/)
    .then(() => page.textContent(scroller))
  return Number(/End of the list · ([\d,]+) image/.exec(text ?? '')?.[1]?.replaceAll(',', ''))
}

async function expectEnd(total: number): Promise<void> {
  await expect.poll(async () => (await shown()).index, { timeout: 15_000 }).toBe(total - 1)
  const at = await shown()
  expect(at.height).toBeLessThanOrEqual(cap)
  expect(at.scaled).toBe(true)
  // The header stuck at the top is the project of the rows under it.
  expect(at.topHeader).not.toBeNull()
  expect(at.topHeader).toBe(at.topTile)
}

const screens = [
  { name: 'phone', size: { width: 390, height: 844 } },
  { name: 'desktop', size: { width: 1920, height: 1080 } },
]

describe('every image of a gallery taller than the scroller cap is reachable', () => {
  for (const { name, size } of screens) {
    it(`on a ${name}: by the scrollbar, Ctrl+End, and back to the top`, async () => {
      await open(size, 2)
      expect((await shown()).height).toBeLessThanOrEqual(cap)

      // The scrollbar dragged to its end.
      await page.$eval(scroller, (el) => el.scrollTo(0, el.scrollHeight))
      const total = await dragToEnd()
      expect(total).toBeGreaterThan(1000)
      await expectEnd(total)

      // A drag to the middle shows tiles under their own project's header.
      await page.$eval(scroller, (el) => el.scrollTo(0, el.scrollHeight / 2))
      await expect.poll(async () => (await shown()).index, { timeout: 15_000 }).toBeGreaterThan(total / 4)
      await expect.poll(async () => (await shown()).topTile, { timeout: 15_000 }).not.toBeNull()
      const middle = await shown()
      expect(middle.topHeader).toBe(middle.topTile)

      // And to the top again: the first tile, under the first header (not a stuck copy of it).
      await page.$eval(scroller, (el) => el.scrollTo(0, 0))
      await page.waitForSelector('a[data-index="0"]')
      expect(await page.$eval('a[data-index="0"]', (a) => a.getBoundingClientRect().top > 0)).toBe(true)
      const first = await page.$eval(
        'a[data-index="0"]',
        (a) => /\/projects\/([^/]+)\//.exec((a as HTMLAnchorElement).pathname)?.[1] ?? null,
      )
      expect((await shown()).topHeader).toBe(first)
      expect(await page.$$eval(`[data-project-id="${first}"]`, (headers) => headers.length)).toBe(1)

      // Ctrl+End from the first tile focuses the last.
      await page.focus('a[data-index="0"]')
      await page.keyboard.press('Control+End')
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index')), { timeout: 15_000 })
        .toBe(String(total - 1))
      await expectEnd(total)
    })
  }
})
