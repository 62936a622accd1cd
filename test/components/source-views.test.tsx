import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { loadAdapter } from '../../src/dialects/sources'
import type { SourceAdapter } from '../../src/dialects/types'
import { BUNDLED_SOURCES } from '../../src/sources/browser-store'
import { renderApp } from './render-app'

// What a source offers beyond its assets is said once, by the adapter's optional members. These
// tests hold every view to that: for each bundled source, a view's link in the navigation and
// its address answer exactly when the adapter has the member the view is built on. Every dialect
// is answered by the reference server.

const VIEWS = [
  { label: 'Projects', path: 'projects', member: 'projects' },
  { label: 'People', path: 'people', member: 'people' },
] as const satisfies readonly { label: string; path: string; member: keyof SourceAdapter }[]

const notFound = () => screen.queryByRole('heading', { name: 'Nothing here' })

describe.each(BUNDLED_SOURCES)('the $name source', (source) => {
  it.each(VIEWS)('links to $label and opens its address exactly when its adapter has `$member`', async (view) => {
    const has = (await loadAdapter(source))[view.member] !== undefined
    renderApp(`/${source.id}/${view.path}`)
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
    renderApp(`/${source.id}/assets`)
    await screen.findByRole('button', { name: 'Filters' }, { timeout: 5000 })
    expect(screen.queryByRole('button', { name: 'New asset' }) !== null).toBe(has)
  })
})
