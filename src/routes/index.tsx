import { createFileRoute, redirect } from '@tanstack/react-router'

export const Route = createFileRoute('/')({
  beforeLoad: ({ context }) => {
    const first = context.sources.list()[0]
    if (first) throw redirect({ to: '/$source/assets', params: { source: first.id }, replace: true })
  },
})
