import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { cellTop, firstOnScreen, screenFilled, seriousAxeViolations, sharedBrowser } from './browser'

const baseUrl = inject('baseUrl')

const browser = sharedBrowser()

async function newPage(options: { width: number; height: number; dark?: boolean }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    colorScheme: options.dark ? 'dark' : 'light',
  })
  return context.newPage()
}

describe('when the network fails', () => {
  it('shows a failed page load with retry in view and recovers by itself without losing the place', async () => {
    const page = await newPage({ width: 1280, height: 800 })
    let failing = true
    await page.route('**/api/piktid/assets?*', (route) => {
      const page2 = new URL(route.request().url()).searchParams.get('page') === '2'
      return page2 && failing ? route.abort('connectionreset') : route.continue()
    })
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    // On until the screen is well past the failed page (indexes 100–199), whatever the columns.
    const lastOnScreen = () =>
      page.$eval('[data-virtuoso-scroller="true"]', (el) => {
        const bottom = el.getBoundingClientRect().bottom
        let last = -1
        for (const cell of el.querySelectorAll<HTMLElement>('[data-index]')) {
          if (cell.getBoundingClientRect().top < bottom) last = Math.max(last, Number(cell.dataset.index))
        }
        return last
      })
    for (let i = 0; i < 20 && (await lastOnScreen()) < 260; i++) {
      await page.$eval('[data-virtuoso-scroller="true"]', (el) => el.scrollBy(0, 1500))
      await page.waitForTimeout(100)
    }
    const alert = await page.waitForSelector('[role="alert"]', { timeout: 20_000 })
    expect(await alert.textContent()).toMatch(/Could not reach PiktID demo/)
    // The place a user reads from. The failed page's rows are above it, estimated until they
    // arrive; when they do, the rows above change height and the tile must stay where it is.
    const place = await firstOnScreen(page)
    expect(place).not.toBeNull()
    expect(await page.isVisible('[role="alert"] button:has-text("Retry")')).toBe(true)
    // The grid retries by itself with backoff; once the network works it recovers without a click.
    failing = false
    // Every cell on screen shows a tile again, beyond the page that failed (indexes 100–199).
    await screenFilled(page)
    const shown = await page.$$eval('a[data-index]', (links) => links.map((a) => Number(a.getAttribute('data-index'))))
    expect(Math.max(...shown)).toBeGreaterThan(199)
    // The screen may have filled from a later page while the failed one waits for its next try
    // (1, 2, 4 … seconds): the alert goes once that page loads.
    await page.waitForSelector('[role="alert"]', { state: 'detached', timeout: 20_000 })
    const now = await cellTop(page, place?.index ?? -1)
    expect(now).not.toBeNull()
    expect(Math.abs((now ?? 0) - (place?.top ?? 0))).toBeLessThan(2)
    await page.context().close()
  })

  it('asks again for thumbnails the server turned away, and shows them', async () => {
    const page = await newPage({ width: 1280, height: 800 })
    // Every image's first request is refused the way the server refuses a caller it is drawing
    // too many images for; the tiles must not keep their preview colour for good.
    const tries = new Map<string, number>()
    await page.route('**/*', (route) => {
      if (route.request().resourceType() !== 'image') return route.continue()
      const url = route.request().url()
      const n = (tries.get(url) ?? 0) + 1
      tries.set(url, n)
      return n === 1 ? route.fulfill({ status: 429, headers: { 'retry-after': '1' }, body: 'busy' }) : route.continue()
    })
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"] img')
    await page.waitForFunction(
      () => {
        const imgs = [...document.querySelectorAll<HTMLImageElement>('a[data-index] img')].slice(0, 4)
        return imgs.length === 4 && imgs.every((img) => img.complete && img.naturalWidth > 0)
      },
      undefined,
      { timeout: 20_000 },
    )
    expect([...tries.values()].some((n) => n >= 2)).toBe(true)
    await page.context().close()
  })

  it('explains an expired or wrong token instead of showing an empty grid', async () => {
    const page = await newPage({ width: 1280, height: 800 })
    await page.route('**/api/piktid/**', async (route) => {
      const headers = { ...route.request().headers(), authorization: 'Bearer expired-token' }
      await route.continue({ headers })
    })
    await page.goto(`${baseUrl}/piktid/assets`)
    const alert = await page.waitForSelector('[role="alert"]')
    expect(await alert.textContent()).toMatch(/rejected the credentials/)
    await page.context().close()
  })
})

describe('narrow screens and dark mode', () => {
  it('opens the filters from a button on a phone and applies them', async () => {
    const page = await newPage({ width: 390, height: 844, dark: true })
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    expect(await page.isVisible('aside[aria-label="Filter panel"]')).toBe(false)
    await page.click('button:has-text("Filters")')
    const drawer = await page.waitForSelector('[role="dialog"]:has(h2:text-is("Filters"))')
    await (await drawer.$('button[data-tag="product"]'))!.click()
    await page.waitForURL(/include_tags=product/)
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.click('[role="dialog"] button:has-text("Show")')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    await page.waitForSelector('a[data-index="0"]')
    const columns = await page.$eval(
      '[data-testid="virtuoso-item-list"]',
      (el) => getComputedStyle(el).gridTemplateColumns.split(' ').length,
    )
    expect(columns).toBe(2)
    await page.context().close()
  })

  it('has no serious accessibility violations in dark mode', async () => {
    const page = await newPage({ width: 1280, height: 800, dark: true })
    await page.goto(`${baseUrl}/piktid/assets?include_tags=model`)
    await page.waitForSelector('a[data-index="0"]')
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })
})
