import { Dialog } from 'radix-ui'
import type { ComponentProps, ReactNode } from 'react'
import { useFocusReturn } from './use-focus-return'

interface ModalProps {
  /** Called when the user asks to close it: Esc, or a `ModalClose` inside. */
  onClose: () => void
  children: ReactNode
  className?: string
  /**
   * Where focus goes when it closes; call `event.preventDefault()` to place it yourself. By
   * default it returns to what had focus when the modal opened.
   */
  onCloseAutoFocus?: (event: Event) => void
  onKeyDown?: ComponentProps<typeof Dialog.Content>['onKeyDown']
  /** Esc was pressed; `event.preventDefault()` keeps the modal open (e.g. to close a form inside). */
  onEscapeKeyDown?: (event: KeyboardEvent) => void
  /** An accessible description's element id, when the dialog has one. */
  'aria-describedby'?: string
}

/**
 * A modal that is open while it is mounted (a route's view, such as the viewer): focus stays
 * inside, Esc closes it, and the page behind it is hidden from assistive technology. Name it
 * with a `ModalTitle` somewhere inside.
 */
export function Modal({ onClose, children, className, onCloseAutoFocus, onKeyDown, ...rest }: ModalProps) {
  const returnFocus = useFocusReturn(true)
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Content
          aria-describedby={rest['aria-describedby']}
          aria-modal="true"
          className={className}
          // The dialog itself takes focus, so opening it does not pop a button's tooltip.
          onOpenAutoFocus={(e) => {
            e.preventDefault()
            if (e.target instanceof HTMLElement) e.target.focus()
          }}
          onKeyDown={onKeyDown}
          onEscapeKeyDown={rest.onEscapeKeyDown}
          onCloseAutoFocus={onCloseAutoFocus ?? returnFocus}
          // note: a full-screen modal has no outside to click; other layers (tooltips, the
          // shortcuts overlay) sit above it and must not close it.
          onInteractOutside={(e) => e.preventDefault()}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

/** The modal's name (a heading); the dialog is labelled by it. */
export function ModalTitle(props: ComponentProps<typeof Dialog.Title>) {
  return <Dialog.Title {...props} />
}

interface ModalHeaderProps {
  /** The modal's name: the item shown (a file name), or what it is waiting for. */
  title: string
  /** Where the item sits in its list ("3 of 120"). */
  position?: ReactNode
  /** The toolbar's buttons. */
  children: ReactNode
  /** The close button, kept beside the title. */
  close: ReactNode
}

/**
 * The bar over a full-screen modal (the viewer, the review): its title, the position, the toolbar
 * and the close button, in one row from 640 px up. On a phone the title takes the first row with
 * the close button (up to two lines, then an ellipsis) and the toolbar a row of its own, so
 * neither squeezes the other. The whole title is its tooltip.
 */
export function ModalHeader({ title, position, children, close }: ModalHeaderProps) {
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1.5 border-b border-neutral-800 px-3 py-2">
      <ModalTitle
        dir="auto"
        title={title}
        className="line-clamp-2 min-w-0 flex-1 font-medium break-words sm:line-clamp-1"
      >
        {title}
      </ModalTitle>
      <div className="order-last flex w-full flex-wrap items-center justify-end gap-2 sm:order-none sm:w-auto">
        {position && <div className="mr-auto text-sm text-neutral-300 sm:mr-0">{position}</div>}
        {children}
      </div>
      {close}
    </div>
  )
}
