import { stat } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { launchBrowser, seriousAxeViolations } from './browser'

const baseUrl = inject('baseUrl')
let browser: Browser
let context: BrowserContext
let page: Page

interface WireAsset {
  id: string
  filename: string
  dimensions: { width: number; height: number }
  detected: { label: string; box: [number, number, number, number] }[] | null
}

let firstPage: WireAsset[] = []

beforeAll(async () => {
  browser = await launchBrowser()
  const res = await fetch(`${baseUrl}/api/piktid/assets?per_page=100`, {
    headers: { authorization: 'Bearer demo-alice' },
  })
  firstPage = ((await res.json()) as { assets: WireAsset[] }).assets
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  await context?.close()
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
})

const tile = (index: number) => `a[data-index="${index}"]`
const viewerImage = (name: string) => `[role="dialog"] img[alt="${name}"]`

async function openFromGrid(index: number): Promise<WireAsset> {
  await page.goto(`${baseUrl}/piktid/assets`)
  await page.waitForSelector(tile(index))
  await page.click(tile(index))
  const asset = firstPage[index]!
  await waitForLoaded(viewerImage(asset.filename))
  return asset
}

async function waitForLoaded(selector: string) {
  await page.waitForFunction((sel) => {
    const img = document.querySelector<HTMLImageElement>(sel)
    return img !== null && img.complete && img.naturalWidth > 0
  }, selector)
}

/**
 * Resolves once every request the page began before the call has been reported: a request of
 * the test's own, begun after them and answered. An absence of requests checked after it does
 * not depend on how long the test chose to wait.
 */
async function requestsReported() {
  await page.evaluate(() => fetch('/api/sources').then((res) => res.text()))
}

type Box = { x: number; y: number; width: number; height: number }
const rectOf = (selector: string): Promise<Box> =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect()
    return { x: r.x, y: r.y, width: r.width, height: r.height }
  })

function expectClose(actual: Box, expected: Box, tolerance = 1) {
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(actual[key] - expected[key]), `${key}: ${actual[key]} vs ${expected[key]}`).toBeLessThanOrEqual(
      tolerance,
    )
  }
}

const zoomLevel = async () => (await page.textContent('[data-testid="zoom-level"]'))?.trim()
/** Waits until the zoom level reads `want` (a key, click or gesture lands a render later). */
const expectZoom = (want: string | undefined) => expect.poll(zoomLevel, { timeout: 10_000 }).toBe(want)

/** The boxes of every element `selectors` names, read in one go (null for one that is missing). */
function rectsOf(selectors: string[]): Promise<(Box | null)[]> {
  return page.evaluate(
    (list) =>
      list.map((selector) => {
        const el = document.querySelector(selector)
        if (!el) return null
        const r = el.getBoundingClientRect()
        return { x: r.x, y: r.y, width: r.width, height: r.height }
      }),
    selectors,
  )
}

/** How the measured boxes miss the expected ones by more than `tolerance` pixels (empty when they match). */
function misses(actual: (Box | null)[], expected: Box[], tolerance = 1): string[] {
  return expected.flatMap((want, i) => {
    const got = actual[i]
    if (!got) return [`box ${i} is missing`]
    return (['x', 'y', 'width', 'height'] as const)
      .filter((key) => Math.abs(got[key] - want[key]) > tolerance)
      .map((key) => `box ${i} ${key}: ${got[key]} vs ${want[key]}`)
  })
}

/**
 * Waits until the boxes `boxSelectors` name sit where `place` puts them on the image, measured
 * together with the image in one read (a resize or zoom moves them a render later).
 */
async function expectOnImage(imageSelector: string, boxSelectors: string[], place: (image: Box) => Box[]) {
  await expect
    .poll(
      async () => {
        const [image, ...boxes] = await rectsOf([imageSelector, ...boxSelectors])
        return image ? misses(boxes, place(image)) : ['the image is missing']
      },
      { timeout: 10_000 },
    )
    .toEqual([])
}

/** Waits until the element's box is no longer `before` (after a resize or zoom), and returns the new one. */
async function rectChanged(selector: string, before: Box): Promise<Box> {
  await expect
    .poll(async () => misses(await rectsOf([selector]), [before], 0.5).length, { timeout: 10_000 })
    .toBeGreaterThan(0)
  return rectOf(selector)
}

describe('zoom', () => {
  it('fetches the original only once zoomed past the preview, at Z and then +', async () => {
    const originals: string[] = []
    page.on('request', (req) => {
      if (new URL(req.url()).pathname.startsWith('/media/original/')) originals.push(req.url())
    })
    const asset = await openFromGrid(0)
    const name = asset.filename
    // The preview's size is weighed against the image's box in the render that drops the blurred
    // thumbnail; the original would be in the page from that render on.
    await page.waitForSelector('[data-testid="image-box"] > img[aria-hidden="true"]:not([data-testid])', {
      state: 'detached',
    })
    expect(await page.$('[data-testid="original-image"]')).toBeNull()
    await requestsReported()
    expect(originals).toEqual([])
    const fitted = await zoomLevel()

    // One step in: the original is asked for exactly when the image outgrows the preview's pixels.
    await page.keyboard.press('+')
    await expect.poll(zoomLevel, { timeout: 10_000 }).not.toBe(fitted)
    // Size, preview and whether the original is on its way, from one render.
    const [shown, previewWidth, wanted] = await page.$eval(viewerImage(name), (img) => [
      img.getBoundingClientRect().width,
      (img as HTMLImageElement).naturalWidth,
      document.querySelector('[data-testid="original-image"]') !== null,
    ])
    expect(wanted).toBe(shown > previewWidth)
    if (wanted) await expect.poll(() => originals.length, { timeout: 10_000 }).toBeGreaterThan(0)
    else {
      await requestsReported()
      expect(originals).toEqual([])
    }
    await page.keyboard.press('0')
    await expectZoom(fitted)

    const original = page.waitForRequest((req) => new URL(req.url()).pathname.startsWith('/media/original/'))
    await page.keyboard.press('z')
    await expectZoom('100%')
    await original
    await waitForLoaded('[data-testid="original-image"]')
    expect(await page.$eval('[data-testid="original-image"]', (img) => (img as HTMLImageElement).naturalWidth)).toBe(
      asset.dimensions.width,
    )
    expect((await rectOf(viewerImage(name))).width).toBe(asset.dimensions.width)
    await page.keyboard.press('+')
    await expectZoom('150%')
    expect(new Set(originals).size).toBe(1)

    // Zoomed, the arrows look around the image instead of stepping.
    const before = await rectOf(viewerImage(name))
    await page.keyboard.press('ArrowRight')
    await expect.poll(async () => (await rectOf(viewerImage(name))).x, { timeout: 10_000 }).toBeLessThan(before.x)
    expect(new URL(page.url()).pathname).toBe(`/piktid/assets/${asset.id}`)
    await page.click('button[aria-label="Fit (reset zoom)"]')
    await expectZoom(fitted)
  })

  it('zooms with the wheel and double-click, and pans by dragging', async () => {
    const asset = await openFromGrid(1)
    const fitted = await zoomLevel()
    const viewport = await rectOf('[data-testid="zoom-viewport"]')
    const cx = viewport.x + viewport.width / 2
    const cy = viewport.y + viewport.height / 2
    await page.mouse.move(cx, cy)
    await page.mouse.wheel(0, -400)
    await page.waitForFunction((f) => document.querySelector('[data-testid="zoom-level"]')?.textContent !== f, fitted)
    expect(parseInt((await zoomLevel()) ?? '')).toBeGreaterThan(parseInt(fitted ?? ''))
    await page.keyboard.press('0')
    await expectZoom(fitted)
    // Ctrl + wheel (a trackpad's pinch) zooms the image, and the page's own zoom never sees it:
    // the window, where the event ends, finds it cancelled.
    await page.evaluate(() =>
      window.addEventListener('wheel', (e) => (document.body.dataset.wheelCancelled = String(e.defaultPrevented))),
    )
    await page.keyboard.down('Control')
    await page.mouse.wheel(0, -100)
    await page.keyboard.up('Control')
    await expect.poll(async () => parseInt((await zoomLevel()) ?? '')).toBeGreaterThan(parseInt(fitted ?? ''))
    expect(await page.evaluate(() => document.body.dataset.wheelCancelled)).toBe('true')
    await page.keyboard.press('0')
    await expectZoom(fitted)
    await page.mouse.dblclick(cx, cy)
    await expectZoom('100%')
    const before = await rectOf(viewerImage(asset.filename))
    await page.mouse.move(cx, cy)
    await page.mouse.down()
    await page.mouse.move(cx + 40, cy + 60, { steps: 4 })
    await page.mouse.up()
    const moved = async () => {
      const after = await rectOf(viewerImage(asset.filename))
      return [Math.round(after.x - before.x), Math.round(after.y - before.y)]
    }
    await expect.poll(moved, { timeout: 10_000 }).toEqual([40, 60])
    await page.mouse.dblclick(cx, cy)
    await expectZoom(fitted)
  })
})

describe('stepping', () => {
  it('puts the next image in its final box before its large image arrives, so nothing jumps', async () => {
    const next = firstPage[3]!
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(
      (url) => url.pathname.startsWith(`/media/thumb-big/${next.id}`),
      async (route) => {
        await held
        await route.continue()
      },
    )
    await openFromGrid(2)
    await page.keyboard.press('ArrowRight')
    await page.waitForURL((url) => url.pathname.endsWith(`/${next.id}`))
    await page.waitForSelector(viewerImage(next.filename))
    const thumbSelector = '[data-testid="image-box"] img[aria-hidden="true"]'
    await page.waitForSelector(thumbSelector)
    // The box, the thumbnail and the large image's state from one render.
    const [early, thumb] = (await rectsOf(['[data-testid="image-box"]', thumbSelector])) as [Box, Box]
    expect(await page.$eval(viewerImage(next.filename), (img) => (img as HTMLImageElement).complete)).toBe(false)
    // The blurred thumbnail fills that same box rather than showing at its own small size.
    expectClose(thumb, early)
    expect(early.width / early.height).toBeCloseTo(next.dimensions.width / next.dimensions.height, 2)
    expect(Math.max(early.width, early.height)).toBeGreaterThan(500)

    release()
    await waitForLoaded(viewerImage(next.filename))
    expectClose(await rectOf('[data-testid="image-box"]'), early, 0)
    expectClose(await rectOf(viewerImage(next.filename)), early, 0)
  })
})

describe('boxes over the image', () => {
  const withDetections = () => {
    const asset = firstPage.find((a) => (a.detected?.length ?? 0) >= 2)
    if (!asset) throw new Error('The demo catalog has no asset with two detections on its first page.')
    return asset
  }

  async function expectBoxesOnImage(asset: WireAsset) {
    const detected = asset.detected ?? []
    await expectOnImage(
      viewerImage(asset.filename),
      detected.map((_, i) => `[data-overlay-box="${i}"] [role="img"]`),
      (image) =>
        detected.map(({ box: [x, y, w, h] }) => ({
          x: image.x + x * image.width,
          y: image.y + y * image.height,
          width: w * image.width,
          height: h * image.height,
        })),
    )
    const image = await rectOf(viewerImage(asset.filename))
    expect(image.width / image.height).toBeCloseTo(asset.dimensions.width / asset.dimensions.height, 2)
  }

  it('line up with the image at every window size and zoom, and hide with F', async () => {
    const asset = withDetections()
    await page.goto(`${baseUrl}/piktid/assets/${asset.id}`)
    await waitForLoaded(viewerImage(asset.filename))
    await page.waitForSelector('ul[aria-label="Detected objects"]')
    await expectBoxesOnImage(asset)
    expect(await page.textContent(`[data-overlay-box="0"]`)).toBe(asset.detected![0]!.label)

    // Each change moves the image; the boxes are checked once it has moved.
    const image = viewerImage(asset.filename)
    const shown = await rectOf(image)
    await page.setViewportSize({ width: 700, height: 1000 })
    const narrow = await rectChanged(image, shown)
    await expectBoxesOnImage(asset)
    await page.setViewportSize({ width: 1600, height: 600 })
    await rectChanged(image, narrow)
    await expectBoxesOnImage(asset)
    await page.keyboard.press('z')
    await expectZoom('100%')
    await page.keyboard.press('ArrowDown')
    await expectBoxesOnImage(asset)

    await page.keyboard.press('f')
    await page.waitForSelector('ul[aria-label="Detected objects"]', { state: 'detached' })
    await page.keyboard.press('f')
    await page.waitForSelector('ul[aria-label="Detected objects"]')
  })

  it('has no serious accessibility violations with the boxes shown', async () => {
    const asset = withDetections()
    await page.goto(`${baseUrl}/piktid/assets/${asset.id}`)
    await waitForLoaded(viewerImage(asset.filename))
    await page.waitForSelector('ul[aria-label="Detected objects"]')
    await page.waitForSelector('[aria-label="Asset details"]')
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})

describe('face boxes on a photo', () => {
  interface GumnutPhoto {
    id: string
    original_file_name: string
    width: number
    height: number
    faces?: { id: string; person_id: string | null; bounding_box: { x: number; y: number; w: number; h: number } }[]
    people?: { id: string; name: string | null }[]
  }

  async function photoWithNamedFace(): Promise<GumnutPhoto> {
    const res = await fetch(`${baseUrl}/api/gumnut/api/assets?limit=200`, {
      headers: { authorization: 'Bearer demo-alice' },
    })
    const photos = ((await res.json()) as { data: GumnutPhoto[] }).data
    const found = photos.find((p) =>
      p.faces?.some((f) => f.person_id && p.people?.some((person) => person.id === f.person_id && person.name)),
    )
    if (!found) throw new Error("No photo with a named person's face in alice's first 200 photos.")
    return found
  }

  it('sit on the drawn faces at every window size, name the person and open them', async () => {
    const photo = await photoWithNamedFace()
    const name = photo.original_file_name
    await page.goto(`${baseUrl}/gumnut/assets/${photo.id}`)
    await waitForLoaded(viewerImage(name))
    await page.waitForSelector('ul[aria-label="Faces"]')
    const faces = photo.faces ?? []
    const check = () =>
      expectOnImage(
        viewerImage(name),
        faces.map((face) => `[data-overlay-box="${face.id}"] > *`),
        (image) =>
          faces.map(({ bounding_box: { x, y, w, h } }) => ({
            x: image.x + (x / photo.width) * image.width,
            y: image.y + (y / photo.height) * image.height,
            width: (w / photo.width) * image.width,
            height: (h / photo.height) * image.height,
          })),
      )
    await check()
    // Each change moves the image; the boxes are checked once it has moved.
    let shown = await rectOf(viewerImage(name))
    await page.setViewportSize({ width: 640, height: 900 })
    shown = await rectChanged(viewerImage(name), shown)
    await check()
    await page.keyboard.press('+')
    await rectChanged(viewerImage(name), shown)
    await check()
    expect(await seriousAxeViolations(page)).toEqual([])

    const face = photo.faces!.find((f) => photo.people?.some((p) => p.id === f.person_id && p.name))!
    const person = photo.people!.find((p) => p.id === face.person_id)!
    const link = `[data-overlay-box="${face.id}"] a`
    expect(await page.getAttribute(link, 'aria-label')).toBe(`Face: ${person.name}`)
    await page.focus(link)
    await page.waitForSelector(`[role="tooltip"]:has-text("${person.name}")`)
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname === `/gumnut/people/${person.id}`)
  })
})

describe('full screen, download and details', () => {
  it('goes full screen and back from its button', async () => {
    await openFromGrid(0)
    await page.click('button[aria-label="Full screen"]')
    await page.waitForFunction(() => document.fullscreenElement !== null)
    await page.click('button[aria-label="Exit full screen"]')
    await page.waitForFunction(() => document.fullscreenElement === null)
  })

  it('downloads the original under the asset name', async () => {
    const asset = await openFromGrid(0)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`a[aria-label="Download ${asset.filename}"]`),
    ])
    expect(download.suggestedFilename()).toBe(asset.filename)
    expect(new URL(download.url()).pathname).toMatch(new RegExp(`^/media/original/${asset.id}\\.`))
    expect((await stat(await download.path())).size).toBeGreaterThan(1000)
  })

  it('hides the details panel with I and keeps it hidden after a reload', async () => {
    await openFromGrid(0)
    await page.waitForSelector('[aria-label="Asset details"]')
    const before = await rectOf('[data-testid="zoom-viewport"]')
    await page.keyboard.press('i')
    await page.waitForSelector('[aria-label="Asset details"]', { state: 'detached' })
    // The image gets the room (its viewport is measured a render later).
    await expect
      .poll(async () => (await rectOf('[data-testid="zoom-viewport"]')).width, { timeout: 10_000 })
      .toBeGreaterThan(before.width)
    await page.reload()
    await page.waitForSelector('[data-testid="image-box"]')
    expect(await page.$('[aria-label="Asset details"]')).toBeNull()
    await page.click('button[aria-label="Details panel"]')
    await page.waitForSelector('[aria-label="Asset details"]')
  })
})

describe('touch', () => {
  it('steps with a horizontal swipe and zooms with a pinch', async () => {
    await context.close()
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
    page = await context.newPage()
    const asset = await openFromGrid(0)
    const next = firstPage[1]!
    const cdp = await context.newCDPSession(page)
    const area = await rectOf('[data-testid="zoom-viewport"]')
    const cx = area.x + area.width / 2
    const cy = area.y + area.height / 2
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ ...p, id })) })

    await touch('touchStart', [{ x: cx + 120, y: cy }])
    for (let dx = 80; dx >= -120; dx -= 40) await touch('touchMove', [{ x: cx + dx, y: cy + 5 }])
    await touch('touchEnd', [])
    await page.waitForURL((url) => url.pathname.endsWith(`/${next.id}`))
    await waitForLoaded(viewerImage(next.filename))
    expect(asset.id).not.toBe(next.id)

    const fitted = parseInt((await zoomLevel()) ?? '')
    await touch('touchStart', [
      { x: cx - 30, y: cy },
      { x: cx + 30, y: cy },
    ])
    for (let d = 40; d <= 120; d += 20)
      await touch('touchMove', [
        { x: cx - d, y: cy },
        { x: cx + d, y: cy },
      ])
    await touch('touchEnd', [])
    await expect.poll(async () => parseInt((await zoomLevel()) ?? ''), { timeout: 10_000 }).toBeGreaterThan(fitted * 3)
    const zoomedIn = parseInt((await zoomLevel()) ?? '')
    // Zoomed in, a swipe pans rather than steps.
    await touch('touchStart', [{ x: cx + 100, y: cy }])
    await touch('touchMove', [{ x: cx - 100, y: cy }])
    await touch('touchEnd', [])
    // A key pressed after the swipe is handled after it: once its zoom out shows, the swipe has
    // done all it was going to.
    await page.keyboard.press('0')
    await expect.poll(async () => parseInt((await zoomLevel()) ?? ''), { timeout: 10_000 }).toBeLessThan(zoomedIn)
    expect(new URL(page.url()).pathname).toBe(`/piktid/assets/${next.id}`)
  })
})
