import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import {
  scrollToTile,
  expectNear,
  expectTiles,
  pathOf,
  placeSaved,
  screenFilled,
  seriousAxeViolations,
  sharedBrowser,
  STRUCTURE_RULES,
} from './browser'

// Gumnut photo libraries in a real browser: the photo grid on cursor pages, the people grid,
// a person's page and the shared viewer over it.

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
    await expect.poll(() => page.textContent('[data-testid="result-count"]')).toMatch(/^\d+\+ photos$/)
    const top = await idsAt([0, 1, 2, 3])
    expect(top.every(Boolean)).toBe(true)
    const requestsAtStart = firstPages.length

    // A cursor list grows as it is scrolled: walk it down, a screen at a time, past the budget.
    const step = (await columns()) * 4
    const scrollTo = (index: number) => scrollToTile(page, index)
    const middleIndex = step * 15
    let middle: (string | null)[] = []
    for (let target = 0; target <= 1100; target += step) {
      await scrollTo(target)
      await page.waitForSelector(tile(target), { timeout: 10_000 })
      if (target === middleIndex) middle = await idsAt([target, target + 1])
    }
    expect(middle.every(Boolean)).toBe(true)
    await expect
      .poll(() => page.textContent('[data-testid="result-count"]'), { timeout: 10_000 })
      .toMatch(/^1,\d{3}\+ photos$/)
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
    const step = (await columns()) * 5
    for (let target = 0; target <= 600; target += step) {
      await scrollToTile(page, target)
      await page.waitForSelector(tile(target), { timeout: 10_000 })
    }
    // The kept place is written a moment after scrolling stops.
    await screenFilled(page)
    const index = await placeSaved(page)
    expect(index).toBeGreaterThan(500)
    const [id] = await idsAt([index])

    const asked: URL[] = []
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/api/gumnut/api/assets') asked.push(url)
    })
    await page.reload()
    await page.waitForSelector(`${tile(index)}[data-asset-id="${id}"]`, { timeout: 15_000 })
    await expectNear(page, index)
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
    await page.locator('#filters [data-id-combobox="person_id"]').click()
    await page.getByRole('combobox', { name: 'Search person' }).fill(person.name!)
    const choice = page.getByRole('listbox', { name: 'Person' }).getByRole('option').filter({ hasText: person.name! })
    // Each person is shown with their face.
    await choice.first().locator('img').waitFor()
    await choice.first().click()
    await page.waitForURL((url) => url.searchParams.get('person_id') === person.id)
    expect(pathOf(page)).toBe(`/gumnut/assets?person_id=${person.id}`)
    expect(theirs.data[0]!.id).not.toBe(before)
    // The unfiltered tiles stay on screen until the person's first page lands.
    await expectTiles(
      page,
      theirs.data.map((a) => a.id),
    )
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
    await expect.poll(() => page.title()).toBe(`${name} · People · Gumnut demo · Vitrine`)

    // Down the grid a little, then open a photo there.
    const cols = await columns()
    await page.$eval(scroller, (el, y) => el.scrollTo(0, y), 6 * (await rowHeight()))
    await screenFilled(page)
    // The place and the tile's id in one read: the scroller swaps cells while it settles.
    const [at, photoId] = await page.evaluate(
      ([selector, columns]) => {
        const el = document.querySelector(selector)!
        const top = el.getBoundingClientRect().top
        const first = Array.from(el.querySelectorAll<HTMLElement>('a[data-index]')).find((a) => {
          const box = a.getBoundingClientRect()
          return box.top + box.height / 2 >= top
        })
        const index = Number(first?.dataset.index ?? -1) + columns + 1
        return [index, document.querySelector(`a[data-index="${index}"]`)?.getAttribute('data-asset-id') ?? ''] as const
      },
      [scroller, cols] as const,
    )
    expect(photoId).not.toBe('')
    const personPath = pathOf(page)
    await page.click(tile(at))
    await page.waitForSelector('[role="dialog"]')
    expect(pathOf(page)).toBe(`${personPath}/${photoId}`)
    await expect
      .poll(() => page.textContent('[data-testid="viewer-position"]'), { timeout: 10_000 })
      .toMatch(new RegExp(`^${at + 1} of [\\d,]+\\+? photos$`))
    await page.keyboard.press('ArrowRight')
    const next = (await page.getAttribute(tile(at + 1), 'data-asset-id'))!
    await page.waitForURL((url) => url.pathname.endsWith(`/${next}`))

    await page.keyboard.press('Escape')
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })
    expect(pathOf(page)).toBe(personPath)
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-asset-id') === id, next)
    await expectNear(page, at, 3)
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
    type People = { data: { id: string; name: string | null }[] }
    const visible = await api<People>('/people?limit=100')
    const all = await api<People>('/people?limit=100&include_hidden=true')
    const named = await api<People>('/people?limit=100&include_hidden=true&name=ro')
    expect(all.data.length).toBeGreaterThan(visible.data.length)
    expect(named.data.length).toBeGreaterThan(0)
    for (const person of named.data) expect(person.name).toMatch(/ro/i)
    /** The people on the page, read in one go. */
    const shownIds = () =>
      page.$$eval('a[data-person-id]', (links) => links.map((a) => a.getAttribute('data-person-id')))
    await page.goto(`${baseUrl}/gumnut/people`)
    await page.waitForSelector('a[data-person-id]')
    await expect.poll(shownIds, { timeout: 15_000 }).toEqual(visible.data.map((p) => p.id))
    await page.getByRole('checkbox', { name: 'Show hidden people' }).check()
    await page.waitForURL(/include_hidden=true/)
    await expect.poll(shownIds, { timeout: 15_000 }).toEqual(all.data.map((p) => p.id))
    await page.locator('[data-filter-search]').fill('ro')
    await page.waitForURL(/name=ro/)
    await expect.poll(shownIds, { timeout: 15_000 }).toEqual(named.data.map((p) => p.id))
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
