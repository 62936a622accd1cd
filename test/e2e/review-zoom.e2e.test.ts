import type { Locator, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import type { PiktidAnnotation, PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { apiJson, sharedBrowser } from './browser'

// Zoom in the review of one image, in a real layout: a box drawn on the zoomed, panned output is
// stored in the output's own 0–1 coordinates, and every mark stays on the same point of the image
// as it zooms, in the single view and in compare's output pane.

const baseUrl = inject('baseUrl')
const browser = sharedBrowser()
let page: Page

beforeEach(async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  // The test stays on its image: no verdict here, but a closed annotation tool would move on.
  await context.addInitScript(() => localStorage.setItem('vitrine.review.autoAdvance', 'false'))
  page = await context.newPage()
})
afterEach(async () => {
  await page?.context().close()
})

const keyOf = (i: PiktidGalleryImage) => `${i.job_id}:${i.image_index}:${i.group_index}`

/**
 * A completed image with an input and no annotations, in a small project in the middle of the
 * list (the other files take the first and last projects, and the culling test large ones).
 */
async function target(): Promise<{ projectId: number; image: PiktidGalleryImage }> {
  const gallery = await apiJson<PiktidGalleryPage>(
    page,
    `${baseUrl}/api/piktid/gallery/by-project?per_page=100&max_images_per_project=200`,
  )
  const small = gallery.projects.filter((p) => p.total_images <= 30 && p.images.length === p.total_images)
  for (const project of small.slice(Math.floor(small.length / 2))) {
    const image = project.images.findLast(
      (i) =>
        i.status === 'completed' &&
        i.inputs.some((input) => input.full_size) &&
        (i.review_annotations ?? []).length === 0,
    )
    if (image) return { projectId: project.project_id, image }
  }
  throw new Error('The demo catalog has no small project with an image to annotate')
}

async function stored(projectId: number, image: PiktidGalleryImage): Promise<PiktidAnnotation[]> {
  const body = await apiJson<PiktidGalleryPage>(
    page,
    `${baseUrl}/api/piktid/gallery/by-project?project_id=${projectId}&max_images_per_project=200`,
  )
  return body.projects[0]?.images.find((i) => keyOf(i) === keyOf(image))?.review_annotations ?? []
}

/** Where `mark`'s top left lies on `box`, as fractions of the box. */
async function fractionOn(mark: Locator, box: Locator): Promise<{ x: number; y: number }> {
  const m = (await mark.boundingBox())!
  const b = (await box.boundingBox())!
  return { x: (m.x - b.x) / b.width, y: (m.y - b.y) / b.height }
}

describe('zoom in the review', () => {
  it('draws a box on the zoomed output in image coordinates, and its mark stays on the image at every zoom', async () => {
    const { projectId, image } = await target()
    await page.goto(`${baseUrl}/piktid/projects/${projectId}/${encodeURIComponent(keyOf(image))}`)
    const dialog = page.locator('[role="dialog"]')
    const level = dialog.getByTestId('zoom-level')
    const imageBox = dialog.getByTestId('image-box')
    await imageBox.waitFor()
    await expect.poll(() => level.textContent()).toMatch(/%$/)
    const fit = await level.textContent()
    const position = await dialog.getByTestId('review-position').textContent()

    await page.keyboard.press('+')
    await page.keyboard.press('+')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => level.textContent()).not.toBe(fit)
    expect(await dialog.getByTestId('review-position').textContent()).toBe(position)

    await page.keyboard.press('e')
    const layer = dialog.getByTestId('annotation-layer')
    await dialog.getByTestId('annotation-tools').waitFor()
    const viewport = (await dialog.getByTestId('zoom-viewport').boundingBox())!
    const drawn = (await layer.boundingBox())!
    // The output is larger than its viewport now: the layer is the whole output, off screen in part.
    expect(drawn.height).toBeGreaterThan(viewport.height)
    const from = { x: viewport.x + viewport.width * 0.3, y: viewport.y + viewport.height * 0.3 }
    const to = { x: viewport.x + viewport.width * 0.6, y: viewport.y + viewport.height * 0.5 }
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 6 })
    await page.mouse.up()
    const want = {
      x: (from.x - drawn.x) / drawn.width,
      y: (from.y - drawn.y) / drawn.height,
      w: (to.x - from.x) / drawn.width,
      h: (to.y - from.y) / drawn.height,
    }
    await expect.poll(async () => (await stored(projectId, image)).length, { timeout: 10_000 }).toBe(1)
    const [box] = await stored(projectId, image)
    for (const side of ['x', 'y', 'w', 'h'] as const) expect(box![side]).toBeCloseTo(want[side], 3)

    // Its mark starts where the drag did, and stays on the same point of the image as it zooms out.
    const mark = layer.getByRole('button', { name: 'Box 1: Other' })
    const corner = (await mark.boundingBox())!
    expect(Math.abs(corner.x - from.x)).toBeLessThan(1.5)
    expect(Math.abs(corner.y - from.y)).toBeLessThan(1.5)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await dialog.getByTestId('annotation-tools').waitFor({ state: 'detached' })
    await dialog.getByRole('button', { name: 'Zoom out', exact: true }).click()
    const shown = layer.locator('span.absolute').first()
    const onImage = await fractionOn(shown, imageBox)
    expect(onImage.x).toBeCloseTo(box!.x, 2)
    expect(onImage.y).toBeCloseTo(box!.y, 2)

    // Compare: the output's pane draws it on the same point of its image, zoomed in or not.
    await page.keyboard.press('c')
    const pane = dialog.locator('[data-pane="output"]')
    await expect.poll(() => pane.getByTestId('pane-annotations').textContent()).toContain('1 annotation')
    const paneMark = pane.getByTestId('annotation-layer').locator('span.absolute').first()
    await paneMark.waitFor()
    for (const press of ['', '+']) {
      if (press) await page.keyboard.press(press)
      const inPane = await fractionOn(paneMark, pane.getByTestId('image-box'))
      expect(inPane.x).toBeCloseTo(box!.x, 2)
      expect(inPane.y).toBeCloseTo(box!.y, 2)
    }
  })
})
