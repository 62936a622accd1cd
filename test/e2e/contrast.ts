import type { Page } from 'playwright-core'

export interface ContrastFailure {
  text: string
  ratio: number
  required: number
  color: string
  background: string
}

/**
 * Checks WCAG contrast of every visible text on screen from computed colours: each colour
 * (Tailwind 4 writes them as `oklch`, which axe cannot read) is drawn onto a 1×1 canvas and read
 * back as sRGB, backgrounds are composed up the ancestors, and the ratio must reach 4.5:1, or
 * 3:1 for large text. Disabled controls and hidden text are left out, as WCAG does.
 */
export async function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  // A page where nothing was read would pass without checking anything. A dialog that has just
  // opened can hide what is under it a frame before its own text takes pointer hits, so a
  // report that read almost nothing is taken again before it counts as a failure.
  for (let attempt = 0; ; attempt++) {
    const { checked, failures } = await contrastReport(page)
    if (checked >= 5) return failures
    if (attempt >= 20) throw new Error(`Only ${checked} texts were checked for contrast`)
    await page.waitForTimeout(250)
  }
}

function contrastReport(page: Page): Promise<{ checked: number; failures: ContrastFailure[] }> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 1
    canvas.height = 1
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) throw new Error('no 2d canvas')
    const cache = new Map<string, [number, number, number, number]>()
    const rgba = (css: string): [number, number, number, number] => {
      const hit = cache.get(css)
      if (hit) return hit
      ctx.clearRect(0, 0, 1, 1)
      ctx.fillStyle = '#000'
      ctx.fillStyle = css
      ctx.fillRect(0, 0, 1, 1)
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data
      const value: [number, number, number, number] = [r!, g!, b!, a! / 255]
      cache.set(css, value)
      return value
    }
    const over = (top: number[], bottom: number[]) =>
      [0, 1, 2].map((i) => top[i]! * top[3]! + bottom[i]! * (1 - top[3]!)).concat(1)
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => {
        const s = c / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!)
    }
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (hi! + 0.05) / (lo! + 0.05)
    }
    /** The solid colour behind `el`: its own and its ancestors' backgrounds, composed. */
    const backgroundOf = (el: Element): number[] | null => {
      const layers: number[][] = []
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node)
        if (style.backgroundImage !== 'none') return null // text over a picture or gradient
        const colour = rgba(style.backgroundColor)
        if (colour[3] > 0) layers.push(colour)
        if (colour[3] >= 1) break
      }
      let result = [255, 255, 255, 1]
      for (const layer of layers.reverse()) result = over(layer, result)
      return result
    }
    const visible = (el: Element) => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node)
        if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false
        if (node.matches(':disabled, [aria-disabled="true"]')) return false
      }
      const rect = el.getBoundingClientRect()
      if (rect.width < 2 || rect.height < 2) return false
      const x = Math.min(innerWidth - 1, Math.max(0, rect.left + Math.min(rect.width / 2, 8)))
      const y = Math.min(innerHeight - 1, Math.max(0, rect.top + rect.height / 2))
      if (rect.bottom < 0 || rect.top > innerHeight || rect.right < 0 || rect.left > innerWidth) return false
      const hit = document.elementFromPoint(x, y)
      return hit !== null && (hit === el || el.contains(hit) || hit.contains(el))
    }

    const failures: ContrastFailure[] = []
    let checked = 0
    const check = (el: Element, text: string, colour: string) => {
      const background = backgroundOf(el)
      if (!background) return
      checked++
      const style = getComputedStyle(el)
      const size = parseFloat(style.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      const required = large ? 3 : 4.5
      const fg = over(rgba(colour), background)
      const value = ratio(fg, background)
      if (value < required)
        failures.push({
          text: text.slice(0, 60),
          ratio: Math.round(value * 100) / 100,
          required,
          color: colour,
          background: `rgb(${background.slice(0, 3).map(Math.round).join(' ')})`,
        })
    }

    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('svg, script, style, noscript, option')) continue
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
        if (!visible(el) || (el instanceof HTMLInputElement && ['hidden', 'date'].includes(el.type))) continue
        const shown = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? '') : el.value
        if (shown) check(el, shown, getComputedStyle(el).color)
        else if ('placeholder' in el && el.placeholder)
          check(el, el.placeholder, getComputedStyle(el, '::placeholder').color)
        continue
      }
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim()
      if (!own || !visible(el)) continue
      check(el, own, getComputedStyle(el).color)
    }
    return { checked, failures }
  })
}
