import { fireEvent, within } from '@testing-library/react'
import { expect } from 'vitest'

const KEY_OF_LABEL: Record<string, string> = {
  '←': 'ArrowLeft',
  '→': 'ArrowRight',
  '↑': 'ArrowUp',
  '↓': 'ArrowDown',
  Esc: 'Escape',
}

interface Press {
  key: string
  shiftKey: boolean
}

/** The presses the `?` overlay lists under `title`, read back from its rows' keys. */
export function listedPresses(overlay: HTMLElement, title: string): Press[] {
  const region = within(overlay).getByRole('region', { name: title })
  const presses: Press[] = []
  for (const row of region.querySelectorAll('dt')) {
    for (const combo of row.children) {
      const keys = Array.from(combo.querySelectorAll('kbd'), (kbd) => kbd.textContent ?? '')
      const last = keys.at(-1) ?? ''
      const key = KEY_OF_LABEL[last] ?? (last.length === 1 && !keys.includes('Shift') ? last.toLowerCase() : last)
      presses.push({ key, shiftKey: keys.includes('Shift') })
    }
  }
  return presses
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('')
/** Keys a view might answer to; `?` and Tab are the shortcuts overlay's and the focus trap's. */
const CANDIDATES: Press[] = [
  ...LETTERS.map((key) => ({ key, shiftKey: false })),
  ...LETTERS.map((key) => ({ key: key.toUpperCase(), shiftKey: true })),
  ...'0123456789+-=_/[],.'.split('').map((key) => ({ key, shiftKey: false })),
  ...[
    'ArrowLeft',
    'ArrowRight',
    'ArrowUp',
    'ArrowDown',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Enter',
    ' ',
    'Delete',
    'Backspace',
    'Escape',
  ].map((key) => ({ key, shiftKey: false })),
]

const same = (a: Press, b: Press) => a.key.toLowerCase() === b.key.toLowerCase() && a.shiftKey === b.shiftKey
/** `=` and `_` are the other faces of the `+` and `-` keys. */
const FACES: Record<string, string> = { '=': '+', _: '-' }

/**
 * Every key the view does not list goes unhandled on `target`: the press is not marked as taken
 * (fireEvent says so at once, no waiting). Returns how many were tried.
 */
export function expectOnlyListedHandled(target: HTMLElement, listed: readonly Press[]): number {
  let tried = 0
  for (const press of CANDIDATES) {
    const face = { ...press, key: FACES[press.key] ?? press.key }
    if (listed.some((l) => same(l, face))) continue
    tried++
    expect(
      fireEvent.keyDown(target, press),
      `${press.shiftKey ? 'Shift+' : ''}${press.key} is handled but not listed`,
    ).toBe(true)
  }
  return tried
}

/** Each listed key is handled on `target`: its press is marked as taken. */
export function expectListedHandled(target: HTMLElement, listed: readonly Press[]): void {
  for (const press of listed) {
    expect(fireEvent.keyDown(target, press), `${press.key} is listed but not handled`).toBe(false)
  }
}
