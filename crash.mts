import { launchBrowser } from './test/e2e/browser.ts'
const browser = await launchBrowser()
for (const [path, w, h] of [['/piktid/projects/97', 390, 844], ['/piktid/projects/97', 1280, 800]] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: h } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e).slice(0, 200)))
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text().slice(0, 200)) })
  await page.goto('http://localhost:5391' + path)
  await page.waitForTimeout(3000)
  const btn = page.getByTestId('density-smaller')
  console.log(path, 'buttons', await btn.count())
  if (await btn.count()) { await btn.first().click(); await page.waitForTimeout(1500); await btn.first().click().catch(e=>errors.push('click2 '+e)); await page.waitForTimeout(1500) }
  console.log(path, errors)
  await page.screenshot({ path: `/tmp/me/crash-${path.replace(/\//g, '_')}.png` })
  await page.close()
}
await browser.close()
