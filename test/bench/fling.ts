// Fling: the assets grid scrolled at a steady 2,500 and 6,000 px/s on a phone and a desktop
// screen, first over thumbnails the server has never drawn (fresh) and then again to the same
// place over thumbnails it has drawn (warm). Every animation frame counts the visible tiles
// showing neither their image nor their preview colour; long tasks and frame times are recorded;
// after the fling stops, the time until every visible tile has its thumbnail. Real images from a
// real server: nothing is stubbed.
//
// Called from run.ts (`npm run bench`); on its own, with a smaller catalog:
//   BENCH_FLING_ASSETS=20000 node --import tsx test/bench/fling.ts
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { buildCatalog } from '../../src/server/demo/generate'
import { startServer } from '../../src/server/server'
import { launchBrowser, scrollToTile } from '../e2e/browser'

export const FLING_BUDGETS = {
  /** Share of visible tiles with neither image nor preview colour, over all frames. */
  blankShare: 0.02,
  /** No long task longer than this. */
  longTaskMs: 50,
  frameP95Ms: 20,
  fillWarmMs: 300,
  fillFreshMs: 1000,
} as const

const SPEEDS = [2500, 6000] as const
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, deviceScaleFactor: 3 },
  { name: 'desktop', width: 1440, height: 900, deviceScaleFactor: 1 },
] as const
const FLING_SECONDS = 3
/** How long to wait for the screen to fill after a stop before calling it unfilled. */
const FILL_LIMIT_MS = 10_000

export interface FlingFigures {
  viewport: string
  speed: number
  cache: 'fresh' | 'warm'
  frames: number
  blankShare: number
  /** The worst single frame's share of blank tiles. */
  blankWorstFrame: number
  frameP95Ms: number
  longTasks: number
  longestTaskMs: number
  fillMs: number
}

const scroller = '[data-virtuoso-scroller="true"]'

interface CellCount {
  visible: number
  blank: number
  unloaded: number
}

/**
 * In the page: how many visible cells there are, how many show neither a loaded image nor a
 * preview colour, and how many lack a loaded image.
 */
const COUNT_CELLS = `(el) => {
  const box = el.getBoundingClientRect()
  let visible = 0, blank = 0, unloaded = 0
  for (const cell of el.querySelectorAll('.virtuoso-grid-item')) {
    const r = cell.getBoundingClientRect()
    if (r.bottom <= box.top || r.top >= box.bottom) continue
    visible++
    const img = cell.querySelector('img')
    const loaded = img !== null && img.complete && img.naturalWidth > 0
    if (!loaded) unloaded++
    if (!loaded && !cell.querySelector('[data-preview]')) blank++
  }
  return { visible, blank, unloaded }
}`

// Installed before the app loads: long tasks are collected from the start. (`__name` because
// tsx wraps the functions it passes to the page in it.)
const WATCH_LONG_TASKS = `(() => {
  globalThis.__name = (fn) => fn
  window.__countCells = ${COUNT_CELLS}
  window.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ at: e.startTime, ms: e.duration })
  }).observe({ type: 'longtask', buffered: true })
})()`

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}

/** Scrolls to `fraction` of the list and waits until the screen's thumbnails are in. */
async function settleAt(page: Page, fraction: number): Promise<void> {
  await page.$eval(scroller, (el, f) => el.scrollTo(0, f * el.scrollHeight), fraction)
  await waitForFill(page)
}

/**
 * Scrolls until the tile of `index` is the first on screen and waits until the screen's
 * thumbnails are in: a warm fling starts from the item the fresh one started from, wherever the
 * rows put it now (justified rows change the scroller's height as they are laid out).
 */
async function settleAtItem(page: Page, index: number): Promise<void> {
  await scrollToTile(page, index)
  await page.$eval(
    scroller,
    (el, i) => {
      const cell = el.querySelector(`[data-index="${i}"]`)
      if (cell) el.scrollBy(0, cell.getBoundingClientRect().top - el.getBoundingClientRect().top)
    },
    index,
  )
  await waitForFill(page)
}

/** Scrolls up `distance` px a screen at a time, waiting at each for the thumbnails. */
async function walkUp(page: Page, distance: number): Promise<void> {
  for (let walked = 0; walked < distance;) {
    walked += await page.$eval(
      scroller,
      (el, left) => {
        const step = Math.min(el.clientHeight, left)
        el.scrollBy(0, -step)
        return step
      },
      distance - walked,
    )
    await waitForFill(page)
  }
}

/** The first tile at least half on screen. */
function firstOnScreen(page: Page): Promise<number> {
  return page.$eval(scroller, (el) => {
    const top = el.getBoundingClientRect().top
    const first = [...el.querySelectorAll<HTMLElement>('a[data-index]')]
      .filter((a) => a.getBoundingClientRect().top + a.getBoundingClientRect().height / 2 >= top)
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))[0]
    return Number(first?.dataset.index ?? 0)
  })
}

/** Milliseconds until every visible cell shows its loaded thumbnail (capped at FILL_LIMIT_MS). */
function waitForFill(page: Page): Promise<number> {
  return page.$eval(
    scroller,
    (el, { limit }) =>
      new Promise<number>((resolve) => {
        const countCells = (window as unknown as { __countCells: (el: Element) => CellCount }).__countCells
        const started = performance.now()
        const check = () => {
          const { visible, unloaded } = countCells(el)
          const elapsed = performance.now() - started
          if ((visible > 0 && unloaded === 0) || elapsed > limit) resolve(elapsed)
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      }),
    { limit: FILL_LIMIT_MS },
  )
}

/** A steady fling of `seconds` at `speed` px/s, sampled every animation frame. */
function fling(page: Page, speed: number, seconds: number) {
  return page.$eval(
    scroller,
    (el, { speed, seconds }) =>
      new Promise<{ frames: number[]; visible: number; blank: number; worst: number; startedAt: number }>((resolve) => {
        const countCells = (window as unknown as { __countCells: (el: Element) => CellCount }).__countCells
        const frames: number[] = []
        let visible = 0
        let blank = 0
        let worst = 0
        const startedAt = performance.now()
        let last = startedAt
        const tick = (now: number) => {
          frames.push(now - last)
          el.scrollBy(0, (speed * (now - last)) / 1000)
          last = now
          const seen = countCells(el)
          visible += seen.visible
          blank += seen.blank
          if (seen.visible > 0) worst = Math.max(worst, seen.blank / seen.visible)
          if (now - startedAt < seconds * 1000) requestAnimationFrame(tick)
          else resolve({ frames: frames.slice(1), visible, blank, worst, startedAt })
        }
        requestAnimationFrame(tick)
      }),
    { speed, seconds },
  )
}

async function measureOne(
  page: Page,
  viewport: string,
  speed: number,
  cache: FlingFigures['cache'],
): Promise<FlingFigures> {
  const run = await fling(page, speed, FLING_SECONDS)
  const fillMs = await waitForFill(page)
  const longTasks = await page.evaluate(
    (since) =>
      (window as unknown as { __longTasks: { at: number; ms: number }[] }).__longTasks.filter((t) => t.at >= since),
    run.startedAt,
  )
  return {
    viewport,
    speed,
    cache,
    frames: run.frames.length,
    blankShare: run.visible === 0 ? 1 : run.blank / run.visible,
    blankWorstFrame: run.worst,
    frameP95Ms: percentile(run.frames, 95),
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks.map((t) => t.ms)),
    fillMs,
  }
}

/**
 * Every viewport and speed, fresh then warm. Each pair starts from its own place in the list,
 * so a fresh fling crosses thumbnails nothing has drawn yet; the warm one flings the same
 * distance again to the items the fresh one stopped on.
 */
export async function measureFlings(browser: Browser, baseUrl: string): Promise<FlingFigures[]> {
  const figures: FlingFigures[] = []
  let start = 0.1
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: viewport.deviceScaleFactor,
    })
    await context.addInitScript(WATCH_LONG_TASKS)
    const page = await context.newPage()
    try {
      await page.goto(`${baseUrl}/piktid/assets`)
      await page.waitForSelector('a[data-index="0"]')
      for (const speed of SPEEDS) {
        await settleAt(page, start)
        await page.waitForTimeout(300)
        figures.push(await measureOne(page, viewport.name, speed, 'fresh'))
        // The warm fling goes over the same distance to the items the fresh one stopped on, after
        // a walk back up it a screen at a time: every thumbnail on the way is drawn (the server's
        // cache is warm), and every row on the way laid out, so it stops where the fresh one did.
        await settleAtItem(page, await firstOnScreen(page))
        await walkUp(page, speed * FLING_SECONDS)
        await page.waitForTimeout(300)
        figures.push(await measureOne(page, viewport.name, speed, 'warm'))
        start += 0.2
      }
    } finally {
      await context.close()
    }
  }
  return figures
}

export function flingRows(figures: FlingFigures[]): Record<string, string>[] {
  return figures.map((f) => ({
    run: `${f.viewport} ${f.speed} px/s ${f.cache}`,
    'blank tiles (≤ 2%)': `${(f.blankShare * 100).toFixed(1)}% (worst frame ${(f.blankWorstFrame * 100).toFixed(0)}%)`,
    'frame p95 (≤ 20 ms)': `${f.frameP95Ms.toFixed(1)} ms of ${f.frames}`,
    'long tasks (none > 50 ms)':
      f.longTasks === 0 ? 'none' : `${f.longTasks}, longest ${f.longestTaskMs.toFixed(0)} ms`,
    'filled after stop': `${f.fillMs >= FILL_LIMIT_MS ? '> ' : ''}${f.fillMs.toFixed(0)} ms (≤ ${f.cache === 'warm' ? FLING_BUDGETS.fillWarmMs : FLING_BUDGETS.fillFreshMs})`,
  }))
}

/** The budgets each run misses, in words. */
export function flingMisses(figures: FlingFigures[]): string[] {
  return figures.flatMap((f) => {
    const run = `${f.viewport} ${f.speed} px/s ${f.cache}`
    const fillBudget = f.cache === 'warm' ? FLING_BUDGETS.fillWarmMs : FLING_BUDGETS.fillFreshMs
    return [
      ...(f.blankShare > FLING_BUDGETS.blankShare
        ? [`${run}: ${(f.blankShare * 100).toFixed(1)}% blank tiles > ${FLING_BUDGETS.blankShare * 100}%`]
        : []),
      ...(f.longestTaskMs > FLING_BUDGETS.longTaskMs
        ? [`${run}: long task of ${f.longestTaskMs.toFixed(0)} ms > ${FLING_BUDGETS.longTaskMs} ms`]
        : []),
      ...(f.frameP95Ms > FLING_BUDGETS.frameP95Ms
        ? [`${run}: frame p95 ${f.frameP95Ms.toFixed(1)} ms > ${FLING_BUDGETS.frameP95Ms} ms`]
        : []),
      ...(f.fillMs > fillBudget ? [`${run}: filled ${f.fillMs.toFixed(0)} ms after stopping > ${fillBudget} ms`] : []),
    ]
  })
}

/**
 * Builds a catalog of BENCH_FLING_ASSETS (100,000 by default) in `work`, serves the app built in
 * `distDir` over it, and measures the flings; prints the table and the budgets missed.
 */
export async function flingSection(browser: Browser, distDir: string, work: string) {
  const assets = Number(process.env.BENCH_FLING_ASSETS ?? 100_000)
  const dataDir = path.join(work, 'fling-data')
  console.log(`\nFling (a fresh ${assets.toLocaleString('en')}-asset catalog, real thumbnails):`)
  buildCatalog({ dataDir, assets })
  const server = await startServer({ port: 0, dataDir, demoAssets: assets, distDir })
  try {
    const figures = await measureFlings(browser, server.url)
    console.table(flingRows(figures))
    const misses = flingMisses(figures)
    console.log(misses.length === 0 ? 'fling budgets: PASS' : `fling budgets: FAIL\n  ${misses.join('\n  ')}`)
    if (misses.length > 0) process.exitCode = 1
    return { assets, figures, misses }
  } finally {
    await server.close()
  }
}

async function standalone() {
  const root = path.resolve(import.meta.dirname, '../..')
  const work = await mkdtemp(path.join(tmpdir(), 'vitrine-fling-'))
  try {
    const { build } = await import('vite')
    const distDir = path.join(work, 'dist')
    await build({ root, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } })
    const browser = await launchBrowser()
    try {
      const result = await flingSection(browser, distDir, work)
      await writeFile(path.join(root, 'bench-fling.json'), JSON.stringify(result, null, 2))
    } finally {
      await browser.close()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await standalone()
