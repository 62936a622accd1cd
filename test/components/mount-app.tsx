import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider, createMemoryHistory } from '@tanstack/react-router'
import { render } from '@testing-library/react'
import { VirtuosoGridMockContext, VirtuosoMockContext } from 'react-virtuoso'
import { createAppRouter, createQueryClient } from '../../src/router'
import { stubPiktidFetch } from '../fixtures/fake-piktid-server'

/**
 * The whole app at `url` over a fake PiktID API of `total` assets, with a memory history;
 * `moreFetch` stubs more of the API over it before anything is requested.
 */
export function mountApp(url: string, total = 500, moreFetch?: () => void) {
  const server = stubPiktidFetch(total)
  moreFetch?.()
  const queryClient = createQueryClient()
  const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [url] }))
  const view = render(
    <VirtuosoGridMockContext.Provider
      value={{ viewportHeight: 600, viewportWidth: 800, itemHeight: 200, itemWidth: 200 }}
    >
      {/* Grouped grids are lists of rows. */}
      <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 200 }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </VirtuosoMockContext.Provider>
    </VirtuosoGridMockContext.Provider>,
  )
  return { router, queryClient, view, ...server }
}
