import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sharedBrowser } from './browser'

// The filter panel at common desktop widths: every field shows its whole value and stays inside
// the panel (a date cut to "mm/dd/yyy" or a clipped sort select is a bug a user sees at once).

const baseUrl = inject('baseUrl')

const browser = sharedBrowser()

interface Clipped {
  field: string
  problem: string
}

/** Fields of the filter panel whose text overflows them or that stick out of the panel. */
function clippedFields(page: Page): Promise<Clipped[]> {
  return page.evaluate(() => {
    const panel = document.querySelector('#filters')
    if (!panel) throw new Error('no filter panel')
    const box = panel.getBoundingClientRect()
    const out: { field: string; problem: string }[] = []
    // An input or select does not report its own text overflowing in scrollWidth: measure the text.
    const ctx = document.createElement('canvas').getContext('2d')!
    const textWider = (el: HTMLElement): boolean => {
      const text =
        el instanceof HTMLInputElement
          ? el.value || el.placeholder
          : el instanceof HTMLSelectElement
            ? (el.selectedOptions[0]?.text ?? '')
            : ''
      if (!text) return false
      const style = getComputedStyle(el)
      ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
      // A select draws its arrow inside its box, in about 16 px past the text.
      const arrow = el instanceof HTMLSelectElement ? 16 : 0
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow
      return ctx.measureText(text).width > room + 1
    }
    const fields = Array.from(panel.querySelectorAll<HTMLElement>('input:not([type="checkbox"]), select, button'))
    if (fields.length < 2) throw new Error(`only ${fields.length} fields found in the filter panel`)
    for (const el of fields) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      const name =
        el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? el.textContent?.trim() ?? el.tagName
      if (r.left < box.left - 1 || r.right > box.right + 1) out.push({ field: name, problem: 'outside the panel' })
      if (el.scrollWidth > el.clientWidth + 1 || textWider(el)) out.push({ field: name, problem: 'text cut off' })
    }
    return out
  })
}

const filled = '/piktid/assets?created_after=2025-01-01&created_before=2026-12-31&sort_by=filename&order=asc'

async function fieldsClippedAt(path: string, width: number): Promise<Clipped[]> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  try {
    const page = await context.newPage()
    await page.goto(baseUrl + path)
    await page.waitForSelector('a[data-index="0"]')
    // Pickers load their code with the panel; measure them, not their placeholders.
    await page.waitForFunction(() => !document.querySelector('#filters [data-control-loading]'))
    return await clippedFields(page)
  } finally {
    await context.close()
  }
}

describe('the filter panel', () => {
  it.each([1024, 1440, 1920])('shows every field whole at %i px', async (width) => {
    expect(await fieldsClippedAt(filled, width)).toEqual([])
  })

  it.each(['/scenario/assets', '/vipanya/assets', '/gumnut/assets', '/piktid/projects?sort_by=quality_score'])(
    'shows every field of %s whole at the narrowest desktop width',
    async (path) => {
      expect(await fieldsClippedAt(path, 1024)).toEqual([])
    },
  )
})
