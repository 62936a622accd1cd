import { lazy, Suspense } from 'react'
import type { DrawerProps } from './drawer-sheet'
import { useOpenedOnce } from './use-opened-once'

const DrawerSheet = lazy(() => import('./drawer-sheet').then((m) => ({ default: m.DrawerSheet })))

/**
 * A side sheet that is a true modal: focus stays inside, Esc or a click on the backdrop closes
 * it, and focus returns to what opened it. Its code loads the first time it opens.
 */
export function Drawer(props: DrawerProps) {
  if (!useOpenedOnce(props.open)) return null
  return (
    <Suspense fallback={null}>
      <DrawerSheet {...props} />
    </Suspense>
  )
}

/** Closes the enclosing drawer. */
export const DrawerClose = lazy(() => import('./drawer-sheet').then((m) => ({ default: m.DrawerClose })))
