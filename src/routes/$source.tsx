import { createFileRoute, notFound } from '@tanstack/react-router'
import { adapterFor, findSource } from '../dialects/sources'

export const Route = createFileRoute('/$source')({
  beforeLoad: ({ params }) => {
    const source = findSource(params.source)
    if (!source) throw notFound()
    return { source, adapter: adapterFor(source) }
  },
})
