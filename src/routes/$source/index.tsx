import { createFileRoute, redirect } from '@tanstack/react-router'

// A source's own address opens its first view; its search params belong to no view, so they go.
export const Route = createFileRoute('/$source/')({
  beforeLoad: ({ params }) => {
    throw redirect({ to: '/$source/assets', params: { source: params.source }, replace: true })
  },
})
