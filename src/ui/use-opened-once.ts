import { useState } from 'react'

/**
 * True from the first time `open` is true on. A dialog whose code loads on demand mounts then,
 * and stays mounted afterwards so that it closes as a dialog does (handing focus back).
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open)
  // Adjusting state while rendering, as React documents for state derived from a prop.
  if (open && !opened) setOpened(true)
  return opened || open
}
