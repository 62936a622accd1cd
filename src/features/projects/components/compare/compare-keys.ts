import type { KeyBinding } from '../../../../ui/key-layer'
import type { ZoomController } from '../../../../ui/zoomable-image'
import { zoomBindings } from '../../../../ui/zoom-keys'

/** How the panes are shown: all side by side, or two of them (A and B) in one box. */
export type CompareMode = 'side' | 'wipe' | 'blink'

/** How far `[` and `]` move the wipe line, in percent of the box. */
const WIPE_STEP = 5

interface CompareActions {
  zoom: ZoomController
  /** Null when only one pane is shown: no A/B then. */
  setMode: ((mode: CompareMode) => void) | null
  switchSet: () => void
  swap: () => void
  /** Blink: the other of A and B, by hand (the automatic blink stops). */
  flip: () => void
  moveWipe: (by: number) => void
  leave: () => void
}

/**
 * Compare's keys, ahead of the review's while it is open (its arrows pan a zoomed image and else
 * step as the review's do; its `0` fits rather than clearing the verdict).
 */
export function compareBindings(c: CompareActions): KeyBinding[] {
  const { setMode } = c
  const modes: KeyBinding[] = setMode
    ? [
        { keys: ['s'], description: 'Compare: all side by side', run: () => setMode('side') },
        {
          keys: ['w'],
          description: 'Compare: wipe between A and B (drag the slider, or [ and ])',
          run: () => setMode('wipe'),
        },
        { keys: ['b'], description: 'Compare: blink between A and B every half second', run: () => setMode('blink') },
        { keys: ['t'], description: 'Blink: show the other of A and B now (stops the blink)', run: c.flip },
        { keys: ['x'], description: 'Swap A and B', run: c.swap },
        {
          keys: ['[', ']'],
          description: 'Wipe: move the line left or right',
          run: (key) => c.moveWipe(key === '[' ? -WIPE_STEP : WIPE_STEP),
        },
      ]
    : []
  return [
    ...zoomBindings(c.zoom),
    {
      keys: ['v'],
      description: 'Compare the output with its inputs, or the versions of its image index',
      run: c.switchSet,
    },
    ...modes,
    { keys: ['Escape'], description: 'Leave compare (a second Esc closes the review)', run: c.leave },
  ]
}
