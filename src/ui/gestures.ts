import type { UserDragConfig } from '@use-gesture/react'

/**
 * What every drag here asks of the gesture library (`@use-gesture/react`): the primary button or
 * a finger, with the pointer captured so a drag goes on past the element's edge. Never the arrow
 * keys: those are the app's own keys (see `key-layer.ts`), not a drag by some pixels.
 */
export const POINTER_DRAG: UserDragConfig = { pointer: { keys: false } }
