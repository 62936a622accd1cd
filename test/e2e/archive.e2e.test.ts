import { readFile } from 'node:fs/promises'
import { unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { sharedBrowser } from './browser'

// Several selected assets downloaded as one ZIP the server streams, in a real browser: the file
// the browser saves unzips to the selected originals; Cancel stops a long one.

const baseUrl = inject('baseUrl')
let page: Page

const browser = sharedBrowser()
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  page = await context.newPage()
})
afterAll(async () => {
  await page?.context().close()
})

const tile = (index: number) => `a[data-index="${index}"]`
const selectedCount = () => page.textContent('[data-testid="selected-count"]')

async function selectFirst(count: number) {
  await page.goto(`${baseUrl}/piktid/assets`)
  await page.waitForSelector(tile(count - 1))
  await page.click(tile(0), { modifiers: ['Control'] })
  await page.click(tile(count - 1), { modifiers: ['Shift'] })
  await expect.poll(selectedCount).toBe(`${count} selected`)
}

describe('downloading a selection as one archive', () => {
  it('saves a ZIP that unzips to the selected originals', async () => {
    await selectFirst(4)
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Download selected' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('PiktID demo 4 assets.zip')
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)))
    const files = Object.keys(entries)
    expect(files).toHaveLength(4)
    for (const name of files) {
      expect(name).toMatch(/\.jpg$/)
      const bytes = entries[name]!
      // Whole JPEGs: start and end markers.
      expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9])
    }
    await expect.poll(() => page.textContent('#download-note')).toBe('Downloaded 4 files as PiktID demo 4 assets.zip.')
  })

  it('shows its progress and stops when cancelled', async () => {
    // Every asset of the list, most of their originals not rendered yet: time enough to cancel.
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector(tile(0))
    await page.focus(tile(0))
    await page.keyboard.press('Control+a')
    // Every asset alice may see.
    const total = (await page.textContent('[data-testid="result-count"]'))!.replace(/ assets$/, '')
    await expect.poll(selectedCount).toBe(`${total} selected`)
    let downloaded = false
    page.on('download', () => (downloaded = true))
    await page.getByRole('button', { name: 'Download selected' }).click()
    const progress = page.getByRole('progressbar', { name: 'Download progress' })
    await progress.waitFor({ timeout: 30_000 })
    expect(await progress.getAttribute('aria-valuemax')).toBe(total.replace(/,/g, ''))
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.textContent('#download-note')).toBe('Download cancelled.')
    expect(await progress.count()).toBe(0)
    expect(downloaded).toBe(false)
  })
})
