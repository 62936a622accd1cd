import type { CDPSession, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { apiJson, gridColumns, screenFilled, sharedBrowser } from './browser'

const baseUrl = inject('baseUrl')
const browser = sharedBrowser()
/** Scrollbars that take room, as on most desktops without a touchpad. */
const withScrollbars = sharedBrowser({ scrollbars: true })
let page: Page

afterEach(async () => {
  await page?.context().close()
})

const scroller = '[data-grid-scroller]'
const gridList = '[data-testid="virtuoso-item-list"]'

/** Layout work Chromium counts for the page (DevTools `Performance.getMetrics`). */
async function layoutMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const wanted = ['LayoutCount', 'RecalcStyleCount', 'LayoutDuration', 'RecalcStyleDuration', 'ScriptDuration']
  return Object.fromEntries(metrics.filter((m) => wanted.includes(m.name)).map((m) => [m.name, m.value]))
}

/**
 * Scrolls the grid by `step` px a frame for `frames` frames, as a slow wheel or a finger would,
 * and counts the grid's measure runs meanwhile: each reads the grid's computed style.
 */
function scrollFrames(frames: number, step: number): Promise<{ measures: number; frames: number }> {
  return page.evaluate(
    async ([n, px, scrollerSelector, gridSelector]) => {
      const el = document.querySelector(scrollerSelector)!
      const grid = document.querySelector(gridSelector)
      const original = window.getComputedStyle
      let measures = 0
      window.getComputedStyle = (elt, pseudo) => {
        if (elt === grid) measures++
        return original.call(window, elt, pseudo)
      }
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
      try {
        for (let i = 0; i < n; i++) {
          el.scrollTop += px
          await frame()
        }
        // The last scroll's render lands a frame or two later.
        await frame()
        await frame()
      } finally {
        window.getComputedStyle = original
      }
      return { measures, frames: n }
    },
    [frames, step, scroller, gridList] as const,
  )
}

/** The focused element's grid index and its top below the scroller's top, and a row's pitch. */
function focusedTile(): Promise<{ index: number | null; top: number; pitch: number }> {
  return page.evaluate((scrollerSelector) => {
    const el = document.querySelector(scrollerSelector)!
    const active = document.activeElement as HTMLElement | null
    const cells = el.querySelectorAll('.virtuoso-grid-item')
    const first = cells[0]?.getBoundingClientRect()
    const gap = parseFloat(getComputedStyle(el.querySelector('[data-testid="virtuoso-item-list"]')!).rowGap) || 0
    const inGrid = active !== null && el.contains(active) && active.dataset.index !== undefined
    return {
      index: inGrid ? Number(active.dataset.index) : null,
      top: inGrid ? active.getBoundingClientRect().top - el.getBoundingClientRect().top : 0,
      pitch: (first?.height ?? 0) + gap,
    }
  }, scroller)
}

/** Focuses the tile nearest the middle of the grid's screen and returns its index. */
function focusCentreTile(): Promise<number> {
  return page.evaluate((scrollerSelector) => {
    const el = document.querySelector(scrollerSelector)!
    const box = el.getBoundingClientRect()
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2]
    let best: { tile: HTMLElement; distance: number } | null = null
    for (const tile of el.querySelectorAll<HTMLElement>('a[data-index]')) {
      const r = tile.getBoundingClientRect()
      const distance = Math.hypot(r.left + r.width / 2 - x, r.top + r.height / 2 - y)
      if (!best || distance < best.distance) best = { tile, distance }
    }
    if (!best) throw new Error('no tile on the grid')
    best.tile.focus()
    return Number(best.tile.dataset.index)
  }, scroller)
}

/** Presses `keys` and says whether the page kept the browser from acting on them (its zoom). */
async function pressPrevented(keys: string): Promise<boolean> {
  await page.evaluate(() => {
    const seen = window as unknown as { prevented?: boolean }
    delete seen.prevented
    const record = (e: KeyboardEvent) => {
      // The modifier goes down first, on its own.
      if (e.key === 'Control' || e.key === 'Meta' || e.key === 'Shift') return
      seen.prevented = e.defaultPrevented
      window.removeEventListener('keydown', record)
    }
    window.addEventListener('keydown', record)
  })
  await page.keyboard.press(keys)
  return page.evaluate(() => (window as unknown as { prevented?: boolean }).prevented === true)
}

/** Waits until the grid shows `n` columns (the new tile size is laid out and measured). */
async function expectColumns(predicate: (n: number) => boolean, what: string): Promise<number> {
  let seen = 0
  await expect.poll(async () => predicate((seen = await gridColumns(page))), { message: `columns ${what}` }).toBe(true)
  return seen
}

/** Checks that `index` still has focus and its tile is within a row of `top` on screen. */
async function expectKept(index: number, top: number): Promise<void> {
  await expect.poll(async () => (await focusedTile()).index, { message: 'the same tile keeps focus' }).toBe(index)
  const now = await focusedTile()
  expect(Math.abs(now.top - top), `its top moved from ${top} to ${now.top}`).toBeLessThanOrEqual(now.pitch)
}

describe('tile size', () => {
  it('Ctrl + minus and Ctrl + plus change the columns, keep the focused tile in place, and outlive a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    page = await context.newPage()
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    const usual = await gridColumns(page)
    await page.$eval(scroller, (el) => el.scrollTo(0, 12_000))
    await screenFilled(page)
    const index = await focusCentreTile()
    const start = await focusedTile()
    expect(start.index).toBe(index)

    expect(await pressPrevented('Control+Minus'), 'Ctrl + minus is not the browser zoom').toBe(true)
    const smaller = await expectColumns((n) => n > usual, `more than ${usual}`)
    await expectKept(index, start.top)

    expect(await pressPrevented('Control+Equal'), 'Ctrl + plus is not the browser zoom').toBe(true)
    await expectColumns((n) => n === usual, `back to ${usual}`)
    await expectKept(index, start.top)

    await page.keyboard.press('Control+Minus')
    await expectColumns((n) => n === smaller, `${smaller} again`)
    await page.reload()
    // The grid comes back at its kept place, not at the top.
    await page.waitForSelector('a[data-index]')
    await expectColumns((n) => n === smaller, `${smaller} after a reload`)
    expect(await page.getAttribute('[data-testid="density-slider"]', 'aria-valuetext')).toMatch(/^\d of \d$/)

    // The control and Ctrl + 0 do the same.
    await page.click('[data-testid="density-larger"]')
    await expectColumns((n) => n === usual, `back to ${usual} from the control`)
    await page.click('[data-testid="density-smaller"]')
    await expectColumns((n) => n === smaller, `${smaller} from the control`)
    await focusCentreTile()
    await page.keyboard.press('Control+Digit0')
    await expectColumns((n) => n === usual, `back to ${usual} with Ctrl + 0`)
    expect(await page.evaluate(() => localStorage.getItem('vitrine:tile-size:assets'))).toBeNull()

    // The ? overlay lists the keys.
    await page.keyboard.press('?')
    await page.getByRole('dialog').getByText('Larger or smaller tiles').waitFor()
  })

  it('Ctrl + wheel over the grid steps once per notch and is not the browser zoom', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    page = await context.newPage()
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    await screenFilled(page)
    const usual = await gridColumns(page)
    const box = (await page.locator(scroller).boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.keyboard.down('Control')
    await page.mouse.wheel(0, 100)
    await page.keyboard.up('Control')
    const smaller = await expectColumns((n) => n > usual, `more than ${usual}`)
    // A trackpad pinch: many small deltas, one step per 100 px of them.
    await page.keyboard.down('Control')
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -10)
    await page.keyboard.up('Control')
    await expectColumns((n) => n === usual, `back to ${usual}`)
    expect(smaller).toBeGreaterThan(usual)
    expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1)
  })

  it('a two-finger pinch on a phone changes the columns; one finger still scrolls', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
    page = await context.newPage()
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    await screenFilled(page)
    const usual = await gridColumns(page)
    const cdp = await context.newCDPSession(page)
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ ...p, id })) })
    const box = (await page.locator(scroller).boundingBox())!
    const cx = box.x + box.width / 2
    const cy = box.y + box.height / 2
    /** Fingers from `from` px apart to `to`, level, in small moves. */
    const pinch = async (from: number, to: number) => {
      const at = (d: number) => [
        { x: cx - d / 2, y: cy },
        { x: cx + d / 2, y: cy },
      ]
      await touch('touchStart', at(from))
      const moves = 12
      for (let i = 1; i <= moves; i++) await touch('touchMove', at(from + ((to - from) * i) / moves))
      await touch('touchEnd', [])
    }

    // Fingers together to 1/1.6 of their distance: two steps smaller.
    await pinch(240, 150)
    const smaller = await expectColumns((n) => n > usual, `more than ${usual}`)
    // Apart again: two steps larger, the usual size.
    await pinch(150, 240)
    await expectColumns((n) => n === usual, `back to ${usual}`)
    expect(smaller).toBeGreaterThan(usual)

    const scrolled = await page.$eval(scroller, (el) => el.scrollTop)
    await touch('touchStart', [{ x: cx, y: cy + 200 }])
    for (let dy = 160; dy >= -200; dy -= 40) await touch('touchMove', [{ x: cx, y: cy + dy }])
    await touch('touchEnd', [])
    await expect.poll(() => page.$eval(scroller, (el) => el.scrollTop)).toBeGreaterThan(scrolled + 100)
  })
})

describe('the grid measures only when something changed', () => {
  it('not on every scroll frame', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    await screenFilled(page)
    const before = await layoutMetrics(cdp)
    const run = await scrollFrames(100, 30)
    const after = await layoutMetrics(cdp)
    const delta = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, +(v - (before[k] ?? 0)).toFixed(4)]))
    console.log('per 100 scroll frames:', JSON.stringify({ measures: run.measures, ...delta }))
    expect(run.measures).toBeLessThanOrEqual(10)
  })
})

/** The rows on screen: each row's tiles' left and right edges, its height, and the width rows fill. */
function rowsOnScreen(): Promise<{
  rows: { lefts: number[]; rights: number[]; height: number }[]
  left: number
  right: number
}> {
  return page.evaluate(
    ([scrollerSelector, gridSelector]) => {
      const el = document.querySelector(scrollerSelector)!
      const grid = document.querySelector(gridSelector)!
      const box = el.getBoundingClientRect()
      const style = getComputedStyle(grid)
      const frame = grid.getBoundingClientRect()
      const byTop = new Map<number, { lefts: number[]; rights: number[]; height: number }>()
      for (const cell of el.querySelectorAll<HTMLElement>('.virtuoso-grid-item')) {
        const r = cell.getBoundingClientRect()
        if (r.top < box.top || r.bottom > box.bottom) continue
        const row = byTop.get(Math.round(r.top)) ?? { lefts: [], rights: [], height: r.height }
        row.lefts.push(r.left)
        row.rights.push(r.right)
        byTop.set(Math.round(r.top), row)
      }
      return {
        rows: [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row),
        left: frame.left + parseFloat(style.paddingLeft),
        right: frame.right - parseFloat(style.paddingRight),
      }
    },
    [scroller, gridList] as const,
  )
}

const medianRowHeight = async () => {
  const heights = (await rowsOnScreen()).rows.map((row) => row.height).sort((a, b) => a - b)
  return heights[Math.floor(heights.length / 2)] ?? 0
}

describe('justified rows', () => {
  it('fill the width with whole images, change size in place, and give way to squares by choice', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    page = await context.newPage()
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector(`${gridList}[data-layout="justified"] a[data-index="0"]`)
    await screenFilled(page)

    // Every full row on screen ends at the grid's right edge (a block of 64 items may end in a
    // shorter row), tiles in a row are as tall as each other, and nothing overlaps.
    const { rows, left, right } = await rowsOnScreen()
    expect(rows.length).toBeGreaterThanOrEqual(3)
    const filled = rows.filter((row) => Math.abs(Math.max(...row.rights) - right) <= 1)
    expect(filled.length).toBeGreaterThanOrEqual(rows.length - 1)
    for (const row of rows) {
      expect(Math.min(...row.lefts)).toBeCloseTo(left, 0)
      const order = row.lefts.map((l, i) => [l, row.rights[i]!] as const).sort((a, b) => a[0] - b[0])
      for (let i = 1; i < order.length; i++) expect(order[i]![0]).toBeGreaterThan(order[i - 1]![1])
    }
    // The first row sits as far below the grid's top as the tiles sit from its left edge (once
    // measured, the first place was read from unpadded rows and hid the padding under the header).
    const edges = await page.$eval(scroller, (el) => {
      const box = el.getBoundingClientRect()
      const first = el.querySelector('.virtuoso-grid-item a[data-index="0"]')!.getBoundingClientRect()
      return { top: first.top - box.top, left: first.left - box.left, scrollTop: el.scrollTop }
    })
    expect(edges.scrollTop).toBe(0)
    expect(edges.top).toBeGreaterThan(4)
    expect(edges.top).toBeCloseTo(edges.left, 0)
    // Each tile has its image's shape: no crop beyond rounding.
    const shapes = await page.$$eval(`${scroller} .virtuoso-grid-item img`, (imgs) =>
      (imgs as HTMLImageElement[])
        .filter((img) => img.complete && img.naturalWidth > 0)
        .map((img) => {
          const r = img.getBoundingClientRect()
          return { tile: r.width / r.height, image: img.naturalWidth / img.naturalHeight }
        }),
    )
    expect(shapes.length).toBeGreaterThan(5)
    for (const { tile, image } of shapes) expect(Math.abs(tile / image - 1)).toBeLessThan(0.03)
    const usual = await medianRowHeight()

    // Smaller tiles: lower rows, the focused tile where it was; and back.
    await page.$eval(scroller, (el) => el.scrollTo(0, 6_000))
    await screenFilled(page)
    const index = await focusCentreTile()
    const start = await focusedTile()
    await page.keyboard.press('Control+Minus')
    await expect.poll(medianRowHeight).toBeLessThan(usual * 0.9)
    await expectKept(index, start.top)
    await page.keyboard.press('Control+Equal')
    await expect.poll(medianRowHeight).toBeGreaterThan(usual * 0.9)
    await expectKept(index, start.top)

    // Down goes to a tile of the next row, under this one.
    const from = await page.$eval(`a[data-index="${index}"]`, (a) => a.getBoundingClientRect().toJSON() as DOMRect)
    await page.keyboard.press('ArrowDown')
    await expect.poll(async () => (await focusedTile()).index).not.toBe(index)
    const below = await page.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON() as DOMRect)
    expect(below.top).toBeGreaterThan(from.bottom)
    expect(below.left).toBeLessThan(from.left + from.width / 2 + 1)
    expect(below.right).toBeGreaterThan(from.left + from.width / 2 - 1)

    // Square tiles by choice: the place holds (the tile near the centre stays on screen), and the
    // choice outlives a reload.
    const focused = (await focusedTile()).index!
    await page.click('[data-testid="tile-shape"]')
    await page.waitForSelector(`${gridList}:not([data-layout])`)
    expect(await page.getAttribute('[data-testid="tile-shape"]', 'aria-pressed')).toBe('false')
    await expect
      .poll(() =>
        page.evaluate(
          ([selector, i]) => {
            const box = document.querySelector(selector)!.getBoundingClientRect()
            const tile = document.querySelector(`a[data-index="${i}"]`)?.getBoundingClientRect()
            return tile !== undefined && tile.top >= box.top && tile.bottom <= box.bottom
          },
          [scroller, focused] as const,
        ),
      )
      .toBe(true)
    await page.reload()
    await page.waitForSelector('a[data-index]')
    expect(await page.$(`${gridList}[data-layout="justified"]`)).toBeNull()
    expect(await page.evaluate(() => localStorage.getItem('vitrine:tile-shape:assets'))).toBe('square')
  })
})

describe('a grid near the heights where its scrollbar or its scrubber comes and goes', () => {
  it('settles at every window height around them (no endless measuring)', async () => {
    // A scrollbar that takes room narrows the grid, and square tiles with it, so rows that needed
    // it may fit without it; the scrubber takes more room than the scrollbar, so a list just
    // long enough for it may be too short with it. Each time the grid measured itself again and
    // again until React gave up ("maximum update depth"), in a band of a few pixels.
    const context = await withScrollbars.newContext({ viewport: { width: 900, height: 800 } })
    page = await context.newPage()
    const gallery = await apiJson<PiktidGalleryPage>(page, `${baseUrl}/api/piktid/gallery/by-project?per_page=100`)
    const project = gallery.projects.find((p) => p.total_images >= 20 && p.total_images <= 40)
    if (!project) throw new Error('The demo catalog has no project of 20 to 40 images')
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && /React error|update depth/i.test(m.text())) errors.push(m.text())
    })
    await page.goto(`${baseUrl}/piktid/projects/${project.project_id}`)
    await page.waitForSelector('a[data-index="0"]')

    /** Window heights around the one where the grid's rows are `screens` times its height. */
    const sweep = async (screens: number, what: string) => {
      await page.setViewportSize({ width: 900, height: 800 })
      await screenFilled(page)
      const { content, viewport } = await page.$eval(scroller, (el) => ({
        content: Array.from(el.children, (child) => (child as HTMLElement).offsetHeight).reduce((a, b) => a + b, 0),
        viewport: el.clientHeight,
      }))
      const at = Math.round(800 - viewport + content / screens)
      for (let height = at - 12; height <= at + 12; height++) {
        await page.setViewportSize({ width: 900, height })
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
        expect(errors, `${what}, in a window ${height} px high`).toEqual([])
      }
      await page.waitForSelector('a[data-index="0"]')
    }
    await sweep(3, 'the scrubber at the usual tile size')
    const smaller = page.getByTestId('density-smaller')
    while ((await smaller.getAttribute('aria-disabled')) !== 'true') await smaller.click()
    await expect.poll(() => gridColumns(page)).toBeGreaterThan(8)
    await sweep(1, 'the scrollbar at the smallest tiles')
  })
})
