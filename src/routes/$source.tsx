import { createFileRoute, notFound } from '@tanstack/react-router'
import { loadAdapter } from '../dialects/sources'

export const Route = createFileRoute('/$source')({
  beforeLoad: async ({ context, params }) => {
    const source = await context.sources.getLoaded(params.source)
    if (!source) throw notFound()
    return { source, adapter: await loadAdapter(source) }
  },
})
