import type { Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { apiJson, expectFocus, expectPath, expectTiles, sharedBrowser } from './browser'

const baseUrl = inject('baseUrl')
let page: Page

const browser = sharedBrowser()
afterEach(async () => {
  await page?.context().close()
})

async function open(path: string, width = 1280, height = 800) {
  const context = await browser.newContext({ viewport: { width, height } })
  page = await context.newPage()
  await page.goto(baseUrl + path)
}

const tile = (index: number) => `a[data-index="${index}"]`
const insideDialog = () => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)

describe('phone filter drawer', () => {
  it('is a true modal: Tab never leaves it, it shows the count, and Esc returns focus to Filters', async () => {
    await open('/piktid/assets?include_tags=model', 390, 844)
    await page.waitForSelector(tile(0))
    const count = (await page.textContent('[data-testid="result-count"]'))?.trim()
    await page.click('button:has-text("Filters")')
    await page.waitForSelector('[role="dialog"][aria-modal="true"]')
    await expect
      .poll(async () => (await page.textContent('[data-testid="drawer-result-count"]'))?.trim(), { timeout: 10_000 })
      .toBe(count)
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab')
      expect(await insideDialog()).toBe(true)
    }
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab')
      expect(await insideDialog()).toBe(true)
    }
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    await expectFocus(page, 'Filters')
  })
})

describe('skip links', () => {
  it('Skip to results is the first Tab stop and lands on the first tile', async () => {
    await open('/piktid/assets')
    await page.waitForSelector(tile(0))
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to results')
    await page.keyboard.press('Enter')
    await expectFocus(page, '0', 'data-index')
  })

  it('Skip to filters lands in the filter panel', async () => {
    await open('/piktid/assets')
    await page.waitForSelector(tile(0))
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to filters')
    await page.keyboard.press('Enter')
    await expectFocus(page, 'Filename, tag or project', 'placeholder')
  })
})

describe('page titles', () => {
  it('name the grid, then the open asset, then the grid again', async () => {
    await open('/piktid/assets')
    await page.waitForSelector(tile(0))
    await expect.poll(() => page.title()).toBe('Assets · PiktID demo · Vitrine')
    const name = await page.getAttribute(`${tile(0)} img`, 'alt')
    await page.click(tile(0))
    await page.waitForSelector('[role="dialog"]')
    await page.waitForFunction((n) => document.title === `${n} · PiktID demo · Vitrine`, name)
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('Assets · PiktID demo · Vitrine')
  })
})

describe('URLs written by hand', () => {
  it.each([
    ['/piktid/assets?order=asc&sort_by=filename', '/piktid/assets?sort_by=filename&order=asc'],
    ['/piktid/assets?sort_by=filename&include_tags=model', '/piktid/assets?include_tags=model&sort_by=filename'],
    [
      '/piktid/assets?order=asc&per_page=7&include_tags=product,model&search=%20look%20&sort_by=nope',
      '/piktid/assets?search=look&include_tags=model,product&order=asc',
    ],
    [
      '/piktid/assets?created_before=2026-01-01&ownership=mine&x=1',
      '/piktid/assets?ownership=mine&created_before=2026-01-01',
    ],
  ])('%s loads and settles on %s', async (url, canonical) => {
    await open(url)
    await page.waitForSelector(`${tile(0)}, p:has-text("No assets match")`)
    await expectPath(page, canonical)
    expect(await page.textContent('body')).not.toContain('Too many redirects')
    await page.reload()
    await page.waitForSelector(`${tile(0)}, p:has-text("No assets match")`)
    await expectPath(page, canonical)
  })

  it('typing a search on a tag-filtered URL keeps working', async () => {
    await open('/piktid/assets?include_tags=model')
    await page.waitForSelector(tile(0))
    await page.fill('input[type="search"]', 'look')
    await page.waitForURL((u) => u.search === '?search=look&include_tags=model')
    // The tag-filtered tiles stay on screen until the search's first page lands.
    const found = await apiJson<{ assets: { id: string }[] }>(
      page,
      `${baseUrl}/api/piktid/assets?search=look&include_tags=model&per_page=4`,
    )
    expect(found.assets.length).toBeGreaterThan(0)
    await expectTiles(
      page,
      found.assets.map((a) => a.id),
    )
    expect(await page.textContent('body')).not.toContain('Too many redirects')
  })
})

describe('keys', () => {
  it('? lists the keys of the grid, and of the viewer over it', async () => {
    await open('/piktid/assets')
    await page.waitForSelector(tile(0))
    await page.keyboard.press('?')
    const overlay = page.locator('[role="dialog"]:has(h2:text-is("Keyboard shortcuts"))')
    await overlay.waitFor()
    expect(await overlay.textContent()).toContain('First or last asset of the list')
    await page.keyboard.press('Escape')
    await overlay.waitFor({ state: 'detached' })
    await page.click(tile(0))
    await page.waitForSelector('[role="dialog"]')
    await page.click('[role="dialog"] button:has-text("Keyboard shortcuts")')
    await overlay.waitFor()
    expect(await overlay.textContent()).toContain('Previous or next asset')
    await page.keyboard.press('Escape')
    await overlay.waitFor({ state: 'detached' })
    // Esc closed only the overlay; the next one closes the viewer onto its tile.
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    await expectFocus(page, '0', 'data-index')
  })
})
