import type { Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { apiJson, scrollerShows, sharedBrowser } from './browser'

// The demo catalog is a few thousand assets (and a gallery of a few thousand images under a
// hundred project headers); a low scroller cap (the grids read it from sessionStorage) puts them
// past the cap, as a million assets are past the real one.
const cap = 6000
/**
 * A reach test walks a list taller than the cap end to end and back: about 35 s on a quiet
 * 2-core machine, past the suite's 60 s when other work shares it.
 */
const REACH_TIMEOUT_MS = 120_000
const baseUrl = inject('baseUrl')
const browser = sharedBrowser()
let page: Page

afterEach(async () => {
  await page?.context().close()
})

const scroller = '[data-grid-scroller]'
const assetsPath = '/piktid/assets?order=asc'

async function open(size: { width: number; height: number }, deviceScaleFactor: number, path: string): Promise<void> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor })
  page = await context.newPage()
  await page.addInitScript((value) => sessionStorage.setItem('vitrine:grid-cap', String(value)), cap)
  await page.goto(baseUrl + path)
  await page.waitForSelector('a[data-index="0"]')
}

/** Opens the assets in ascending order and gives their total. */
async function openAssets(size: { width: number; height: number }, deviceScaleFactor: number): Promise<number> {
  await open(size, deviceScaleFactor, assetsPath)
  const body = await apiJson<{ pagination: { total: number } }>(
    page,
    `${baseUrl}/api/piktid/assets?order=asc&per_page=1`,
  )
  return body.pagination.total
}

/** The largest index of a loaded tile inside the scroller's box, and the scroller's height. */
const lastShown = () => scrollerShows(page, scroller)

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
      it(
        `on a ${name} at device pixel ratio ${ratio}: by the scrollbar, Ctrl+End, and back to the top`,
        async () => {
          const total = await openAssets(size, ratio)
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
        },
        REACH_TIMEOUT_MS,
      )
    }
  }

  it('by small scrolls and by Page Down, 1:1 on the way', async () => {
    const total = await openAssets({ width: 1920, height: 1080 }, 1)
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

interface Shown {
  /** The largest index of a loaded tile inside the scroller's box. */
  index: number
  height: number
  scaled: boolean
  /** The project of the header over the top of the scroller, and of the first row of tiles in view. */
  topHeader: string | null
  topTile: string | null
}

function galleryShown(): Promise<Shown> {
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

async function expectGalleryEnd(total: number): Promise<void> {
  await expect.poll(async () => (await galleryShown()).index, { timeout: 15_000 }).toBe(total - 1)
  const at = await galleryShown()
  expect(at.height).toBeLessThanOrEqual(cap)
  expect(at.scaled).toBe(true)
  // The header stuck at the top is the project of the rows under it.
  expect(at.topHeader).not.toBeNull()
  expect(at.topHeader).toBe(at.topTile)
}

describe('every image of a gallery taller than the scroller cap is reachable', () => {
  for (const { name, size } of screens) {
    it(
      `on a ${name}: by the scrollbar, Ctrl+End, and back to the top`,
      async () => {
        await open(size, 2, '/piktid/projects')
        expect((await galleryShown()).height).toBeLessThanOrEqual(cap)

        // The scrollbar dragged to its end.
        await page.$eval(scroller, (el) => el.scrollTo(0, el.scrollHeight))
        const total = await dragToEnd()
        expect(total).toBeGreaterThan(1000)
        await expectGalleryEnd(total)

        // A drag to the middle shows tiles under their own project's header.
        await page.$eval(scroller, (el) => el.scrollTo(0, el.scrollHeight / 2))
        await expect.poll(async () => (await galleryShown()).index, { timeout: 15_000 }).toBeGreaterThan(total / 4)
        await expect.poll(async () => (await galleryShown()).topTile, { timeout: 15_000 }).not.toBeNull()
        const middle = await galleryShown()
        expect(middle.topHeader).toBe(middle.topTile)

        // And to the top again: the first tile, under the first header (not a stuck copy of it).
        await page.$eval(scroller, (el) => el.scrollTo(0, 0))
        await page.waitForSelector('a[data-index="0"]')
        expect(await page.$eval('a[data-index="0"]', (a) => a.getBoundingClientRect().top > 0)).toBe(true)
        const first = await page.$eval(
          'a[data-index="0"]',
          (a) => /\/projects\/([^/]+)\//.exec((a as HTMLAnchorElement).pathname)?.[1] ?? null,
        )
        expect((await galleryShown()).topHeader).toBe(first)
        expect(await page.$$eval(`[data-project-id="${first}"]`, (headers) => headers.length)).toBe(1)

        // Ctrl+End from the first tile focuses the last.
        await page.focus('a[data-index="0"]')
        await page.keyboard.press('Control+End')
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index')), { timeout: 15_000 })
          .toBe(String(total - 1))
        await expectGalleryEnd(total)
        // Its walk to the end alone may take a minute on a loaded machine (`dragToEnd`).
      },
      2 * REACH_TIMEOUT_MS,
    )
  }
})
