import type { Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { seriousAxeViolations, sharedBrowser, STRUCTURE_RULES } from './browser'

const baseUrl = inject('baseUrl')
let page: Page

const browser = sharedBrowser()
afterEach(async () => {
  await page?.context().close()
})

/** axe's violations that a user of assistive technology would hit: serious and critical, plus the page-structure rules. */
async function violations(): Promise<{ id: string; impact: string | null; targets: string[] }[]> {
  const found = await seriousAxeViolations(page, STRUCTURE_RULES)
  return found.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }))
}

describe.each(['light', 'dark'] as const)('axe in the %s theme', (scheme) => {
  it('finds nothing serious on the grid, including the main landmark and h1 rules', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme })
    page = await context.newPage()
    await page.goto(`${baseUrl}/piktid/assets?include_tags=model`)
    await page.waitForSelector('a[data-index="0"]')
    expect(await violations()).toEqual([])
  })

  it('finds nothing serious in the viewer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme })
    page = await context.newPage()
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.click('a[data-index="2"]')
    await page.waitForSelector('[aria-label="Asset details"]')
    expect(await violations()).toEqual([])
  })

  it('finds nothing serious in the phone filter drawer', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme })
    page = await context.newPage()
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.click('button:has-text("Filters")')
    await page.waitForSelector('[role="dialog"] [data-testid="drawer-result-count"]')
    expect(await violations()).toEqual([])
  })
})
