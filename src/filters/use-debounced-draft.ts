import { useEffect, useRef, useState } from 'react'

/**
 * A text field's local draft that commits after `delay` ms of quiet, and follows the committed
 * value when it changes from elsewhere (a removed chip, back/forward).
 */
export function useDebouncedDraft(committed: string, commit: (value: string) => void, delay = 250) {
  const [draft, setDraft] = useState(committed)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const commitRef = useRef(commit)
  commitRef.current = commit

  useEffect(() => {
    clearTimeout(timer.current)
    setDraft(committed)
  }, [committed])

  useEffect(() => () => clearTimeout(timer.current), [])

  const change = (value: string) => {
    setDraft(value)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => commitRef.current(value), delay)
  }
  const flush = () => {
    clearTimeout(timer.current)
    if (draft !== committed) commitRef.current(draft)
  }
  return { draft, change, flush }
}
