import { useQueryErrorResetBoundary } from '@tanstack/react-query'
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router'
import { ErrorPanel } from './error-panel'

/** Shown when a route's loader fails: says what went wrong and retries the same view. */
export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter()
  const { reset } = useQueryErrorResetBoundary()
  return (
    <ErrorPanel
      error={error}
      onRetry={() => {
        reset()
        void router.invalidate()
      }}
    />
  )
}
