import { Tooltip } from 'radix-ui'
import type { ReactElement } from 'react'

interface TipProps {
  /** What the control does, in words. */
  label: string
  /** The key that does the same, shown after the label. */
  shortcut?: string
  children: ReactElement
}

/**
 * A tooltip for an icon-only control, on hover and keyboard focus. The control still needs its
 * own `aria-label`; the tip is for sighted users who do not know the icon.
 */
export function Tip({ label, shortcut, children }: TipProps) {
  return (
    <Tooltip.Provider delayDuration={400}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            sideOffset={6}
            className="z-[60] rounded bg-neutral-900 px-2 py-1 text-xs text-white shadow dark:bg-neutral-100 dark:text-neutral-900"
          >
            {label}
            {shortcut && <kbd className="ml-2 font-mono opacity-90">{shortcut}</kbd>}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  )
}
