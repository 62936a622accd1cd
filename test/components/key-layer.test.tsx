import { describe, expect, it, vi } from 'vitest'
import { keyHint, runKey, shortcutsOf, type KeyBinding } from '../../src/ui/key-layer'

function press(key: string, init: Partial<KeyboardEventInit> = {}, target: EventTarget = document.body) {
  const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init })
  Object.defineProperty(event, 'target', { value: target })
  return event
}

describe('key layer', () => {
  it('lists each binding as one row, its keys as the user reads them', () => {
    const bindings: KeyBinding[] = [
      { keys: ['ArrowLeft', 'k'], description: 'Previous', run: () => {} },
      { keys: ['Shift+F', 'Escape', '+'], description: 'Several', run: () => {} },
    ]
    expect(shortcutsOf(bindings)).toEqual([
      { keys: [['←'], ['K']], description: 'Previous' },
      { keys: [['Shift', 'F'], ['Esc'], ['+']], description: 'Several' },
    ])
    expect(keyHint(['ArrowLeft', 'k'])).toEqual({ shortcut: '← K', keys: 'ArrowLeft K' })
  })

  it('refuses a binding the ? overlay could not describe, and one with no key', () => {
    expect(() => shortcutsOf([{ keys: ['x'], description: ' ', run: () => {} }])).toThrow('Key x has no description.')
    expect(() => shortcutsOf([{ keys: [], description: 'Nothing', run: () => {} }])).toThrow('"Nothing" has no key.')
  })

  it('matches a letter in either case but not with Shift, and a shifted letter only with it', () => {
    const plain = vi.fn()
    const shifted = vi.fn()
    const bindings: KeyBinding[] = [
      { keys: ['f'], description: 'Boxes', run: plain },
      { keys: ['Shift+F'], description: 'Full screen', run: shifted },
    ]
    expect(runKey(bindings, press('f'))).toBe(true)
    expect(runKey(bindings, press('F'))).toBe(true) // Caps Lock
    expect(plain).toHaveBeenCalledTimes(2)
    expect(runKey(bindings, press('F', { shiftKey: true }))).toBe(true)
    expect(shifted).toHaveBeenCalledTimes(1)
    expect(plain).toHaveBeenCalledTimes(2)
  })

  it('reads = as + and _ as -, whatever Shift, and leaves Ctrl, ⌘ and Alt presses alone', () => {
    const zoom = vi.fn()
    const bindings: KeyBinding[] = [{ keys: ['+', '-'], description: 'Zoom', run: zoom }]
    expect(runKey(bindings, press('='))).toBe(true)
    expect(runKey(bindings, press('+', { shiftKey: true }))).toBe(true)
    expect(runKey(bindings, press('_', { shiftKey: true }))).toBe(true)
    expect(zoom.mock.calls.map(([key]) => key)).toEqual(['+', '+', '-'])
    for (const mod of ['ctrlKey', 'metaKey', 'altKey'] as const) {
      const event = press('+', { [mod]: true })
      expect(runKey(bindings, event)).toBe(false)
      expect(event.defaultPrevented).toBe(false)
    }
  })

  it('passes a key on when a binding declines it, and marks only a handled key', () => {
    const pan = vi.fn(() => false as const)
    const step = vi.fn()
    const bindings: KeyBinding[] = [
      { keys: ['ArrowRight'], description: 'Pan', run: pan },
      { keys: ['ArrowRight'], description: 'Step', run: step },
    ]
    const event = press('ArrowRight')
    expect(runKey(bindings, event)).toBe(true)
    expect(pan).toHaveBeenCalledOnce()
    expect(step).toHaveBeenCalledOnce()
    expect(event.defaultPrevented).toBe(true)
    const other = press('q')
    expect(runKey(bindings, other)).toBe(false)
    expect(other.defaultPrevented).toBe(false)
  })

  it('leaves keys typed into a field to the field, except Esc', () => {
    const run = vi.fn()
    const bindings: KeyBinding[] = [{ keys: ['l', 'Escape'], description: 'Like or leave', run }]
    const field = document.createElement('textarea')
    expect(runKey(bindings, press('l', {}, field))).toBe(false)
    expect(runKey(bindings, press('Escape', {}, field))).toBe(true)
    expect(run).toHaveBeenCalledExactlyOnceWith('Escape')
  })
})
