import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider, createMemoryHistory } from '@tanstack/react-router'
import { render } from '@testing-library/react'
import { createAppRouter, createQueryClient } from '../../src/router'
import { stubPiktidFetch } from '../fixtures/fake-piktid-server'
import { memorySourceStore } from '../fixtures/source-store'

/**
 * The whole app at `url` over a fake PiktID API of `total` assets, with a memory history;
 * `moreFetch` stubs more of the API over it before anything is requested. The app reads
 * `sources`, a store of the test's own from an empty browser unless it hands one in.
 */
export function mountApp(url: string, total = 500, moreFetch?: () => void, sources = memorySourceStore()) {
  const server = stubPiktidFetch(total)
  moreFetch?.()
  const queryClient = createQueryClient(sources)
  const router = createAppRouter(queryClient, sources, createMemoryHistory({ initialEntries: [url] }))
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  return { router, queryClient, sources, view, ...server }
}
