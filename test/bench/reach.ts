// Reach: on the benchmark's big catalog, with the real scroller cap, whether the last item of each
// grid view is reachable at phone and desktop sizes and device pixel ratios 1 and 2, by the
// scrollbar dragged to its end and by Ctrl+End from the first tile, and how tall the scroller is.
import type { Browser, Page } from 'playwright-core'
import { MAX_SCROLLER_HEIGHT } from '../../src/grid/position-model'
import { scrollerShows } from '../e2e/browser'

/** Views that allow random access, so every item must be reachable. */
export const REACH_VIEWS = ['/piktid/assets?order=asc', '/piktid/assets', '/vipanya/assets'] as const

export const REACH_SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1920, height: 1080 },
] as const

export interface ReachFigures {
  view: string
  screen: string
  ratio: number
  /** Items in the list, from the grid's own end-of-list line. */
  total: number
  /** Largest index on screen after dragging the scrollbar to its end. */
  byScrollbar: number
  /** Index focused after Ctrl+End from the first tile (-1 when the first tile never came back). */
  byKeyboard: number
  /** Whether the first tile was on screen again within 30 s of scrolling back to the top. */
  backAtTop: boolean
  scrollerHeight: number
  seconds: number
}

const scroller = '[data-grid-scroller]'

async function lastOnScreen(page: Page): Promise<{ index: number; height: number; footer: string }> {
  const { index, height, text } = await scrollerShows(page, scroller)
  return { index, height, footer: text }
}

/** Polls `read` until `done` holds or `ms` pass; returns the last value read. */
async function settle<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms
  let value = await read()
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    value = await read()
  }
  return value
}

function totalFrom(footer: string): number {
  const match = /End of the list · ([\d,]+)/.exec(footer)
  return match?.[1] ? Number(match[1].replaceAll(',', '')) : Number.NaN
}

async function measureOne(
  browser: Browser,
  baseUrl: string,
  view: string,
  screen: (typeof REACH_SCREENS)[number],
  ratio: number,
): Promise<ReachFigures> {
  const started = performance.now()
  const context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: ratio,
  })
  try {
    const page = await context.newPage()
    await page.goto(baseUrl + view)
    await page.waitForSelector('a[data-index="0"]', { timeout: 60_000 })

    await page.$eval(scroller, (el) => el.scrollTo(0, el.scrollHeight))
    const dragged = await settle(
      () => lastOnScreen(page),
      (shown) => /End of the list/.test(shown.footer) && shown.index + 1 === totalFrom(shown.footer),
      30_000,
    )

    await page.$eval(scroller, (el) => el.scrollTo(0, 0))
    const backAtTop = await page.waitForSelector('a[data-index="0"]', { timeout: 30_000 }).then(
      () => true,
      () => false,
    )
    const focused = () => page.evaluate(() => Number(document.activeElement?.getAttribute('data-index') ?? -1))
    const total = totalFrom(dragged.footer)
    let byKeyboard = -1
    if (backAtTop) {
      await page.focus('a[data-index="0"]')
      await page.keyboard.press('Control+End')
      byKeyboard = await settle(focused, (index) => index + 1 === total, 30_000)
    }
    return {
      view,
      screen: `${screen.name} ${screen.width}×${screen.height}`,
      ratio,
      total,
      byScrollbar: dragged.index,
      byKeyboard,
      backAtTop,
      scrollerHeight: dragged.height,
      seconds: (performance.now() - started) / 1000,
    }
  } finally {
    await context.close()
  }
}

export async function measureReach(browser: Browser, baseUrl: string): Promise<ReachFigures[]> {
  const figures: ReachFigures[] = []
  for (const view of REACH_VIEWS) {
    for (const screen of REACH_SCREENS) {
      for (const ratio of [1, 2]) figures.push(await measureOne(browser, baseUrl, view, screen, ratio))
    }
  }
  return figures
}

export function reachRows(figures: ReachFigures[]): Record<string, string>[] {
  return figures.map((f) => ({
    view: f.view,
    screen: `${f.screen} @${f.ratio}x`,
    items: f.total.toLocaleString('en'),
    'last by scrollbar': `${(f.byScrollbar + 1).toLocaleString('en')}`,
    'last by Ctrl+End': `${(f.byKeyboard + 1).toLocaleString('en')}`,
    'scroller px': f.scrollerHeight.toLocaleString('en'),
    seconds: f.seconds.toFixed(1),
  }))
}

/** Budgets missed: every item reached both ways, the scroller under the cap. */
export function reachMisses(figures: ReachFigures[]): string[] {
  const misses: string[] = []
  for (const f of figures) {
    const where = `${f.view} on a ${f.screen} at ${f.ratio}x`
    if (!Number.isFinite(f.total)) misses.push(`${where}: the end of the list was never shown`)
    else {
      if (f.byScrollbar + 1 !== f.total)
        misses.push(`${where}: the scrollbar reached item ${f.byScrollbar + 1} of ${f.total}`)
      if (!f.backAtTop) misses.push(`${where}: the first tile was not back within 30 s of scrolling to the top`)
      else if (f.byKeyboard + 1 !== f.total)
        misses.push(`${where}: Ctrl+End reached item ${f.byKeyboard + 1} of ${f.total}`)
    }
    if (f.scrollerHeight > MAX_SCROLLER_HEIGHT)
      misses.push(`${where}: the scroller is ${f.scrollerHeight} px, over ${MAX_SCROLLER_HEIGHT}`)
  }
  return misses
}
