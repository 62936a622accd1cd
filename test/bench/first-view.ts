// First view: how much JavaScript a first visit loads before its first thumbnail is on screen,
// and how long that thumbnail takes next to a bare page showing the same thumbnail from the same
// server (the floor: one HTML document and one image). Every load is in a fresh browser context,
// so nothing comes from the browser's cache; the server's caches are warmed by a first visit.
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page } from 'playwright-core'

/** First-view JavaScript budget, gzip, per view. */
export const FIRST_VIEW_JS_BUDGET_KB = 170
/** The first thumbnail may take at most this many times as long as the floor page's. */
export const FIRST_THUMB_RATIO_BUDGET = 2

/** The grid views a first visit lands on. */
export const FIRST_VIEWS = ['/piktid/assets', '/piktid/projects', '/gumnut/people'] as const

export interface FirstViewFigures {
  view: string
  /** Scripts fetched before the first thumbnail showed, with their gzip size (level 6). */
  scripts: { url: string; gzipBytes: number }[]
  scriptGzipKb: number
  /** Medians over the runs, from navigation start, in ms. */
  firstThumbMs: number
  floorMs: number
  /** firstThumbMs / floorMs. */
  ratio: number
  /** Cumulative layout shift until a second after the first thumbnail (the largest of the runs). */
  cls: number
  /** The shifts of the run with the largest. */
  shifts: LayoutShift[]
  runs: number
}

export interface FirstViewOptions {
  runs?: number
  viewport?: { width: number; height: number }
}

const FLOOR_PATH = '/__first-view-floor'

// Runs in every page from its first script on: notes the time of the first animation frame at
// which a tile's image (or the floor page's one image) has fully loaded, i.e. can be painted.
const WATCH_FIRST_THUMB = `(() => {
  window.__shifts = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue
      const nodes = (e.sources || []).map((s) => s.node && s.node.nodeType === 1
        ? s.node.tagName.toLowerCase() + (s.node.id ? '#' + s.node.id : '') + '.' + String(s.node.className).split(' ').slice(0, 3).join('.')
        : String(s.node && s.node.nodeName))
      window.__shifts.push({ value: e.value, at: e.startTime, nodes })
    }
  }).observe({ type: 'layout-shift', buffered: true })
  const check = () => {
    for (const img of document.querySelectorAll('[data-index] img, img[data-floor]')) {
      if (img.complete && img.naturalWidth > 0) {
        window.__firstThumb = { at: performance.now(), src: img.currentSrc }
        return
      }
    }
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`

/** One layout shift the page saw, with the elements that moved. */
export interface LayoutShift {
  value: number
  at: number
  nodes: string[]
}

interface Visit {
  at: number
  src: string
  /** Script URLs whose response ended before the first thumbnail showed. */
  scriptUrls: string[]
}

async function visit(page: Page, url: string): Promise<Visit> {
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(() => (window as { __firstThumb?: unknown }).__firstThumb !== undefined, undefined, {
    timeout: 60_000,
    polling: 50,
  })
  return page.evaluate(() => {
    const { at, src } = (window as unknown as { __firstThumb: { at: number; src: string } }).__firstThumb
    const scriptUrls = performance
      .getEntriesByType('resource')
      .filter(
        (e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname) && (e as PerformanceResourceTiming).responseEnd <= at,
      )
      .map((e) => e.name)
    return { at, src, scriptUrls }
  })
}

async function freshPage(
  browser: Browser,
  options: FirstViewOptions,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } })
  await context.addInitScript(WATCH_FIRST_THUMB)
  return { context, page: await context.newPage() }
}

/** Loads the app at `view` in a fresh context: the first thumbnail's time and the JS before it. */
async function appVisit(browser: Browser, baseUrl: string, view: string, options: FirstViewOptions) {
  const { context, page } = await freshPage(browser, options)
  const bodies = new Map<string, Promise<Buffer | null>>()
  page.on('response', (response) => {
    if (/\.m?js(\?|$)/.test(new URL(response.url()).pathname)) {
      bodies.set(
        response.url(),
        response.body().catch(() => null),
      )
    }
  })
  try {
    const seen = await visit(page, baseUrl + view)
    // Layout shifts up to a second after the first thumbnail (the rest of the screen filling).
    await page.waitForTimeout(1000)
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: LayoutShift[] }).__shifts)
    const scripts: FirstViewFigures['scripts'] = []
    for (const url of seen.scriptUrls) {
      const body = await bodies.get(url)
      if (!body) throw new Error(`The body of ${url} was not captured`)
      scripts.push({ url: new URL(url).pathname, gzipBytes: gzipSync(body).length })
    }
    return { at: seen.at, src: seen.src, scripts, shifts }
  } finally {
    await context.close()
  }
}

/** The floor: a bare same-origin page with one `<img>` of `thumb`. */
async function floorVisit(browser: Browser, baseUrl: string, thumb: string, options: FirstViewOptions) {
  const { context, page } = await freshPage(browser, options)
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><img data-floor alt="" src="${thumb.replaceAll('"', '&quot;')}"></body></html>`
  await page.route(baseUrl + FLOOR_PATH, (route) => route.fulfill({ body: html, contentType: 'text/html' }))
  try {
    return (await visit(page, baseUrl + FLOOR_PATH)).at
  } finally {
    await context.close()
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/**
 * Measures one view: a warm-up visit (the server renders and caches the thumbnails), then `runs`
 * pairs of app and floor visits, alternating which goes first.
 */
export async function measureFirstView(
  browser: Browser,
  baseUrl: string,
  view: string,
  options: FirstViewOptions = {},
): Promise<FirstViewFigures> {
  const runs = options.runs ?? 5
  const warm = await appVisit(browser, baseUrl, view, options)
  const app: number[] = []
  const floor: number[] = []
  let scripts = warm.scripts
  let shifts: LayoutShift[] = []
  const sum = (list: LayoutShift[]) => list.reduce((total, shift) => total + shift.value, 0)
  for (let i = 0; i < runs; i++) {
    const floorFirst = i % 2 === 1
    if (floorFirst) floor.push(await floorVisit(browser, baseUrl, warm.src, options))
    const seen = await appVisit(browser, baseUrl, view, options)
    app.push(seen.at)
    scripts = seen.scripts
    if (sum(seen.shifts) >= sum(shifts)) shifts = seen.shifts
    if (!floorFirst) floor.push(await floorVisit(browser, baseUrl, warm.src, options))
  }
  const firstThumbMs = median(app)
  const floorMs = median(floor)
  return {
    view,
    scripts,
    scriptGzipKb: scripts.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024,
    firstThumbMs,
    floorMs,
    ratio: firstThumbMs / floorMs,
    cls: sum(shifts),
    shifts,
    runs,
  }
}

/** Table rows for `npm run bench`: JS and first thumbnail per view, each beside its budget. */
export function firstViewRows(figures: FirstViewFigures[]): Record<string, string>[] {
  return figures.map((f) => ({
    view: f.view,
    'JS gzip (budget)': `${f.scriptGzipKb.toFixed(1)} KB (≤ ${FIRST_VIEW_JS_BUDGET_KB})`,
    scripts: String(f.scripts.length),
    'first thumbnail / floor': `${f.firstThumbMs.toFixed(0)} / ${f.floorMs.toFixed(0)} ms`,
    'ratio (budget)': `${f.ratio.toFixed(2)} (≤ ${FIRST_THUMB_RATIO_BUDGET})`,
    'layout shift (budget)': `${f.cls.toFixed(3)} (0)`,
  }))
}

/** The budgets a view misses, in words. */
export function firstViewMisses(figures: FirstViewFigures[]): string[] {
  return figures.flatMap((f) => [
    ...(f.scriptGzipKb > FIRST_VIEW_JS_BUDGET_KB
      ? [`${f.view}: first-view JS ${f.scriptGzipKb.toFixed(1)} KB > ${FIRST_VIEW_JS_BUDGET_KB} KB`]
      : []),
    ...(f.cls > 0 ? [`${f.view}: layout shift ${f.cls.toFixed(3)} > 0`] : []),
    ...(f.ratio > FIRST_THUMB_RATIO_BUDGET
      ? [`${f.view}: first thumbnail ${f.ratio.toFixed(2)}× the floor > ${FIRST_THUMB_RATIO_BUDGET}×`]
      : []),
  ])
}
