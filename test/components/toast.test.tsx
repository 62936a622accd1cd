import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ShortcutsProvider } from '../../src/ui/shortcuts'
import { showToast, ToastRegion } from '../../src/ui/toast'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const mountRegion = () =>
  render(
    <ShortcutsProvider>
      <button type="button">Elsewhere</button>
      <ToastRegion />
    </ShortcutsProvider>,
  )

describe('the toast', () => {
  it('shows for 10 s without taking focus, and waits while the pointer is on it', () => {
    mountRegion()
    const elsewhere = screen.getByRole('button', { name: 'Elsewhere' })
    elsewhere.focus()
    const undo = vi.fn()
    act(() => showToast({ message: 'Liked 3 images.', onUndo: undo }))
    expect(screen.getByRole('status')).toHaveTextContent('Liked 3 images.')
    expect(document.activeElement).toBe(elsewhere)

    act(() => vi.advanceTimersByTime(9_900))
    expect(screen.getByTestId('toast')).toBeInTheDocument()
    fireEvent.pointerEnter(screen.getByTestId('toast'))
    act(() => vi.advanceTimersByTime(30_000))
    expect(screen.getByTestId('toast')).toBeInTheDocument()
    fireEvent.pointerLeave(screen.getByTestId('toast'))
    act(() => vi.advanceTimersByTime(10_000))
    expect(screen.queryByTestId('toast')).not.toBeInTheDocument()

    // Gone, its Ctrl+Z is gone too.
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true })
    expect(undo).not.toHaveBeenCalled()
  })

  it('Ctrl+Z or ⌘+Z undoes once, but not while typing in a field', () => {
    mountRegion()
    const undo = vi.fn()
    act(() => showToast({ message: 'Disliked 2 images.', onUndo: undo }))
    const field = document.createElement('input')
    document.body.append(field)
    fireEvent.keyDown(field, { key: 'z', ctrlKey: true })
    expect(undo).not.toHaveBeenCalled()
    fireEvent.keyDown(document.body, { key: 'z', metaKey: true })
    expect(undo).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument()
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true })
    expect(undo).toHaveBeenCalledTimes(1)
    field.remove()
  })
})
