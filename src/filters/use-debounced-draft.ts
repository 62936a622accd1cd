import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

/**
 * A text field's local draft that commits after `delay` ms of quiet, and follows the committed
 * value when it changes from elsewhere (a removed chip, back/forward).
 */
export function useDebouncedDraft(committed: string, commit: (value: string) => void, delay = 250) {
  const [draft, setDraft] = useState(committed)
  const [following, setFollowing] = useState(committed)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const commitRef = useRef(commit)
  useEffect(() => {
    commitRef.current = commit
  })

  // The committed value changed from elsewhere: the draft follows it (state adjusted in render).
  if (following !== committed) {
    setFollowing(committed)
    setDraft(committed)
  }

  useEffect(() => () => clearTimeout(timer.current), [])
  useEffect(() => clearTimeout(timer.current), [committed])

  const change = (value: string) => {
    setDraft(value)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => commitRef.current(value), delay)
  }
  const flush = () => {
    clearTimeout(timer.current)
    if (draft !== committed) commit(draft)
  }
  /** Sets the draft and commits it at once (clearing a field needs no quiet period). */
  const commitNow = (value: string) => {
    setDraft(value)
    clearTimeout(timer.current)
    if (value !== committed) commit(value)
  }
  /**
   * A text field's keys: Enter commits now; Esc clears the field, and on an empty field leaves it
   * (in a dialog, such as the filter drawer, Esc is left to close the dialog).
   */
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') flush()
    if (e.key !== 'Escape') return
    if (draft !== '') {
      e.preventDefault()
      commitNow('')
    } else if (!e.currentTarget.closest('[role="dialog"]')) {
      e.currentTarget.blur()
    }
  }
  return { draft, change, flush, commitNow, onKeyDown }
}
