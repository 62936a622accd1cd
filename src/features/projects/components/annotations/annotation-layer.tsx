import { createUseGesture, dragAction } from '@use-gesture/react'
import { useEffect, useRef, type CSSProperties } from 'react'
import type { Annotation } from '../../../../dialects/project-types'
import { ANNOTATIONS_MAX } from '../../../../dialects/project-types'
import { POINTER_DRAG } from '../../../../ui/gestures'
import type { Point, Rect } from '../../../../ui/zoom'
import { ANNOTATION_TAG_LABELS } from '../../format'
import { boxAfterKey, fromDrag, isPin, moveBox, resizeBox, unitDelta, type Box } from './geometry'
import { describeAnnotation, type AnnotationEditor } from './use-annotation-editor'

type Gesture = { kind: 'draw'; start: Point } | { kind: 'move' | 'resize'; start: Point; index: number; origin: Box }

const useDragHere = createUseGesture([dragAction])

/** Where a drag of a box (or of its corner) from `g.start` to `to` puts it. */
function movedBy(g: Extract<Gesture, { kind: 'move' | 'resize' }>, to: Point, rect: Rect): Box {
  const d = unitDelta(g.start, to, rect)
  return g.kind === 'move' ? moveBox(g.origin, d.x, d.y) : resizeBox(g.origin, d.x, d.y)
}

/** Where a box or pin sits inside an element exactly the image's size. */
function placeOf(box: Box): CSSProperties {
  return isPin(box)
    ? { left: `${box.x * 100}%`, top: `${box.y * 100}%` }
    : { left: `${box.x * 100}%`, top: `${box.y * 100}%`, width: `${box.w * 100}%`, height: `${box.h * 100}%` }
}

const FOCUS = 'outline-offset-2 focus-visible:outline-3 focus-visible:outline-indigo-400'
const PIN = 'absolute size-6 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 text-xs font-semibold'

function Mark({ annotation, index, selected }: { annotation: Annotation; index: number; selected: boolean }) {
  const colour = selected ? 'border-indigo-300 bg-indigo-500 text-white' : 'border-white bg-amber-500 text-black'
  if (isPin(annotation)) {
    return (
      <span aria-hidden="true" className={`${PIN} ${colour} flex items-center justify-center shadow`}>
        {index + 1}
      </span>
    )
  }
  return (
    <span
      aria-hidden="true"
      className={`absolute inset-0 rounded-sm border-2 shadow-[0_0_0_1px_rgba(0,0,0,0.7)] ${selected ? 'border-indigo-300 bg-indigo-400/15' : 'border-amber-400'}`}
    >
      <span className={`absolute top-0 left-0 max-w-full truncate px-1 text-xs ${colour}`}>
        {index + 1} · {ANNOTATION_TAG_LABELS[annotation.tag]}
      </span>
    </span>
  )
}

/**
 * Annotations only drawn, not edited: over the output while the tools are closed, and over each
 * output in compare. Inside an element exactly the image's size (a `ZoomableImage`'s children),
 * they follow its zoom and pan. `selected` is drawn as chosen.
 */
export function AnnotationMarks({
  annotations,
  selected = null,
}: {
  annotations: readonly Annotation[]
  selected?: number | null
}) {
  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-0" data-testid="annotation-layer">
      {annotations.map((a, i) => (
        <span key={i} className="absolute" style={placeOf(a)}>
          <Mark annotation={a} index={i} selected={selected === i} />
        </span>
      ))}
    </div>
  )
}

/**
 * The annotations drawn over the output, in an element sized exactly to the image's drawn box
 * (so they follow any size, zoom and pan; a drag's screen points are read against the layer's
 * own box on screen, so a box drawn while zoomed lands where it was drawn). Closed, they are
 * only drawn (the side panel lists them). Open, a drag on the image draws a box and a click or
 * tap drops a pin; a box or pin is a button: press it to select it, drag it to move it, drag its
 * corner to resize it, or use its keys (arrows move, Shift+arrows resize, Delete removes). A
 * keyboard draft (from "New box") is moved the same way and placed with Enter.
 */
export function AnnotationLayer({ editor }: { editor: AnnotationEditor }) {
  const layerRef = useRef<HTMLDivElement>(null)
  const draftRef = useRef<HTMLButtonElement>(null)
  const keyMove = useRef<{ index: number; box: Box } | null>(null)
  const { annotations, isOpen, selected, draft } = editor
  const keyDraft = draft?.byKey ?? false

  useEffect(() => {
    if (keyDraft) draftRef.current?.focus()
  }, [keyDraft])
  // A drawn box or pin takes focus once its mark is there (its save lands a moment later).
  const { focus, focused } = editor
  const markShown = selected !== null && selected < annotations.length
  useEffect(() => {
    if (focus !== 'mark' || !markShown) return
    layerRef.current?.querySelector<HTMLElement>(`[data-annotation-index="${selected}"]`)?.focus()
    focused()
  }, [focus, focused, markShown, selected])

  const rect = () => layerRef.current?.getBoundingClientRect() ?? { left: 0, top: 0, width: 0, height: 0 }
  /** What a press at `target` starts: a box's move or resize, a new box or pin, or nothing. */
  const gestureAt = (target: EventTarget | null, start: Point): Gesture | null => {
    if (!(target instanceof Element) || target.closest('[data-annotation-draft]')) return null
    const owner = target.closest<HTMLElement>('[data-annotation-index]')
    if (!owner) return editor.full ? null : { kind: 'draw', start }
    const index = Number(owner.dataset.annotationIndex)
    const origin = annotations[index]
    if (!origin) return null
    return { kind: target.closest('[data-resize-handle]') ? 'resize' : 'move', start, index, origin }
  }
  const bindDrag = useDragHere(
    {
      // The gesture rides along as the library's memo: null for a press that starts nothing.
      onDrag: ({ first, last, event, memo }) => {
        if (!('pointerType' in event)) return null
        const at = { x: event.clientX, y: event.clientY }
        if (first) {
          const g = gestureAt(event.target, at)
          if (g && g.kind !== 'draw') editor.select(g.index)
          return g
        }
        const g: Gesture | null = memo
        if (!g) return null
        const cancelled = event.type === 'pointercancel'
        if (g.kind === 'draw') {
          const box = fromDrag(g.start, at, rect())
          if (!last) editor.setDraft(isPin(box) ? null : { box, byKey: false })
          else if (cancelled) editor.setDraft(null)
          else editor.add(box, false)
        } else if (!last) {
          editor.preview(g.index, movedBy(g, at, rect()))
        } else {
          editor.commit(g.index, cancelled ? g.origin : movedBy(g, at, rect()))
        }
        return g
      },
      // Every press here is the editor's: the image does not pan, nor the before/after divider move.
      onPointerDown: ({ event }) => event.stopPropagation(),
    },
    { drag: POINTER_DRAG },
  )

  if (!isOpen) return <AnnotationMarks annotations={annotations} selected={selected} />

  const endKeyMove = () => {
    const move = keyMove.current
    keyMove.current = null
    if (move) editor.commit(move.index, move.box)
  }
  const onMarkKey = (index: number) => (e: React.KeyboardEvent) => {
    const shown = annotations[index]
    if (!shown) return
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault()
      e.stopPropagation()
      keyMove.current = null
      editor.remove(index)
      return
    }
    const next = boxAfterKey(shown, e.key, e.shiftKey)
    if (!next) return
    e.preventDefault()
    e.stopPropagation()
    keyMove.current = { index, box: next }
    editor.preview(index, next)
  }

  return (
    // The pointer gestures here all have keyboard equivalents: "New box", "New pin" and each
    // annotation's own keys.
    <div
      ref={layerRef}
      data-testid="annotation-layer"
      className="absolute inset-0 cursor-crosshair touch-none"
      {...bindDrag()}
      // Two quick presses are two pins, not the image's double-click zoom.
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <ul aria-label="Annotations on the image" className="contents">
        {annotations.map((a, i) => (
          <li key={i} className="contents">
            <button
              type="button"
              data-annotation-index={i}
              aria-label={describeAnnotation(a, i)}
              aria-pressed={selected === i}
              aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown Delete"
              className={`absolute cursor-move ${isPin(a) ? 'size-6 -translate-x-1/2 -translate-y-1/2 rounded-full' : 'rounded-sm'} ${FOCUS}`}
              style={placeOf(a)}
              onFocus={() => editor.select(i)}
              onKeyDown={onMarkKey(i)}
              onKeyUp={endKeyMove}
              onBlur={endKeyMove}
            >
              {isPin(a) ? (
                <span
                  aria-hidden="true"
                  className={`${PIN} top-1/2 left-1/2 flex items-center justify-center shadow ${selected === i ? 'border-indigo-300 bg-indigo-500 text-white' : 'border-white bg-amber-500 text-black'}`}
                >
                  {i + 1}
                </span>
              ) : (
                <Mark annotation={a} index={i} selected={selected === i} />
              )}
              {selected === i && !isPin(a) && (
                <span
                  aria-hidden="true"
                  data-resize-handle
                  className="absolute -right-2 -bottom-2 size-4 cursor-nwse-resize rounded-sm border-2 border-white bg-indigo-500"
                />
              )}
            </button>
          </li>
        ))}
      </ul>
      {draft &&
        (draft.byKey ? (
          <button
            ref={draftRef}
            type="button"
            data-annotation-draft
            aria-label={`New ${isPin(draft.box) ? 'pin' : 'box'}: arrows move${isPin(draft.box) ? '' : ', Shift+arrows resize'}, Enter places it, Esc cancels`}
            aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Enter Escape"
            className={`absolute border-2 border-dashed border-white bg-white/10 ${isPin(draft.box) ? 'size-6 -translate-x-1/2 -translate-y-1/2 rounded-full' : 'rounded-sm'} ${FOCUS}`}
            style={placeOf(draft.box)}
            onClick={() => editor.add(draft.box, true)}
            onKeyDown={(e) => {
              const next = boxAfterKey(draft.box, e.key, e.shiftKey)
              if (!next) return
              e.preventDefault()
              e.stopPropagation()
              editor.setDraft({ box: next, byKey: true })
            }}
          />
        ) : (
          <span
            aria-hidden="true"
            className="absolute rounded-sm border-2 border-dashed border-white bg-white/10"
            style={placeOf(draft.box)}
          />
        ))}
    </div>
  )
}

/** Under the image while the tools are open: the keyboard's way to add, and the way out. */
export function AnnotationTools({ editor }: { editor: AnnotationEditor }) {
  const first = useRef<HTMLButtonElement>(null)
  const { focus, focused } = editor
  useEffect(() => {
    if (focus !== 'tools') return
    first.current?.focus()
    focused()
  }, [focus, focused])
  return (
    <div className="flex w-full flex-col items-center gap-1.5" data-testid="annotation-tools">
      <div className="flex flex-wrap justify-center gap-2" role="group" aria-label="Annotation tools">
        {(['box', 'pin'] as const).map((kind) => (
          <button
            key={kind}
            ref={kind === 'box' ? first : undefined}
            type="button"
            className="btn-dark px-3 text-sm"
            disabled={editor.full}
            onClick={() => editor.startDraft(kind)}
          >
            New {kind}
          </button>
        ))}
        <button type="button" className="btn-dark px-3 text-sm" onClick={editor.close}>
          Done
        </button>
      </div>
      <p className="text-center text-xs text-neutral-300" aria-live="polite">
        {editor.full
          ? `This image holds the most annotations there can be (${ANNOTATIONS_MAX}).`
          : 'Drag on the image for a box, click or tap for a pin. A selected one moves with the arrows, resizes with Shift+arrows; Delete removes it.'}
      </p>
    </div>
  )
}
