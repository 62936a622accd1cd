import { describe, expect, it } from 'vitest'
import { piktidGalleryFilterSchema, piktidProjectFilterSchema } from '../../src/dialects/piktid/gallery-filters'
import { buildGalleryUrl, feedbackBody, mapGalleryPage } from '../../src/dialects/piktid/gallery'
import type { SourceConfig } from '../../src/dialects/types'
import { parseSearch, stringifySearch } from '../../src/search-params'
import { wireImage } from '../fixtures/fake-piktid-gallery'

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
