import { Dialog } from 'radix-ui'
import type { ComponentProps, ReactNode } from 'react'
import { useFocusReturn } from './use-focus-return'

type ContentProps = Pick<
  ComponentProps<typeof Dialog.Content>,
  'onOpenAutoFocus' | 'onCloseAutoFocus' | 'onEscapeKeyDown' | 'className'
>

interface DialogFrameProps extends ContentProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The backdrop's classes: its layer and its shade. */
  overlayClassName: string
  /** The dialog holds a `Dialog.Description`; without one, radix is told there is none. */
  described?: boolean
  children: ReactNode
}

/**
 * A modal dialog opened by state (the filter drawer, the `?` list, a form): a backdrop, focus
 * kept inside, Esc or a click on the backdrop closes it. Name it with a `Dialog.Title` inside.
 * Closed, it gives focus back to what had it when it opened, unless `onCloseAutoFocus` says
 * otherwise: a radix modal returns focus only to its own Trigger, and these open from a key or
 * by state too.
 */
export function DialogFrame({
  open,
  onOpenChange,
  overlayClassName,
  described = false,
  children,
  onCloseAutoFocus,
  ...content
}: DialogFrameProps) {
  const returnFocus = useFocusReturn(open)
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClassName} />
        <Dialog.Content
          {...(described ? {} : { 'aria-describedby': undefined })}
          aria-modal="true"
          onCloseAutoFocus={onCloseAutoFocus ?? returnFocus}
          {...content}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
