import { AlertDialog, Dialog } from 'radix-ui'
import type { ReactNode } from 'react'
import { DialogFrame } from './dialog-frame'
import { useFocusReturn } from './use-focus-return'

interface FormDialogProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: string
  children: ReactNode
}

/** A modal holding a form: focus stays inside, Esc or Cancel closes it, focus returns after. */
export function FormDialog({ open, onOpenChange, title, description, children }: FormDialogProps) {
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      overlayClassName="fixed inset-0 z-40 bg-black/40"
      // A form's fields describe themselves; a description is optional.
      described={Boolean(description)}
      className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(36rem,94vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl dark:bg-neutral-900"
    >
      <Dialog.Title className="text-lg font-semibold break-words">{title}</Dialog.Title>
      {description && (
        <Dialog.Description className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          {description}
        </Dialog.Description>
      )}
      <div className="mt-4">{children}</div>
    </DialogFrame>
  )
}

interface ConfirmDialogProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: string
  confirmLabel: string
  onConfirm: () => void
}

/** Asks before something that cannot be undone; Cancel has focus first. */
export function ConfirmDialog({ open, onOpenChange, title, description, confirmLabel, onConfirm }: ConfirmDialogProps) {
  const returnFocus = useFocusReturn(open)
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <AlertDialog.Content
          onCloseAutoFocus={returnFocus}
          className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,94vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl dark:bg-neutral-900"
        >
          <AlertDialog.Title className="text-lg font-semibold break-words">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-neutral-700 dark:text-neutral-300">
            {description}
          </AlertDialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel className="btn">Cancel</AlertDialog.Cancel>
            <AlertDialog.Action
              className="btn border-red-700 bg-red-700 text-white hover:bg-red-800 dark:border-red-600 dark:bg-red-700 dark:hover:bg-red-600"
              onClick={onConfirm}
            >
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
