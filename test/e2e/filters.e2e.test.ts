import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { apiJson, expectPath, expectTiles, sharedBrowser } from './browser'

// The filter panel against the real server: ids chosen by name, and ranges that match nothing.

const baseUrl = inject('baseUrl')
let page: Page
/** Every API answer the page got, for "never a 400" checks. */
let answers: { url: string; status: number }[] = []

const browser = sharedBrowser()
beforeEach(async () => {
  await page?.context().close()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
  answers = []
  page.on('response', (r) => {
    if (r.url().includes('/api/')) answers.push({ url: r.url(), status: r.status() })
  })
})

const SCENARIO_API = () => `${baseUrl}/api/scenario/v1`
const tile = (index: number) => `a[data-index="${index}"]`

describe('Scenario filters chosen by name', () => {
  it('picks a model by its name: the URL holds its id and the grid shows its assets', async () => {
    // A model of alice's team or the platform that has made something alice can see.
    const { models } = await apiJson<{ models: { id: string; name: string }[] }>(page, `${SCENARIO_API()}/models`)
    let chosen: { model: { id: string; name: string }; ids: string[] } | undefined
    for (const model of models) {
      const { assets } = await apiJson<{ assets: { id: string }[] }>(
        page,
        `${SCENARIO_API()}/assets?modelId=${model.id}&pageSize=3`,
      )
      if (assets.length > 0) {
        chosen = { model, ids: assets.map((a) => a.id) }
        break
      }
    }
    expect(chosen).toBeDefined()
    const { model, ids } = chosen!

    await page.goto(`${baseUrl}/scenario/assets`)
    await page.waitForSelector(tile(0))
    await page.locator('#filters [data-id-combobox="modelId"]').click()
    await page.getByRole('combobox', { name: 'Search model' }).fill(model.name)
    await page.getByRole('listbox', { name: 'Model' }).getByRole('option', { name: model.name }).first().click()
    await expectPath(page, `/scenario/assets?modelId=${model.id}`)
    await expectTiles(page, ids)
    await page.getByRole('button', { name: `Remove filter Model: ${model.name}` }).waitFor()
    expect(answers.filter((a) => a.status >= 400)).toEqual([])
  })

  it('picks an author, then a model’s inference by its prompt: the grid shows exactly that run', async () => {
    const { authors } = await apiJson<{ authors: { id: string }[] }>(page, `${SCENARIO_API()}/authors`)
    expect(authors.map((a) => a.id)).toContain('bob')
    const { models } = await apiJson<{ models: { id: string; name: string }[] }>(page, `${SCENARIO_API()}/models`)
    type Run = { id: string; prompt?: string; imagesNumber: number }
    let chosen: { model: { id: string; name: string }; run: Run } | undefined
    for (const model of models) {
      const { inferences } = await apiJson<{ inferences: Run[] }>(
        page,
        `${SCENARIO_API()}/models/${model.id}/inferences?pageSize=5`,
      )
      const run = inferences.find((i) => i.prompt)
      if (run) {
        chosen = { model, run }
        break
      }
    }
    expect(chosen).toBeDefined()
    const { model, run } = chosen!
    const { assets } = await apiJson<{ assets: { id: string }[] }>(
      page,
      `${SCENARIO_API()}/assets?inferenceId=${run.id}`,
    )
    expect(assets).toHaveLength(run.imagesNumber)

    await page.goto(`${baseUrl}/scenario/assets`)
    await page.waitForSelector(tile(0))
    await page.locator('#filters [data-id-combobox="authorId"]').click()
    await page.getByRole('listbox', { name: 'Author' }).getByRole('option', { name: /^bob/ }).click()
    await expectPath(page, '/scenario/assets?authorId=bob')
    await page.getByRole('button', { name: 'Remove filter Author: bob' }).click()
    await expectPath(page, '/scenario/assets')

    await page.goto(`${baseUrl}/scenario/assets?modelId=${model.id}`)
    await page.waitForSelector(tile(0))
    await page.locator('#filters [data-id-combobox="inferenceId"]').click()
    const words = (run.prompt ?? '').slice(0, 30)
    await page.getByRole('combobox', { name: 'Search inference' }).fill(words)
    await page.getByRole('listbox', { name: 'Inference' }).locator(`[data-value="${run.id}"]`).click()
    await expectPath(page, `/scenario/assets?modelId=${model.id}&inferenceId=${run.id}`)
    await expectTiles(
      page,
      assets.map((a) => a.id),
    )
    expect(answers.filter((a) => a.status >= 400)).toEqual([])
  })

  it('flags an inverted created range at its fields and says why nothing matches', async () => {
    await page.goto(`${baseUrl}/scenario/assets?createdAfter=2026-03-12&createdBefore=2026-03-01`)
    const problem = /nothing was created both after 12 Mar 2026 and before 1 Mar 2026/
    await page.getByText('No assets match these filters.').waitFor()
    await expect.poll(() => page.locator('#results').getByText(problem).count()).toBe(1)
    const before = page.locator('#filters').getByLabel('Before', { exact: true })
    expect(await before.getAttribute('aria-invalid')).toBe('true')
    expect(await before.inputValue()).toBe('1 Mar 2026')
    // The typed dates stay as they were, in the URL too.
    await expectPath(page, '/scenario/assets?createdAfter=2026-03-12&createdBefore=2026-03-01')
  })
})
