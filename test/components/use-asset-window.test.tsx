import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { BUNDLED_SOURCES } from '../../src/dialects/sources'
import { useAssetWindow } from '../../src/features/assets/use-asset-window'
import { stubPiktidFetch } from '../fixtures/fake-piktid-server'

const source = BUNDLED_SOURCES[0]!
const filters = {}

function setup(total: number) {
  const server = stubPiktidFetch(total)
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  )
  const hook = renderHook(() => useAssetWindow(source, filters), { wrapper })
  return { ...server, hook }
}

describe('asset window', () => {
  it('starts with the first page and the API total', async () => {
    const { hook } = setup(5000)
    await waitFor(() => expect(hook.result.current.items).toHaveLength(100))
    expect(hook.result.current.total).toBe(5000)
    expect(hook.result.current.itemAt(0)?.id).toBe('as00000')
    expect(hook.result.current.indexOf('as00042')).toBe(42)
  })

  it('loads the next page as the visible range nears the end of what is loaded', async () => {
    const { hook, pagesRequested } = setup(5000)
    await waitFor(() => expect(hook.result.current.items).toHaveLength(100))
    act(() => hook.result.current.show({ startIndex: 60, endIndex: 95 }))
    await waitFor(() => expect(hook.result.current.items).toHaveLength(200))
    expect(pagesRequested()).toEqual([1, 2])
  })

  it('keeps memory bounded: pages far behind the viewport are dropped while scrolling on', async () => {
    const { hook } = setup(5000)
    await waitFor(() => expect(hook.result.current.items).toHaveLength(100))
    for (let start = 0; start <= 1500; start += 50) {
      act(() => hook.result.current.show({ startIndex: start, endIndex: start + 40 }))
      await waitFor(() =>
        expect(hook.result.current.start + hook.result.current.items.length).toBeGreaterThan(start + 40),
      )
    }
    const { start, items } = hook.result.current
    expect(items.length).toBeLessThanOrEqual(600)
    expect(start).toBeGreaterThan(900)
    expect(hook.result.current.itemAt(0)).toBeUndefined()
    expect(hook.result.current.itemAt(1500)?.id).toBe('as01500')
  })

  it('jumps to a far place without paging through everything in between, and pages back from there', async () => {
    const { hook, pagesRequested } = setup(5000)
    await waitFor(() => expect(hook.result.current.items).toHaveLength(100))
    act(() => hook.result.current.show({ startIndex: 4240, endIndex: 4260 }))
    await waitFor(() => expect(hook.result.current.itemAt(4240)?.id).toBe('as04240'))
    expect(pagesRequested()).toEqual([1, 43])
    act(() => hook.result.current.show({ startIndex: 4190, endIndex: 4210 }))
    await waitFor(() => expect(hook.result.current.start).toBe(4100))
    expect(pagesRequested()).toEqual([1, 43, 42])
  })

  it('reports an empty result as zero items', async () => {
    const { hook } = setup(0)
    await waitFor(() => expect(hook.result.current.total).toBe(0))
    expect(hook.result.current.items).toHaveLength(0)
  })
})
