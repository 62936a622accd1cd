import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import type { PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { pathOf, placeSaved, screenFilled, seriousAxeViolations, sharedBrowser, STRUCTURE_RULES } from './browser'

const baseUrl = inject('baseUrl')
let page: Page

const browser = sharedBrowser()
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  // These tests step through the review by hand; culling with auto-advance is review.e2e.test.ts's.
  await context.addInitScript(() => localStorage.setItem('vitrine.review.autoAdvance', 'false'))
  page = await context.newPage()
})

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/piktid${path}`, { headers: { Authorization: 'Bearer demo-alice' } })
  return (await response.json()) as T
}

/** A project of alice's with at least `min` completed images, all within the API's cap. */
async function projectWith(min: number): Promise<{ id: number; total: number }> {
  const body = await api<PiktidGalleryPage>('/gallery/by-project?per_page=100&max_images_per_project=1')
  const found = body.projects.find((p) => p.completed_images >= min && p.total_images <= 200)
  if (!found) throw new Error(`The demo catalog has no project with ${min} completed images`)
  return { id: found.project_id, total: found.total_images }
}

/** The server's verdict on an image, by its app key. */
async function storedVerdict(projectId: number, key: string): Promise<string | null> {
  const body = await api<PiktidGalleryPage>(`/gallery/by-project?project_id=${projectId}&max_images_per_project=200`)
  const image = body.projects[0]?.images.find((i) => `${i.job_id}:${i.image_index}:${i.group_index}` === key)
  return image?.feedback ?? null
}

const reviewVerdict = '[data-testid="review-verdict"]'
const position = '[data-testid="review-position"]'

async function openReview(projectId: number, search = '?status=completed') {
  await page.goto(`${baseUrl}/piktid/projects/${projectId}${search}`)
  await page.waitForSelector('a[data-index="0"]')
  await page.click('a[data-index="0"]')
  await page.waitForSelector(position)
  return (await page.getAttribute('a[data-index="0"]', 'data-image-key')) ?? ''
}

describe('projects view', () => {
  it('opens from the app’s navigation, grouped under project headers', async () => {
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector('a[data-index="0"]')
    await page.click('nav[aria-label="Views"] >> text=Projects')
    await page.waitForSelector('[data-project-id] h2')
    expect(pathOf(page)).toBe('/piktid/projects')
    await expect
      .poll(() => page.textContent('[data-testid="result-count"]'), { timeout: 10_000 })
      .toMatch(/^\d+ projects$/)
    expect(await page.textContent('[data-project-id] [data-testid="project-progress"]')).toMatch(
      /\d+ completed, \d+ failed, of \d+/,
    )
    expect(await page.getAttribute('nav[aria-label="Views"] a:has-text("Projects")', 'aria-current')).toBe('page')
  })

  it('loads project pages while scrolling, drops far ones and fetches them again on the way back', async () => {
    const pages: number[] = []
    page.on('request', (req) => {
      const url = new URL(req.url())
      if (url.pathname === '/api/piktid/gallery/by-project') pages.push(Number(url.searchParams.get('page')))
    })
    await page.goto(`${baseUrl}/piktid/projects`)
    await page.waitForSelector('a[data-index="0"]')
    const scroller = '[data-virtuoso-scroller="true"]'
    for (let i = 0; i < 400; i++) {
      const atEnd = await page.$eval(scroller, (el) => {
        el.scrollBy(0, 6000)
        return el.textContent?.includes('End of the list') ?? false
      })
      if (atEnd) break
      await page.waitForTimeout(120)
    }
    await page.waitForFunction(() => document.body.textContent?.includes('End of the list'), null, { timeout: 30_000 })
    const last = Math.max(...pages)
    expect(last).toBeGreaterThan(3)
    expect(pages.filter((p) => p === 1)).toHaveLength(1)
    // Back at the top, the first page was dropped on the way down and is fetched again.
    await page.$eval(scroller, (el) => el.scrollTo(0, 0))
    await page.waitForFunction(() => document.querySelector('a[data-index="0"]') !== null, null, { timeout: 20_000 })
    expect(pages.filter((p) => p === 1).length).toBeGreaterThanOrEqual(2)
    expect(await page.$$eval('[data-project-id] h2', (hs) => hs.length)).toBeGreaterThan(0)
  }, 120_000)

  // A place on the first pages (laid out before the grid had measured its width, it once came
  // back a row or more off) and one far down, reached by walking pages.
  it.each([
    [3, 50],
    [12, 200],
  ])(
    'comes back to the same place in the gallery after %i screens down, leaving it and going Back',
    async (screens, least) => {
      await page.goto(`${baseUrl}/piktid/projects`)
      await page.waitForSelector('a[data-index="0"]')
      const scroller = '[data-virtuoso-scroller="true"]'
      const firstOnScreen = () =>
        page.$eval(scroller, (el) => {
          const top = el.getBoundingClientRect().top
          const tiles = Array.from(el.querySelectorAll<HTMLElement>('[data-grid-row] a[data-index]'))
          const tile = tiles.find((t) => t.getBoundingClientRect().top + t.offsetHeight / 2 >= top)
          return Number(tile?.dataset.index ?? -1)
        })
      for (let i = 0; i < screens; i++) {
        await page.$eval(scroller, (el) => el.scrollBy(0, 3000))
        await page.waitForTimeout(150)
      }
      // The kept place is written a moment after scrolling stops.
      await screenFilled(page, 30_000, '[data-grid-row] > *')
      const before = await placeSaved(page, '[data-grid-row] a[data-index]')
      expect(before).toBeGreaterThan(least)
      await page.click('nav[aria-label="Views"] >> text=Assets')
      await page.waitForSelector('a[data-asset-id]')
      await page.goBack()
      await page.waitForFunction((index) => document.querySelector(`a[data-index="${index}"]`) !== null, before, {
        timeout: 20_000,
      })
      // The same row (the place is saved from the first tile on screen; a row holds 5 here), once it settles.
      await expect.poll(async () => Math.abs((await firstOnScreen()) - before), { timeout: 15_000 }).toBeLessThan(6)
    },
  )

  it('filters by status and feedback through the panel, in the URL and the results', async () => {
    await page.goto(`${baseUrl}/piktid/projects`)
    await page.waitForSelector('a[data-index="0"]')
    await page.selectOption('#filters select >> nth=0', 'failed')
    await page.waitForFunction(() => location.search === '?status=failed')
    await page.waitForFunction(() => {
      const badges = Array.from(document.querySelectorAll('a[data-image-key] [data-status]'))
      return badges.length > 0 && badges.every((b) => b.getAttribute('data-status') === 'failed')
    })
    await page.goto(`${baseUrl}/piktid/projects`)
    await page.waitForSelector('a[data-index="0"]')
    await page.click('#filters >> role=checkbox[name="Liked"]')
    await page.waitForFunction(() => location.search === '?feedback=like')
    // The panel ticks Liked once the filtered results land (until then it reads the old search, and
    // a second tick would be built on it): tick the next box when the first shows, as a person would.
    await expect.poll(() => page.isChecked('#filters >> role=checkbox[name="Liked"]')).toBe(true)
    await page.click('#filters >> role=checkbox[name="Disliked"]')
    await page.waitForFunction(() => location.search === '?feedback=like&feedback=dislike')
    await page.waitForFunction(() => {
      const tiles = Array.from(document.querySelectorAll('a[data-image-key]'))
      return tiles.length > 0 && tiles.every((t) => ['like', 'dislike'].includes(t.getAttribute('data-verdict') ?? ''))
    })
    expect(await page.isChecked('#filters >> role=checkbox[name="No verdict"]')).toBe(false)
  })

  it('reviews 20 images with the keyboard alone, and the verdicts are there after a reload', async () => {
    const project = await projectWith(22)
    await page.goto(`${baseUrl}/piktid/projects/${project.id}?status=completed`)
    await page.waitForSelector('a[data-index="0"]')
    // Keyboard only: Skip to results lands on the first tile, Enter opens the review.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '0')
    await page.keyboard.press('Enter')
    await page.waitForSelector(position)
    const given: [string, string][] = []
    for (let i = 0; i < 20; i++) {
      const verdict = i % 3 === 2 ? 'dislike' : 'like'
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="review-position"]')?.textContent?.startsWith(`${n} of`),
        i + 1,
      )
      const key = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
      await page.keyboard.press(verdict === 'like' ? 'l' : 'd')
      await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent?.startsWith(text), [
        reviewVerdict,
        verdict === 'like' ? 'Liked' : 'Disliked',
      ] as const)
      given.push([key, verdict])
      await page.keyboard.press('j')
    }
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-index') === '20')
    await page.waitForFunction(() => document.querySelector('[data-testid="unsaved-count"]')?.textContent === '')
    await page.reload()
    await page.waitForSelector('a[data-index="19"]')
    // Every tile's verdict in one read, until the page shows them all.
    const shownVerdicts = () =>
      page.evaluate(
        (keys) =>
          keys.map((key) => document.querySelector(`a[data-image-key="${key}"]`)?.getAttribute('data-verdict') ?? null),
        given.map(([key]) => key),
      )
    await expect.poll(shownVerdicts, { timeout: 15_000 }).toEqual(given.map(([, verdict]) => verdict))
    for (const [key, verdict] of given) expect(await storedVerdict(project.id, key)).toBe(verdict)
  }, 120_000)

  it('keeps verdicts pending while feedback requests fail, across a reload, and lands them when the network returns', async () => {
    const project = await projectWith(5)
    await page.route('**/api/piktid/gallery/feedback', (route) => route.abort('internetdisconnected'))
    const first = await openReview(project.id)
    const before = await storedVerdict(project.id, first)
    const wanted = before === 'dislike' ? 'like' : 'dislike'
    await page.keyboard.press(wanted === 'like' ? 'l' : 'd')
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('not saved yet'),
      reviewVerdict,
    )
    await expect
      .poll(() => page.getAttribute(`a[data-image-key="${first}"]`, 'data-pending'), { timeout: 10_000 })
      .toBe('retrying')
    await page.reload()
    await page.waitForSelector(position)
    // Restored from the browser, shown at once, still not on the server.
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('not saved yet'),
      reviewVerdict,
    )
    expect(await page.textContent(reviewVerdict)).toContain(wanted === 'like' ? 'Liked' : 'Disliked')
    expect(await storedVerdict(project.id, first)).toBe(before)
    await page.unroute('**/api/piktid/gallery/feedback')
    await page.waitForFunction(
      (sel) =>
        document.querySelector(sel)?.textContent === 'Liked' || document.querySelector(sel)?.textContent === 'Disliked',
      reviewVerdict,
      { timeout: 40_000 },
    )
    expect(await storedVerdict(project.id, first)).toBe(wanted)
    await expect
      .poll(() => page.getAttribute(`a[data-image-key="${first}"]`, 'data-verdict'), { timeout: 10_000 })
      .toBe(wanted)
  })

  it('shows an offline banner, and verdicts given offline land when the connection returns', async () => {
    const project = await projectWith(5)
    const key = await openReview(project.id)
    await page.keyboard.press('j')
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.startsWith('2 of'), position)
    const second = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
    expect(second).not.toBe(key)
    await page.context().setOffline(true)
    await page.keyboard.press('0')
    await page.keyboard.press('l')
    await page.waitForSelector('[data-testid="offline-banner"]', { state: 'attached' })
    await page.context().setOffline(false)
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Liked', reviewVerdict, {
      timeout: 20_000,
    })
    expect(await storedVerdict(project.id, second)).toBe('like')
  })

  it('rolls a verdict the server refuses back, with a message', async () => {
    const project = await projectWith(5)
    await page.route('**/api/piktid/gallery/feedback', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'Invalid request',
          detail: [{ field: 'feedback', message: 'must be "like", "dislike" or null', position: 'body' }],
        }),
      }),
    )
    const key = await openReview(project.id)
    const before = await page.textContent(reviewVerdict)
    await page.keyboard.press(before?.startsWith('Liked') ? 'd' : 'l')
    const alert = await page.waitForSelector('[data-testid="verdict-rejected"]')
    expect(await alert.textContent()).toMatch(
      /The server refused your (like|dislike) on .+, so it was undone\..*feedback: must be/,
    )
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text, [
      reviewVerdict,
      before,
    ] as const)
    await expect
      .poll(() => page.getAttribute(`a[data-image-key="${key}"]`, 'data-pending'), { timeout: 10_000 })
      .toBeNull()
  })
})

describe('bulk verdicts in the gallery', () => {
  it('likes a whole project’s 50 images from its header, and Undo puts back every verdict on the server', async () => {
    const { id } = await projectWith(50)
    const query = `project_id=${id}&status=completed&max_images_per_project=50`
    const listing = await api<PiktidGalleryPage>(`/gallery/by-project?${query}`)
    const project = listing.projects[0]
    if (!project) throw new Error(`Project ${id} is not in the gallery`)
    const images = project.images
    expect(images).toHaveLength(50)
    // A mix to go back to: five disliked, five liked, the rest as they were (mostly no verdict).
    const post = (image: (typeof images)[number], feedback: 'like' | 'dislike') =>
      fetch(`${baseUrl}/api/piktid/gallery/feedback`, {
        method: 'POST',
        headers: { Authorization: 'Bearer demo-alice', 'Content-Type': 'application/json' },
        body: JSON.stringify({
          job_id: image.job_id,
          image_index: image.image_index,
          group_index: image.group_index,
          feedback,
        }),
      })
    for (const [i, image] of images.slice(0, 10).entries()) {
      expect((await post(image, i < 5 ? 'dislike' : 'like')).status).toBe(200)
    }
    const stored = async () => {
      const body = await api<PiktidGalleryPage>(`/gallery/by-project?${query}`)
      return (body.projects[0]?.images ?? []).map((image) => [
        image.image_index,
        image.feedback,
        image.feedback_comment,
      ])
    }
    const before = await stored()
    expect(before.filter(([, feedback]) => feedback === null).length).toBeGreaterThan(0)

    await page.goto(
      `${baseUrl}/piktid/projects?search=${encodeURIComponent(project.project_key)}&status=completed&max_images_per_project=50`,
    )
    const select = page.locator(`[data-project-id="${id}"] [role="checkbox"]`)
    await select.waitFor()
    expect(await select.textContent()).toContain('Select all 50')
    await select.click()
    expect(await select.getAttribute('aria-checked')).toBe('true')
    await page.click('button:has-text("Like selected")')
    const toast = page.locator('[data-testid="toast"]')
    await toast.waitFor()
    expect(await toast.textContent()).toContain('Liked 50 images.')
    await expect
      .poll(async () => (await stored()).every(([, feedback]) => feedback === 'like'), { timeout: 15_000 })
      .toBe(true)

    await toast.locator('button:has-text("Undo")').click()
    await expect.poll(stored, { timeout: 15_000 }).toEqual(before)
    expect(await toast.textContent()).toMatch(/Restored the previous verdict of \d+ images\./)
  })
})

describe.each(['light', 'dark'] as const)('axe on the projects views in the %s theme', (scheme) => {
  it('finds nothing serious on the gallery, a project’s page and the review view', async () => {
    await page.context().close()
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme })).newPage()
    await page.goto(`${baseUrl}/piktid/projects`)
    await page.waitForSelector('a[data-index="0"] img')
    expect(await seriousAxeViolations(page, STRUCTURE_RULES)).toEqual([])
    const project = await projectWith(5)
    await page.goto(`${baseUrl}/piktid/projects/${project.id}`)
    await page.waitForSelector('a[data-index="0"]')
    expect(await seriousAxeViolations(page, STRUCTURE_RULES)).toEqual([])
    await page.click('a[data-index="0"]')
    await page.waitForSelector(position)
    expect(await seriousAxeViolations(page, STRUCTURE_RULES)).toEqual([])
  })
})
