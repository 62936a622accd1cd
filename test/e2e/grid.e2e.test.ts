import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import {
  scrollToTile,
  apiJson,
  expectNear,
  expectTiles,
  pathOf,
  placeSaved,
  screenFilled,
  sharedBrowser,
} from './browser'

const baseUrl = inject('baseUrl')
let page: Page

const browser = sharedBrowser()
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
})

const scroller = '[data-grid-scroller]'
const tile = (index: number) => `a[data-index="${index}"]`

async function openGrid(path = '/piktid/assets') {
  await page.goto(baseUrl + path)
  await page.waitForSelector(tile(0))
}

/**
 * Scrolls so that `index` is on screen, waits until the screen shows tiles and the grid kept that
 * place, and returns the first tile on screen.
 */
async function scrollNear(index: number): Promise<number> {
  // One jump by the scrollbar to about its share of the list, so the pages between are skipped.
  const total = Number((await page.textContent('[data-testid="result-count"]'))?.replace(/\D/g, ''))
  await page.$eval(scroller, (el, share) => el.scrollTo(0, el.scrollHeight * share), index / total)
  await scrollToTile(page, index)
  await screenFilled(page)
  return placeSaved(page)
}

/** The ids of the first tiles of a PiktID query, as the API gives them. */
async function firstIds(query: string, count = 8): Promise<string[]> {
  const body = await apiJson<{ assets: { id: string }[] }>(
    page,
    `${baseUrl}/api/piktid/assets?${query}&per_page=${count}`,
  )
  return body.assets.map((a) => a.id)
}

describe('the grid keeps its place', () => {
  it('after a reload, and after Back and Forward across filters', async () => {
    await openGrid()
    const all = await scrollNear(1000)
    expect(all).toBeGreaterThan(900)

    await page.reload()
    await page.waitForSelector(tile(all))
    await expectNear(page, all)

    const modelFirst = await firstIds('include_tags=model')
    await page.click('button[data-tag="model"]')
    await page.waitForURL(/include_tags=model/)
    // The unfiltered tiles stay on screen until the filter's first page lands: scroll the new ones.
    await expectTiles(page, modelFirst)
    const model = await scrollNear(300)
    expect(model).toBeGreaterThan(200)

    await page.goBack()
    await page.waitForURL((url) => url.search === '')
    await page.waitForSelector(tile(all))
    await expectNear(page, all)

    await page.goForward()
    await page.waitForURL(/include_tags=model/)
    await page.waitForSelector(tile(model))
    await expectNear(page, model)

    // A reload of the entry went Forward to keeps its own place too.
    await page.reload()
    await page.waitForSelector(tile(model))
    await expectNear(page, model)
  })
})

describe('a pasted viewer link', () => {
  it('to an asset beyond the first page steps to its neighbours, and Esc lands on its tile', async () => {
    const res = await page.request.get(`${baseUrl}/api/piktid/assets?page=5&per_page=100`, {
      headers: { Authorization: 'Bearer demo-alice' },
    })
    const ids = ((await res.json()) as { assets: { id: string }[] }).assets.map((a) => a.id)
    const [before, id, after] = [ids[49], ids[50], ids[51]] as [string, string, string]
    await page.goto(`${baseUrl}/piktid/assets/${id}`)
    await page.waitForSelector('[role="dialog"]')
    await page.waitForFunction(() =>
      /^451 of/.test(document.querySelector('[data-testid="viewer-position"]')?.textContent ?? ''),
    )
    await page.keyboard.press('ArrowRight')
    await page.waitForURL((url) => url.pathname.endsWith(`/${after}`))
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await page.waitForURL((url) => url.pathname.endsWith(`/${before}`))
    await page.keyboard.press('ArrowRight')
    await page.waitForURL((url) => url.pathname.endsWith(`/${id}`))
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(pathOf(page)).toBe('/piktid/assets')
    await page.waitForFunction(
      (want) =>
        document.activeElement?.getAttribute('data-asset-id') === want &&
        document.activeElement.getAttribute('data-index') === '450',
      id,
    )
  })

  it('closed once it is placed but before its page arrives, lands on its tile and not the first', async () => {
    const res = await page.request.get(`${baseUrl}/api/piktid/assets?page=5&per_page=100`, {
      headers: { Authorization: 'Bearer demo-alice' },
    })
    const id = ((await res.json()) as { assets: { id: string }[] }).assets[50]!.id
    // Hold back every page but the first, so the asset's page is still on its way at Esc.
    const held: (() => Promise<void>)[] = []
    const laterPage = (url: URL) =>
      url.pathname === '/api/piktid/assets' && Number(url.searchParams.get('page') ?? '1') > 1
    await page.route(laterPage, (route) => void held.push(() => route.continue().catch(() => undefined)))
    const placed = page.waitForResponse((r) => /created_after=.*[?&]per_page=1$/.test(r.url()))
    await page.goto(`${baseUrl}/piktid/assets/${id}`)
    await page.waitForSelector('[role="dialog"]')
    await placed
    await page.waitForFunction(() => document.querySelector('[role="dialog"] h2')?.textContent !== 'Loading…')
    // The asset's page is on its way (held back) when Esc is pressed.
    await expect.poll(() => held.length, { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(held.length).toBeGreaterThan(0)
    await page.unroute(laterPage)
    await Promise.all(held.map((release) => release()))
    await page.waitForFunction(
      (want) =>
        document.activeElement?.getAttribute('data-asset-id') === want &&
        document.activeElement.getAttribute('data-index') === '450',
      id,
    )
  })
})

describe('multi-select', () => {
  it('selects a Shift+click range across pages that were never loaded, counting all of it', async () => {
    const pages = new Set<string>()
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/api/piktid/assets') pages.add(url.searchParams.get('page') ?? '')
    })
    await openGrid()
    await page.click(tile(2), { modifiers: ['Control'] })
    await expect.poll(() => page.textContent('[data-testid="selected-count"]'), { timeout: 10_000 }).toBe('1 selected')
    const last = await scrollNear(1900)
    await page.click(tile(last), { modifiers: ['Shift'] })
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="selected-count"]')?.textContent === `${n.toLocaleString('en')} selected`,
      last - 2 + 1,
    )
    // The pages between were jumped over, not loaded.
    expect(pages.has('10')).toBe(false)
    expect(await page.getAttribute(`${tile(last)} ~ [role="checkbox"]`, 'aria-checked')).toBe('true')
    // Well within what one archive holds: the whole range can be downloaded as one ZIP.
    expect(await page.isEnabled('button:has-text("Download selected")')).toBe(true)
    await page.focus(tile(last))
    await page.keyboard.press('Escape')
    await page.waitForSelector('[data-testid="selected-count"]', { state: 'detached' })
  })
})
