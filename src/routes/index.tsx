import { createFileRoute, redirect } from '@tanstack/react-router'
import { listSources } from '../dialects/sources'

export const Route = createFileRoute('/')({
  beforeLoad: () => {
    const first = listSources()[0]
    if (first) throw redirect({ to: '/$source/assets', params: { source: first.id }, replace: true })
  },
})
