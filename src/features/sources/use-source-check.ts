import { useCallback, useEffect, useRef, useState } from 'react'
import type { SourceConfig } from '../../dialects/types'
import { checkSource, describeCheck, type SourceCheck } from '../../sources/check'

export type CheckState =
  { status: 'idle' } | { status: 'running' } | { status: 'done'; check: SourceCheck; words: string }

/** Runs the Test of a source (saved or a draft); a newer run or unmounting cancels the older. */
export function useSourceCheck() {
  const [state, setState] = useState<CheckState>({ status: 'idle' })
  const running = useRef<AbortController | null>(null)
  useEffect(() => () => running.current?.abort(), [])

  const run = useCallback(async (source: SourceConfig) => {
    running.current?.abort()
    const controller = new AbortController()
    running.current = controller
    setState({ status: 'running' })
    try {
      const check = await checkSource(source, controller.signal)
      if (!controller.signal.aborted) setState({ status: 'done', check, words: describeCheck(check, source) })
    } catch {
      // Cancelled by a newer run or by leaving the page: nothing to report.
    }
  }, [])
  const reset = useCallback(() => {
    running.current?.abort()
    setState({ status: 'idle' })
  }, [])
  return { state, run, reset }
}
