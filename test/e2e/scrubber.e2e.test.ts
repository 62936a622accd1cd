import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { apiJson, expectNear, pathOf, placeSaved, screenFilled, sharedBrowser } from './browser'

const baseUrl = inject('baseUrl')
let page: Page
/** Single-item sample requests (`per_page=1`) the page has made. */
let samples: string[] = []

const browser = sharedBrowser()
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
  samples = []
  page.on('request', (request) => {
    if (/[?&]per_page=1(&|$)/.test(request.url())) samples.push(request.url())
  })
})

const scrubber = '[data-scrubber]'
const bubble = '[data-scrubber-label]'
const MONTH = /^(≈ )?([A-Z][a-z]{2} \d{4})$/
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short' })

/** `Mar 2024` → months since year 0, to tell how far apart two labels are. */
function monthNumber(label: string): number {
  const [name, year] = label.split(' ')
  const month = Array.from({ length: 12 }, (_, m) => monthFormat.format(new Date(2000, m, 15))).indexOf(name ?? '')
  return Number(year) * 12 + month
}

/** The month label of an asset's upload date, as the browser (same machine, same zone) writes it. */
async function monthOfAsset(id: string): Promise<string> {
  const asset = await apiJson<{ created_at: string }>(page, `${baseUrl}/api/piktid/assets/${id}`)
  const date = new Date(asset.created_at)
  return `${monthFormat.format(date)} ${date.getFullYear()}`
}

/** The point on the scrubber's track at a fraction of its height (the track is inset 12 px). */
async function trackPoint(fraction: number): Promise<{ x: number; y: number }> {
  const box = await page.locator(scrubber).boundingBox()
  if (!box) throw new Error('The grid has no scrubber')
  return { x: box.x + box.width / 2, y: box.y + 12 + (box.height - 24) * fraction }
}

/** The index and asset id of the tile at `index` (its row is on screen). */
async function assetAt(index: number): Promise<string> {
  const id = await page.getAttribute(`a[data-index="${index}"]`, 'data-asset-id')
  if (!id) throw new Error(`No tile ${index}`)
  return id
}

async function openAssets() {
  await page.goto(`${baseUrl}/piktid/assets`)
  await page.waitForSelector('a[data-index="0"]')
  await page.waitForSelector(scrubber)
}

describe('the scrubber beside the assets grid', () => {
  it('shows the month under the pointer, and a click there jumps to tiles of that month', async () => {
    await openAssets()
    const point = await trackPoint(0.85)
    await page.mouse.move(point.x, point.y)
    // Sampling refines the label until it is exact or at most one month off (never a range).
    await expect.poll(() => page.textContent(bubble), { timeout: 15_000 }).toMatch(MONTH)
    const label = MONTH.exec((await page.textContent(bubble)) ?? '')?.[2] ?? ''
    const exact = (await page.getAttribute(bubble, 'data-exact')) !== null

    // One gesture: the click is the jump.
    await page.mouse.down()
    await page.mouse.up()
    await screenFilled(page)
    const top = await placeSaved(page)
    const count = Number((await page.textContent('[data-testid="result-count"]'))?.replace(/\D/g, ''))
    expect(top / count).toBeGreaterThan(0.8)
    expect(top / count).toBeLessThan(0.9)
    const month = await monthOfAsset(await assetAt(top))
    if (exact) expect(month).toBe(label)
    else expect(Math.abs(monthNumber(month) - monthNumber(label))).toBeLessThanOrEqual(1)

    // A few dozen one-item requests label the whole list, each a page of one of this very list.
    expect(samples.length).toBeGreaterThan(0)
    expect(samples.length).toBeLessThanOrEqual(64)
    for (const url of samples) expect(new URL(url).pathname).toBe('/api/piktid/assets')

    // The viewer opens over the grid and closes back onto the same place.
    await page.click(`a[data-index="${top}"]`)
    await page.waitForSelector('[role="dialog"]')
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(pathOf(page)).toBe('/piktid/assets')
    await expectNear(page, top)
  })

  it('is a slider the keys move by months, and End reaches the last asset', async () => {
    await openAssets()
    const slider = page.locator(scrubber)
    await expect.poll(() => slider.getAttribute('role')).toBe('slider')
    await slider.focus()
    const first = (await slider.getAttribute('aria-valuetext')) ?? ''
    expect(first).toMatch(MONTH)

    await page.keyboard.press('ArrowDown')
    await expect.poll(() => slider.getAttribute('aria-valuetext')).not.toBe(first)
    const next = (await slider.getAttribute('aria-valuetext')) ?? ''
    expect(next).toMatch(MONTH)
    // Newest first: the next label is an earlier month, and the item it went to carries it.
    expect(monthNumber(next.replace('≈ ', ''))).toBeLessThan(monthNumber(first.replace('≈ ', '')))
    const target = Number(await slider.getAttribute('aria-valuenow'))
    await page.waitForSelector(`a[data-index="${target}"]`)
    expect(await monthOfAsset(await assetAt(target))).toBe(next.replace('≈ ', ''))

    const count = Number((await page.textContent('[data-testid="result-count"]'))?.replace(/\D/g, ''))
    await page.keyboard.press('End')
    await page.waitForSelector(`a[data-index="${count - 1}"]`)
    await expect
      .poll(() =>
        page.$eval(`a[data-index="${count - 1}"]`, (el) => {
          const box = el.getBoundingClientRect()
          return box.bottom <= window.innerHeight && box.top >= 0
        }),
      )
      .toBe(true)
    await page.keyboard.press('Home')
    await expectNear(page, 0)
  })
})

/** The project whose header is at the top of the gallery (its sticky header, or a header there in the flow). */
function projectAtTop(): Promise<string | null> {
  return page.$eval('[data-grid-scroller]', (el) => {
    const box = el.getBoundingClientRect()
    const hit = document.elementFromPoint(box.left + 4, box.top + 4)
    return hit?.closest('[data-project-id]')?.querySelector('h2')?.textContent ?? null
  })
}

/** The first tile on the gallery's screen below the header at the top, or -1. */
function firstTileOnScreen(): Promise<number> {
  return page.$eval('[data-grid-scroller]', (el) => {
    const box = el.getBoundingClientRect()
    const header = document.elementFromPoint(box.left + 4, box.top + 4)?.closest('[data-project-id]')
    const top = header ? header.getBoundingClientRect().bottom : box.top
    const tiles = Array.from(el.querySelectorAll<HTMLElement>('[data-grid-row] a[data-index]'))
    const tile = tiles.find((t) => t.getBoundingClientRect().top + t.offsetHeight / 2 >= top)
    return Number(tile?.dataset.index ?? -1)
  })
}

describe('the scrubber beside the projects gallery', () => {
  it('shows the project under the pointer, a click brings its header to the top, and a review keeps the place', async () => {
    await page.goto(`${baseUrl}/piktid/projects`)
    await page.waitForSelector('a[data-index="0"]')
    await page.waitForSelector(scrubber)
    const slider = page.locator(scrubber)
    expect(await slider.getAttribute('aria-valuetext')).toBe(await projectAtTop())

    // Over the projects of the pages walked so far, the label is exact: a project's name.
    const point = await trackPoint(0.4)
    await page.mouse.move(point.x, point.y)
    await page.waitForSelector(bubble)
    const name = (await page.textContent(bubble)) ?? ''
    expect(await page.getAttribute(bubble, 'data-exact')).toBe('true')
    expect(name).not.toBe(await projectAtTop())
    const names = await page.$$eval('[data-project-id] h2', (hs) => hs.map((h) => h.textContent))
    expect(names).not.toContain(name)

    await page.mouse.down()
    await page.mouse.up()
    await screenFilled(page, 30_000, '[data-grid-row] > *')
    await expect.poll(projectAtTop).toBe(name)
    const top = await placeSaved(page, '[data-grid-row] a[data-index]')
    expect(await slider.getAttribute('aria-valuetext')).toBe(name)

    // Past the pages walked, the track knows nothing yet.
    const end = await trackPoint(0.995)
    await page.mouse.move(end.x, end.y)
    await expect.poll(() => page.textContent(bubble)).toBe('Not loaded yet')
    await page.mouse.move(point.x - 400, point.y)

    // A review opened from here closes (Escape) or goes Back onto the same project and row.
    for (const leave of ['Escape', 'Back'] as const) {
      const tile = await firstTileOnScreen()
      expect(Math.abs(tile - top)).toBeLessThan(6)
      await page.click(`[data-grid-row] a[data-index="${tile}"]`)
      await page.waitForSelector('[role="dialog"]')
      if (leave === 'Escape') await page.keyboard.press('Escape')
      else await page.goBack()
      await page.waitForSelector('[role="dialog"]', { state: 'detached' })
      expect(pathOf(page)).toBe('/piktid/projects')
      await expect.poll(projectAtTop, { timeout: 15_000 }).toBe(name)
      await expect.poll(async () => Math.abs((await firstTileOnScreen()) - top), { timeout: 15_000 }).toBeLessThan(6)
    }
  })

  it('is a slider whose arrows step from project to project', async () => {
    await page.goto(`${baseUrl}/piktid/projects`)
    await page.waitForSelector('a[data-index="0"]')
    const slider = page.locator(scrubber)
    await slider.focus()
    const first = await slider.getAttribute('aria-valuetext')
    expect(first).toBe(await projectAtTop())
    const names = [first]
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowDown')
      await expect.poll(() => slider.getAttribute('aria-valuetext')).not.toBe(names[names.length - 1])
      const now = await slider.getAttribute('aria-valuetext')
      expect(names).not.toContain(now)
      await expect.poll(projectAtTop).toBe(now)
      names.push(now)
    }
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe(names[2])
    await expect.poll(projectAtTop).toBe(names[2])
  })
})
