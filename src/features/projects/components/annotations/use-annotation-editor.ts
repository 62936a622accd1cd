import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  ANNOTATIONS_MAX,
  type Annotation,
  type AnnotationTag,
  type ProjectImage,
} from '../../../../dialects/project-types'
import { giveVerdict } from '../../feedback'
import { ANNOTATION_TAG_LABELS } from '../../format'
import { isPin, type Box } from './geometry'

/** A box being placed before it is an annotation: from the keyboard (focused, moved by arrows) or a drag. */
interface Draft {
  box: Box
  byKey: boolean
}

/**
 * The annotation tools of the image on review: whether they are open, what is selected or being
 * drawn, and every completed edit saved at once as the image's whole list (through `giveVerdict`,
 * so it is persisted and retried like a verdict). A move in progress (a drag, a held arrow key) is
 * shown and saved when it ends. Everything resets when another image is shown.
 */
export interface AnnotationEditor {
  /** The image's annotations as shown: the saved and pending ones, with a move in progress applied. */
  annotations: readonly Annotation[]
  /** Only an output can be annotated; without one the list is read-only. */
  editable: boolean
  /** At `ANNOTATIONS_MAX`: nothing more can be added. */
  full: boolean
  isOpen: boolean
  /** Opens the tools, focus on their first control (for a key that sends an image to retouch, say); nothing without an output. */
  open: () => void
  close: () => void
  toggle: () => void
  /** Esc: ends the drawing, else the selection, else closes the tools; false when nothing was open. */
  escape: () => boolean
  selected: number | null
  /** Selects annotation `index` (opening the tools, where it can be edited), or none. */
  select: (index: number | null) => void
  draft: Draft | null
  startDraft: (kind: 'box' | 'pin') => void
  setDraft: (draft: Draft | null) => void
  /** Adds `box` as an annotation (the last tag chosen, no note), selects it, and ends the draft. */
  add: (box: Box, byKey: boolean) => void
  /** Shows annotation `index` at `box` while it moves (a drag, a held arrow key); `escape` drops it. */
  preview: (index: number, box: Box) => void
  /** The move of annotation `index` ended at `box`: saved, when it moved. */
  commit: (index: number, box: Box) => void
  update: (index: number, change: Partial<Annotation>) => void
  remove: (index: number) => void
  /**
   * Where focus is to go once drawn: the tools' first control (on opening), the selected
   * annotation's tag field (after a keyboard placement) or its mark on the image (after a drag or
   * a tap, so its keys work at once); `focused` says it went.
   */
  focus: Focus
  focused: () => void
}

interface State {
  key: string
  isOpen: boolean
  selected: number | null
  draft: Draft | null
  /**
   * An annotation moved and not yet in the image's list: shown over the list it was moved from
   * (`base`) until that list changes (the save's pending list arrives, or a refusal rolls it back).
   */
  moving: { index: number; box: Box; base: readonly Annotation[] } | null
  focus: Focus
}

type Focus = 'tools' | 'fields' | 'mark' | null

const closed = (key: string): State => ({
  key,
  isOpen: false,
  selected: null,
  draft: null,
  moving: null,
  focus: null,
})

const NONE: readonly Annotation[] = []

/** Where a keyboard-made box or pin starts: in the middle of the image. */
const START: Record<'box' | 'pin', Box> = {
  box: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 },
  pin: { x: 0.5, y: 0.5, w: 0, h: 0 },
}

/** What assistive technology calls annotation `index`: "Box 2: Hands — sleeve seam". */
export function describeAnnotation(annotation: Annotation, index: number): string {
  const kind = isPin(annotation) ? 'Pin' : 'Box'
  const note = annotation.note.trim()
  return `${kind} ${index + 1}: ${ANNOTATION_TAG_LABELS[annotation.tag]}${note ? ` — ${note}` : ''}`
}

/** `onClose` runs when the user closes the tools (Done, E or Esc), not when the image changes. */
export function useAnnotationEditor(
  sourceId: string,
  image: ProjectImage | undefined,
  onClose?: () => void,
): AnnotationEditor {
  const client = useQueryClient()
  const key = image?.key ?? ''
  const [held, setHeld] = useState<State>(() => closed(key))
  const [lastTag, setLastTag] = useState<AnnotationTag>('other')
  // Another image: start over (also when coming back to this one later).
  if (held.key !== key) setHeld(closed(key))
  const state = held.key === key ? held : closed(key)
  const change = (next: (s: State) => Partial<State>) =>
    setHeld((prev) => {
      const base = prev.key === key ? prev : closed(key)
      return { ...base, ...next(base) }
    })

  const editable = Boolean(image?.outputUrl)
  const saved = image?.annotations ?? NONE
  const { moving } = state
  const annotations =
    moving && moving.base === saved ? saved.map((a, i) => (i === moving.index ? { ...a, ...moving.box } : a)) : saved
  const full = saved.length >= ANNOTATIONS_MAX

  const save = (list: readonly Annotation[]) => {
    if (!image || !editable) return
    giveVerdict(client, {
      sourceId,
      key: image.key,
      name: image.name,
      change: { jobId: image.jobId, imageIndex: image.imageIndex, groupIndex: image.groupIndex, annotations: list },
    })
  }
  const open = () => {
    if (editable) change(() => ({ isOpen: true, focus: 'tools' }))
  }
  const close = () => {
    change(() => ({ isOpen: false, selected: null, draft: null, moving: null }))
    if (state.isOpen) onClose?.()
  }

  return {
    annotations,
    editable,
    full,
    isOpen: state.isOpen,
    open,
    close,
    toggle: () => (state.isOpen ? close() : open()),
    escape: () => {
      if (state.draft || state.moving) change(() => ({ draft: null, moving: null }))
      else if (state.selected !== null) change(() => ({ selected: null }))
      else if (state.isOpen) close()
      else return false
      return true
    },
    selected: state.selected,
    select: (index) => change((s) => ({ selected: index, isOpen: s.isOpen || (editable && index !== null) })),
    draft: state.draft,
    startDraft: (kind) => {
      if (editable && !full) change(() => ({ draft: { box: START[kind], byKey: true }, selected: null }))
    },
    setDraft: (draft) => change(() => ({ draft })),
    add: (box, byKey) => {
      if (full) return change(() => ({ draft: null }))
      save([...saved, { ...box, tag: lastTag, note: '' }])
      change(() => ({ draft: null, selected: saved.length, focus: byKey ? 'fields' : 'mark' }))
    },
    preview: (index, box) => change(() => ({ moving: { index, box, base: saved } })),
    commit: (index, box) => {
      const before = saved[index]
      const moved = before !== undefined && (['x', 'y', 'w', 'h'] as const).some((k) => before[k] !== box[k])
      if (moved) save(saved.map((a, i) => (i === index ? { ...a, ...box } : a)))
      change(() => ({ moving: moved ? { index, box, base: saved } : null }))
    },
    update: (index, patch) => {
      if (!saved[index]) return
      if (patch.tag) setLastTag(patch.tag)
      save(saved.map((a, i) => (i === index ? { ...a, ...patch } : a)))
    },
    remove: (index) => {
      if (!saved[index]) return
      save(saved.filter((_, i) => i !== index))
      change(() => ({ selected: null, moving: null }))
    },
    focus: state.focus,
    focused: () => change(() => ({ focus: null })),
  }
}
