import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'

const require = createRequire(import.meta.url)

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME_PATH,
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
