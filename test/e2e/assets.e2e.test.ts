import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { apiJson, expectFocus, expectPath, pathOf, screenFilled, seriousAxeViolations, sharedBrowser } from './browser'

const baseUrl = inject('baseUrl')
let page: Page

const browser = sharedBrowser()
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
})

const scroller = '[data-virtuoso-scroller="true"]'
const tile = (index: number) => `a[data-index="${index}"]`

async function openGrid(path = '/piktid/assets') {
  await page.goto(baseUrl + path)
  await page.waitForSelector(tile(0))
}

/** The first tile wholly inside the grid's viewport (tiles above it are rendered ahead of time). */
async function firstVisibleIndex(): Promise<number> {
  return page.$eval(scroller, (el) => {
    const top = el.getBoundingClientRect().top
    const tiles = Array.from(el.querySelectorAll('a[data-index]'))
    const visible = tiles.find((a) => a.getBoundingClientRect().top >= top)
    return Number(visible?.getAttribute('data-index'))
  })
}

/** The total the API gives alice for a query. */
async function apiTotal(query: string): Promise<number> {
  const body = await apiJson<{ pagination: { total: number } }>(page, `${baseUrl}/api/piktid/assets?per_page=1${query}`)
  return body.pagination.total
}

/** Filenames of the first `count` loaded tiles, by their place in the result (not DOM order). */
async function namesInGridOrder(count: number): Promise<string[]> {
  const tiles = await page.$$eval('a[data-index] img', (imgs) =>
    imgs.map((img) => [Number(img.closest('a')?.getAttribute('data-index')), img.getAttribute('alt') ?? ''] as const),
  )
  return tiles
    .sort((a, b) => a[0] - b[0])
    .slice(0, count)
    .map(([, name]) => name)
}

async function resultCount(): Promise<number> {
  const text = (await page.textContent('[data-testid="result-count"]')) ?? ''
  return Number(text.replace(/[^0-9]/g, ''))
}

describe('assets grid', () => {
  it('shows thumbnails that load, and the total', async () => {
    await openGrid()
    expect(await resultCount()).toBeGreaterThan(1000)
    await page.waitForFunction(
      (sel) => {
        const img = document.querySelector<HTMLImageElement>(sel)
        return img !== null && img.complete && img.naturalWidth > 0
      },
      `${tile(0)} img`,
    )
    const firstName = await page.getAttribute(`${tile(0)} img`, 'alt')
    expect(firstName).toMatch(/\.(jpg|png|webp)$/)
  })

  it('loads further pages while scrolling down', async () => {
    const pages = new Set<string>()
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/api/piktid/assets') pages.add(url.searchParams.get('page') ?? '')
    })
    await openGrid()
    // A screen at a time, each shown before the next: a fling far down would jump over the
    // pages between rather than load them.
    for (let i = 0; i < 12; i++) {
      await page.$eval(scroller, (el) => el.scrollBy(0, 2500))
      await screenFilled(page)
    }
    // Tiles far below the first pages are real thumbnails, not placeholders.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('a[data-index]')).some((a) => Number(a.getAttribute('data-index')) > 400),
    )
    expect(pages.has('2')).toBe(true)
    expect(pages.has('3')).toBe(true)
  })

  it('filters from the panel into the URL and the results, and keeps them on reload and back', async () => {
    await openGrid()
    const all = await resultCount()
    expect(all).toBe(await apiTotal(''))
    const withModel = await apiTotal('&include_tags=model')
    await page.click('button[data-tag="model"]')
    await page.waitForURL(/include_tags=model/)
    await expect.poll(resultCount, { timeout: 15_000 }).toBe(withModel)
    expect(withModel).toBeLessThan(all)
    expect(withModel).toBeGreaterThan(0)

    await page.selectOption('select[aria-label="Sort by"]', 'filename')
    await page.waitForURL(/sort_by=filename/)
    expect(pathOf(page)).toBe('/piktid/assets?include_tags=model&sort_by=filename')
    // The seed's default order is descending, so Filename alone sorts Z to A. The upload-date
    // results stay on screen until the new ones land, so wait for the grid to show the new order.
    const zToA = (names: string[]) => [...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    const api = await page.request.get(`${baseUrl}/api/piktid/assets?include_tags=model&sort_by=filename&per_page=10`, {
      headers: { Authorization: 'Bearer demo-alice' },
    })
    const expected = ((await api.json()) as { assets: { filename: string }[] }).assets.map((a) => a.filename)
    expect(expected).toEqual(zToA(expected))
    await expect.poll(() => namesInGridOrder(10), { timeout: 15_000 }).toEqual(expected)

    await page.reload()
    await page.waitForSelector(tile(0))
    expect(await page.getAttribute('button[data-tag="model"]', 'data-state')).toBe('include')
    await expect.poll(resultCount, { timeout: 10_000 }).toBe(withModel)

    await page.goBack()
    await page.waitForURL((url) => !url.search.includes('sort_by'))
    expect(pathOf(page)).toBe('/piktid/assets?include_tags=model')
    await page.goBack()
    await page.waitForURL((url) => url.search === '')
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="result-count"]')?.textContent?.replace(/[^0-9]/g, '')) === n,
      all,
    )
  })

  it('keeps both of two filters chosen before the first one’s results arrive', async () => {
    await openGrid()
    // Hold back the first filter's results, so the second is chosen while they are on their way.
    const held: (() => Promise<void>)[] = []
    const modelOnly = (url: URL) =>
      url.pathname === '/api/piktid/assets' && url.searchParams.get('include_tags') === 'model'
    await page.route(modelOnly, (route) => void held.push(() => route.continue().catch(() => undefined)))
    await page.click('button[data-tag="model"]')
    await page.waitForURL(/include_tags=model/)
    expect(await page.getAttribute('button[data-tag="model"]', 'data-state')).toBe('include')
    await page.click('button[data-tag="product"]')
    await page.waitForURL((url) => url.searchParams.get('include_tags') === 'model,product')
    await page.unroute(modelOnly)
    await Promise.all(held.map((release) => release()))
    expect(await page.getAttribute('button[data-tag="model"]', 'data-state')).toBe('include')
    expect(await page.getAttribute('button[data-tag="product"]', 'data-state')).toBe('include')
  })

  it('debounces search into one history entry and finds by filename', async () => {
    await openGrid()
    await page.keyboard.press('/')
    await page.waitForFunction(() => document.activeElement?.matches('[data-filter-search]'))
    await page.keyboard.type('front', { delay: 30 })
    await page.waitForURL(/search=front/)
    // A slow machine may search for "fro" on the way; wait for the grid to show what "front" finds.
    const found = await apiJson<{ assets: { filename: string }[] }>(
      page,
      `${baseUrl}/api/piktid/assets?search=front&per_page=20`,
    )
    const names = found.assets.map((a) => a.filename)
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) expect(name).toContain('front')
    await expect.poll(() => namesInGridOrder(20), { timeout: 15_000 }).toEqual(names)
  })

  it('rewrites a malformed URL to the default view without crashing', async () => {
    await page.goto(`${baseUrl}/piktid/assets?order=sideways&per_page=abc&include_tags=model,bogus`)
    await page.waitForSelector(tile(0))
    await expectPath(page, '/piktid/assets?include_tags=model')
    await page.goto(`${baseUrl}/piktid/assets?sort_by=created_at&order=desc`)
    await page.waitForSelector(tile(0))
    await expectPath(page, '/piktid/assets')
  })

  it('has no serious accessibility violations in the grid', async () => {
    await openGrid()
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})

describe('asset viewer', () => {
  it('opens from the grid, steps with the arrow keys and closes back to the same place', async () => {
    await openGrid()
    await page.$eval(scroller, (el) => el.scrollBy(0, 900))
    await screenFilled(page)
    const before = await page.$eval(scroller, (el) => el.scrollTop)
    const index = await firstVisibleIndex()
    // Both tiles in one read: the scroller swaps cells while it settles.
    const [id, nextId] = await page.evaluate(
      (i) => [i, i + 1].map((n) => document.querySelector(`a[data-index="${n}"]`)?.getAttribute('data-asset-id')),
      index,
    )
    expect(id).toBeTruthy()
    expect(nextId).toBeTruthy()
    await page.click(tile(index))
    await page.waitForSelector('[role="dialog"]')
    expect(pathOf(page)).toBe(`/piktid/assets/${id}`)
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[role="dialog"] img:not([aria-hidden])')
      return img !== null && img.complete && img.naturalWidth > 0
    })

    await page.keyboard.press('ArrowRight')
    await page.waitForURL((url) => url.pathname.endsWith(`/${nextId}`))
    await page.keyboard.press('ArrowLeft')
    await page.waitForURL((url) => url.pathname.endsWith(`/${id}`))

    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(pathOf(page)).toBe('/piktid/assets')
    await expectFocus(page, id ?? null, 'data-asset-id')
    expect(await page.$eval(scroller, (el) => el.scrollTop)).toBe(before)
  })

  it('steps and closes with the on-screen buttons, with the grid underneath out of reach', async () => {
    await openGrid()
    const nextId = await page.getAttribute(tile(1), 'data-asset-id')
    await page.click(tile(0))
    await page.waitForSelector('[role="dialog"]')
    expect(await page.isDisabled('button[aria-label="Previous asset"]')).toBe(true)
    // The page under the dialog is out of reach: the grid is inert and Tab stays in the dialog.
    expect(await page.$eval(tile(5), (el) => el.closest('[inert]') !== null)).toBe(true)
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true)
    await page.click('button[aria-label="Next asset"]')
    await page.waitForURL((url) => url.pathname.endsWith(`/${nextId}`))
    await page.click('button[aria-label="Close viewer"]')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(pathOf(page)).toBe('/piktid/assets')
    await expectFocus(page, nextId, 'data-asset-id')
  })

  it('moves between tiles with the arrow keys and opens one with Enter', async () => {
    await openGrid()
    await page.focus(tile(0))
    await page.keyboard.press('ArrowRight')
    await expectFocus(page, '1', 'data-index')
    const from = await page.$eval(tile(1), (a) => a.getBoundingClientRect().toJSON() as DOMRect)
    await page.keyboard.press('ArrowDown')
    // Down goes to the tile under this one's centre, in the next row (rows of any length).
    await page.waitForFunction(() => Number(document.activeElement?.getAttribute('data-index')) > 1)
    const below = await page.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON() as DOMRect)
    const centre = from.left + from.width / 2
    expect(below.top).toBeGreaterThan(from.bottom)
    expect(below.left - 1).toBeLessThan(centre)
    expect(below.right + 1).toBeGreaterThan(centre)
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-asset-id'))
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname.endsWith(`/${id}`))
    await page.waitForSelector('[role="dialog"]')
  })

  it('opens a pasted viewer URL by fetching the single asset', async () => {
    await openGrid('/piktid/assets?sort_by=filename&order=asc')
    const id = await page.getAttribute(tile(3), 'data-asset-id')
    const name = await page.getAttribute(`${tile(3)} img`, 'alt')
    await page.goto(`${baseUrl}/piktid/assets/${id}`)
    await page.waitForSelector('[role="dialog"]')
    await page.waitForFunction((n) => document.querySelector('[role="dialog"] h2')?.textContent === n, name)
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    // The app found where the asset sits in the default order, and Esc lands on its tile.
    await page.waitForFunction((want) => document.activeElement?.getAttribute('data-asset-id') === want, id)
  })

  it('has no serious accessibility violations in the viewer', async () => {
    await openGrid()
    await page.click(tile(2))
    await page.waitForSelector('[role="dialog"]')
    await page.waitForSelector('[aria-label="Asset details"]')
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})
