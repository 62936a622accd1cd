import type { Locator, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import type { PiktidAssetsPage } from '../../src/shared/piktid'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { apiJson, expectFocus, pathOf, sharedBrowser } from './browser'

// The review, the viewer and every dialog on a phone (390 × 844, touch): each control is where a
// finger lands (nothing drawn over it), big enough to hit, reachable by scrolling its panel, and a
// tap on it does what it says.

const baseUrl = inject('baseUrl')
const browser = sharedBrowser()
let page: Page

beforeEach(async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  // The review stays on the image after a verdict, so each button's effect is seen on it.
  await context.addInitScript(() => localStorage.setItem('vitrine.review.autoAdvance', 'false'))
  page = await context.newPage()
})
afterEach(async () => {
  await page?.context().close()
})

/** The smallest target a finger can be asked to hit (WCAG 2.5.8). */
const MIN_TARGET = 24

interface Landing {
  x: number
  y: number
  width: number
  height: number
  /** What a touch at the centre lands on, when it is not the control itself or inside it. */
  covered: string | null
}

/** Scrolls the control into view as a finger would, and reads what a touch at its centre lands on. */
async function landing(control: Locator): Promise<Landing> {
  await control.scrollIntoViewIfNeeded()
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const x = r.left + r.width / 2
    const y = r.top + r.height / 2
    const top = document.elementFromPoint(x, y)
    const hit = top !== null && (top === el || el.contains(top))
    const covered = hit
      ? null
      : top
        ? `${top.tagName.toLowerCase()} “${(top.getAttribute('aria-label') ?? top.textContent ?? '').trim().slice(0, 40)}”`
        : 'nothing (off screen)'
    return { x, y, width: r.width, height: r.height, covered }
  })
}

/** Checks the control is the hit target at its centre and big enough, then taps it there. */
async function tap(control: Locator, what: string): Promise<void> {
  const at = await landing(control)
  expect(at.covered, `${what}: a touch at its centre lands on it`).toBeNull()
  expect(Math.min(at.width, at.height), `${what}: big enough to tap`).toBeGreaterThanOrEqual(MIN_TARGET)
  await page.touchscreen.tap(at.x, at.y)
}

/** Every visible control of `scope`: each is the hit target at its centre once scrolled to. */
async function expectAllReachable(scope: Locator): Promise<string[]> {
  const controls = scope.locator('button, a[href], input, select, textarea, [role="slider"]')
  const names: string[] = []
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue
    const name =
      (await control.getAttribute('aria-label')) ??
      ((await control.textContent()) || (await control.evaluate((el) => el.id)))
    const at = await landing(control)
    expect(at.covered, `${name}: a touch at its centre lands on it`).toBeNull()
    names.push(name.trim())
  }
  return names
}

/** Nothing sticks out sideways: the page and the dialog never scroll horizontally. */
async function expectNoSidewaysScroll(dialog: Locator): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  const box = await dialog.boundingBox()
  expect(box && box.x >= 0 && box.x + box.width <= 390, 'the dialog fits the screen').toBe(true)
}

/** The dialog's title reads as a name: its whole text as its tooltip, shown at a readable width. */
async function expectReadableTitle(dialog: Locator, name: string): Promise<void> {
  const title = dialog.locator('h2').first()
  expect(await title.getAttribute('title')).toBe(name)
  const box = await title.boundingBox()
  expect(box?.width ?? 0, 'the title has most of a row').toBeGreaterThan(250)
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
}

async function api<T>(path: string): Promise<T> {
  return apiJson<T>(page, `${baseUrl}/api/piktid${path}`)
}

describe('the review by touch', () => {
  it('taps every button: each is where the finger lands and does what it says', async () => {
    // A project with completed images that have inputs (the before/after handle), late in the list
    // so the other files' tests (which take the first ones) do not judge the same images.
    const gallery = await api<PiktidGalleryPage>('/gallery/by-project?per_page=100&max_images_per_project=1')
    const project = gallery.projects.findLast((p) => p.completed_images >= 4 && p.total_images <= 200)
    if (!project) throw new Error('The demo catalog has no project with 4 completed images')
    await page.goto(`${baseUrl}/piktid/projects/${project.project_id}?status=completed`)
    await tap(page.locator('a[data-index="0"]'), 'the first tile')
    const dialog = page.locator('[role="dialog"]')
    const position = dialog.getByTestId('review-position')
    await expect.poll(() => position.textContent()).toMatch(/^1 of /)
    const imageName = await page.locator('a[data-index="0"] span.truncate').textContent()
    await expect.poll(() => dialog.locator('h2').first().textContent()).toBe(imageName)
    await expectReadableTitle(dialog, imageName ?? '')
    await expectNoSidewaysScroll(dialog)
    const reachable = await expectAllReachable(dialog)
    expect(reachable).toEqual(
      expect.arrayContaining([
        'Previous image',
        'Next image',
        'Close review',
        'Before / after',
        'LikeL',
        'CommentM',
        'ApproveA',
        'Needs retouchR',
        'AnnotateE',
      ]),
    )

    const verdict = dialog.getByTestId('review-verdict')
    const like = dialog.getByRole('button', { name: /^Like/ })
    await tap(like, 'Like')
    await expect.poll(() => verdict.textContent()).toMatch(/^Liked/)
    expect(await like.getAttribute('aria-pressed')).toBe('true')
    await tap(dialog.getByRole('button', { name: /^Dislike/ }), 'Dislike')
    await expect.poll(() => verdict.textContent()).toMatch(/^Disliked/)
    expect(await like.getAttribute('aria-pressed')).toBe('false')
    await tap(dialog.getByRole('button', { name: /^Clear verdict/ }), 'Clear verdict')
    await expect.poll(() => verdict.textContent()).toMatch(/^No verdict yet/)
    const status = dialog.getByTestId('review-status')
    await tap(dialog.getByRole('button', { name: /^Approve/ }), 'Approve')
    await expect.poll(() => status.textContent()).toMatch(/^Approved/)
    await tap(dialog.getByRole('button', { name: /^Clear status/ }), 'Clear status')
    await expect.poll(() => status.textContent()).toMatch(/^No review status/)
    // Needs retouch opens the annotation tools; Done closes them.
    await tap(dialog.getByRole('button', { name: /^Needs retouch/ }), 'Needs retouch')
    await expect.poll(() => status.textContent()).toMatch(/^Needs retouch/)
    await tap(dialog.getByRole('button', { name: 'Done', exact: true }), 'Done (annotation tools)')
    await dialog.getByTestId('annotation-tools').waitFor({ state: 'detached' })

    await tap(dialog.getByRole('button', { name: /^Comment/ }), 'Comment')
    const field = dialog.getByRole('textbox', { name: 'Comment', exact: true })
    await field.waitFor()
    await tap(dialog.getByRole('button', { name: 'Cancel', exact: true }), 'Cancel (comment)')
    await field.waitFor({ state: 'detached' })
    await tap(dialog.getByRole('button', { name: /^Comment/ }), 'Comment')
    await field.fill('Sleeve hem looks off')
    await tap(dialog.getByRole('button', { name: 'Save comment', exact: true }), 'Save comment')
    await field.waitFor({ state: 'detached' })
    await expect.poll(() => dialog.locator('dt:text-is("Comment") + dd').textContent()).toBe('Sleeve hem looks off')

    // The divider follows a tap on the image; its handle is then where the finger finds it.
    const compare = dialog.getByTestId('compare')
    const handle = dialog.getByRole('slider', { name: 'Before / after' })
    await compare.scrollIntoViewIfNeeded()
    const box = (await compare.boundingBox())!
    await page.touchscreen.tap(box.x + box.width / 4, box.y + box.height / 2)
    await expect.poll(async () => Math.abs(Number(await handle.getAttribute('aria-valuenow')) - 25)).toBeLessThan(3)
    await tap(handle, 'the before/after handle')
    await expect.poll(async () => Math.abs(Number(await handle.getAttribute('aria-valuenow')) - 25)).toBeLessThan(3)

    await tap(dialog.getByRole('button', { name: 'Next image', exact: true }), 'Next image')
    await expect.poll(() => position.textContent()).toMatch(/^2 of /)
    await tap(dialog.getByRole('button', { name: 'Previous image', exact: true }), 'Previous image')
    await expect.poll(() => position.textContent()).toMatch(/^1 of /)
    // This image has no verdict now: the next one without one is elsewhere, or the review says none is left.
    await tap(dialog.getByRole('button', { name: 'Next not reviewed', exact: true }), 'Next not reviewed')
    await expect
      .poll(
        async () =>
          !(await position.textContent())?.startsWith('1 of') ||
          (await dialog.getByTestId('review-note').textContent())?.includes('Every image'),
      )
      .toBe(true)

    await tap(dialog.getByRole('button', { name: 'Close review', exact: true }), 'Close review')
    await dialog.waitFor({ state: 'detached' })
    expect(pathOf(page)).toBe(`/piktid/projects/${project.project_id}?status=completed`)
  })
})

describe('the viewer by touch', () => {
  it('taps every button: each is where the finger lands and does what it says', async () => {
    const first = await api<PiktidAssetsPage>('/assets?per_page=20')
    // An asset with detected objects, so the boxes button shows too.
    const index = first.assets.findIndex((a) => (a.detected?.length ?? 0) > 0)
    const asset = first.assets[index]
    const following = first.assets[index + 1]
    if (!asset || !following) throw new Error('No asset with detected objects on the first page')
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    await tap(page.locator(`a[data-index="${index}"]`), `tile ${index}`)
    const dialog = page.locator('[role="dialog"]')
    await dialog.locator(`img[alt="${asset.filename}"]`).waitFor()
    await expectReadableTitle(dialog, asset.filename)
    await expectNoSidewaysScroll(dialog)
    const reachable = await expectAllReachable(dialog)
    expect(reachable).toEqual(
      expect.arrayContaining([
        'Detection boxes',
        'Details panel',
        'Next asset',
        'Close viewer',
        'Zoom in',
        'Fit (reset zoom)',
      ]),
    )

    const boxes = dialog.getByRole('button', { name: 'Detection boxes', exact: true })
    const shownBefore = await boxes.getAttribute('aria-pressed')
    await tap(boxes, 'Detection boxes')
    await expect.poll(() => boxes.getAttribute('aria-pressed')).toBe(shownBefore === 'true' ? 'false' : 'true')
    await tap(boxes, 'Detection boxes')
    await expect.poll(() => boxes.getAttribute('aria-pressed')).toBe(shownBefore)

    const details = dialog.getByRole('button', { name: 'Details panel', exact: true })
    const panel = dialog.locator('aside[aria-label="Asset details"]')
    const detailsShown = (await details.getAttribute('aria-pressed')) === 'true'
    await tap(details, 'Details panel')
    await panel.waitFor({ state: detailsShown ? 'detached' : 'visible' })
    await tap(details, 'Details panel')
    await panel.waitFor({ state: detailsShown ? 'visible' : 'detached' })

    const zoom = dialog.getByTestId('zoom-level')
    const fitted = await zoom.textContent()
    await tap(dialog.getByRole('button', { name: 'Zoom in', exact: true }), 'Zoom in')
    await expect.poll(() => zoom.textContent()).not.toBe(fitted)
    await tap(dialog.getByRole('button', { name: 'Fit (reset zoom)', exact: true }), 'Fit')
    await expect.poll(() => zoom.textContent()).toBe(fitted)
    await tap(dialog.getByRole('button', { name: '1:1 (original size)', exact: true }), '1:1')
    await expect.poll(() => zoom.textContent()).toBe('100%')
    await tap(dialog.getByRole('button', { name: 'Zoom out', exact: true }), 'Zoom out')
    await expect.poll(() => zoom.textContent()).not.toBe('100%')
    await tap(dialog.getByRole('button', { name: 'Fit (reset zoom)', exact: true }), 'Fit')
    await expect.poll(() => zoom.textContent()).toBe(fitted)

    const download = page.waitForEvent('download')
    await tap(dialog.getByRole('link', { name: `Download ${asset.filename}` }), 'Download')
    expect((await download).suggestedFilename()).toBe(asset.filename)

    const fullscreen = dialog.getByRole('button', { name: 'Full screen', exact: true })
    if (await fullscreen.isVisible()) {
      await tap(fullscreen, 'Full screen')
      const exit = dialog.getByRole('button', { name: 'Exit full screen', exact: true })
      await exit.waitFor()
      await tap(exit, 'Exit full screen')
      await fullscreen.waitFor()
    }

    await tap(dialog.getByRole('button', { name: 'Next asset', exact: true }), 'Next asset')
    await dialog.locator(`h2:text-is("${following.filename}")`).waitFor()
    await tap(dialog.getByRole('button', { name: 'Previous asset', exact: true }), 'Previous asset')
    await dialog.locator(`h2:text-is("${asset.filename}")`).waitFor()

    await tap(dialog.getByRole('button', { name: 'Close viewer', exact: true }), 'Close viewer')
    await dialog.waitFor({ state: 'detached' })
    expect(pathOf(page)).toBe('/piktid/assets')
    await expectFocus(page, asset.id, 'data-asset-id')
  })
})

describe('the viewer of a document by touch', () => {
  it('scrolls a preview taller than its room to its Download button; a 500-character title is clamped', async () => {
    await page.goto(`${baseUrl}/vipanya/assets?search=exceptionally`)
    await tap(page.locator('a[data-index="0"]'), 'the first tile')
    const dialog = page.locator('[role="dialog"]')
    const title = dialog.locator('h2').first()
    await expect.poll(async () => (await title.getAttribute('title'))?.length).toBe(500)
    await expectReadableTitle(dialog, (await title.getAttribute('title')) ?? '')
    // Two lines and an ellipsis: the rest is cut, not drawn over the toolbar.
    expect(await title.evaluate((el) => el.scrollHeight > el.clientHeight && el.clientHeight < 60)).toBe(true)
    await expectNoSidewaysScroll(dialog)
    // Scrolled to its top, the preview shows its top: nothing is pushed out of reach above it.
    const preview = dialog.getByTestId('typed-preview')
    const cutAtTop = await preview.evaluate((el) => {
      el.scrollTop = 0
      return el.getBoundingClientRect().top - (el.firstElementChild?.getBoundingClientRect().top ?? 0)
    })
    expect(cutAtTop).toBeLessThanOrEqual(0)
    expect(await preview.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)
    expect(await expectAllReachable(dialog)).toEqual(expect.arrayContaining(['Download pdf', 'Close viewer']))
    const download = page.waitForEvent('download')
    await tap(dialog.getByRole('link', { name: 'Download pdf', exact: true }), 'Download pdf')
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/)
  })
})

describe('dialogs by touch', () => {
  it('the shortcuts list closes from its Close button', async () => {
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    // A phone with a keyboard: ? opens the list; a finger closes it.
    await page.keyboard.press('?')
    const dialog = page.locator('[role="dialog"]:has(h2:text-is("Keyboard shortcuts"))')
    await dialog.waitFor()
    await expectNoSidewaysScroll(dialog)
    await expectAllReachable(dialog)
    await tap(dialog.getByRole('button', { name: 'Close', exact: true }), 'Close')
    await dialog.waitFor({ state: 'detached' })
  })

  it('the filter drawer: its controls are reachable, Show results and Close close it', async () => {
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    await tap(page.getByRole('button', { name: 'Filters', exact: true }), 'Filters')
    const dialog = page.locator('[role="dialog"]:has(h2:text-is("Filters"))')
    await dialog.waitFor()
    await expectNoSidewaysScroll(dialog)
    expect((await expectAllReachable(dialog)).length).toBeGreaterThan(5)
    const count = dialog.getByTestId('drawer-result-count')
    await expect.poll(() => count.textContent()).toMatch(/assets$/)
    await tap(dialog.getByRole('button', { name: /^Show / }), 'Show results')
    await dialog.waitFor({ state: 'detached' })
    await tap(page.getByRole('button', { name: 'Filters', exact: true }), 'Filters')
    await tap(dialog.getByRole('button', { name: 'Close', exact: true }), 'Close')
    await dialog.waitFor({ state: 'detached' })
  })

  it('New asset: a tap on Create asset checks the form, Cancel closes it', async () => {
    await page.goto(`${baseUrl}/vipanya/assets`)
    await page.waitForSelector('a[data-index="0"]')
    await tap(page.getByRole('button', { name: 'New asset', exact: true }), 'New asset')
    const dialog = page.locator('[role="dialog"]:has(h2:text-is("New asset"))')
    await dialog.waitFor()
    await expectNoSidewaysScroll(dialog.locator('form'))
    expect(await expectAllReachable(dialog)).toEqual(expect.arrayContaining(['Cancel', 'Create asset']))
    await tap(dialog.getByRole('button', { name: 'Create asset', exact: true }), 'Create asset')
    await dialog.locator('[data-error-for="title"]').waitFor()
    await tap(dialog.getByRole('button', { name: 'Cancel', exact: true }), 'Cancel')
    await dialog.waitFor({ state: 'detached' })
  })

  it('Add a source, then remove it through the confirm dialog', async () => {
    await page.goto(`${baseUrl}/sources`)
    await tap(page.getByRole('button', { name: 'Add a source', exact: true }), 'Add a source')
    const form = page.locator('[role="dialog"]:has(h2:text-is("Add a source"))')
    await form.waitFor()
    await expectNoSidewaysScroll(form)
    expect(await expectAllReachable(form)).toEqual(expect.arrayContaining(['Test', 'Cancel', 'Add source']))
    // Test with nothing filled in names the missing fields; Cancel closes.
    await tap(form.getByRole('button', { name: 'Test', exact: true }), 'Test')
    await form.locator('[aria-invalid="true"]').first().waitFor()
    await tap(form.getByRole('button', { name: 'Cancel', exact: true }), 'Cancel')
    await form.waitFor({ state: 'detached' })

    await tap(page.getByRole('button', { name: 'Add a source', exact: true }), 'Add a source')
    await form.getByLabel('Name').fill('Phone studio with a rather long name that wraps')
    await form.getByLabel('Base URL').fill(`${baseUrl}/api/piktid`)
    const token = form.getByLabel('Bearer token', { exact: true })
    await token.fill('demo-bob')
    const reveal = form.getByRole('button', { name: 'Show bearer token', exact: true })
    await tap(reveal, 'Show bearer token')
    await expect.poll(() => token.getAttribute('type')).toBe('text')
    await tap(form.getByRole('button', { name: 'Add source', exact: true }), 'Add source')
    await form.waitFor({ state: 'detached' })

    const row = page.locator('li[data-source="phone-studio-with-a-rather-long-name-that-wraps"]')
    await tap(row.getByRole('button', { name: 'Remove', exact: true }), 'Remove')
    const confirm = page.locator('[role="alertdialog"]')
    await confirm.waitFor()
    await expectNoSidewaysScroll(confirm)
    expect(await expectAllReachable(confirm)).toEqual(['Cancel', 'Remove'])
    await tap(confirm.getByRole('button', { name: 'Cancel', exact: true }), 'Cancel')
    await confirm.waitFor({ state: 'detached' })
    expect(await row.count()).toBe(1)
    await tap(row.getByRole('button', { name: 'Remove', exact: true }), 'Remove')
    await tap(confirm.getByRole('button', { name: 'Remove', exact: true }), 'Remove (confirm)')
    await row.waitFor({ state: 'detached' })
  })
})
