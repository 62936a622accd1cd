import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClientProvider } from '@tanstack/react-query'
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client'
import { RouterProvider } from '@tanstack/react-router'
import { persistOptions, resumeWrites } from './app/query-persistence'
import { loadServerSources } from './dialects/sources'
import { createAppRouter, createQueryClient } from './router'
import './styles.css'

// Sources configured on the server join the bundled ones as soon as they arrive.
void loadServerSources()
const queryClient = createQueryClient()
const router = createAppRouter(queryClient)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

const persist = persistOptions()
createRoot(root).render(
  <StrictMode>
    {persist ? (
      <PersistQueryClientProvider
        client={queryClient}
        persistOptions={persist}
        onSuccess={() => resumeWrites(queryClient)}
      >
        <RouterProvider router={router} />
      </PersistQueryClientProvider>
    ) : (
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    )}
  </StrictMode>,
)
