import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server/server'
import { parseSourcesConfig } from '../../src/server/sources-config'
import type { PiktidAssetsPage } from '../../src/shared/piktid'
import { launchBrowser, pathOf, screenFilled, seriousAxeViolations } from './browser'

// Three servers: the app under test (global setup), a second reference server on another port
// that lets the app's origin call it (VITRINE_CORS_ORIGINS), and a gateway that serves the app
// with the second server configured as a server-side source (VITRINE_SOURCES), reached through
// its proxy with alice's token from an environment variable.

const baseUrl = inject('baseUrl')
const distDir = inject('distDir')
let browser: Browser
let work: string
let upstream: RunningServer
let gateway: RunningServer

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'vitrine-sources-e2e-'))
  upstream = await startServer({
    port: 0,
    dataDir: path.join(work, 'upstream'),
    // 2,000 assets give the upstream's Scenario team more than one page of 100.
    demoAssets: 2000,
    corsOrigins: [baseUrl],
  })
  const sources = parseSourcesConfig(
    {
      sources: [
        {
          id: 'remote',
          name: 'Remote studio',
          dialect: 'piktid',
          baseUrl: `${upstream.url}/api/piktid`,
          credentials: { token: { env: 'REMOTE_PIKTID_TOKEN' } },
          // The upstream is a second server on loopback, which a source must opt in to.
          allowPrivateNetwork: true,
        },
        {
          id: 'remote-generations',
          name: 'Remote generations',
          dialect: 'scenario',
          baseUrl: `${upstream.url}/api/scenario/v1`,
          credentials: { apiKey: { env: 'REMOTE_SCENARIO_KEY' }, apiSecret: { env: 'REMOTE_SCENARIO_SECRET' } },
          allowPrivateNetwork: true,
        },
        {
          id: 'remote-library',
          name: 'Remote library',
          dialect: 'vipanya',
          baseUrl: `${upstream.url}/api/vipanya`,
          credentials: { apiKey: { env: 'REMOTE_VIPANYA_KEY' } },
          allowPrivateNetwork: true,
        },
      ],
    },
    {
      REMOTE_PIKTID_TOKEN: 'demo-alice',
      REMOTE_SCENARIO_KEY: 'demo-alice',
      REMOTE_SCENARIO_SECRET: 'demo-secret',
      REMOTE_VIPANYA_KEY: 'demo-alice',
    },
  )
  gateway = await startServer({ port: 0, dataDir: path.join(work, 'gateway'), demoAssets: 50, distDir, sources })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await gateway?.close()
  await upstream?.close()
  await rm(work, { recursive: true, force: true })
})

/** What the second server gives a user for a query: the ground truth the page is checked against. */
async function upstreamTotal(token: string, query = ''): Promise<number> {
  const res = await fetch(`${upstream.url}/api/piktid/assets?per_page=1${query}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return ((await res.json()) as PiktidAssetsPage).pagination.total
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  return context.newPage()
}

async function addSource(page: Page, name: string, baseUrlOfSource: string, token: string) {
  await page.goto(`${baseUrl}/sources`)
  await page.click('button:has-text("Add a source")')
  const dialog = page.locator('[role="dialog"]')
  await dialog.getByLabel('Name').fill(name)
  await dialog.getByLabel('Base URL').fill(baseUrlOfSource)
  await dialog.getByLabel('Bearer token', { exact: true }).fill(token)
  return dialog
}

/** Every image in the visible tiles finished loading with real pixels; their addresses, read in the same go. */
async function tileImagesLoaded(page: Page): Promise<{ count: number; srcs: string[] }> {
  const loaded = await page.waitForFunction(() => {
    const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('a[data-index] img'))
    const first = imgs.slice(0, 8)
    const done = first.length > 0 && first.every((img) => img.complete && img.naturalWidth > 0)
    return done && { count: imgs.length, srcs: first.map((img) => img.currentSrc) }
  })
  return (await loaded.jsonValue()) as { count: number; srcs: string[] }
}

/** Waits until the page's result count reads `want` (it follows the filters and the user a render later). */
async function expectCount(page: Page, want: string) {
  await expect.poll(() => page.textContent('[data-testid="result-count"]')).toBe(want)
}

describe('a source kept in the browser', () => {
  it('adds the second server through /sources, tests it and browses it, images included', async () => {
    const page = await newPage()
    const bobTotal = await upstreamTotal('demo-bob')
    const dialog = await addSource(page, 'Second server', `${upstream.url}/api/piktid`, 'demo-bob')
    await dialog.getByRole('button', { name: 'Test' }).click()
    await expect
      .poll(() => dialog.getByTestId('check-result').textContent())
      .toBe(`Reachable: ${bobTotal.toLocaleString('en-US')} assets.`)
    await dialog.getByRole('button', { name: 'Add source' }).click()
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })

    await page.selectOption('select:near(:text("Source"))', 'second-server')
    await page.waitForSelector('a[data-index="0"]')
    expect(pathOf(page)).toBe('/second-server/assets')
    await expectCount(page, `${bobTotal.toLocaleString('en-US')} assets`)
    const images = await tileImagesLoaded(page)
    for (const src of images.srcs) expect(src.startsWith(`${upstream.url}/media/`)).toBe(true)
    expect(await page.textContent('header')).toContain('Signed in with your token')
    // The token is in neither the address nor the title.
    expect(page.url()).not.toContain('demo-bob')
    expect(await page.title()).not.toContain('demo-bob')
    await page.context().close()
  })

  it('says a wrong token is wrong, marks it in the switcher and fixes it without losing the view', async () => {
    const page = await newPage()
    const dialog = await addSource(page, 'Wrong token', `${upstream.url}/api/piktid`, 'demo-nobody')
    await dialog.getByRole('button', { name: 'Test' }).click()
    await expect
      .poll(() => dialog.getByTestId('check-result').textContent())
      .toMatch(/^Wrong credentials \(401\): the server did not accept the token/)
    await dialog.getByRole('button', { name: 'Add source' }).click()
    await page.waitForSelector('[role="dialog"]', { state: 'detached' })

    await page.goto(`${baseUrl}/wrong-token/assets?include_tags=model&sort_by=filename&order=asc`)
    await page.waitForSelector('text=Wrong token did not accept its credentials (401)')
    expect(await page.textContent('[role="alert"]')).toMatch(/rejected the credentials/)
    await expect
      .poll(() => page.$eval('option[value="wrong-token"]', (o) => o.textContent))
      .toBe('Wrong token — credentials refused')

    await page.click('a:has-text("Fix the credentials")')
    await page.waitForSelector('[role="dialog"]')
    expect(pathOf(page)).toBe('/sources?edit=wrong-token')
    const token = page.locator('[role="dialog"]').getByLabel('Bearer token', { exact: true })
    expect(await token.getAttribute('type')).toBe('password')
    await token.fill('demo-carol')
    await page.click('[role="dialog"] button:has-text("Save changes")')
    await page.waitForSelector('a[data-index="0"]')
    expect(pathOf(page)).toBe('/wrong-token/assets?include_tags=model&sort_by=filename&order=asc')
    const carolModels = await upstreamTotal('demo-carol', '&include_tags=model')
    await expectCount(page, `${carolModels.toLocaleString('en-US')} assets`)
    expect(await page.$('text=did not accept its credentials')).toBeNull()
    await page.context().close()
  })

  it('explains that a server which does not answer cross-origin requests is blocked by the browser', async () => {
    const page = await newPage()
    // The gateway lists no CORS origin, so the browser may not read its answers from this page.
    const dialog = await addSource(page, 'No CORS', `${gateway.url}/api/piktid`, 'demo-alice')
    await dialog.getByRole('button', { name: 'Test' }).click()
    await expect
      .poll(() => dialog.getByTestId('check-result').textContent())
      .toMatch(/^Blocked by the browser: .* \(CORS\).*server-side source/)
    await page.context().close()
  })
})

describe('a source configured on the server', () => {
  it('is browsed through the proxy with filters, paging and images', async () => {
    const page = await newPage()
    await page.goto(`${gateway.url}/`)
    await page.waitForSelector('optgroup[label="On this server"] option[value="remote"]', { state: 'attached' })
    const query = '?include_tags=model&sort_by=filename&order=asc'
    await page.goto(`${gateway.url}/remote/assets${query}`)
    await page.waitForSelector('a[data-index="0"]')
    const total = await upstreamTotal('demo-alice', '&include_tags=model')
    expect(total).toBeGreaterThan(100)
    await expectCount(page, `${total.toLocaleString('en-US')} assets`)
    expect(await page.textContent('header')).toContain('Signed in by the server')
    const images = await tileImagesLoaded(page)
    for (const src of images.srcs) expect(src.startsWith(`${gateway.url}/api/proxy/remote/`)).toBe(true)
    // Names sorted by filename, as the upstream sorts them (the first tiles, by their place in the list).
    const names = await page.$$eval('a[data-index]', (links) =>
      links
        .map(
          (a) => [Number(a.getAttribute('data-index')), a.getAttribute('aria-label') ?? a.textContent ?? ''] as const,
        )
        .sort((a, b) => a[0] - b[0])
        .slice(0, 6)
        .map(([, name]) => name),
    )
    expect(names).toHaveLength(6)
    expect([...names].sort()).toEqual(names)

    // Paging: scroll past the first page of 100, a screen at a time, each shown before the next
    // (a fling far down would jump over the tile).
    for (let i = 0; i < 20 && !(await page.$('a[data-index="120"]')); i++) {
      await page.$eval('[data-virtuoso-scroller="true"]', (el) => el.scrollBy(0, 1600))
      await screenFilled(page)
    }
    await page.waitForSelector('a[data-index="120"]')
    await page.context().close()
  })
})

describe('Scenario and Vipanya sources configured on the server', () => {
  it('pages a Scenario source by its tokens through the proxy', async () => {
    const page = await newPage()
    await page.goto(`${gateway.url}/remote-generations/assets`)
    await page.waitForSelector('a[data-index="0"]')
    const tokens: string[] = []
    page.on('request', (req) => {
      const token = new URL(req.url()).searchParams.get('paginationToken')
      if (req.url().includes('/api/proxy/remote-generations/assets') && token) tokens.push(token)
    })
    for (let i = 0; i < 20 && !(await page.$('a[data-index="120"]')); i++) {
      await page.$eval('[data-virtuoso-scroller="true"]', (el) => el.scrollBy(0, 1600))
      await screenFilled(page)
    }
    await page.waitForSelector('a[data-index="120"]')
    // The second page came from the upstream's own token, passed through the proxy unchanged.
    expect(tokens.length).toBeGreaterThan(0)
    expect(await page.textContent('[data-testid="result-count"]')).toMatch(/^[1-9][\d,]*\+? assets$/)
    await page.context().close()
  })

  it('creates a Vipanya asset through the proxy and shows it first', async () => {
    const page = await newPage()
    await page.goto(`${gateway.url}/remote-library/assets`)
    await page.waitForSelector('a[data-index="0"]')
    const title = `Proxied link ${Date.now()}`
    await page.getByRole('button', { name: 'New asset' }).click()
    const dialog = page.getByRole('dialog', { name: 'New asset' })
    await dialog.getByRole('textbox', { name: 'Title (required)' }).fill(title)
    await dialog.getByRole('textbox', { name: 'Link address' }).fill('https://example.com/proxied')
    await dialog.getByRole('button', { name: 'Create asset' }).click()
    await page.locator('a[data-index="0"]', { hasText: title }).waitFor()
    // It is stored upstream, under the server's credentials.
    const res = await fetch(`${upstream.url}/api/vipanya/api/v1/assets?search=${encodeURIComponent(title)}`, {
      headers: { authorization: 'Bearer demo-alice' },
    })
    const body = (await res.json()) as { data: { title: string }[] }
    expect(body.data.map((a) => a.title)).toEqual([title])
    await page.context().close()
  })
})

describe('demo users', () => {
  it('switches the bundled source from alice to carol: her visibility, the same filters, and it sticks after a reload', async () => {
    const total = async (token: string) => {
      const res = await fetch(`${baseUrl}/api/piktid/assets?per_page=1&ownership=mine`, {
        headers: { authorization: `Bearer ${token}` },
      })
      return ((await res.json()) as PiktidAssetsPage).pagination.total.toLocaleString('en-US')
    }
    const page = await newPage()
    await page.goto(`${baseUrl}/piktid/assets?ownership=mine`)
    await page.waitForSelector('a[data-index="0"]')
    const alice = `${await total('demo-alice')} assets`
    await expectCount(page, alice)
    await page.getByLabel('Signed in as').selectOption('carol')
    const carol = `${await total('demo-carol')} assets`
    expect(carol).not.toBe(alice)
    await expectCount(page, carol)
    expect(pathOf(page)).toBe('/piktid/assets?ownership=mine')
    await page.reload()
    await page.waitForSelector('a[data-index="0"]')
    await expectCount(page, carol)
    expect(await page.getByLabel('Signed in as').inputValue()).toBe('carol')
    await page.context().close()
  })
})

describe('accessibility', () => {
  it('has no serious or critical axe violations on /sources, with and without the form open', async () => {
    const page = await newPage()
    await page.goto(`${baseUrl}/sources`)
    await page.waitForSelector('h1:has-text("Sources")')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.click('button:has-text("Add a source")')
    await page.click('[role="dialog"] button:has-text("Add source")')
    await page.waitForSelector('[aria-invalid="true"]')
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.context().close()
  })
})
