import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider, createMemoryHistory } from '@tanstack/react-router'
import { render, screen, waitFor, within } from '@testing-library/react'
import type { Hono } from 'hono'
import { afterAll, inject, onTestFinished, vi } from 'vitest'
import { createApp } from '../../src/server/app'
import { catalogPath } from '../../src/server/db/catalog-file'
import { openCatalog, type Catalog } from '../../src/server/db/catalog-db'
import type { IdCodec } from '../../src/server/ids/codec'
import { createMediaStore } from '../../src/server/media/media-store'
import type { ProxyOptions } from '../../src/server/proxy'
import type { ServerSource } from '../../src/server/sources-config'
import { createAppRouter, createQueryClient } from '../../src/router'
import type { Credentials } from '../../src/shared/source-rules'
import type { PiktidAsset, PiktidAssetsPage } from '../../src/shared/piktid'
import { authorizationHeader } from '../../src/shared/source-rules'
import { BUNDLED_SOURCES } from '../../src/sources/browser-store'
import type { SourceStore } from '../../src/sources/store'
import { memorySourceStore } from '../fixtures/source-store'

// The component tests' server: the reference server's own Hono app over a copy of one small demo
// catalog (built once per run, see global-setup.ts), answering the app's `fetch` in this process.
// So every view meets the real dialects, auth, envelopes and numbers; a test that wants a failure
// says so with an `intercept` in front of the server, never a fake API.

export interface TestServer {
  app: Hono
  /**
   * What a bundled source's API answers at `path` (under its base URL), asked with the source's
   * own credentials unless given others: the numbers and names a test checks the app against.
   */
  read<T>(sourceId: string, path: string, credentials?: Credentials): Promise<T>
  /** A write to a bundled source's API at `path`, as the page sends one (JSON body, same origin). */
  post<T>(sourceId: string, path: string, body: unknown, credentials?: Credentials): Promise<T>
  /**
   * Changes the catalog copy's rows directly, for data the demo catalog lacks, then has the server
   * forget what it cached. `ids` turns a public id into its row id. Before the page reads, on a
   * `freshServer`.
   */
  edit(change: (db: Catalog['sqlite'], ids: IdCodec) => void): void
  close(): void
}

export interface TestServerOptions {
  /** Server-side sources (VITRINE_SOURCES), reached through /api/proxy/{id}. */
  sources?: readonly ServerSource[]
  proxy?: Omit<ProxyOptions, 'sources' | 'signingKey'>
}

/** The reference server over a copy of the run's catalog, in a temporary folder of its own. */
function openTestServer(options: TestServerOptions = {}): TestServer {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-component-'))
  copyFileSync(inject('catalogTemplate'), catalogPath(dir))
  const catalog = openCatalog(dir)
  const media = createMediaStore(catalog)
  // No render-ahead: listings would otherwise draw their thumbnails in the background, work no
  // component test looks at (jsdom loads no image).
  const app = createApp({ db: catalog, media, leaveRenderAhead: true, ...options })
  let open = true
  const ask = async <T,>(sourceId: string, path: string, credentials: Credentials | undefined, init: RequestInit) => {
    const source = BUNDLED_SOURCES.find((s) => s.id === sourceId)
    if (!source) throw new Error(`No bundled source “${sourceId}”`)
    const headers = new Headers(init.headers)
    const authorization = authorizationHeader(source.dialect, credentials ?? source.credentials)
    if (authorization) headers.set('authorization', authorization)
    const response = await app.request(`${location.origin}${source.baseUrl}${path}`, { ...init, headers })
    if (!response.ok) throw new Error(`${sourceId} ${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }
  return {
    app,
    read: <T,>(sourceId: string, path: string, credentials?: Credentials) => ask<T>(sourceId, path, credentials, {}),
    post: <T,>(sourceId: string, path: string, body: unknown, credentials?: Credentials) =>
      ask<T>(sourceId, path, credentials, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: location.origin, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify(body),
      }),
    edit(change) {
      change(catalog.sqlite, catalog.ids)
      catalog.invalidate()
    },
    close() {
      if (!open) return
      open = false
      catalog.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

let shared: TestServer | undefined
afterAll(() => {
  shared?.close()
  shared = undefined
})

/** The test file's server, opened on first use: for tests that only read. */
export function sharedServer(): TestServer {
  return (shared ??= openTestServer())
}

/** A server of the test's own, closed when the test ends: for a test that writes. */
export function freshServer(options: TestServerOptions = {}): TestServer {
  const server = openTestServer(options)
  onTestFinished(() => server.close())
  return server
}

/**
 * Sees each request before the server does: answers it itself (an error, an offline fetch) or
 * calls `pass` to let the server answer, perhaps later (a slow response), perhaps another
 * request of the page's origin in its place.
 */
export type Intercept = (
  request: Request,
  pass: (instead?: Request) => Promise<Response>,
) => Response | Promise<Response>

/** As a browser without a connection: every request fails before it is sent. */
export const offline: Intercept = () => {
  throw new TypeError('Failed to fetch')
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

/** The response with its body cut as a real fetch cuts it when `signal` aborts mid-read. */
function abortableBody(response: Response, signal: AbortSignal | null | undefined): Response {
  if (!signal || !response.body) return response
  const reader = response.body.getReader()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal.addEventListener('abort', () => {
        try {
          controller.error(abortError(signal))
        } catch {
          // Already closed: the body was read whole.
        }
        void reader.cancel().catch(() => {})
      })
    },
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
}

/**
 * Stubs `fetch` so that the page's requests reach `server` in this process, as a browser on the
 * page's origin sends them (Origin on writes, Sec-Fetch-Site). Another origin is a host that
 * does not answer. Returns the URLs asked for, in order.
 */
export function routeFetch(server: TestServer, intercept?: Intercept): { requests: URL[] } {
  const requests: URL[] = []
  const routed = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.origin)
    const signal = init.signal
    if (signal?.aborted) throw abortError(signal)
    requests.push(url)
    const method = (init.method ?? 'GET').toUpperCase()
    const headers = new Headers(init.headers)
    headers.set('sec-fetch-site', url.origin === location.origin ? 'same-origin' : 'cross-site')
    if (method !== 'GET' && method !== 'HEAD') headers.set('origin', location.origin)
    // No signal here: the page's (jsdom's) AbortSignal is not Node's; aborts are handled below.
    const request = new Request(url, { method, headers, body: init.body ?? null })
    const pass = async (instead = request) => {
      if (new URL(instead.url).origin !== location.origin) throw new TypeError('Failed to fetch')
      return server.app.fetch(instead)
    }
    const answer = Promise.resolve(intercept ? intercept(request.clone(), pass) : pass())
    const response = await (signal
      ? Promise.race([
          answer,
          new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(abortError(signal)))),
        ])
      : answer)
    return abortableBody(response, signal)
  }
  vi.stubGlobal('fetch', vi.fn(routed))
  return { requests }
}

export interface RenderAppOptions {
  /** The test file's shared server unless given (see `freshServer` for a test that writes). */
  server?: TestServer
  /** The bundled sources in an empty browser of the test's own unless given. */
  sources?: SourceStore
  intercept?: Intercept
}

/** The whole app at `url` with a memory history, its requests answered by the reference server. */
export function renderApp(url: string, options: RenderAppOptions = {}) {
  const server = options.server ?? sharedServer()
  const sources = options.sources ?? memorySourceStore()
  const { requests } = routeFetch(server, options.intercept)
  const queryClient = createQueryClient(sources)
  const router = createAppRouter(queryClient, sources, createMemoryHistory({ initialEntries: [url] }))
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  return { router, queryClient, sources, view, server, requests }
}

/** A PiktID listing (`query` in the API's own words) read whole from `server`, in its order. */
export async function piktidList(
  server: TestServer,
  query = '',
  credentials?: Credentials,
): Promise<{ total: number; assets: PiktidAsset[] }> {
  const assets: PiktidAsset[] = []
  for (let page = 1; ; page++) {
    const params = new URLSearchParams(query)
    params.set('per_page', '100')
    params.set('page', String(page))
    const body = await server.read<PiktidAssetsPage>('piktid', `/assets?${params}`, credentials)
    assets.push(...body.assets)
    if (!body.pagination.has_next) return { total: body.pagination.total, assets }
  }
}

/** The grid tile of asset `id` (names can repeat in a real catalog), once it is drawn. */
export function findTile(asset: { id: string; filename: string }): Promise<HTMLElement> {
  return waitFor(() => {
    const tile = screen
      .getAllByRole('link', { name: asset.filename })
      .find((link) => new URL(link.getAttribute('href') ?? '', location.origin).pathname.endsWith(`/${asset.id}`))
    if (!tile) throw new Error(`No tile for ${asset.id} (${asset.filename})`)
    return tile
  })
}

/** A tile's checkbox: its link's sibling, named by the file's name. */
export async function findCheckbox(asset: { id: string; filename: string }): Promise<HTMLElement> {
  const tile = await findTile(asset)
  return within(tile.parentElement!).getByRole('checkbox', { name: `Select ${asset.filename}` })
}
