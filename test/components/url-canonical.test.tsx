import { cleanup, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadAdapter } from '../../src/dialects/sources'
import { parseSearch, stringifySearch } from '../../src/search-params'
import { BUNDLED_SOURCES } from '../../src/sources/browser-store'
import { piktidList, renderApp, sharedServer } from './render-app'

const piktid = await loadAdapter(BUNDLED_SOURCES.find((s) => s.id === 'piktid')!)
/** An asset of the test catalog, for pasted viewer links. */
const pasted = (await piktidList(sharedServer())).assets[4]!

/** What a view's URL must settle on: its filters written back the one canonical way. */
function canonicalOf(path: string, searchText: string): string {
  return path + stringifySearch(piktid.filters.toSearch(piktid.filters.parse(parseSearch(searchText))))
}

// Values people and other tools write: documented ones, near misses, junk and URL syntax.
const awkward = fc.constantFrom('', ' ', ',', ',,', '%', '%2C', '+', '&', '=', '#', '?', 'é', '日本', '💥', 'null')
const anyText = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }), awkward)
const tags = fc
  .subarray(['model', 'product', 'background', 'other', 'MODEL', 'nope', ' product '])
  .map((list) => list.join(','))
const date = fc.oneof(
  fc.constantFrom('2025-03-12', '2025-02-30', '2025-13-01', '2025-03-12T10:00:00Z', 'yesterday', '0000-00-00'),
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
)
const valueFor: Record<string, fc.Arbitrary<string>> = {
  search: fc.oneof(
    fc.constantFrom('look', 'linen shirt', '  padded  '),
    anyText,
    fc.string({ minLength: 190, maxLength: 210 }),
  ),
  include_tags: fc.oneof(tags, anyText),
  exclude_tags: fc.oneof(tags, anyText),
  ownership: fc.oneof(fc.constantFrom('mine', 'shared', 'default', 'Mine', 'all'), anyText),
  created_by: fc.oneof(fc.constantFrom('alice', 'bob', 'carol'), anyText),
  created_after: fc.oneof(date, anyText),
  created_before: fc.oneof(date, anyText),
  sort_by: fc.oneof(fc.constantFrom('created_at', 'filename', 'size'), anyText),
  order: fc.oneof(fc.constantFrom('asc', 'desc', 'ASC', 'sideways'), anyText),
  // Not filters: pagination, leftovers from other tools, junk keys.
  page: fc.oneof(fc.constantFrom('2', '0', '-1'), anyText),
  per_page: fc.oneof(fc.constantFrom('100', 'abc'), anyText),
  utm_source: anyText,
}
const junkKey = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in valueFor))

const validValueFor: Record<string, fc.Arbitrary<string>> = {
  search: fc.constantFrom('look', 'linen shirt', 'SPR-LIN'),
  include_tags: fc.constantFrom('model', 'product', 'model,background'),
  exclude_tags: fc.constantFrom('other', 'background,other'),
  ownership: fc.constantFrom('mine', 'shared', 'default'),
  created_by: fc.constantFrom('alice', 'bob'),
  created_after: fc.constantFrom('2025-01-01', '2025-03-12'),
  created_before: fc.constantFrom('2025-06-30', '2026-01-01'),
  sort_by: fc.constant('filename'),
  order: fc.constant('asc'),
}

/** Canonical filter values only, keys in random order: the case that looped (nothing to drop). */
const validSearchText = fc
  .shuffledSubarray(Object.keys(validValueFor), { minLength: 1 })
  .chain((keys) => fc.tuple(...keys.map((key) => validValueFor[key]!.map((value) => [key, value] as const))))
  .map((pairs) => `?${new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString()}`)

/** A search string with a random subset of keys, each once, in random order. */
const anySearchText = fc
  .tuple(
    fc
      .shuffledSubarray(Object.keys(valueFor))
      .chain((keys) => fc.tuple(...keys.map((key) => valueFor[key]!.map((value) => [key, value] as const)))),
    fc.option(fc.tuple(junkKey, anyText)),
  )
  .chain(([pairs, junk]) => fc.shuffledSubarray([...pairs, ...(junk ? [junk] : [])], { minLength: pairs.length }))
  .map((pairs) => {
    const params = new URLSearchParams()
    for (const [key, value] of pairs) params.append(key, value)
    const text = params.toString()
    return text ? `?${text}` : ''
  })

const searchText = fc.oneof(validSearchText, anySearchText)

/** Mounts the app at `url`, waits for it to settle, and says where it settled and how. */
async function settle(url: string) {
  const app = renderApp(url)
  let moves = 0
  const stop = app.router.history.subscribe(() => moves++)
  await waitFor(
    () => {
      expect(app.router.state.status).toBe('idle')
      expect(app.router.state.isLoading).toBe(false)
      // ...and the view's own requests (a pasted viewer link fetches its asset) have landed.
      expect(app.queryClient.isFetching()).toBe(0)
    },
    { timeout: 10_000 },
  )
  stop()
  const result = {
    href: app.router.state.location.href,
    moves,
    errors: app.router.state.matches.filter((m) => m.status === 'error').map((m) => String(m.error)),
    text: document.body.textContent ?? '',
  }
  cleanup()
  return result
}

describe('URLs in any order, with any values', () => {
  it('the known crash cases settle on the canonical URL without a redirect loop', async () => {
    for (const [url, expected] of [
      ['/piktid/assets?order=asc&sort_by=filename', '/piktid/assets?sort_by=filename&order=asc'],
      ['/piktid/assets?sort_by=filename&include_tags=model', '/piktid/assets?include_tags=model&sort_by=filename'],
      [`/piktid/assets/${pasted.id}?order=asc&search=look`, `/piktid/assets/${pasted.id}?search=look&order=asc`],
    ] as const) {
      const result = await settle(url)
      expect(result.errors).toEqual([])
      expect(result.text).not.toMatch(/Too many redirects/)
      expect(result.href).toBe(expected)
    }
  })

  it('never crash or loop on the assets grid and settle on its canonical URL', async () => {
    await fc.assert(
      fc.asyncProperty(searchText, async (text) => {
        const result = await settle(`/piktid/assets${text}`)
        expect(result.errors).toEqual([])
        expect(result.text).not.toMatch(/Too many redirects|Something went wrong/)
        expect(result.text).toMatch(/\d+ assets?/)
        expect(result.href).toBe(canonicalOf('/piktid/assets', text))
        // One rewrite at most, and the canonical URL is left as it is.
        expect(result.moves).toBeLessThanOrEqual(1)
        const again = await settle(result.href)
        expect(again.href).toBe(result.href)
        expect(again.moves).toBe(0)
      }),
      { numRuns: 40 },
    )
  }, 120_000)

  it("never crash or loop on the viewer, a source's own address, the home page or an unknown source", async () => {
    const viewer = `/piktid/assets/${pasted.id}`
    const route = fc.constantFrom(viewer, '/piktid', '/', '/nosuch/assets', '/nosuch')
    await fc.assert(
      fc.asyncProperty(route, searchText, async (path, text) => {
        const result = await settle(path + text)
        expect(result.text).not.toMatch(/Too many redirects|Something went wrong/)
        expect(result.moves).toBeLessThanOrEqual(1)
        if (path === viewer) {
          expect(result.errors).toEqual([])
          expect(result.href).toBe(canonicalOf(path, text))
          expect(result.text).toContain(pasted.filename)
        } else if (path === '/' || path === '/piktid') {
          expect(result.href).toBe('/piktid/assets')
        } else if (path.startsWith('/nosuch')) {
          expect(result.text).toContain('Nothing here')
        }
        const again = await settle(result.href)
        expect(again.href).toBe(result.href)
        expect(again.moves).toBe(0)
      }),
      { numRuns: 30 },
    )
  }, 120_000)
})

describe('filters changed inside the app', () => {
  it('typing a search on a tag-filtered view writes the canonical URL', async () => {
    const { router, view } = renderApp('/piktid/assets?include_tags=model')
    const box = await view.findByRole('searchbox', { name: 'Search' }, { timeout: 5000 })
    await userEvent.type(box, 'look')
    await waitFor(() => expect(router.state.location.href).toBe('/piktid/assets?search=look&include_tags=model'))
    expect(view.container.textContent).not.toMatch(/Too many redirects/)
  })

  it('any filter object, in any key order, navigates to the canonical URL', async () => {
    const pairs = fc
      .shuffledSubarray(Object.keys(validValueFor), { minLength: 1 })
      .chain((keys) => fc.tuple(...keys.map((key) => validValueFor[key]!.map((value) => [key, value] as const))))
    const { router } = renderApp('/piktid/assets?order=asc&sort_by=filename')
    await waitFor(() => expect(router.state.status).toBe('idle'))
    await fc.assert(
      fc.asyncProperty(pairs, async (entries) => {
        const search = Object.fromEntries(entries)
        await router.navigate({ to: '/$source/assets', params: { source: 'piktid' }, search })
        await waitFor(() => expect(router.state.status).toBe('idle'))
        const text = `?${new URLSearchParams(entries.map(([k, v]) => [k, v])).toString()}`
        expect(router.state.location.href).toBe(canonicalOf('/piktid/assets', text))
        expect(router.state.matches.filter((m) => m.status === 'error')).toEqual([])
      }),
      { numRuns: 30 },
    )
  }, 60_000)
})

const projects = piktid.projects!

/** The gallery's params, `feedback` repeated any number of times, in random order. */
const galleryValueFor: Record<string, fc.Arbitrary<string>> = {
  search: fc.oneof(fc.constantFrom('Project', 'PRJ-1', '2'), anyText),
  status: fc.oneof(fc.constantFrom('pending', 'processing', 'completed', 'failed', 'done'), anyText),
  feedback: fc.oneof(fc.constantFrom('like', 'dislike', 'none', 'meh'), anyText),
  sort_by: fc.oneof(fc.constantFrom('original_filename', 'quality_score', 'filename'), anyText),
  order: fc.oneof(fc.constantFrom('asc', 'desc', 'up'), anyText),
  ownership: fc.oneof(fc.constantFrom('mine', 'shared', 'default'), anyText),
  max_images_per_project: fc.oneof(fc.constantFrom('1', '25', '50', '200', '201', '0', 'x'), anyText),
  page: fc.constantFrom('2', 'x'),
}
const gallerySearchText = fc
  .array(
    fc
      .constantFrom(...Object.keys(galleryValueFor), 'feedback', 'feedback')
      .chain((key) => galleryValueFor[key]!.map((value) => [key, value] as const)),
    { maxLength: 8 },
  )
  .map((pairs) => {
    const params = new URLSearchParams()
    for (const [key, value] of pairs) params.append(key, value)
    const text = params.toString()
    return text ? `?${text}` : ''
  })

describe('projects URLs in any order, with repeated params', () => {
  it('settle on the canonical gallery URL, feedback written once per value in a fixed order', async () => {
    const result = await settle('/piktid/projects?sort_by=quality_score&feedback=dislike&status=failed&feedback=like')
    expect(result.href).toBe('/piktid/projects?status=failed&feedback=like&feedback=dislike&sort_by=quality_score')
    expect(result.moves).toBe(1)
  })

  it('never crash or loop on the gallery or a project’s page, and settle on their canonical URLs', async () => {
    const path = fc.constantFrom('/piktid/projects', '/piktid/projects/1')
    await fc.assert(
      fc.asyncProperty(path, gallerySearchText, async (at, text) => {
        const schema = at === '/piktid/projects' ? projects.filters : projects.projectFilters
        const result = await settle(at + text)
        expect(result.errors).toEqual([])
        expect(result.text).not.toMatch(/Too many redirects|Something went wrong/)
        expect(result.text).toMatch(at === '/piktid/projects' ? /\d+ projects?/ : /reviewed|No image of this project/)
        expect(result.href).toBe(at + stringifySearch(schema.toSearch(schema.parse(parseSearch(text)))))
        expect(result.moves).toBeLessThanOrEqual(1)
        const again = await settle(result.href)
        expect(again.href).toBe(result.href)
        expect(again.moves).toBe(0)
      }),
      { numRuns: 30 },
    )
  }, 120_000)
})
