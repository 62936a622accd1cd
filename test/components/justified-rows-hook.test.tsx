import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useJustifiedRows } from '../../src/grid/use-justified-rows'

interface Item {
  aspect: number
}

const loaded = (count: number, aspect: number) => {
  const items: Item[] = Array.from({ length: count }, () => ({ aspect }))
  return (index: number) => items[index]
}
const none = () => undefined
const aspectOf = (item: Item) => item.aspect
type Props = Parameters<typeof useJustifiedRows<Item>>[0]
const useRows = (props: Props) => useJustifiedRows<Item>(props)

describe('justified rows for a grid', () => {
  it('keeps the rows of items whose pages the window dropped, until the list changes', () => {
    const first: Props = { owner: 'list-a', count: 128, itemAt: loaded(128, 2), aspectOf }
    const { result, rerender } = renderHook(useRows, { initialProps: first })
    const laidOut = result.current(1000, 200, 8)!.rows
    // Wide images: about two a row, not the four squares an unknown block is estimated at.
    expect(laidOut).toBeGreaterThan(40)

    rerender({ ...first, itemAt: none })
    expect(result.current(1000, 200, 8)!.rows).toBe(laidOut)

    rerender({ ...first, owner: 'list-b', itemAt: none })
    expect(result.current(1000, 200, 8)!.rows).toBe(32)
  })

  it('gives no rows for a square grid or before the grid has a width', () => {
    const props: Props = { owner: 'x', count: 10, itemAt: loaded(10, 1), aspectOf }
    const { result, rerender } = renderHook(useRows, { initialProps: props })
    expect(result.current(0, 200, 8)).toBeNull()
    expect(result.current(800, 200, 8)).not.toBeNull()
    rerender({ ...props, aspectOf: undefined })
    expect(result.current(800, 200, 8)).toBeNull()
  })
})
