import { Dialog } from 'radix-ui'
import type { ReactNode } from 'react'
import { DialogFrame } from './dialog-frame'
import type { Scope, Shortcut } from './shortcuts'

interface ShortcutsDialogProps {
  scopes: readonly Scope[]
  open: boolean
  onOpenChange: (open: boolean) => void
  onCloseAutoFocus: (event: Event) => void
}

/** The `?` overlay's list: every key of the views on screen, topmost view first. */
export function ShortcutsDialog({ scopes, open, onOpenChange, onCloseAutoFocus }: ShortcutsDialogProps) {
  const shown = [...scopes].reverse()
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      overlayClassName="fixed inset-0 z-50 bg-black/50"
      onCloseAutoFocus={onCloseAutoFocus}
      className="fixed top-1/2 left-1/2 z-50 max-h-[85vh] w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 text-neutral-900 shadow-xl dark:bg-neutral-900 dark:text-neutral-100"
    >
      <div className="mb-3 flex items-center justify-between gap-4">
        <Dialog.Title className="text-lg font-semibold">Keyboard shortcuts</Dialog.Title>
        <Dialog.Close className="btn">Close</Dialog.Close>
      </div>
      {shown.length === 0 && <p>This view has no keyboard shortcuts.</p>}
      {shown.map((scope) => (
        <section key={scope.id} className="mt-4 first-of-type:mt-0" aria-labelledby={`shortcuts-${scope.id}`}>
          <h3
            id={`shortcuts-${scope.id}`}
            className="mb-2 text-sm font-semibold tracking-wide text-neutral-700 uppercase dark:text-neutral-300"
          >
            {scope.title}
          </h3>
          <dl className="grid grid-cols-[minmax(0,13rem)_1fr] gap-x-4 gap-y-2 text-sm">
            {scope.entries.map((entry) => (
              <ShortcutRow key={entry.description} entry={entry} />
            ))}
          </dl>
        </section>
      ))}
      <p className="mt-4 text-sm text-neutral-700 dark:text-neutral-300">
        Press <Key>?</Key> to show this list, <Key>Esc</Key> to close it.
      </p>
    </DialogFrame>
  )
}

function ShortcutRow({ entry }: { entry: Shortcut }) {
  return (
    <>
      <dt className="flex flex-wrap items-center gap-1">
        {entry.keys.map((combo, i) => (
          <span key={combo.join('+')} className="flex items-center gap-1 whitespace-nowrap">
            {i > 0 && <span className="text-neutral-700 dark:text-neutral-300">or</span>}
            {combo.map((key, j) => (
              <span key={key} className="flex items-center gap-1">
                {j > 0 && <span aria-hidden="true">+</span>}
                <Key>{key}</Key>
              </span>
            ))}
          </span>
        ))}
      </dt>
      <dd>{entry.description}</dd>
    </>
  )
}

function Key({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded border border-neutral-300 bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-900 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100">
      {children}
    </kbd>
  )
}
