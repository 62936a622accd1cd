import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'

const require = createRequire(import.meta.url)

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'

interface LaunchOptions {
  /**
   * Scrollbars that take room, as on a desktop without overlay scrollbars. Playwright hides them
   * by default (`--hide-scrollbars`).
   */
  scrollbars?: boolean
}

/**
 * Starts Chromium. With `E2E_CPU_THROTTLE=4` in the environment every page runs four times
 * slower (DevTools CPU throttling), which brings out the races a slow, loaded CI machine hits.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const browser = await launch(options)
  const rate = Number(process.env.E2E_CPU_THROTTLE ?? 0)
  if (rate > 1) {
    const newContext = browser.newContext.bind(browser)
    browser.newContext = async (options) => {
      const context = await newContext(options)
      context.on('page', (p) => {
        // note: a page closed straight away has no session to throttle; nothing to do then.
        void context
          .newCDPSession(p)
          .then((session) => session.send('Emulation.setCPUThrottlingRate', { rate }))
          .catch(() => undefined)
      })
      return context
    }
  }
  return browser
}

function launch({ scrollbars = false }: LaunchOptions): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME_PATH,
    ...(scrollbars && { ignoreDefaultArgs: ['--hide-scrollbars'] }),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Page-structure rules (landmarks, headings, skip links, title) checked whatever their impact. */
export const STRUCTURE_RULES = ['landmark-one-main', 'page-has-heading-one', 'region', 'bypass', 'document-title']

/** Runs axe-core in the page and returns the serious and critical violations, plus any of `alsoRules`. */
export async function seriousAxeViolations(page: Page, alsoRules: readonly string[] = []): Promise<AxeViolation[]> {
  // note: evaluated over the devtools protocol, so the app's CSP (no inline script) does not block it.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } })
      .axe
    const result = await axe.run(document)
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || alsoRules.includes(v.id))
}

/** Pathname plus search of the page's current URL. */
export function pathOf(page: Page): string {
  const url = new URL(page.url())
  return decodeURIComponent(url.pathname + url.search)
}

/**
 * Waits until the focused element's `attribute` (its text when none is named) reads `want`: a
 * closing dialog hands focus back a task after it unmounts, so a read at once would race it.
 */
export async function expectFocus(page: Page, want: string | null, attribute?: string): Promise<void> {
  if (want === null) throw new Error('The element focus should land on was not found')
  const read = () =>
    page.evaluate(
      (name) => (name ? document.activeElement?.getAttribute(name) : document.activeElement?.textContent) ?? null,
      attribute,
    )
  await expect.poll(read, { timeout: 10_000 }).toBe(want)
}

/** Waits until the page's path and search read `want`: the app rewrites a URL a render after it loads. */
export async function expectPath(page: Page, want: string): Promise<void> {
  await expect.poll(() => pathOf(page), { timeout: 10_000 }).toBe(want)
}

/** GETs a demo API address (alice's PiktID or Gumnut token unless told) and returns its JSON. */
export async function apiJson<T>(page: Page, url: string, authorization = 'Bearer demo-alice'): Promise<T> {
  const res = await page.request.get(url, { headers: { Authorization: authorization } })
  expect(res.status(), url).toBe(200)
  return (await res.json()) as T
}

/** The ids of the grid's tiles from `start` on, read in one go in the page (null until all are there). */
function tileIds(page: Page, count: number, start = 0): Promise<string[] | null> {
  return page.evaluate(
    ([n, from]) => {
      const ids: string[] = []
      for (let i = from; i < from + n; i++) {
        const id = document.querySelector(`a[data-index="${i}"][data-asset-id]`)?.getAttribute('data-asset-id')
        if (!id) return null
        ids.push(id)
      }
      return ids
    },
    [count, start] as const,
  )
}

/**
 * Waits until the grid's tiles from `start` on are `ids`: the previous results stay on screen
 * until a new filter's first page lands, so a tile that is there proves nothing by itself.
 */
export async function expectTiles(page: Page, ids: string[], start = 0): Promise<void> {
  await expect.poll(() => tileIds(page, ids.length, start), { timeout: 15_000 }).toEqual(ids)
}

const SCROLLER = '[data-virtuoso-scroller="true"]'

/**
 * Waits until every cell on the grid's screen shows a loaded tile, not a placeholder. `cells`
 * picks the grid's cells (the grouped grid's are the children of its rows).
 */
export async function screenFilled(page: Page, timeout = 30_000, cells = '.virtuoso-grid-item'): Promise<void> {
  await page.waitForFunction(
    ([scrollerSelector, cellSelector]) => {
      const el = document.querySelector(scrollerSelector)
      if (!el) return false
      const box = el.getBoundingClientRect()
      const onScreen = Array.from(el.querySelectorAll(cellSelector)).filter((cell) => {
        const r = cell.getBoundingClientRect()
        return r.bottom > box.top && r.top < box.bottom
      })
      return onScreen.length > 0 && onScreen.every((cell) => cell.querySelector('a[data-index]') !== null)
    },
    [SCROLLER, cells] as const,
    { timeout },
  )
}

/**
 * Waits until the grid's kept place (written to sessionStorage a moment after scrolling stops)
 * names the first tile on screen, so a reload or Back that follows has that place to come back to;
 * returns that tile's index.
 * `tiles` picks the tiles the grid reads its place from (the grouped grid's are in rows).
 */
export async function placeSaved(page: Page, tiles = '.virtuoso-grid-item a[data-index]'): Promise<number> {
  /** The first tile on screen, and the places kept for this history entry, read in one go. */
  const read = () =>
    page.evaluate(
      ([scrollerSelector, tileSelector]) => {
        const el = document.querySelector(scrollerSelector)
        const top = el?.getBoundingClientRect().top ?? 0
        const first = Array.from(el?.querySelectorAll<HTMLElement>(tileSelector) ?? []).find((tile) => {
          const r = tile.getBoundingClientRect()
          return r.top + r.height / 2 >= top
        })
        const state = history.state as { __TSR_key?: string; key?: string } | null
        const entry = state?.__TSR_key ?? state?.key
        let places: unknown = []
        try {
          places = JSON.parse(sessionStorage.getItem('vitrine:places') ?? '[]')
        } catch {
          // Not written yet, or unreadable: nothing kept.
        }
        const kept = (Array.isArray(places) ? places : [])
          .filter((p): p is [string, { index?: number }] => Array.isArray(p) && `${p[0]}`.startsWith(`${entry}:`))
          .map(([, place]) => place?.index ?? null)
        return { screen: first ? Number(first.dataset.index) : null, kept }
      },
      [SCROLLER, tiles] as const,
    )
  const seen = { screen: -1 }
  await expect
    .poll(read, { timeout: 15_000, message: 'the kept place names the first tile on screen' })
    .toSatisfy((now: { screen: number | null; kept: (number | null)[] }) => {
      seen.screen = now.screen ?? -1
      return now.screen !== null && now.kept.includes(now.screen)
    })
  return seen.screen
}

/**
 * The first cell (a tile, or its placeholder while its page loads) whose middle is on screen, and
 * its top relative to the scroller's box: the place a user reads from. Rows may change shape
 * (justified rows replace an estimate when a page arrives, and items move between rows), so a
 * kept place is this cell staying where it was, not the scroll offset: see `cellTop`.
 */
export async function firstOnScreen(page: Page): Promise<{ index: number; top: number } | null> {
  const cells = await cellTops(page)
  return cells.reduce<{ index: number; top: number } | null>(
    (best, cell) => (cell.middleOnScreen && (best === null || cell.index < best.index) ? cell : best),
    null,
  )
}

/** Where the cell of `index` is, relative to the scroller's box; null when it is not rendered. */
export async function cellTop(page: Page, index: number): Promise<number | null> {
  return (await cellTops(page)).find((cell) => cell.index === index)?.top ?? null
}

function cellTops(page: Page): Promise<{ index: number; top: number; middleOnScreen: boolean }[]> {
  return page.$eval(SCROLLER, (el) => {
    const box = el.getBoundingClientRect()
    return Array.from(el.querySelectorAll<HTMLElement>('[data-index]'), (cell) => {
      const r = cell.getBoundingClientRect()
      const middleOnScreen = r.top + r.height / 2 >= box.top && r.top < box.bottom
      return { index: Number(cell.dataset.index), top: r.top - box.top, middleOnScreen }
    })
  })
}

/**
 * What a grid's scroller shows: the largest index of a loaded tile inside its box, its height,
 * whether its positions are scaled past the height cap, and its text (the end-of-list line).
 */
export function scrollerShows(
  page: Page,
  scroller = '[data-grid-scroller]',
): Promise<{ index: number; height: number; scaled: boolean; text: string }> {
  return page.$eval(scroller, (el) => {
    const box = el.getBoundingClientRect()
    let index = -1
    for (const tile of el.querySelectorAll<HTMLElement>('a[data-index]')) {
      const r = tile.getBoundingClientRect()
      if (r.bottom > box.top && r.top < box.bottom) index = Math.max(index, Number(tile.dataset.index))
    }
    return { index, height: el.scrollHeight, scaled: el.hasAttribute('data-scaled'), text: el.textContent ?? '' }
  })
}

/**
 * Scrolls the grid until the cell of `index` (its tile, or its placeholder while it loads) is on
 * screen. Rows may differ in length, so each step goes by the px per item of what is rendered,
 * and a list that grows as it is walked (cursor APIs) is walked to it.
 */
export async function scrollToTile(page: Page, index: number, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout
  while (Date.now() < deadline) {
    const by = await page.$eval(
      SCROLLER,
      (el, want) => {
        const box = el.getBoundingClientRect()
        const cells = [...el.querySelectorAll<HTMLElement>('.virtuoso-grid-item [data-index]')]
          .map((cell) => ({ index: Number(cell.dataset.index), top: cell.getBoundingClientRect().top - box.top }))
          .sort((a, b) => a.index - b.index)
        const target = cells.find((cell) => cell.index === want)
        if (target) return target.top >= 0 && target.top < box.height ? 0 : target.top - box.height / 3
        const [first, last] = [cells[0], cells.at(-1)]
        if (!first || !last || last.index === first.index) return el.clientHeight
        const perItem = (last.top - first.top) / (last.index - first.index)
        const from = want > last.index ? last : first
        return from.top + (want - from.index) * perItem - box.height / 3
      },
      index,
    )
    if (by === 0) return
    await page.$eval(SCROLLER, (el, y) => el.scrollBy(0, y), by)
    await page.waitForTimeout(100)
  }
  throw new Error(`The cell of index ${index} did not come on screen in ${timeout} ms`)
}

/**
 * The columns of the grid's CSS template: the square grid's columns, and in justified rows a
 * measure of the tile size (rows then hold about as many tiles).
 */
export function gridColumns(page: Page): Promise<number> {
  return page.$eval(
    '[data-testid="virtuoso-item-list"]',
    (el) => getComputedStyle(el).gridTemplateColumns.split(' ').length,
  )
}

/**
 * Waits until the tile of `index` is on screen within `rows` rows of the top (a place coming back
 * settles): the first row on screen, by default. Rows may differ in length and height.
 */
export async function expectNear(page: Page, index: number, rows = 1): Promise<void> {
  await expect
    .poll(
      () =>
        page.$eval(
          SCROLLER,
          (el, [want, rowCount]) => {
            const box = el.getBoundingClientRect()
            const tile = el.querySelector<HTMLElement>(`a[data-index="${want}"]`)?.getBoundingClientRect()
            if (!tile || tile.bottom <= box.top || tile.top >= box.bottom) return 'not on screen'
            // Rows from the first whose middle is on screen, as the kept place counts them.
            const tops = [...el.querySelectorAll<HTMLElement>('.virtuoso-grid-item')]
              .map((cell) => cell.getBoundingClientRect())
              .filter((r) => r.top + r.height / 2 >= box.top && r.top < box.bottom)
              .map((r) => Math.round(r.top))
            const rowTops = [...new Set(tops)].sort((a, b) => a - b)
            const row = rowTops.indexOf(Math.round(tile.top))
            return row >= 0 && row < rowCount ? 'near' : `row ${row} of the screen`
          },
          [index, rows] as const,
        ),
      { timeout: 15_000 },
    )
    .toBe('near')
}

/**
 * One browser for a test file, launched before its tests and closed after them; call it at the
 * top level of the file. The value stands for that browser once it is up (a test that reaches it
 * before then gets a plain error), so tests use it like the browser itself.
 */
export function sharedBrowser(options: LaunchOptions = {}): Browser {
  let launched: Browser | undefined
  beforeAll(async () => {
    launched = await launchBrowser(options)
  })
  afterAll(async () => {
    await launched?.close()
  })
  return new Proxy({} as Browser, {
    get(_target, key) {
      if (!launched) throw new Error('The browser is not up yet: use it inside a test or a hook')
      const value: unknown = Reflect.get(launched, key)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(launched) : value
    },
  })
}
