import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { STRUCTURE_RULES, launchBrowser, pathOf, seriousAxeViolations } from './browser'

// Gumnut photo libraries in a real browser: the photo grid on cursor pages, the people grid,
// a person's page and the shared viewer over it.

const baseUrl = inject('baseUrl')
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
})

const scroller = '[data-virtuoso-scroller="true"]'
const tile = (index: number) => `a[data-index="${index}"]`

async function api<T>(path: string): Promise<T> {
  const res = await page.request.get(`${baseUrl}/api/gumnut/api${path}`, {
    headers: { Authorization: 'Bearer demo-alice' },
  })
  expect(res.status()).toBe(200)
  return (await res.json()) as T
}

/** Ids of the loaded tiles at `indexes`, as the grid shows them. */
async function idsAt(indexes: number[]): Promise<(string | null)[]> {
  return Promise.all(indexes.map((i) => page.getAttribute(tile(i), 'data-asset-id')))
}

/** The first tile at least half inside the grid's viewport. */
async function firstVisibleIndex(): Promise<number> {
  return page.$eval(scroller, (el) => {
    const top = el.getBoundingClientRect().top
    const tiles = Array.from(el.querySelectorAll<HTMLElement>('a[data-index]'))
    const visible = tiles.find((a) => {
      const box = a.getBoundingClientRect()
      return box.top + box.height / 2 >= top
    })
    return Number(visible?.dataset.index ?? -1)
  })
}

async function rowHeight(): Promise<number> {
  return page.$eval('.virtuoso-grid-item', (el) => el.getBoundingClientRect().height + 8)
}

async function columns(): Promise<number> {
  return page.$eval(
    '[data-testid="virtuoso-item-list"]',
    (el) => getComputedStyle(el).gridTemplateColumns.split(' ').length,
  )
}

describe('the Gumnut photo grid', () => {
  it('counts "N+ photos" while pages keep coming, drops pages far behind and fetches them again from their cursor', async () => {
    const firstPages: string[] = []
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/api/gumnut/api/assets' && !url.searchParams.has('starting_after_id')) {
        firstPages.push(url.search)
      }
    })
    await page.goto(`${baseUrl}/gumnut/assets`)
    await page.waitForSelector(tile(0))
    expect(await page.textContent('[data-testid="result-count"]')).toMatch(/^\d+\+ photos$/)
    const top = await idsAt([0, 1, 2, 3])
    expect(top.every(Boolean)).toBe(true)
    const requestsAtStart = firstPages.length

    // A cursor list grows as it is scrolled: walk it down, a screen at a time, past the budget.
    const cols = await columns()
    const row = await rowHeight()
    const scrollTo = (index: number) =>
      page.$eval(scroller, (el, y) => el.scrollTo(0, y), Math.floor(index / cols) * row)
    const middleIndex = cols * 60
    let middle: (string | null)[] = []
    for (let target = 0; target <= 1100; target += cols * 4) {
      await scrollTo(target)
      await page.waitForSelector(tile(target), { timeout: 10_000 })
      if (target === middleIndex) middle = await idsAt([target, target + 1])
    }
    expect(middle.every(Boolean)).toBe(true)
    expect(await page.textContent('[data-testid="result-count"]')).toMatch(/^1,\d{3}\+ photos$/)
    // Back up: each dropped page comes back from its own cursor, with the same photos.
    await scrollTo(middleIndex)
    await page.waitForSelector(tile(middleIndex), { timeout: 15_000 })
    expect(await idsAt([middleIndex, middleIndex + 1])).toEqual(middle)
    await page.$eval(scroller, (el) => el.scrollTo(0, 0))
    await page.waitForSelector(tile(0), { timeout: 15_000 })
    expect(await idsAt([0, 1, 2, 3])).toEqual(top)
    // ...fetched again from the first page's own (empty) cursor.
    expect(firstPages.length).toBeGreaterThan(requestsAtStart)
  }, 120_000)

  it('comes back to the same photo after a reload deep in the list, fetching its page by its cursor first', async () => {
    await page.goto(`${baseUrl}/gumnut/assets`)
    await page.waitForSelector(tile(0))
    const cols = await columns()
    const row = await rowHeight()
    for (let target = 0; target <= 600; target += cols * 5) {
      await page.$eval(scroller, (el, y) => el.scrollTo(0, y), Math.floor(target / cols) * row)
      await page.waitForSelector(tile(target), { timeout: 10_000 })
    }
    // The kept place is written a moment after scrolling stops.
    await page.waitForTimeout(500)
    const index = await firstVisibleIndex()
    expect(index).toBeGreaterThan(500)
    const [id] = await idsAt([index])

    const asked: URL[] = []
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/api/gumnut/api/assets') asked.push(url)
    })
    await page.reload()
    await page.waitForSelector(`${tile(index)}[data-asset-id="${id}"]`, { timeout: 15_000 })
    expect(Math.abs((await firstVisibleIndex()) - index)).toBeLessThan(cols)
    // The first page asked for by cursor is the one holding the place, by the cursor kept for it
    // (the id of the photo before it), not the second page of a walk from the top.
    const ids: string[] = []
    while (ids.length <= index) {
      const after = ids.length ? `&starting_after_id=${ids[ids.length - 1]}` : ''
      ids.push(...(await api<{ data: { id: string }[] }>(`/assets?limit=100${after}`)).data.map((p) => p.id))
    }
    const pageStart = Math.floor(index / 100) * 100
    const firstByCursor = asked.find((url) => url.searchParams.has('starting_after_id'))
    expect(firstByCursor?.searchParams.get('starting_after_id')).toBe(ids[pageStart - 1])
  })

  it('filters by a person chosen by name in the panel, with person_id in the URL', async () => {
    const people = await api<{ data: { id: string; name: string | null }[] }>('/people?limit=20')
    const person = people.data.find((p) => p.name)!
    const theirs = await api<{ data: { id: string }[] }>(`/assets?person_id=${person.id}&limit=3`)
    await page.goto(`${baseUrl}/gumnut/assets`)
    await page.waitForSelector(tile(0))
    const before = await page.getAttribute(tile(0), 'data-asset-id')
    const select = page.getByRole('combobox', { name: 'Person' })
    await page.waitForFunction(
      (name) => Array.from(document.querySelectorAll('#filters option')).some((o) => o.textContent === name),
      person.name,
    )
    await select.selectOption({ label: person.name! })
    await page.waitForURL((url) => url.searchParams.get('person_id') === person.id)
    expect(pathOf(page)).toBe(`/gumnut/assets?person_id=${person.id}`)
    await page.waitForFunction(
      (id) => document.querySelector('a[data-index="0"]')?.getAttribute('data-asset-id') === id,
      theirs.data[0]!.id,
    )
    expect(theirs.data[0]!.id).not.toBe(before)
    expect(await idsAt([0, 1, 2])).toEqual(theirs.data.map((a) => a.id))
    await page.getByRole('button', { name: `Remove filter Person: ${person.name}` }).waitFor()
  })
})

describe('people', () => {
  it('people grid → person → photo → Esc back to the person page at the same place', async () => {
    await page.goto(`${baseUrl}/gumnut/people`)
    const first = page.locator('a[data-person-id]').first()
    await first.waitFor()
    const name = (await first.locator('[data-person-name]').textContent())!
    await first.click()
    await page.waitForURL(/\/gumnut\/people\/person_[^/]+$/)
    await page.getByRole('heading', { level: 1, name }).waitFor()
    await page.waitForSelector(tile(0))
    expect(await page.title()).toBe(`${name} · People · Gumnut demo · Vitrine`)

    // Down the grid a little, then open a photo there.
    const cols = await columns()
    await page.$eval(scroller, (el, y) => el.scrollTo(0, y), 6 * (await rowHeight()))
    await page.waitForTimeout(400)
    const at = (await firstVisibleIndex()) + cols + 1
    const photoId = (await page.getAttribute(tile(at), 'data-asset-id'))!
    const personPath = pathOf(page)
    await page.click(tile(at))
    await page.waitForSelector('[role="dialog"]')
    expect(pathOf(page)).toBe(`${personPath}/${photoId}`)
    expect(await page.textContent('[data-testid="viewer-position"]')).toMatch(
      new RegExp(`^${at + 1} of [\\d,]+\\+? photos$`),
    )
    await page.keyboard.press('ArrowRight')
    const next = (await page.getAttribute(tile(at + 1), 'data-asset-id'))!
    await page.waitForURL((url) => url.pathname.endsWith(`/${next}`))

    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(pathOf(page)).toBe(personPath)
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-asset-id') === id, next)
    expect(Math.abs((await firstVisibleIndex()) - at)).toBeLessThan(cols * 3)
  })

  it('a pasted link to a photo on a person page closes onto that page', async () => {
    const people = await api<{ data: { id: string }[] }>('/people?limit=1')
    const person = people.data[0]!.id
    const photos = await api<{ data: { id: string }[] }>(`/assets?person_id=${person}&limit=5`)
    const photo = photos.data[4]!.id
    await page.goto(`${baseUrl}/gumnut/people/${person}/${photo}`)
    await page.waitForSelector('[role="dialog"]')
    await page.waitForFunction(() =>
      /^5 of/.test(document.querySelector('[data-testid="viewer-position"]')?.textContent ?? ''),
    )
    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(pathOf(page)).toBe(`/gumnut/people/${person}`)
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-asset-id') === id, photo)
  })

  it('show hidden people from the toggle and find people by name', async () => {
    await page.goto(`${baseUrl}/gumnut/people`)
    await page.waitForSelector('a[data-person-id]')
    const shown = await page.locator('a[data-person-id]').count()
    await page.getByRole('checkbox', { name: 'Show hidden people' }).check()
    await page.waitForURL(/include_hidden=true/)
    await page.waitForFunction((n) => document.querySelectorAll('a[data-person-id]').length > n, shown)
    await page.locator('[data-filter-search]').fill('ro')
    await page.waitForURL(/name=ro/)
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-person-name]')).every((n) => /ro/i.test(n.textContent ?? '')),
    )
  })

  it('the people grid and a person page have no serious accessibility violations', async () => {
    await page.goto(`${baseUrl}/gumnut/people`)
    await page.waitForSelector('a[data-person-id]')
    expect(await seriousAxeViolations(page, STRUCTURE_RULES)).toEqual([])
    await page.locator('a[data-person-id]').first().click()
    await page.waitForSelector(tile(0))
    await page.waitForSelector('[data-testid="person-photo-count"]:not(:has-text("Counting"))')
    expect(await seriousAxeViolations(page, STRUCTURE_RULES)).toEqual([])
  })
})
