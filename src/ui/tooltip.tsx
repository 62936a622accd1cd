import { Tooltip } from 'radix-ui'
import type { ComponentProps, ReactElement } from 'react'

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

interface TipButtonProps extends Omit<ComponentProps<'button'>, 'aria-label' | 'type'> {
  /** The button's accessible name, and its tooltip unless `tip` says otherwise. */
  label: string
  tip?: string
  /** The key as the tooltip shows it (`←`), and as `aria-keyshortcuts` names it (`ArrowLeft`). */
  shortcut?: string
  keys?: string
}

/** An icon-only button with its tooltip and keyboard shortcut: the viewers' toolbar buttons. */
export function TipButton({ label, tip, shortcut, keys, className = 'btn-dark', ...button }: TipButtonProps) {
  return (
    <Tip label={tip ?? label} shortcut={shortcut}>
      <button type="button" className={className} aria-label={label} aria-keyshortcuts={keys} {...button} />
    </Tip>
  )
}
