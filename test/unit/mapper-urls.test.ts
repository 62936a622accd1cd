import { afterEach, describe, expect, it, vi } from 'vitest'
import { createGumnutAdapter } from '../../src/dialects/gumnut/adapter'
import { createPiktidAdapter } from '../../src/dialects/piktid/adapter'
import { createScenarioAdapter } from '../../src/dialects/scenario/adapter'
import type { SourceAdapter, SourceConfig } from '../../src/dialects/types'
import { createVipanyaAdapter } from '../../src/dialects/vipanya/adapter'
import { wireImage } from '../fixtures/piktid-gallery'
import { gumnutAsset, gumnutFacesPage, gumnutPeoplePage } from '../fixtures/gumnut'
import { wireAsset, wirePage } from '../fixtures/piktid'
import { scenarioAsset, scenarioPage } from '../fixtures/scenario'
import { vipanyaPdf } from '../fixtures/vipanya'

// A hostile or broken upstream must not get a `javascript:` or `data:` URL into an href, an img
// or an iframe: every dialect's mapper passes every link it maps through one check. Each answer
// below is a recorded one with every link in it (every string that is a path or an http URL)
// replaced by a dangerous one; nothing of it may come out of the adapter.

const DANGEROUS = [
  'javascript:alert(1)',
  ' JavaScript:alert(1)',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
] as const
const DANGEROUS_TEXT = /(?:javascript|data|vbscript):/i

const BASE = 'http://host.test'
const signal = () => new AbortController().signal

function source(dialect: SourceConfig['dialect'], path: string): SourceConfig {
  return { id: dialect, name: dialect, dialect, baseUrl: `${BASE}${path}`, credentials: { token: 't' } }
}

/** `value` with every link in it (a path, or an http URL) replaced by `bad`. */
function poison(value: unknown, bad: string): unknown {
  if (typeof value === 'string') return /^(?:\/|https?:\/\/)/.test(value) ? bad : value
  if (Array.isArray(value)) return value.map((v) => poison(v, bad))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, bad)]))
  }
  return value
}

/** How many links `value` holds (see `poison`), so a test can tell it poisoned something. */
function links(value: unknown): number {
  if (typeof value === 'string') return /^(?:\/|https?:\/\/)/.test(value) ? 1 : 0
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + links(v), 0)
  if (typeof value === 'object' && value !== null) return links(Object.values(value))
  return 0
}

/** Every string in `value`, deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings)
  return []
}

/** Stubs `fetch` to answer each path with its body, poisoned with `bad`. */
function answer(bodies: Record<string, unknown>, bad: string) {
  for (const body of Object.values(bodies)) expect(links(body)).toBeGreaterThan(0)
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const body = bodies[new URL(String(input)).pathname]
      if (body === undefined) return new Response('{}', { status: 404 })
      return new Response(JSON.stringify(poison(body, bad)), { headers: { 'Content-Type': 'application/json' } })
    }),
  )
}

function expectNoDangerousUrl(mapped: unknown) {
  expect(strings(mapped).filter((s) => DANGEROUS_TEXT.test(s))).toEqual([])
}

/** The adapter's first page (of `count` assets) and the asset `id` hold no dangerous link. */
async function expectCleanAssets<F, P>(adapter: SourceAdapter<F, P>, count: number, id: string) {
  const page = await adapter.listAssets(adapter.filters.parse({}), adapter.initialPageParam, signal())
  expect(page.items).toHaveLength(count)
  expectNoDangerousUrl(page)
  expectNoDangerousUrl(await adapter.getAsset(id, signal()))
  return page
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe.each(DANGEROUS)('links an upstream sends as %s', (bad) => {
  it('PiktID: never reach an asset or a gallery image', async () => {
    const project = {
      project_id: 4,
      project_name: 'Spring',
      project_key: 'SPR',
      created_at: '2025-02-01T00:00:00.000Z',
      created_by: 'alice',
      total_images: 2,
      completed_images: 1,
      failed_images: 0,
      images: [wireImage(0, 0), wireImage(0, 1)],
    }
    answer(
      {
        '/api/piktid/assets': wirePage(1, 5, 5),
        '/api/piktid/assets/as00004': wireAsset(4),
        '/api/piktid/gallery/by-project': {
          projects: [project],
          pagination: { page: 1, per_page: 10, total: 1, pages: 1, has_next: false, has_prev: false },
        },
      },
      bad,
    )
    const adapter = createPiktidAdapter(source('piktid', '/api/piktid'))
    await expectCleanAssets(adapter, 5, 'as00004')
    const gallery = await adapter.projects!.listProjectImages({}, 1, signal())
    expect(gallery.items).toHaveLength(2)
    expectNoDangerousUrl(gallery)
  })

  it('Gumnut: never reach a photo, a person, a face or a person to choose', async () => {
    answer(
      {
        '/api/gumnut/api/assets': { data: [gumnutAsset], has_more: false },
        '/api/gumnut/api/assets/asset_xkt2sknq': gumnutAsset,
        '/api/gumnut/api/people': { ...gumnutPeoplePage, has_more: false },
        '/api/gumnut/api/people/person_xxf1m8va': gumnutPeoplePage.data[0],
        '/api/gumnut/api/faces': gumnutFacesPage,
      },
      bad,
    )
    const adapter = createGumnutAdapter(source('gumnut', '/api/gumnut'))
    const page = await expectCleanAssets(adapter, 1, 'asset_xkt2sknq')
    expect(page.items[0]?.people).toHaveLength(3)
    const people = await adapter.people!.listPeople({}, signal())
    expect(people.items).toHaveLength(2)
    expectNoDangerousUrl(people)
    expectNoDangerousUrl(await adapter.people!.getPerson('person_xxf1m8va', signal()))
    const faces = await adapter.people!.listFaces({}, signal())
    expect(faces.items).toHaveLength(4)
    expectNoDangerousUrl(faces)
    const choices = await adapter.filterOptions!('person_id', signal())
    expect(choices).toHaveLength(2)
    expectNoDangerousUrl(choices)
  })

  it('Scenario: never reach an asset', async () => {
    answer(
      {
        '/api/scenario/v1/assets': scenarioPage(3),
        '/api/scenario/v1/assets/asset_00000001': { asset: scenarioAsset(1) },
      },
      bad,
    )
    await expectCleanAssets(createScenarioAdapter(source('scenario', '/api/scenario/v1')), 3, 'asset_00000001')
  })

  it('Vipanya: never reach an asset, its link or its player', async () => {
    const video = vipanyaPdf({
      id: 'v1',
      asset_type: 'external_video',
      external_url: 'https://www.youtube.com/watch?v=abc',
      video_embed: 'https://www.youtube-nocookie.com/embed/abc',
    })
    const link = vipanyaPdf({ id: 'l1', asset_type: 'link', external_url: 'https://www.w3.org/WAI/' })
    answer(
      {
        '/api/vipanya/api/v1/assets': {
          success: true,
          data: [vipanyaPdf(), video, link],
          pagination: { page: 1, per_page: 100, total: 3, total_pages: 1 },
        },
        '/api/vipanya/api/v1/assets/v1': { success: true, data: video },
      },
      bad,
    )
    await expectCleanAssets(createVipanyaAdapter(source('vipanya', '/api/vipanya')), 3, 'v1')
  })
})
