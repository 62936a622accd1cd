import { useEffect, useId, useRef, useState } from 'react'
import {
  ANNOTATION_NOTE_MAX,
  ANNOTATION_TAGS,
  type Annotation,
  type AnnotationTag,
} from '../../../../dialects/project-types'
import { ANNOTATION_TAG_LABELS } from '../../format'
import { describeAnnotation, type AnnotationEditor } from './use-annotation-editor'

/**
 * The image's annotations beside it, in the review's side panel: selecting one here selects it on
 * the image (opening the tools) and the other way round; the selected one's tag and note are
 * edited here, and it is deleted here. Without an output the list is only read.
 */
export function AnnotationPanel({ editor }: { editor: AnnotationEditor }) {
  const headingId = useId()
  const { annotations, selected, editable, isOpen } = editor
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2" data-testid="annotation-panel">
      <h2 id={headingId} className="text-xs font-semibold tracking-wide text-neutral-300 uppercase">
        Annotations{annotations.length > 0 && ` (${annotations.length})`}
      </h2>
      {annotations.length === 0 ? (
        <p className="text-sm text-neutral-300">
          None yet.
          {editable && !isOpen && ' Annotate (E) to draw a box or drop a pin on the output.'}
        </p>
      ) : (
        <ol className="flex flex-col gap-1.5">
          {annotations.map((a, i) => (
            <li key={i} className={`rounded-md border ${selected === i ? 'border-indigo-400' : 'border-neutral-800'}`}>
              {editable ? (
                <button
                  type="button"
                  aria-pressed={selected === i}
                  className="w-full rounded-md px-2 py-1.5 text-left text-sm focus-visible:outline-2 focus-visible:outline-indigo-400"
                  onClick={() => editor.select(selected === i ? null : i)}
                >
                  {describeAnnotation(a, i)}
                </button>
              ) : (
                <p className="px-2 py-1.5 text-sm">{describeAnnotation(a, i)}</p>
              )}
              {editable && isOpen && selected === i && (
                <AnnotationFields key={i} annotation={a} index={i} editor={editor} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

function AnnotationFields({
  annotation,
  index,
  editor,
}: {
  annotation: Annotation
  index: number
  editor: AnnotationEditor
}) {
  const id = useId()
  const tagRef = useRef<HTMLSelectElement>(null)
  const [note, setNote] = useState(annotation.note)
  const { focus, focused } = editor
  useEffect(() => {
    if (focus !== 'fields') return
    tagRef.current?.focus()
    focused()
  }, [focus, focused])
  const saveNote = () => {
    if (note !== annotation.note) editor.update(index, { note })
  }
  return (
    <div className="flex flex-col gap-2 border-t border-neutral-800 p-2">
      <label htmlFor={`${id}-tag`} className="text-xs text-neutral-300">
        Tag
      </label>
      <select
        id={`${id}-tag`}
        ref={tagRef}
        value={annotation.tag}
        onChange={(e) => editor.update(index, { tag: e.target.value as AnnotationTag })}
        className="rounded-md border border-neutral-600 bg-neutral-900 p-1.5 text-sm text-neutral-100 focus-visible:outline-2 focus-visible:outline-indigo-400"
      >
        {ANNOTATION_TAGS.map((tag) => (
          <option key={tag} value={tag}>
            {ANNOTATION_TAG_LABELS[tag]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`} className="text-xs text-neutral-300">
        Note
      </label>
      <textarea
        id={`${id}-note`}
        rows={2}
        maxLength={ANNOTATION_NOTE_MAX}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onBlur={saveNote}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault()
            saveNote()
          }
        }}
        className="rounded-md border border-neutral-600 bg-neutral-900 p-2 text-sm text-neutral-100 focus-visible:outline-2 focus-visible:outline-indigo-400"
      />
      <p className="text-xs text-neutral-300">
        Enter or leaving the field saves the note ({note.length}/{ANNOTATION_NOTE_MAX}).
      </p>
      <button type="button" className="btn-dark self-start px-3 text-sm" onClick={() => editor.remove(index)}>
        Delete {describeAnnotation(annotation, index).split(':')[0]}
      </button>
    </div>
  )
}
