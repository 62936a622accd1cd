// Performance benchmark: catalog build time, API latency on a large catalog, what scrolling
// 20,000 assets in a real browser costs in memory, DOM size and time-to-fill, and flings over real
// thumbnails (fling.ts), and what justified rows cost in CPU (layout.ts). Figures that depend
// on this machine's speed are reported next to a baseline from the same run, as ratios.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { buildCatalog } from '../../src/server/demo/generate'
import { hasCatalog } from '../../src/server/db/catalog-file'
import { measureCatalog, printMeasurements } from '../../src/server/measure/measure'
import { startServer } from '../../src/server/server'
import { launchBrowser } from '../e2e/browser'
import { MAX_SCROLLER_HEIGHT } from '../../src/grid/position-model'
import { measureReach, reachMisses, reachRows } from './reach'
import { FIRST_VIEWS, firstViewMisses, firstViewRows, measureFirstView } from './first-view'
import { flingSection } from './fling'
import { layoutSection } from './layout'

const root = path.resolve(import.meta.dirname, '../..')
const catalogSize = Number(process.env.BENCH_ASSETS ?? 1_000_000)
const scrollTarget = Number(process.env.BENCH_SCROLL_ASSETS ?? 20_000)
// `--out FILE` writes the JSON report there instead of bench-report.json.
const outFlag = process.argv.indexOf('--out')
const reportPath = path.resolve(outFlag >= 0 ? (process.argv[outFlag + 1] ?? '') : path.join(root, 'bench-report.json'))
if (outFlag >= 0 && !process.argv[outFlag + 1]) throw new Error('--out needs a file name')

interface PageMetrics {
  heapMb: number
  domNodes: number
}

async function metricsAfterGc(cdp: CDPSession): Promise<PageMetrics> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN
  return { heapMb: get('JSHeapUsedSize') / 1024 / 1024, domNodes: get('Nodes') }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
}

const scroller = '[data-virtuoso-scroller="true"]'

/**
 * Scrolls by `by` pixels (or to `to`) and, inside the page, counts animation frames until every
 * cell on screen shows a tile rather than a placeholder (capped at `limitMs`).
 */
function scrollAndTimeFill(page: Page, move: { by?: number; to?: number }, limitMs: number) {
  return page.$eval(
    scroller,
    (el, { move, limitMs }) =>
      new Promise<{ ms: number; frames: number; maxIndex: number }>((resolve) => {
        const started = performance.now()
        if (move.to !== undefined) el.scrollTo(0, move.to * el.scrollHeight)
        else el.scrollBy(0, (move.by ?? 0) * el.clientHeight)
        let frames = 0
        const check = () => {
          frames++
          const box = el.getBoundingClientRect()
          let maxIndex = -1
          let cells = 0
          let blank = 0
          // Each grid cell wraps either a tile link (data loaded) or a placeholder.
          for (const cell of el.querySelectorAll<HTMLElement>('.virtuoso-grid-item')) {
            const tile = cell.querySelector<HTMLElement>('a[data-index]')
            if (tile) maxIndex = Math.max(maxIndex, Number(tile.dataset.index))
            const r = cell.getBoundingClientRect()
            if (r.bottom <= box.top || r.top >= box.bottom) continue
            cells++
            if (!tile) blank++
          }
          const elapsed = performance.now() - started
          if ((cells > 0 && blank === 0) || elapsed > limitMs) resolve({ ms: elapsed, frames, maxIndex })
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      }),
    { move, limitMs },
  )
}

async function scrollThrough(page: Page, assets: number) {
  const fills: number[] = []
  let maxIndex = -1
  while (maxIndex < assets) {
    const step = await scrollAndTimeFill(page, { by: 2 }, 5000)
    fills.push(step.ms)
    maxIndex = step.maxIndex
  }
  return {
    steps: fills.length,
    fillP50: percentile(fills, 50),
    fillP95: percentile(fills, 95),
    fillMax: Math.max(...fills),
  }
}

/** rAF frame times during a continuous fling of `seconds` at `pxPerFrame`. */
function fling(page: Page, seconds: number, pxPerFrame: number) {
  return page.$eval(
    scroller,
    (el, { seconds, pxPerFrame }) =>
      new Promise<number[]>((resolve) => {
        const frames: number[] = []
        let last = performance.now()
        const end = last + seconds * 1000
        const tick = (now: number) => {
          frames.push(now - last)
          last = now
          el.scrollBy(0, pxPerFrame)
          if (now < end) requestAnimationFrame(tick)
          else resolve(frames)
        }
        requestAnimationFrame(tick)
      }),
    { seconds, pxPerFrame },
  )
}

/** First-view JS and time to the first thumbnail per grid view, beside their budgets. */
async function reachSection(browser: Browser, baseUrl: string) {
  console.log(`\nReach (real scroller cap ${MAX_SCROLLER_HEIGHT.toLocaleString('en')} px, as alice):`)
  const figures = await measureReach(browser, baseUrl)
  console.table(reachRows(figures))
  const misses = reachMisses(figures)
  console.log(misses.length === 0 ? 'reach budgets: PASS' : `reach budgets: FAIL\n  ${misses.join('\n  ')}`)
  if (misses.length > 0) process.exitCode = 1
  return { figures, misses }
}

async function firstViewSection(browser: Browser, baseUrl: string) {
  console.log('\nFirst view (fresh browser context each visit, 1280×800):')
  const figures = []
  for (const view of FIRST_VIEWS) figures.push(await measureFirstView(browser, baseUrl, view))
  console.table(firstViewRows(figures))
  const misses = firstViewMisses(figures)
  console.log(misses.length === 0 ? 'first view budgets: PASS' : `first view budgets: FAIL\n  ${misses.join('\n  ')}`)
  if (misses.length > 0) process.exitCode = 1
  return { figures, misses }
}

async function main() {
  const work = await mkdtemp(path.join(tmpdir(), 'vitrine-bench-'))
  const report: Record<string, unknown> = { date: new Date().toISOString(), catalogSize, scrollTarget }
  try {
    // CPU only: measured first, before the catalog build and the browsers load the machine.
    report.layout = layoutSection()

    // BENCH_DATA_DIR reuses a catalog built earlier (`npm run seed -- --data-dir DIR --assets N`).
    const dataDir = process.env.BENCH_DATA_DIR ?? path.join(work, 'data')
    if (!hasCatalog(dataDir)) {
      console.log(`Building a ${catalogSize.toLocaleString('en')}-asset catalog …`)
      const built = buildCatalog({ dataDir, assets: catalogSize })
      report.catalogBuildSeconds = built.totalMs / 1000
      console.log(
        `  ${(built.totalMs / 1000).toFixed(1)} s (rows ${(built.insertMs / 1000).toFixed(1)} s, indexes ${(built.indexMs / 1000).toFixed(1)} s)`,
      )
    }

    console.log('\nAPI latency, in-process, as alice:')
    const latency = await measureCatalog(dataDir)
    printMeasurements(latency)
    report.api = latency

    console.log('\nBuilding the app and starting the server …')
    const { build } = await import('vite')
    const distDir = path.join(work, 'dist')
    await build({ root, logLevel: 'warn', build: { outDir: distDir, emptyOutDir: true } })
    const server = await startServer({ port: 0, dataDir, demoAssets: catalogSize, distDir })
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      // Thumbnails are served from one pre-rendered image so the run measures the app, not the
      // image renderer; the browser still decodes and lays out every one.
      const thumb = await sharp({ create: { width: 320, height: 480, channels: 3, background: '#8a7f9e' } })
        .webp()
        .toBuffer()
      await page.route('**/media/**', (route) => route.fulfill({ body: thumb, contentType: 'image/webp' }))
      // note: tsx keeps function names by wrapping them in `__name(...)`, which the page lacks.
      await page.addInitScript('globalThis.__name = (fn) => fn')
      page.on('pageerror', (error) => console.log(`  page error: ${error.message}`))
      page.on('crash', () => console.log('  the page crashed'))
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) console.log(`  navigated: ${frame.url()}`)
      })
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')

      const t0 = performance.now()
      await page.goto(`${server.url}/piktid/assets`)
      await page.waitForSelector('a[data-index="0"]')
      const firstTiles = performance.now() - t0
      await page.waitForTimeout(500)
      const before = await metricsAfterGc(cdp)

      console.log(`Scrolling through ${scrollTarget.toLocaleString('en')} assets …`)
      const scrollStarted = performance.now()
      const scroll = await scrollThrough(page, scrollTarget)
      const scrollSeconds = (performance.now() - scrollStarted) / 1000
      await page.waitForTimeout(500)
      const after = await metricsAfterGc(cdp)

      const frames = await fling(page, 4, 60)
      const afterFling = await metricsAfterGc(cdp)

      // Jump by scrollbar to the middle of the library and time until the screen is filled.
      const jump = await scrollAndTimeFill(page, { to: 0.5 }, 10_000)
      const jumpMs = jump.ms

      const browserReport = {
        firstTilesMs: firstTiles,
        before,
        after,
        afterFling,
        heapRatio: after.heapMb / before.heapMb,
        domRatio: after.domNodes / before.domNodes,
        scrollSteps: scroll.steps,
        scrollSeconds,
        fillAfterScreenP50Ms: scroll.fillP50,
        fillAfterScreenP95Ms: scroll.fillP95,
        fillAfterScreenMaxMs: scroll.fillMax,
        flingFrames: frames.length,
        flingFrameP50Ms: percentile(frames, 50),
        flingFrameP95Ms: percentile(frames, 95),
        flingFramesOver50Ms: frames.filter((f) => f > 50).length,
        jumpToMiddleFillMs: jumpMs,
      }
      report.browser = browserReport

      const fmt = (n: number, digits = 1) => n.toFixed(digits)
      console.log('\nBrowser (Chromium headless, 1280×800):')
      console.table([
        { figure: 'first tiles after navigation', value: `${fmt(firstTiles, 0)} ms` },
        { figure: 'JS heap after GC, at start', value: `${fmt(before.heapMb)} MB` },
        {
          figure: `JS heap after GC, after ${scrollTarget.toLocaleString('en')} assets`,
          value: `${fmt(after.heapMb)} MB`,
        },
        { figure: 'heap ratio (after / start), target ≤ 2', value: fmt(browserReport.heapRatio, 2) },
        { figure: 'DOM nodes at start → after', value: `${before.domNodes} → ${after.domNodes}` },
        { figure: 'DOM ratio (after / start), target ≤ 2', value: fmt(browserReport.domRatio, 2) },
        { figure: 'screens scrolled (2 screens a step)', value: String(scroll.steps) },
        {
          figure: 'time to fill a screen after a step, p50 / p95',
          value: `${fmt(scroll.fillP50, 0)} / ${fmt(scroll.fillP95, 0)} ms`,
        },
        {
          figure: 'fling frame time p50 / p95 (60 px a frame)',
          value: `${fmt(browserReport.flingFrameP50Ms)} / ${fmt(browserReport.flingFrameP95Ms)} ms`,
        },
        { figure: 'fling frames over 50 ms', value: `${browserReport.flingFramesOver50Ms} of ${frames.length}` },
        { figure: 'jump to the middle: screen filled after', value: `${fmt(jumpMs, 0)} ms` },
      ])
      // Nodes the renderer holds after a GC, in the document or not: tiles scrolled past must go.
      const verdict = browserReport.heapRatio <= 2 && browserReport.domRatio <= 2 ? 'PASS' : 'FAIL'
      console.log(`memory bound (heap and DOM nodes after ≤ 2 × start): ${verdict}`)
      report.memoryBound = verdict
      if (verdict === 'FAIL') process.exitCode = 1

      report.firstView = await firstViewSection(browser, server.url)
      report.reach = await reachSection(browser, server.url)
    } finally {
      await browser.close()
      await server.close()
    }
    // Its own catalog (BENCH_FLING_ASSETS) and server, with real thumbnails drawn on demand.
    const flingBrowser = await launchBrowser()
    try {
      report.fling = await flingSection(flingBrowser, distDir, work)
    } finally {
      await flingBrowser.close()
    }
  } finally {
    await writeFile(reportPath, JSON.stringify(report, null, 2))
    console.log(`\nReport written to ${reportPath}`)
    await rm(work, { recursive: true, force: true })
  }
}

await main()
