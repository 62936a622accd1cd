import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { persistWrites, resumeWrites } from './app/query-persistence'
import { createAppRouter, createQueryClient, warmRouteChunks } from './router'
import { createBrowserSourceStore } from './sources/browser-store'
import './styles.css'

// Sources configured on the server join the bundled ones as soon as they arrive.
const sources = createBrowserSourceStore()
void sources.loadServerSources()
const queryClient = createQueryClient(sources)
const router = createAppRouter(queryClient, sources)
warmRouteChunks(router)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// Writes a closed tab left waiting are back before the first render, and sent again.
persistWrites(queryClient)
void resumeWrites(queryClient)

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
)
