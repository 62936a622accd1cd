import type { CheckState } from '../use-source-check'

/** The outcome of a Test, in words, announced when it arrives. */
export function CheckResult({ state, id }: { state: CheckState; id?: string }) {
  const good = state.status === 'done' && state.check.outcome === 'reachable'
  return (
    <p
      id={id}
      role="status"
      data-testid="check-result"
      className={`text-sm ${
        state.status !== 'done'
          ? 'text-neutral-600 dark:text-neutral-400'
          : good
            ? 'text-green-800 dark:text-green-300'
            : 'text-red-700 dark:text-red-300'
      }`}
    >
      {state.status === 'running' ? 'Testing…' : state.status === 'done' ? state.words : ''}
    </p>
  )
}
