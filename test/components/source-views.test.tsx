import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { loadAdapter } from '../../src/dialects/sources'
import type { SourceAdapter } from '../../src/dialects/types'
import { BUNDLED_SOURCES } from '../../src/sources/browser-store'
import { stubGalleryFetch } from '../fixtures/fake-piktid-gallery'
import { stubGumnutFetch } from '../fixtures/fake-gumnut-server'
import { scenarioPage } from '../fixtures/scenario'
import { vipanyaPage } from '../fixtures/vipanya'
import { mountApp } from './mount-app'

// What a source offers beyond its assets is said once, by the adapter's optional members. These
// tests hold every view to that: for each bundled source, a view's link in the navigation and
// its address answer exactly when the adapter has the member the view is built on.

const VIEWS = [
  { label: 'Projects', path: 'projects', member: 'projects' },
  { label: 'People', path: 'people', member: 'people' },
] as const satisfies readonly { label: string; path: string; member: keyof SourceAdapter }[]

/** Every bundled dialect's fake API over the PiktID one `mountApp` stubs, chosen by the path. */
function stubEveryDialect() {
  stubGalleryFetch([3])
  const piktid = globalThis.fetch
  stubGumnutFetch()
  const gumnut = globalThis.fetch
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } })
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), globalThis.location.origin).pathname
    if (path.startsWith('/api/gumnut/')) return gumnut(input, init)
    if (path.startsWith('/api/scenario/')) return json(scenarioPage(3))
    if (path.startsWith('/api/vipanya/')) return json(vipanyaPage(1, 100, 3))
    return piktid(input, init)
  })
}

const notFound = () => screen.queryByRole('heading', { name: 'Nothing here' })

describe.each(BUNDLED_SOURCES)('the $name source', (source) => {
  it.each(VIEWS)('links to $label and opens its address exactly when its adapter has `$member`', async (view) => {
    const has = (await loadAdapter(source))[view.member] !== undefined
    mountApp(`/${source.id}/${view.path}`, 500, stubEveryDialect)
    const nav = await screen.findByRole('navigation', { name: 'Views' }, { timeout: 5000 })
    expect(within(nav).queryByRole('link', { name: view.label }) !== null).toBe(has)
    if (has) {
      await screen.findByTestId('result-count', {}, { timeout: 5000 })
      expect(notFound()).toBeNull()
    } else {
      await waitFor(() => expect(notFound()).not.toBeNull())
    }
  })

  it('offers "New asset" exactly when its adapter has `createAsset`', async () => {
    const has = (await loadAdapter(source)).createAsset !== undefined
    mountApp(`/${source.id}/assets`, 500, stubEveryDialect)
    await screen.findByRole('button', { name: 'Filters' }, { timeout: 5000 })
    expect(screen.queryByRole('button', { name: 'New asset' }) !== null).toBe(has)
  })
})
