import { statSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { apiJson, expectPath, expectTiles, seriousAxeViolations, sharedBrowser, STRUCTURE_RULES } from './browser'

const baseUrl = inject('baseUrl')
let page: Page
/** Every API answer the page got, for "never a 400" checks. */
let answers: { url: string; status: number }[] = []
/** Any alert/confirm/prompt the page opened (hostile text must never open one). */
let dialogs: string[] = []

const browser = sharedBrowser()
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
  answers = []
  dialogs = []
  page.on('response', (r) => {
    if (r.url().includes('/api/')) answers.push({ url: r.url(), status: r.status() })
  })
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
})

const SCENARIO_AUTH = `Basic ${Buffer.from('demo-alice:demo-secret').toString('base64')}`
const tile = (index: number) => `a[data-index="${index}"]`

/** The ids of the first assets each bundled source's API gives alice, in its default order. */
async function firstIdsOf(source: string): Promise<string[]> {
  const api = `${baseUrl}/api`
  switch (source) {
    case 'piktid':
      return (await apiJson<{ assets: { id: string }[] }>(page, `${api}/piktid/assets?per_page=4`)).assets.map(
        (a) => a.id,
      )
    case 'scenario':
      return (await scenarioApi('pageSize=4')).assets.map((a) => a.id)
    case 'vipanya':
      return (await apiJson<{ data: { id: string }[] }>(page, `${api}/vipanya/api/v1/assets?limit=4`)).data
        .slice(0, 4)
        .map((a) => a.id)
    case 'gumnut':
      return (await apiJson<{ data: { id: string }[] }>(page, `${api}/gumnut/api/assets?limit=4`)).data.map((a) => a.id)
    default:
      throw new Error(`No API for ${source}`)
  }
}

async function scenarioApi(query: string): Promise<{ assets: { id: string; createdAt: string }[] }> {
  const response = await fetch(`${baseUrl}/api/scenario/v1/assets?${query}`, {
    headers: { authorization: SCENARIO_AUTH },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { assets: { id: string; createdAt: string }[] }
}

describe('four bundled sources', () => {
  it('browses each of them from the switcher', async () => {
    await page.goto(`${baseUrl}/piktid/assets`)
    await page.waitForSelector(tile(0))
    const switcher = page.getByRole('combobox', { name: 'Source' })
    expect(await switcher.locator('option').allTextContents()).toEqual([
      'PiktID demo',
      'Scenario demo',
      'Vipanya demo',
      'Gumnut demo',
    ])
    for (const id of ['scenario', 'vipanya', 'gumnut', 'piktid']) {
      const first = await firstIdsOf(id)
      await switcher.selectOption(id)
      await page.waitForURL((url) => url.pathname === `/${id}/assets`)
      // The previous source's tiles may still be on screen: wait for this one's own.
      await expectTiles(page, first)
      const count = await page.textContent('[data-testid="result-count"]')
      // Scenario and Gumnut give no total: their count reads "100+".
      expect(count).toMatch(/^[1-9][\d,]*\+? (assets|photos)$/)
    }
    expect(answers.filter((a) => a.status >= 400)).toEqual([])
  })

  it('keeps the search text and sort order when switching from PiktID to Vipanya', async () => {
    await page.goto(`${baseUrl}/piktid/assets?search=report&include_tags=model&order=asc`)
    await page.waitForSelector('[data-testid="result-count"]')
    await page.getByRole('combobox', { name: 'Source' }).selectOption('vipanya')
    await page.waitForURL((url) => url.pathname === '/vipanya/assets')
    await expectPath(page, '/vipanya/assets?search=report&order=asc')
  })
})

describe('Scenario filters', () => {
  it('round-trips two types and a created-date range through the URL and matches the API', async () => {
    // A bound inside the two types' own dates, so the range keeps some and drops some.
    const all = await scenarioApi('types=upscale&types=texture&pageSize=100')
    const middle = all.assets[Math.floor(all.assets.length / 2)]!
    const day = middle.createdAt.slice(0, 10)

    await page.goto(`${baseUrl}/scenario/assets`)
    await page.waitForSelector(tile(0))
    await page.getByRole('button', { name: /^Type/ }).click()
    const popover = page.getByRole('dialog', { name: 'Choose type' })
    await popover.getByRole('searchbox', { name: 'Search types' }).fill('upscale')
    await popover.getByRole('checkbox', { name: 'upscale', exact: true }).check()
    await page.waitForURL((url) => url.search === '?type=upscale')
    await popover.getByRole('searchbox', { name: 'Search types' }).fill('texture')
    await popover.getByRole('checkbox', { name: 'texture', exact: true }).check()
    await page.waitForURL((url) => url.search === '?types=upscale,texture')
    // The panel builds the next change on the search of the results on screen: set the date once
    // the two types' results are there, or it would be built on the search without them.
    const twoTypes = await scenarioApi('types=upscale&types=texture&pageSize=4')
    await expectTiles(
      page,
      twoTypes.assets.map((a) => a.id),
    )
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    const before = page.getByRole('group', { name: 'Created' }).getByRole('textbox', { name: 'Before' })
    await before.fill(day)
    await before.press('Enter')
    await page.waitForURL((url) => url.searchParams.get('createdBefore') === day)
    await expectPath(page, `/scenario/assets?types=upscale,texture&createdBefore=${day}`)

    await page.reload()
    await page.waitForSelector(tile(0))
    await expectPath(page, `/scenario/assets?types=upscale,texture&createdBefore=${day}`)
    await expect
      .poll(() => page.getByRole('button', { name: /^Type/ }).textContent(), { timeout: 10_000 })
      .toContain('2 selected')
    const direct = await scenarioApi(`types=upscale&types=texture&sortBy=createdAt&createdBefore=${day}&pageSize=8`)
    expect(direct.assets.length).toBeGreaterThan(0)
    await expectTiles(
      page,
      direct.assets.slice(0, 8).map((a) => a.id),
    )
    expect(answers.filter((a) => a.status >= 400)).toEqual([])
  })

  it('moves the dates when the sort field changes, and never gets a 400', async () => {
    await page.goto(`${baseUrl}/scenario/assets?createdAfter=2024-01-01&createdBefore=2030-01-01`)
    await page.waitForSelector(tile(0))
    const sortBy = page.getByRole('combobox', { name: 'Sort by' })
    await sortBy.selectOption('updatedAt')
    await page.waitForURL((url) => url.searchParams.get('sortBy') === 'updatedAt')
    await expectPath(page, '/scenario/assets?sortBy=updatedAt&updatedAfter=2024-01-01&updatedBefore=2030-01-01')
    // note: the panel follows the URL a render later; wait for it rather than read it at once.
    await page.getByRole('group', { name: 'Updated' }).waitFor()
    expect(await page.getByRole('group', { name: 'Created' }).count()).toBe(0)
    // The grid shows what the API gives for the moved dates (it got an answer, not a 400).
    const byUpdate = await scenarioApi('sortBy=updatedAt&updatedAfter=2024-01-01&updatedBefore=2030-01-01&pageSize=8')
    await expectTiles(
      page,
      byUpdate.assets.map((a) => a.id),
    )
    await sortBy.selectOption('createdAt')
    await page.waitForURL((url) => !url.searchParams.has('sortBy'))
    await expectPath(page, '/scenario/assets?createdAfter=2024-01-01&createdBefore=2030-01-01')
    const byCreation = await scenarioApi('sortBy=createdAt&createdAfter=2024-01-01&createdBefore=2030-01-01&pageSize=8')
    await expectTiles(
      page,
      byCreation.assets.map((a) => a.id),
    )
    const scenarioAnswers = () => answers.filter((a) => a.url.includes('/api/scenario/'))
    await expect.poll(() => scenarioAnswers().length, { timeout: 10_000 }).toBeGreaterThan(2)
    expect(scenarioAnswers().filter((a) => a.status !== 200)).toEqual([])
  })

  it('opens a typed asset in the viewer and lists the assets made from it', async () => {
    await page.goto(`${baseUrl}/scenario/assets?type=upscale`)
    await page.waitForSelector(tile(0))
    const parent = await scenarioApi('type=upscale&pageSize=1').then((b) => b.assets[0]!)
    const upscaleBody = (await (
      await fetch(`${baseUrl}/api/scenario/v1/assets/${parent.id}`, { headers: { authorization: SCENARIO_AUTH } })
    ).json()) as { asset: { metadata: { parentId?: string } } }
    const parentId = upscaleBody.asset.metadata.parentId
    expect(parentId).toBeTruthy()
    await page.goto(`${baseUrl}/scenario/assets/${parentId}`)
    const viewer = page.getByRole('dialog')
    await viewer.getByRole('link', { name: 'Show assets made from this' }).click()
    await page.waitForURL((url) => url.searchParams.get('parentAssetId') === parentId)
    await page.waitForSelector(tile(0))
    const children = await scenarioApi(`parentAssetId=${parentId}&pageSize=100`)
    await expectTiles(
      page,
      children.assets.map((a) => a.id),
    )
    expect(children.assets.map((a) => a.id)).toContain(parent.id)
  })
})

describe('Scenario on a phone and from the keyboard', () => {
  it('chooses a type from the filter drawer on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${baseUrl}/scenario/assets`)
    await page.waitForSelector(tile(0))
    await page.getByRole('button', { name: 'Filters', exact: true }).click()
    const drawer = page.getByRole('dialog', { name: 'Filters' })
    await drawer.getByRole('button', { name: /^Type/ }).click()
    const popover = page.getByRole('dialog', { name: 'Choose type' })
    await popover.getByRole('searchbox', { name: 'Search types' }).fill('skybox')
    await popover.getByRole('checkbox', { name: 'skybox-base-360' }).check()
    await page.waitForURL((url) => url.search === '?type=skybox-base-360')
    const box = await popover.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
    // The first Esc clears the type search, the next closes the popover and not the drawer.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await popover.waitFor({ state: 'detached' })
    expect(await drawer.isVisible()).toBe(true)
  })

  it('filters by two types with the keyboard alone', async () => {
    await page.goto(`${baseUrl}/scenario/assets`)
    await page.waitForSelector(tile(0))
    await page.getByRole('button', { name: /^Type/ }).focus()
    await page.keyboard.press('Enter')
    await page.keyboard.type('uploaded')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Space')
    await page.waitForURL((url) => url.search === '?type=uploaded')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Space')
    await page.waitForURL((url) => url.search === '?types=uploaded,uploaded-video')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    // The popover hands focus back to its trigger a task after it closes.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 })
      .toContain('2 selected')
    const direct = await scenarioApi('types=uploaded&types=uploaded-video&pageSize=4')
    await expectTiles(
      page,
      direct.assets.map((a) => a.id),
    )
  })
})

describe('Vipanya', () => {
  it('creates a link asset and shows it first in the grid without a reload', async () => {
    await page.goto(`${baseUrl}/vipanya/assets`)
    await page.waitForSelector(tile(0))
    const title = `Release notes ${Date.now()}`
    await page.getByRole('button', { name: 'New asset' }).click()
    const dialog = page.getByRole('dialog', { name: 'New asset' })
    await dialog.getByRole('textbox', { name: 'Title (required)' }).fill(title)
    await dialog.getByRole('textbox', { name: 'Link address' }).fill('https://example.com/releases/1.0')
    const navigations: string[] = []
    page.on('framenavigated', (f) => navigations.push(f.url()))
    await dialog.getByRole('button', { name: 'Create asset' }).click()
    await page.locator(tile(0), { hasText: title }).waitFor()
    expect(await page.textContent(tile(0))).toContain('example.com')
    expect(await page.getByRole('status').filter({ hasText: 'Created' }).textContent()).toContain(title)
    expect(navigations).toEqual([])
  })

  it('tells a read-only key plainly that it cannot create', async () => {
    await page.context().addInitScript(() => {
      localStorage.setItem(
        'vitrine.sources',
        JSON.stringify({
          version: 2,
          sources: [
            {
              id: 'vipanya-readonly',
              name: 'Vipanya read-only',
              dialect: 'vipanya',
              baseUrl: '/api/vipanya',
              credentials: { apiKey: 'demo-readonly' },
              revision: 1,
            },
          ],
          hidden: [],
        }),
      )
    })
    await page.goto(`${baseUrl}/vipanya-readonly/assets`)
    await page.waitForSelector(tile(0))
    await page.getByRole('button', { name: 'New asset' }).click()
    const dialog = page.getByRole('dialog', { name: 'New asset' })
    await dialog.getByRole('textbox', { name: 'Title (required)' }).fill('Should not exist')
    await dialog.getByRole('textbox', { name: 'Link address' }).fill('https://example.com/')
    await dialog.getByRole('button', { name: 'Create asset' }).click()
    const alert = dialog.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('This key can only read assets')
    await expect
      .poll(() => answers.some((a) => a.url.endsWith('/api/vipanya/api/v1/assets') && a.status === 403))
      .toBe(true)
  })

  it('renders hostile titles and descriptions as text', async () => {
    await page.goto(`${baseUrl}/vipanya/assets`)
    await page.waitForSelector(tile(0))
    const scriptTile = page.locator('a[data-asset-id]', { hasText: '<script>alert("vitrine")</script>' }).first()
    await scriptTile.waitFor()
    expect(await scriptTile.textContent()).toContain('<script>alert("vitrine")</script> Launch checklist')
    await scriptTile.click()
    const viewer = page.getByRole('dialog')
    const title = viewer.getByTestId('details-title')
    expect(await title.textContent()).toBe('<script>alert("vitrine")</script> Launch checklist')
    expect(await viewer.getByTestId('details-description').textContent()).toContain('<p onclick="alert(1)">')
    // A long title truncates on its tile and keeps the whole text available.
    await page.keyboard.press('Escape')
    const long = page.locator('a[data-asset-id] [title^="An exceptionally long title"]').first()
    await long.waitFor()
    expect((await long.getAttribute('title'))?.length).toBe(500)
    expect(await page.locator('script:not([src])').count()).toBe(0)
    expect(await page.locator('a[data-asset-id] img[src="x"]').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(await page.title()).not.toContain('pwned')
  })
})

describe('accessibility of the new views', () => {
  it('has no serious violations on Scenario (grid, type filter) and Vipanya (grid, typed viewer, create dialog)', async () => {
    await page.goto(`${baseUrl}/scenario/assets`)
    await page.waitForSelector(tile(0))
    expect(await seriousAxeViolations(page, STRUCTURE_RULES)).toEqual([])
    await page.getByRole('button', { name: /^Type/ }).click()
    await page.getByRole('dialog', { name: 'Choose type' }).waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')

    await page.goto(`${baseUrl}/vipanya/assets?asset_type=link`)
    await page.waitForSelector(tile(0))
    expect(await seriousAxeViolations(page, STRUCTURE_RULES)).toEqual([])
    await page.click(tile(0))
    await page.getByTestId('typed-preview').waitFor()
    expect(
      await page
        .getByRole('link', { name: /^Open / })
        .first()
        .getAttribute('rel'),
    ).toBe('noopener noreferrer')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await page.waitForURL((url) => url.pathname === '/vipanya/assets')

    await page.getByRole('button', { name: 'New asset' }).click()
    await page.getByRole('dialog', { name: 'New asset' }).waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('embeds a hosted video in a sandboxed frame the page’s CSP allows', async () => {
    await page.goto(`${baseUrl}/vipanya/assets?asset_type=external_video`)
    await page.waitForSelector(tile(0))
    await page.evaluate(() => {
      const w = window as unknown as { violations: string[] }
      w.violations = []
      document.addEventListener('securitypolicyviolation', (e) =>
        w.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      )
    })
    await page.click(tile(0))
    const frame = page.locator('[data-testid="typed-preview"] iframe')
    await frame.waitFor({ state: 'attached' })
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-presentation')
    expect(await frame.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin')
    expect(await frame.getAttribute('src')).toMatch(/^https:\/\/(youtube\.com\/embed|player\.vimeo\.com\/video)\//)
    expect(await frame.getAttribute('title')).toMatch(/^Video player: /)
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([])
  })
})

describe('Vipanya video and audio', () => {
  interface Listed {
    id: string
    slug: string
    mime_type: string
    file_size: number
    duration_seconds: number
  }
  const EXT: Record<string, string> = {
    'video/webm': 'webm',
    'video/mp4': 'mp4',
    'audio/ogg': 'ogg',
    'audio/mpeg': 'mp3',
    'audio/mp4': 'm4a',
    'audio/wav': 'wav',
  }
  const firstOf = async (type: string): Promise<Listed> => {
    const page1 = await apiJson<{ data: Listed[] }>(page, `${baseUrl}/api/vipanya/api/v1/assets?asset_type=${type}`)
    const first = page1.data[0]
    if (!first) throw new Error(`no ${type} asset`)
    return first
  }

  it.each(['video', 'audio'] as const)(
    'plays a %s asset in the viewer (metadata loaded) and Download saves its file under its name',
    async (type) => {
      const listed = await firstOf(type)
      await page.goto(`${baseUrl}/vipanya/assets?asset_type=${type}`)
      await page.waitForSelector(`${tile(0)}[data-asset-id="${listed.id}"]`)
      // The tile's play mark opens the viewer, where the player is.
      await page.locator(`${tile(0)} [data-testid="play-badge"]`).click({ force: true })
      const player = page.locator(`[data-testid="typed-preview"] ${type}`)
      await player.waitFor()
      expect(await player.getAttribute('preload')).toBe('metadata')
      expect(await player.getAttribute('controls')).not.toBeNull()
      await expect
        .poll(() => player.evaluate((el: HTMLMediaElement) => el.readyState), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(1)
      expect(Math.round(await player.evaluate((el: HTMLMediaElement) => el.duration))).toBe(listed.duration_seconds)

      // The viewer's own Download button, and the preview's: both the file, named as the server names it.
      const name = `${listed.slug}.${EXT[listed.mime_type]}`
      for (const button of [
        page.getByRole('dialog').getByRole('link', { name: /^Download (?!video$|audio$)/ }),
        page.getByRole('link', { name: `Download ${type}` }),
      ]) {
        const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
        expect(download.suggestedFilename()).toBe(name)
        const saved = await download.path()
        expect(statSync(saved).size).toBe(listed.file_size)
      }
      expect(page.url()).toContain(`/vipanya/assets/${listed.id}`)
    },
  )

  it('offers a link no download, only "Open link" in a new tab', async () => {
    await page.goto(`${baseUrl}/vipanya/assets?asset_type=link`)
    await page.waitForSelector(tile(0))
    await page.click(tile(0))
    const viewer = page.getByRole('dialog')
    await viewer.getByTestId('typed-preview').waitFor()
    const open = viewer.getByRole('link', { name: 'Open link' })
    expect(await open.getAttribute('target')).toBe('_blank')
    expect(await open.getAttribute('rel')).toBe('noopener noreferrer')
    expect(await open.getAttribute('href')).toMatch(/^https:\/\//)
    expect(await viewer.locator('a[download]').count()).toBe(0)
  })
})
