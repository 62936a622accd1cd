import type { Locator, Page } from 'playwright-core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { apiJson, expectFocus, sharedBrowser } from './browser'

// Every dialog walked by keyboard alone: opened by its key or by Tab and Enter on its trigger,
// tabbed through (focus never leaves it), closed with Esc; focus is then back on what opened it
// (or the tile it was about), and the view's keys work at once.

const baseUrl = inject('baseUrl')
const browser = sharedBrowser()
let page: Page

afterEach(async () => {
  await page?.context().close()
})

async function open(path: string, width = 1280, height = 800): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height } })
  page = await context.newPage()
  await page.goto(baseUrl + path)
}

const DIALOG = '[role="dialog"], [role="alertdialog"]'
const SHORTCUTS = '[role="dialog"]:has(h2:text-is("Keyboard shortcuts"))'
const tile = (index: number) => `a[data-index="${index}"]`

/** A name for the focused element: its label, else its text, else its tag. */
function focusedName(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return '(body)'
    const labelled = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null
    return (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? el.tagName).trim()
  })
}

/** Whether `target` has focus. */
function focused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement)
}

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await focused(target)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}; focus is on “${await focusedName()}”`)
}

/**
 * Tabs `times` times through the open dialog: focus stays inside it at every step. Returns the
 * names of the controls it passed, in order.
 */
async function tabThrough(dialog: Locator, times: number): Promise<string[]> {
  const seen: string[] = []
  for (let i = 0; i < times; i++) {
    await page.keyboard.press('Tab')
    const inside = await page.evaluate((sel) => document.activeElement?.closest(sel) !== null, DIALOG)
    expect(inside, `Tab ${i + 1} left the dialog for “${await focusedName()}”`).toBe(true)
    seen.push(await focusedName())
  }
  await expect.poll(() => dialog.isVisible()).toBe(true)
  return seen
}

/**
 * Esc closes the dialog. On a toolbar button that shows its tooltip on focus, the first Esc closes
 * the tooltip and leaves focus where it is (WCAG 1.4.13); the next one closes the dialog.
 */
async function escape(dialog: Locator): Promise<void> {
  await page.keyboard.press('Escape')
  const closed = await dialog.waitFor({ state: 'detached', timeout: 2_000 }).then(
    () => true,
    () => false,
  )
  if (closed) return
  const onTooltipTrigger = await page.evaluate(() => document.activeElement?.hasAttribute('data-state') ?? false)
  expect(onTooltipTrigger, `Esc left the dialog open on “${await focusedName()}”`).toBe(true)
  expect(await page.locator('[role="tooltip"]').count()).toBe(0)
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
}

/** The `?` key still works where focus landed: the list opens, and Esc brings focus back there. */
async function questionMarkWorks(want: string, attribute?: string): Promise<void> {
  const overlay = page.locator(SHORTCUTS)
  await page.keyboard.press('?')
  await overlay.waitFor()
  await escape(overlay)
  await expectFocus(page, want, attribute)
}

/** Focuses the grid's first tile by keyboard: the first Tab stop is Skip to results. */
async function focusFirstTile(): Promise<void> {
  await page.waitForSelector(tile(0))
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expectFocus(page, '0', 'data-index')
}

describe('dialogs walked by keyboard', () => {
  it('? over the grid: opens from its key, Esc returns to the tile, the arrows move on', async () => {
    await open('/piktid/assets')
    await focusFirstTile()
    await page.keyboard.press('?')
    const overlay = page.locator(SHORTCUTS)
    await overlay.waitFor()
    expect(await tabThrough(overlay, 3)).toEqual(['Close', 'Close', 'Close'])
    await escape(overlay)
    await expectFocus(page, '0', 'data-index')
    await page.keyboard.press('ArrowRight')
    await expectFocus(page, '1', 'data-index')
  })

  it('the viewer, and the shortcuts list opened from its button: Esc by Esc back to the tile', async () => {
    await open('/piktid/assets')
    await focusFirstTile()
    await page.keyboard.press('Enter')
    const viewer = page.locator('[role="dialog"]:has([aria-label="Close viewer"])')
    await viewer.waitFor()
    const seen = await tabThrough(viewer, 14)
    expect(seen).toEqual(expect.arrayContaining(['Keyboard shortcuts', 'Details panel', 'Next asset', 'Close viewer']))
    // The viewer's own Keyboard shortcuts button: Tab to it, Enter, Esc, and focus is back on it.
    await tabTo(viewer.getByRole('button', { name: 'Keyboard shortcuts', exact: true }))
    await page.keyboard.press('Enter')
    const overlay = page.locator(SHORTCUTS)
    await overlay.waitFor()
    await tabThrough(overlay, 2)
    await escape(overlay)
    await expectFocus(page, 'Keyboard shortcuts')
    await escape(viewer)
    await expectFocus(page, '0', 'data-index')
    await page.keyboard.press('ArrowRight')
    await expectFocus(page, '1', 'data-index')
  })

  it('the review: Enter on a tile, Tab through, Esc back to the tile, the arrows move on', async () => {
    await open('/piktid/projects')
    const gallery = await apiJson<PiktidGalleryPage>(
      page,
      `${baseUrl}/api/piktid/gallery/by-project?per_page=100&max_images_per_project=1`,
    )
    const project = gallery.projects.find((p) => p.completed_images >= 3 && p.total_images <= 200)
    if (!project) throw new Error('The demo catalog has no project with 3 completed images')
    await page.goto(`${baseUrl}/piktid/projects/${project.project_id}?status=completed`)
    await focusFirstTile()
    await page.keyboard.press('Enter')
    const review = page.locator('[role="dialog"]:has([aria-label="Close review"])')
    await review.waitFor()
    const seen = await tabThrough(review, 24)
    expect(seen).toEqual(
      expect.arrayContaining([
        'Next image',
        'Next not reviewed',
        'Auto-advance',
        'Close review',
        'Before / after',
        'ApproveA',
        'LikeL',
      ]),
    )
    // Esc from the close button, whose tooltip shows on focus.
    await tabTo(review.getByRole('button', { name: 'Close review', exact: true }))
    await escape(review)
    await expectFocus(page, '0', 'data-index')
    await page.keyboard.press('ArrowRight')
    await expectFocus(page, '1', 'data-index')
  })

  it('New asset: Tab and Enter on its button, Tab through the form, Esc back to the button', async () => {
    await open('/vipanya/assets')
    await page.waitForSelector(tile(0))
    await tabTo(page.getByRole('button', { name: 'New asset', exact: true }))
    await page.keyboard.press('Enter')
    const dialog = page.locator('[role="dialog"]:has(h2:text-is("New asset"))')
    await dialog.waitFor()
    // Typing starts in the title field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('title')
    const seen = await tabThrough(dialog, 8)
    expect(seen).toEqual(expect.arrayContaining(['Asset type', 'Cancel', 'Create asset']))
    await escape(dialog)
    await expectFocus(page, 'New asset')
    await questionMarkWorks('New asset')
  })

  it('Add a source and Edit: Tab and Enter on the trigger, Tab through, Esc back to it', async () => {
    await open('/sources')
    await page.waitForSelector('h1:text-is("Sources")')
    await tabTo(page.getByRole('button', { name: 'Add a source', exact: true }))
    await page.keyboard.press('Enter')
    const form = page.locator('[role="dialog"]:has(h2:text-is("Add a source"))')
    await form.waitFor()
    const seen = await tabThrough(form, 10)
    expect(seen).toEqual(expect.arrayContaining(['Name', 'Base URL', 'Test', 'Cancel', 'Add source']))
    await escape(form)
    await expectFocus(page, 'Add a source')
    await questionMarkWorks('Add a source')

    // A source of one's own, then its Edit form the same way.
    await page.keyboard.press('Enter')
    await form.waitFor()
    await form.getByLabel('Name').fill('Keyboard studio')
    await form.getByLabel('Base URL').fill(`${baseUrl}/api/piktid`)
    await form.getByLabel('Bearer token', { exact: true }).fill('demo-bob')
    await form.getByLabel('Bearer token', { exact: true }).press('Enter')
    await form.waitFor({ state: 'detached' })
    const edit = page.locator('li[data-source="keyboard-studio"]').getByRole('link', { name: 'Edit', exact: true })
    await tabTo(edit)
    await page.keyboard.press('Enter')
    const editForm = page.locator('[role="dialog"]:has(h2:text-is("Edit “Keyboard studio”"))')
    await editForm.waitFor()
    await tabThrough(editForm, 10)
    await escape(editForm)
    await expectFocus(page, 'Edit')
    expect(await focused(edit)).toBe(true)
    await questionMarkWorks('Edit')
  })

  it('Remove’s confirm dialog: Cancel first, Tab stays between its two buttons, Esc back to Remove', async () => {
    await open('/sources')
    await page.click('button:text-is("Add a source")')
    const form = page.locator('[role="dialog"]:has(h2:text-is("Add a source"))')
    await form.getByLabel('Name').fill('Confirm studio')
    await form.getByLabel('Base URL').fill(`${baseUrl}/api/piktid`)
    await form.getByLabel('Bearer token', { exact: true }).fill('demo-bob')
    await form.getByRole('button', { name: 'Add source', exact: true }).click()
    await form.waitFor({ state: 'detached' })
    const remove = page.locator('li[data-source="confirm-studio"]').getByRole('button', { name: 'Remove', exact: true })
    await page.focus('h1')
    await tabTo(remove)
    await page.keyboard.press('Enter')
    const confirm = page.locator('[role="alertdialog"]')
    await confirm.waitFor()
    await expectFocus(page, 'Cancel')
    expect(await tabThrough(confirm, 3)).toEqual(['Remove', 'Cancel', 'Remove'])
    await escape(confirm)
    expect(await focused(remove)).toBe(true)
    expect(await page.locator('li[data-source="confirm-studio"]').count()).toBe(1)
    await questionMarkWorks('Remove')
  })

  it('the filter drawer on a phone: Tab and Enter on Filters, Tab through, Esc back to Filters', async () => {
    await open('/piktid/assets', 390, 844)
    await page.waitForSelector(tile(0))
    await tabTo(page.getByRole('button', { name: 'Filters', exact: true }))
    await page.keyboard.press('Enter')
    const drawer = page.locator('[role="dialog"]:has(h2:text-is("Filters"))')
    await drawer.waitFor()
    // Focus starts on its Close button, then runs through the filters.
    await expectFocus(page, 'Close')
    const seen = await tabThrough(drawer, 12)
    expect(seen[0]).toBe('Search')
    await escape(drawer)
    await expectFocus(page, 'Filters')
    await questionMarkWorks('Filters')
  })
})
