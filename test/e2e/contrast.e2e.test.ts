import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sharedBrowser } from './browser'
import { contrastFailures } from './contrast'

const baseUrl = inject('baseUrl')

const browser = sharedBrowser()

async function open(path: string, scheme: 'light' | 'dark', width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } })
  const page = await context.newPage()
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
  await page.goto(baseUrl + path)
  return page
}

// Filters in every state, so chips and tag buttons of each kind are on screen.
const filtered = '/piktid/assets?include_tags=model&exclude_tags=other&created_after=2025-01-01&sort_by=filename'

describe('the contrast check', () => {
  it('catches oklch text too faint for its background, and passes text that is readable', async () => {
    const page = await open('/piktid/assets', 'light')
    await page.waitForSelector('a[data-index="0"]')
    await page.evaluate(() => {
      const faint = document.createElement('p')
      faint.textContent = 'Faint words'
      faint.style.cssText = 'position:fixed;top:0;left:0;z-index:99;background:oklch(98% 0 0);color:oklch(75% 0.1 250)'
      const large = document.createElement('p')
      large.textContent = 'Large words'
      large.style.cssText =
        'position:fixed;top:40px;left:0;z-index:99;background:white;color:oklch(60% 0 0);font-size:24px'
      document.body.append(faint, large)
    })
    const failures = await contrastFailures(page)
    expect(failures.map((f) => f.text)).toEqual(['Faint words'])
    expect(failures[0]!.ratio).toBeLessThan(3)
    await page.context().close()
  })
})

describe.each(['light', 'dark'] as const)('text contrast in the %s theme', (scheme) => {
  it('reaches 4.5:1 on the grid and the filter panel', async () => {
    const page = await open(filtered, scheme)
    await page.waitForSelector('a[data-index="0"]')
    // A date that is not a date shows its error message too.
    await page.fill('input[placeholder^="e.g."] >> nth=1', '30 Feb 2025')
    await page.keyboard.press('Enter')
    await page.waitForSelector('[aria-invalid="true"]')
    expect(await contrastFailures(page)).toEqual([])
    await page.context().close()
  })

  it('reaches 4.5:1 in the viewer, its error screen and the shortcuts overlay', async () => {
    const page = await open('/piktid/assets', scheme)
    await page.click('a[data-index="1"]')
    await page.waitForSelector('[aria-label="Asset details"]')
    expect(await contrastFailures(page)).toEqual([])
    await page.keyboard.press('?')
    await page.waitForSelector('[role="dialog"]:has(h2:text-is("Keyboard shortcuts")) dl')
    expect(await contrastFailures(page)).toEqual([])
    await page.goto(`${baseUrl}/piktid/assets/as-nope`)
    await page.waitForSelector('[role="alert"]')
    expect(await contrastFailures(page)).toEqual([])
    await page.context().close()
  })

  it('reaches 4.5:1 in the phone filter drawer', async () => {
    const page = await open(filtered, scheme, 390, 844)
    await page.click('button:has-text("Filters")')
    await page.waitForSelector('[role="dialog"] [data-testid="drawer-result-count"]')
    expect(await contrastFailures(page)).toEqual([])
    await page.context().close()
  })
})
