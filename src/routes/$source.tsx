import { createFileRoute, notFound } from '@tanstack/react-router'
import { findSourceLoaded, loadAdapter } from '../dialects/sources'

export const Route = createFileRoute('/$source')({
  beforeLoad: async ({ params }) => {
    const source = await findSourceLoaded(params.source)
    if (!source) throw notFound()
    return { source, adapter: await loadAdapter(source) }
  },
})
