import type { Browser, BrowserContext, Page } from 'playwright-core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server/server'
import { launchBrowser, screenFilled } from './browser'

// This file runs its own server, so it can stop and start it, on its own data folder (a folder has
// one owner at a time); the demo catalog of a given size is the same everywhere.
const distDir = inject('distDir')
const work = mkdtempSync(join(tmpdir(), 'vitrine-recovery-'))
const dataDir = join(work, 'data')
let browser: Browser
let server: RunningServer
let context: BrowserContext
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startServer({ port: 0, dataDir, demoAssets: 3000, distDir })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(work, { recursive: true, force: true })
})
/** The port of a server a test stopped and has not started again. */
let stoppedPort: number | null = null
afterEach(async () => {
  // A test that failed with the server stopped must not take the next one down with it.
  if (stoppedPort !== null) server = await startServer({ port: stoppedPort, dataDir, demoAssets: 3000, distDir })
  stoppedPort = null
})
beforeEach(async () => {
  await context?.close()
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
})

const scroller = '[data-virtuoso-scroller="true"]'

async function openGrid() {
  await page.goto(`${server.url}/piktid/assets`)
  await page.waitForSelector('a[data-index="0"]')
}

describe('when the server goes away and comes back', () => {
  it('says so, stops the placeholders pulsing, can be dismissed, and recovers without a click', async () => {
    await openGrid()
    stoppedPort = server.port
    await server.close()
    // Far enough that tile 900 is on screen whatever the columns (the scrubber takes a strip).
    await page.$eval(scroller, (el) => el.scrollTo(0, 60_000))
    const alert = await page.waitForSelector('[role="alert"]', { timeout: 20_000 })
    expect(await alert.textContent()).toMatch(/Could not reach PiktID demo/)
    // Read in one go in the page: the scroller swaps cells while it settles.
    await page.waitForFunction(() => {
      const cells = Array.from(document.querySelectorAll('[data-placeholder="failed"]'))
      return cells.length > 0 && cells.every((cell) => getComputedStyle(cell).animationName === 'none')
    })

    await page.click('[aria-label="Dismiss"]')
    await page.waitForSelector('[role="alert"]', { state: 'detached' })

    server = await startServer({ port: stoppedPort, dataDir, demoAssets: 3000, distDir })
    stoppedPort = null
    // No click: the grid retries by itself (backoff of 1, 2, 4 … seconds).
    await screenFilled(page, 40_000)
    expect(await page.$('[role="alert"]')).toBeNull()
    expect(await page.$('[data-placeholder="failed"]')).toBeNull()
    const shown = await page.$$eval('a[data-index]', (links) => links.map((a) => Number(a.getAttribute('data-index'))))
    expect(Math.max(...shown)).toBeGreaterThan(900)
  })

  it('tries again at once when the browser comes back online', async () => {
    // The page's timers run on a clock the test moves: the backoff passes without the wait.
    await page.clock.install()
    await openGrid()
    await context.setOffline(true)
    await page.$eval(scroller, (el) => el.scrollTo(0, 40_000))
    await page.waitForSelector('[role="alert"]', { timeout: 20_000 })
    // Offline through the grid's retries 1, 2 and 4 seconds apart, each seen to fail: the next
    // waits 8 (the scrubber's samples, one asset each, fail too and are not counted).
    const gridPage = (url: URL) => url.pathname === '/api/piktid/assets' && url.searchParams.get('per_page') !== '1'
    for (const delay of [1_000, 2_000, 4_000]) {
      const failed = page.waitForEvent('requestfailed', (req) => gridPage(new URL(req.url())))
      await page.clock.fastForward(delay)
      await failed
    }
    await context.setOffline(false)
    await screenFilled(page, 3_000)
    expect(await page.$('[role="alert"]')).toBeNull()
  })
})
