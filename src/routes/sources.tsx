import { createFileRoute } from '@tanstack/react-router'
import { z } from 'zod/mini'
import { SourcesPage } from '../features/sources/components/sources-page'

// `edit` names the source whose form is open (a link from a failing source's pages); never a credential.
const sourcesSearchSchema = z.object({
  edit: z.catch(z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,48}$/))), undefined),
})

export const Route = createFileRoute('/sources')({
  validateSearch: sourcesSearchSchema,
  component: SourcesPage,
})
