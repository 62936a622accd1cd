import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { LazyTip } from '../../src/ui/lazy-tip'

describe('a tip whose code loads on first use', () => {
  it('draws the control alone until it is used, and keeps the control’s own handlers', async () => {
    const onFocus = vi.fn()
    render(
      <LazyTip label="Pick a date">
        <button type="button" aria-label="Calendar" onFocus={onFocus} />
      </LazyTip>,
    )
    expect(screen.queryByRole('tooltip')).toBeNull()
    expect(screen.getByRole('button', { name: 'Calendar' }).parentElement).toBe(document.body.firstElementChild)
    await userEvent.tab()
    expect(onFocus).toHaveBeenCalled()
  })

  it('shows the tip on keyboard focus, and focus stays on the control drawn anew', async () => {
    render(
      <>
        <button type="button">Before</button>
        <LazyTip label="Pick a date">
          <button type="button" aria-label="Calendar" />
        </LazyTip>
      </>,
    )
    await userEvent.tab()
    await userEvent.tab()
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Pick a date')
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Calendar' }))
  })

  it('shows the tip on hover', async () => {
    render(
      <LazyTip label="Could not render: timeout">
        <a href="#tile">tile</a>
      </LazyTip>,
    )
    await userEvent.hover(screen.getByRole('link', { name: 'tile' }))
    // The control is drawn anew under the pointer; the next move over it opens the tip.
    await userEvent.hover(await screen.findByRole('link', { name: 'tile' }))
    expect(await screen.findByRole('tooltip', {}, { timeout: 5000 })).toHaveTextContent('Could not render: timeout')
  })
})
