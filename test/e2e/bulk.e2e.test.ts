import type { Browser, Page } from 'playwright-core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server/server'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { launchBrowser } from './browser'

// Its own server (its verdicts all change), on a catalog whose gallery holds over a thousand images.
const distDir = inject('distDir')
const work = mkdtempSync(join(tmpdir(), 'vitrine-bulk-'))
let browser: Browser
let server: RunningServer
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startServer({ port: 0, dataDir: join(work, 'data'), demoAssets: 1200, distDir })
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(work, { recursive: true, force: true })
})

/** How many of the completed images alice sees (the default 50 a project, as the app shows) are liked. */
async function storedVerdicts(): Promise<{ images: number; liked: number }> {
  let images = 0
  let liked = 0
  for (let p = 1; ; p += 1) {
    const res = await fetch(`${server.url}/api/piktid/gallery/by-project?status=completed&per_page=100&page=${p}`, {
      headers: { Authorization: 'Bearer demo-alice' },
    })
    const body = (await res.json()) as PiktidGalleryPage
    for (const project of body.projects) {
      for (const image of project.images) {
        images += 1
        if (image.feedback === 'like') liked += 1
      }
    }
    if (!body.pagination.has_next) return { images, liked }
  }
}

describe('bulk verdicts on a large selection', () => {
  it('likes and then clears over a thousand images with no false refusal, all stored', async () => {
    const before = await storedVerdicts()
    expect(before.images).toBeGreaterThan(1000)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))

    await page.goto(`${server.url}/piktid/projects?status=completed`)
    await page.waitForSelector('a[data-index="0"]')
    await page.focus('a[data-index="0"]')
    await page.keyboard.press('Control+a')
    // The gallery is paged by project, so its length in images is not known yet: all of it is selected.
    await expect.poll(() => page.textContent('[data-testid="selected-count"]')).toBe('All selected')

    await page.click('button:has-text("Like selected")')
    await expect
      .poll(() => page.locator('[data-testid="toast"]').textContent(), { timeout: 60_000 })
      .toMatch(/Liked [\d,]+ images\./)
    // Every verdict saved: nothing waits, nothing was refused, nothing threw.
    // Thousands of requests at once: some wait for the browser's connections or a retry.
    await expect.poll(() => page.textContent('[data-testid="unsaved-count"]'), { timeout: 150_000 }).toBe('')
    expect(await page.locator('[data-testid="verdict-rejected"]').count()).toBe(0)
    expect(errors).toEqual([])
    expect((await storedVerdicts()).liked).toBe(before.images)

    await page.click('button:has-text("Clear verdicts")')
    await expect
      .poll(() => page.locator('[data-testid="toast"]').textContent(), { timeout: 60_000 })
      .toMatch(/Cleared the verdict on [\d,]+ images\./)
    await expect.poll(() => page.textContent('[data-testid="unsaved-count"]'), { timeout: 150_000 }).toBe('')
    expect(await page.locator('[data-testid="verdict-rejected"]').count()).toBe(0)
    expect(errors).toEqual([])
    expect((await storedVerdicts()).liked).toBe(0)
  }, 420_000)
})
