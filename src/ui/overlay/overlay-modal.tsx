import type { ReactNode } from 'react'
import { Modal, ModalHeader } from '../dialog'
import { keyHint } from '../key-layer'
import { ShortcutsButton } from '../shortcuts'
import { TipButton } from '../tooltip'
import type { ListOverlay } from './use-list-overlay'

interface OverlayModalProps {
  overlay: ListOverlay
  /** The view's key layer (`useKeyLayer`); it takes Esc too. */
  onKey: (e: KeyboardEvent | React.KeyboardEvent) => void
  title: string
  position: ReactNode
  /** The close button's name and, when it says more, its tooltip. */
  closeLabel: string
  closeTip?: string
  /** The toolbar's own buttons, after the shortcuts button. */
  toolbar: ReactNode
  children: ReactNode
}

/** The full-screen frame of a view over a grid: its header, its keys, and focus back on close. */
export function OverlayModal(props: OverlayModalProps) {
  const { overlay, onKey, title, position, closeLabel, closeTip, toolbar, children } = props
  return (
    <Modal
      onClose={overlay.close}
      onKeyDown={onKey}
      onEscapeKeyDown={onKey}
      onCloseAutoFocus={overlay.onCloseAutoFocus}
      className="fixed inset-0 z-40 flex flex-col bg-neutral-950 text-neutral-100 outline-none"
    >
      <ModalHeader
        title={title}
        position={position}
        close={
          <TipButton label={closeLabel} tip={closeTip} shortcut="Esc" keys="Escape" onClick={overlay.close}>
            ✕
          </TipButton>
        }
      >
        <ShortcutsButton className="btn-dark hidden px-3 text-sm sm:inline-flex" />
        {toolbar}
      </ModalHeader>
      {children}
    </Modal>
  )
}

interface StepButtonsProps {
  overlay: ListOverlay
  /** What one item is called in the buttons' names: "asset", "image". */
  noun: string
  /** The keys of the bindings that step back and on. */
  backKeys: readonly string[]
  onKeys: readonly string[]
}

/** The ← and → buttons of an overlay. */
export function StepButtons({ overlay, noun, backKeys, onKeys }: StepButtonsProps) {
  return (
    <>
      <TipButton
        label={`Previous ${noun}`}
        {...keyHint(backKeys)}
        onClick={() => overlay.step(-1)}
        disabled={!overlay.canStepBack}
      >
        ←
      </TipButton>
      <TipButton
        label={`Next ${noun}`}
        {...keyHint(onKeys)}
        onClick={() => overlay.step(1)}
        disabled={!overlay.canStepOn}
      >
        →
      </TipButton>
    </>
  )
}

/** Said while a step waits for the neighbour's page, or when that page failed. */
export function StepStatus({ overlay, noun }: { overlay: ListOverlay; noun: string }) {
  if (overlay.stepState === 'idle') return null
  return (
    <p role="status" className="absolute right-4 bottom-4 z-10 rounded bg-black/70 px-2 py-1 text-sm">
      {overlay.stepState === 'loading' ? 'Loading the next page…' : `Could not load the next ${noun}. Try again.`}
    </p>
  )
}
