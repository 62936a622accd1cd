import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useListOverlay } from '../../src/ui/overlay/use-list-overlay'

// The hook asks the router only how the overlay was opened, and goes Back.
const router = vi.hoisted(() => ({
  state: { location: { state: {} as Record<string, unknown> } },
  history: { back: vi.fn() },
}))
vi.mock('@tanstack/react-router', () => ({ useRouter: () => router }))

interface Item {
  key: string
}

/** A list of `count` items of which the first `loaded` are held; `collect` waits for `release`. */
function fakeList(count: number, loaded: number) {
  const items: Item[] = Array.from({ length: count }, (_, i) => ({ key: `i${i}` }))
  let settle: { resolve: () => void; reject: (e: Error) => void } | null = null
  const list = {
    count,
    exact: true,
    indexOf: (key: string) => items.findIndex((item, i) => i < loaded && item.key === key),
    itemAt: (index: number) => (index < loaded ? items[index] : undefined),
    collect: vi.fn(
      (from: number) =>
        new Promise<{ index: number; item: Item }[]>((resolve, reject) => {
          settle = { resolve: () => resolve([{ index: from, item: items[from]! }]), reject }
        }),
    ),
  }
  return { list, items, settle: () => settle! }
}

function mountOverlay(list: ReturnType<typeof fakeList>['list'], openKey: string) {
  const options = {
    list,
    show: vi.fn<(item: Item) => void>(),
    keyOf: (item: Item) => item.key,
    reveal: vi.fn<(index: number) => void>(),
    leave: vi.fn(),
    focusTile: vi.fn<(key: string) => void>(),
    warmUrl: () => null,
  }
  const hook = renderHook(
    ({ key }: { key: string | undefined }) => useListOverlay<Item>({ ...options, openKey: key }),
    {
      initialProps: { key: openKey as string | undefined },
    },
  )
  return { ...hook, ...options }
}

describe('the overlay over a grid (viewer and review)', () => {
  it('steps within the loaded list at once', () => {
    const { list, items } = fakeList(10, 5)
    const overlay = mountOverlay(list, 'i2')
    expect(overlay.result.current.index).toBe(2)
    act(() => overlay.result.current.step(-1))
    expect(overlay.show).toHaveBeenCalledExactlyOnceWith(items[1])
    expect(overlay.reveal).not.toHaveBeenCalled()
  })

  it('shows the item stepped to at once, before the URL follows, and follows the URL when it moves elsewhere', () => {
    const { list } = fakeList(10, 10)
    const overlay = mountOverlay(list, 'i2')
    // Two quick presses: both show at once, the URL still on i2.
    act(() => overlay.result.current.step(1))
    expect(overlay.result.current).toMatchObject({ key: 'i3', index: 3 })
    act(() => overlay.result.current.step(1))
    expect(overlay.result.current).toMatchObject({ key: 'i4', index: 4 })
    // The URL catching up with the first press does not move the view back.
    overlay.rerender({ key: 'i3' })
    expect(overlay.result.current.key).toBe('i4')
    overlay.rerender({ key: 'i4' })
    expect(overlay.result.current.key).toBe('i4')
    // Back, Forward or a link: the URL's item is shown.
    overlay.rerender({ key: 'i7' })
    expect(overlay.result.current).toMatchObject({ key: 'i7', index: 7 })
    // ...even one shown before by a step, once the URL has caught up.
    overlay.rerender({ key: 'i3' })
    expect(overlay.result.current.key).toBe('i3')
  })

  it('steps past the loaded list: moves the list there, says so, and shows the neighbour when its page arrives', async () => {
    const { list, items, settle } = fakeList(10, 5)
    const overlay = mountOverlay(list, 'i4')
    expect(overlay.result.current.canStepOn).toBe(true)
    act(() => overlay.result.current.step(1))
    expect(overlay.reveal).toHaveBeenCalledExactlyOnceWith(5)
    expect(list.collect).toHaveBeenCalledWith(5, 5, expect.any(AbortSignal))
    expect(overlay.result.current.stepState).toBe('loading')
    // A second step while the first waits is not a second request.
    act(() => overlay.result.current.step(1))
    expect(list.collect).toHaveBeenCalledOnce()
    act(() => settle().resolve())
    await waitFor(() => expect(overlay.show).toHaveBeenCalledExactlyOnceWith(items[5]))
    expect(overlay.result.current.stepState).toBe('idle')
  })

  it('says when the neighbour’s page could not be loaded, and steps again after', async () => {
    const { list, settle } = fakeList(10, 5)
    const overlay = mountOverlay(list, 'i4')
    act(() => overlay.result.current.step(1))
    act(() => settle().reject(new Error('offline')))
    await waitFor(() => expect(overlay.result.current.stepState).toBe('failed'))
    expect(overlay.show).not.toHaveBeenCalled()
    act(() => overlay.result.current.step(1))
    expect(list.collect).toHaveBeenCalledTimes(2)
  })

  it('stops at the ends of a list whose length is known', () => {
    const { list, items } = fakeList(3, 3)
    const overlay = mountOverlay(list, 'i2')
    expect(overlay.result.current.canStepOn).toBe(false)
    act(() => overlay.result.current.step(1))
    act(() => overlay.result.current.step(-1))
    // The step back happened; the one past the end did nothing before it.
    expect(overlay.show).toHaveBeenCalledExactlyOnceWith(items[1])
    expect(overlay.reveal).not.toHaveBeenCalled()
  })

  it('closes with Back when opened from the grid, else its own way, and focuses the last item shown', () => {
    const { list } = fakeList(10, 5)
    const overlay = mountOverlay(list, 'i3')
    router.state.location.state = { fromGrid: true }
    act(() => overlay.result.current.close())
    expect(router.history.back).toHaveBeenCalledOnce()
    router.state.location.state = {}
    act(() => overlay.result.current.close())
    expect(overlay.leave).toHaveBeenCalledOnce()
    // The route is gone while the modal closes: the item shown stays.
    overlay.rerender({ key: undefined })
    expect(overlay.result.current.key).toBe('i3')
    const event = new Event('focusout', { cancelable: true })
    overlay.result.current.onCloseAutoFocus(event)
    expect(event.defaultPrevented).toBe(true)
    expect(overlay.focusTile).toHaveBeenCalledExactlyOnceWith('i3')
  })
})
