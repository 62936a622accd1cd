import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { piktidGalleryFilterSchema, piktidProjectFilterSchema } from '../../src/dialects/piktid/gallery-filters'
import {
  buildGalleryUrl,
  createPiktidProjectsApi,
  feedbackBody,
  mapGalleryPage,
} from '../../src/dialects/piktid/gallery'
import { ApiError } from '../../src/dialects/http'
import { loadAdapter } from '../../src/dialects/sources'
import { projectQueries } from '../../src/features/projects/queries'
import type { SourceConfig } from '../../src/dialects/types'
import { parseSearch, stringifySearch } from '../../src/search-params'
import { wireImage } from '../fixtures/piktid-gallery'

const source: SourceConfig = {
  id: 'piktid',
  name: 'PiktID demo',
  dialect: 'piktid',
  baseUrl: 'http://localhost/api/piktid',
  credentials: { token: 'demo-alice' },
}

describe('PiktID gallery URLs', () => {
  it('reads and writes the repeated feedback parameter in the seed’s names, defaults dropped', () => {
    const raw = parseSearch('?sort_by=quality_score&feedback=dislike&status=failed&feedback=like&order=desc')
    expect(raw.feedback).toEqual(['dislike', 'like'])
    const filters = piktidGalleryFilterSchema.parse(raw)
    expect(stringifySearch(piktidGalleryFilterSchema.toSearch(filters))).toBe(
      '?status=failed&feedback=like&feedback=dislike&sort_by=quality_score',
    )
  })

  it('drops unknown values and keeps the known ones of a repeated parameter', () => {
    const filters = piktidGalleryFilterSchema.parse(
      parseSearch('?feedback=meh&feedback=none&max_images_per_project=500'),
    )
    expect(stringifySearch(piktidGalleryFilterSchema.toSearch(filters))).toBe('?feedback=none')
  })

  it('a project’s page keeps only the image filters', () => {
    const filters = piktidProjectFilterSchema.parse(parseSearch('?search=x&ownership=mine&status=completed'))
    expect(stringifySearch(piktidProjectFilterSchema.toSearch(filters))).toBe('?status=completed')
  })

  it('asks for one project with the API’s largest image cap', () => {
    const url = buildGalleryUrl(source, { feedback: ['like', 'none'], project_id: 12 }, 1, 1)
    expect(url.pathname).toBe('/api/piktid/gallery/by-project')
    expect(url.search).toBe('?feedback=like&feedback=none&project_id=12&max_images_per_project=200&page=1&per_page=1')
  })
})

/** A gallery project as the API sends it, before its images. */
const springProject = {
  project_id: 4,
  project_name: 'Spring',
  project_key: 'SPR',
  created_at: '2025-02-01T00:00:00.000Z',
  created_by: 'alice',
  total_images: 120,
  completed_images: 80,
  failed_images: 3,
}

describe('PiktID gallery mapping', () => {
  it('flattens projects to their images keyed job_id:image_index:group_index, each carrying its project', () => {
    const page = mapGalleryPage(
      {
        pagination: { page: 1, per_page: 2, total: 5, pages: 3, has_next: true, has_prev: false },
        projects: [{ ...springProject, images: [wireImage(3, 0), wireImage(3, 4)] }],
      },
      'http://host.test',
    )
    expect(page.items.map((i) => i.key)).toEqual(['job_p3:0:0', 'job_p3:4:0'])
    expect(page.items[1]).toMatchObject({ status: 'failed', error: 'Pose estimation failed on image 4' })
    expect(page.items[0]?.project).toMatchObject({ id: '4', totalImages: 120, completedImages: 80, failedImages: 3 })
    expect(page.nextPage).toBe(2)
    expect(page.totalProjects).toBe(5)
  })

  it('keeps a valid preview colour and drops anything else (it lands in a style)', () => {
    const colours = ['#A1B2C3', 'red', 'url(https://evil.example/x)', undefined]
    const page = mapGalleryPage(
      {
        pagination: { page: 1, per_page: 1, total: 1, pages: 1, has_next: false, has_prev: false },
        projects: [
          {
            ...springProject,
            images: colours.map((colour, i) => ({ ...wireImage(3, i * 2), preview_color: colour })),
          },
        ],
      },
      'http://host.test',
    )
    expect(page.items.map((i) => i.preview)).toEqual(['#a1b2c3', undefined, undefined, undefined])
  })

  it('reads an output’s shape from its size where one is sent, and none from anything else', () => {
    const sizes = [
      { width: 1536, height: 1024 },
      { width: 864, height: 1536 },
      undefined,
      null,
      { width: 0, height: 1536 },
      { width: -1024, height: 1536 },
      { width: '1024', height: 1536 },
      { width: 1024 },
      { width: Number.POSITIVE_INFINITY, height: 1536 },
      [1024, 1536],
    ]
    const page = mapGalleryPage(
      {
        pagination: { page: 1, per_page: 1, total: 1, pages: 1, has_next: false, has_prev: false },
        projects: [
          { ...springProject, images: sizes.map((size, i) => ({ ...wireImage(3, i * 2), output_dimensions: size })) },
        ],
      },
      'http://host.test',
    )
    expect(page.items.map((i) => i.aspect)).toEqual([1.5, 864 / 1536, ...Array<undefined>(8).fill(undefined)])
  })

  it('sends a verdict in the feedback endpoint’s field names, leaving the comment alone unless given', () => {
    const change = { jobId: 'job_1', imageIndex: 2, groupIndex: 0, verdict: 'like' as const }
    expect(feedbackBody(change)).toEqual({ job_id: 'job_1', image_index: 2, group_index: 0, feedback: 'like' })
    expect(feedbackBody({ ...change, verdict: null, comment: null })).toEqual({
      job_id: 'job_1',
      image_index: 2,
      group_index: 0,
      feedback: null,
      feedback_comment: null,
    })
  })
})

describe('reading one project past the image cap', () => {
  const SIZE = 450
  /**
   * A one-project gallery of SIZE images: `offsets` reads `images_offset` and answers
   * `matching_images` (the bundled server); `ignored` sends the count but reads no offset;
   * `none` is PiktID's own (no count, the first images whatever the offset).
   */
  const stubProject = (mode: 'offsets' | 'ignored' | 'none') => {
    const urls: URL[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = new URL(String(input))
        urls.push(url)
        const limit = Number(url.searchParams.get('max_images_per_project'))
        const offset = mode === 'offsets' ? Number(url.searchParams.get('images_offset') ?? 0) : 0
        const images = Array.from({ length: SIZE }, (_, i) => wireImage(4, i)).slice(offset, offset + limit)
        const project = { ...springProject, total_images: SIZE, images }
        return Response.json({
          pagination: { page: 1, per_page: 1, total: 1, pages: 1, has_next: false, has_prev: false },
          projects: [mode === 'none' ? project : { ...project, matching_images: SIZE }],
        })
      }),
    )
    return urls
  }
  beforeAll(() => loadAdapter(source))
  afterEach(() => {
    vi.unstubAllGlobals()
  })
  const api = () => createPiktidProjectsApi(source, (status) => new ApiError(`HTTP ${status}`, status))
  const signal = new AbortController().signal

  it('asks for a run from its offset and answers how many images match', async () => {
    const urls = stubProject('offsets')
    const run = await api().getProject('4', { status: 'completed' }, signal, { offset: 400, limit: 200 })
    const asked = Object.fromEntries(urls[0]?.searchParams ?? [])
    expect(asked).toMatchObject({ status: 'completed', project_id: '4', max_images_per_project: '200' })
    expect(asked.images_offset).toBe('400')
    expect(run?.matching).toBe(SIZE)
    expect(run?.images.map((i) => i.imageIndex)).toEqual(Array.from({ length: 50 }, (_, i) => 400 + i))
  })

  it('reads an API without matching_images as one that returns the first images only', async () => {
    stubProject('none')
    const run = await api().getProject('4', {}, signal, { offset: 200, limit: 200 })
    expect(run?.matching).toBeNull()
    expect(run?.images[0]?.imageIndex).toBe(0)
  })

  it('refuses a count from a server that does not read the offset, rather than repeat the first images', async () => {
    stubProject('ignored')
    await expect(api().getProject('4', {}, signal, { offset: 400, limit: 200 })).rejects.toThrow(
      'PiktID answered 200 images from offset 400 of 450 matching; 50 were expected.',
    )
  })

  it('pages the project page’s list by offset, any page at once, to the last image', async () => {
    const urls = stubProject('offsets')
    const spec = projectQueries.project(source, '4', {}, true)
    expect(spec.paramForIndex?.(SIZE - 1)).toBe(400)
    const last = await spec.fetchPage(400, signal)
    expect(last).toMatchObject({ offset: 400, total: SIZE, nextPageParam: undefined, prevPageParam: 200 })
    expect(last.items).toHaveLength(50)
    const middle = await spec.fetchPage(200, signal)
    expect(middle).toMatchObject({ offset: 200, total: SIZE, nextPageParam: 400, prevPageParam: 0 })
    expect(urls.map((u) => u.searchParams.get('images_offset'))).toEqual(['400', '200'])
    expect((await spec.sampleAt?.(321, signal))?.imageIndex).toBe(321)
  })

  it('is one page of the first images where the API reads no offset, and sends it none', async () => {
    const urls = stubProject('none')
    const spec = projectQueries.project(source, '4', {}, false)
    expect(spec.paramForIndex).toBeUndefined()
    expect(spec.sampleAt).toBeUndefined()
    const first = await spec.fetchPage(spec.initialPageParam, signal)
    expect(first).toMatchObject({ offset: 0, total: 200, nextPageParam: undefined, prevPageParam: undefined })
    expect(urls.map((u) => u.searchParams.has('images_offset'))).toEqual([false])
  })
})
