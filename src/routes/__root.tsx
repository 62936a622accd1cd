import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext } from '@tanstack/react-router'
import { AppShell } from '../app/app-shell'
import { NotFound } from '../app/not-found'
import type { SourceStore } from '../sources/store'

export const Route = createRootRouteWithContext<{ queryClient: QueryClient; sources: SourceStore }>()({
  component: AppShell,
  notFoundComponent: NotFound,
})
