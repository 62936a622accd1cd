import { Dialog } from 'radix-ui'
import type { ReactNode } from 'react'
import { DialogFrame } from './dialog-frame'

export interface DrawerProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  children: ReactNode
  /** Stays in view under the scrolling body, e.g. the result count and a button to see them. */
  footer?: ReactNode
}

/**
 * A side sheet that is a true modal: focus stays inside, Esc or a click on the backdrop closes
 * it, and focus returns to what opened it.
 */
export function DrawerSheet({ open, onOpenChange, title, children, footer }: DrawerProps) {
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      overlayClassName="fixed inset-0 z-30 bg-black/40"
      // Esc in a filled text field clears the field first; the next Esc closes the drawer.
      onEscapeKeyDown={(e) => {
        const target = e.target
        if (target instanceof HTMLInputElement && target.value !== '' && /^(search|text)$/.test(target.type))
          e.preventDefault()
      }}
      className="fixed inset-y-0 left-0 z-30 flex w-[min(22rem,88vw)] flex-col bg-white text-neutral-900 shadow-xl outline-none dark:bg-neutral-900 dark:text-neutral-100"
    >
      <div className="flex shrink-0 items-center justify-between border-b border-neutral-200 px-4 py-3 dark:border-neutral-800">
        <Dialog.Title className="font-semibold">{title}</Dialog.Title>
        <Dialog.Close className="btn">Close</Dialog.Close>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-4">{children}</div>
      {footer && <div className="shrink-0 border-t border-neutral-200 px-4 py-3 dark:border-neutral-800">{footer}</div>}
    </DialogFrame>
  )
}

/** Closes the enclosing drawer. */
export const DrawerClose = Dialog.Close
