import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PiktidErrorBody } from '../../src/shared/piktid'
import type {
  PiktidGalleryImage,
  PiktidGalleryPage,
  PiktidGalleryProject,
  PiktidProjectSummary,
} from '../../src/shared/piktid-gallery'
import { createFixture, getJson, type CatalogFixture, type DemoUser } from './fixture'

// GET /api/piktid/gallery/by-project and GET /api/piktid/project (seed 002), checked against
// the catalog as stored.

let fx: CatalogFixture

interface RawProject {
  id: number
  name: string
  key: string
  created_at: string
  owner: string
  owner_group: string
  visibility: 'private' | 'shared'
  total: number
  completed: number
  failed: number
}

interface RawImage {
  project_id: number
  job_id: string
  image_index: number
  group_index: number
  status: string
  feedback: string | null
  original_filename: string
  quality_score: number | null
}

let projects: RawProject[]
let images: RawImage[]

const GROUPS: Record<string, string> = { alice: 'studio', bob: 'studio', carol: 'north' }

beforeAll(() => {
  fx = createFixture(300)
  projects = (
    fx.catalog.sqlite
      .prepare(
        `SELECT p.id, p.name, p.key, p.created_at, u.username AS owner, u.group_name AS owner_group, p.visibility,
                count(g.id) AS total, coalesce(sum(g.status = 'completed'), 0) AS completed,
                coalesce(sum(g.status = 'failed'), 0) AS failed
           FROM projects p JOIN users u ON u.id = p.created_by LEFT JOIN gallery_images g ON g.project_id = p.id
          GROUP BY p.id`,
      )
      .all() as (Omit<RawProject, 'visibility'> & { visibility: number })[]
  ).map((p) => ({ ...p, visibility: p.visibility === 0 ? 'private' : 'shared' }))
  images = fx.catalog.sqlite
    .prepare(
      `SELECT project_id, job_id, image_index, group_index, status, feedback, original_filename, quality_score
         FROM gallery_images`,
    )
    .all() as RawImage[]
})
afterAll(() => fx.close())

/** The rule, written independently: own projects, and shared projects of the same group. */
const sees = (user: DemoUser, p: RawProject) =>
  p.owner === user || (p.visibility === 'shared' && p.owner_group === GROUPS[user])

const gallery = (query = '', user: DemoUser | null = 'alice') =>
  getJson<PiktidGalleryPage>(fx.app, `/api/piktid/gallery/by-project${query ? `?${query}` : ''}`, user)
const galleryError = (query: string, user: DemoUser | null = 'alice') =>
  getJson<PiktidErrorBody>(fx.app, `/api/piktid/gallery/by-project?${query}`, user)

/** Every project of a listing, walking all pages. */
async function allProjects(query = '', user: DemoUser = 'alice'): Promise<PiktidGalleryProject[]> {
  const out: PiktidGalleryProject[] = []
  for (let page = 1; ; page++) {
    const { status, body } = await gallery(`${query}${query ? '&' : ''}per_page=100&page=${page}`, user)
    expect(status).toBe(200)
    out.push(...body.projects)
    if (!body.pagination.has_next) return out
  }
}

const rawOf = (id: number) => projects.find((p) => p.id === id) as RawProject
const bigProject = () =>
  projects.filter((p) => sees('alice', p) && p.total > 200).sort((a, b) => b.total - a.total)[0] as RawProject

describe('GET /api/piktid/gallery/by-project: envelope and defaults', () => {
  it('answers 20 projects newest first, each with the seed’s fields and at most 50 images', async () => {
    const { status, body } = await gallery()
    expect(status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(['pagination', 'projects'])
    const visible = projects.filter((p) => sees('alice', p) && p.total > 0).length
    expect(body.pagination).toEqual({
      page: 1,
      per_page: 20,
      total: visible,
      pages: Math.ceil(visible / 20),
      has_next: true,
      has_prev: false,
    })
    expect(body.projects).toHaveLength(20)
    const times = body.projects.map((p) => p.created_at)
    expect([...times].sort().reverse()).toEqual(times)
    for (const p of body.projects) {
      expect(Object.keys(p).sort()).toEqual(
        [
          'completed_images',
          'created_at',
          'created_by',
          'failed_images',
          'images',
          // Not in the seed: the bundled server's count of the project's matching images.
          'matching_images',
          'project_id',
          'project_key',
          'project_name',
          'total_images',
        ].sort(),
      )
      expect(p.images.length).toBe(Math.min(50, p.total_images))
      expect(p.matching_images).toBe(p.total_images)
    }
  })

  it('gives each image every field of seed 002, with real media for inputs and completed outputs', async () => {
    const { body } = await gallery('per_page=5')
    const all = body.projects.flatMap((p) => p.images)
    for (const image of all) {
      // Every seed field, and the bundled server's preview colour and output size on completed images.
      expect(Object.keys(image).sort()).toEqual(
        [
          ...(image.status === 'completed' ? ['preview_color', 'output_dimensions'] : []),
          'created_at',
          'download_filename',
          'error_message',
          'feedback',
          'feedback_comment',
          'group_index',
          'image_index',
          'input_description',
          'inputs',
          'job_id',
          'original_filename',
          'output',
          'processing_time',
          'quality_score',
          'retouch_claim',
          'review_annotations',
          'review_status',
          'status',
          'version',
        ].sort(),
      )
      expect(image.inputs.length).toBeGreaterThanOrEqual(1)
      expect(image.inputs.length).toBeLessThanOrEqual(3)
      expect(['pending', 'processing', 'completed', 'failed']).toContain(image.status)
      expect(image.output.thumbnail !== null).toBe(image.status === 'completed')
      expect(image.error_message !== null).toBe(image.status === 'failed')
      expect(image.download_filename !== null).toBe(image.status === 'completed')
      if (image.status === 'completed') expect(image.quality_score).toBeGreaterThan(0)
      expect(Object.keys(image.input_description).length).toBeGreaterThan(0)
    }
    const done = all.find((i) => i.status === 'completed') as PiktidGalleryImage
    for (const url of [done.inputs[0]?.thumbnail, done.output.thumbnail, done.output.full_size]) {
      const res = await fx.app.request(url as string)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^image\/(webp|jpeg)$/)
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000)
    }
  })

  it('treats empty-string parameters as absent', async () => {
    const plain = await gallery()
    const empty = await gallery(
      'page=&per_page=&order=&project_id=&status=&feedback=&sort_by=&ownership=&max_images_per_project=&search=',
    )
    expect(empty.status).toBe(200)
    expect(empty.body).toEqual(plain.body)
  })
})

// note: these walk every page of several listings; a busy machine needs more than 5 s.
describe('GET /api/piktid/gallery/by-project: counts and the image cap', { timeout: 30_000 }, () => {
  it('caps images at max_images_per_project while the counts cover the whole project', async () => {
    const big = bigProject()
    for (const cap of [1, 7, 50, 200]) {
      const { body } = await gallery(`project_id=${big.id}&max_images_per_project=${cap}`)
      const [project] = body.projects
      expect(project?.images).toHaveLength(cap)
      expect(project).toMatchObject({
        total_images: big.total,
        completed_images: big.completed,
        failed_images: big.failed,
      })
    }
    expect(big.total).toBeGreaterThan(200)
  })

  it('keeps every project’s counts the same whatever the status and feedback filters', async () => {
    for (const query of ['status=failed', 'feedback=like&feedback=dislike', 'status=completed&feedback=none']) {
      for (const p of await allProjects(`${query}&max_images_per_project=3`)) {
        const raw = rawOf(p.project_id)
        expect([p.total_images, p.completed_images, p.failed_images]).toEqual([raw.total, raw.completed, raw.failed])
      }
    }
  })
})

// note: these walk every page of several listings; a busy machine needs more than 5 s.
describe('GET /api/piktid/gallery/by-project: filters checked against the stored catalog', { timeout: 30_000 }, () => {
  it('lists exactly the projects with a failed image, showing only failed images', async () => {
    const listed = await allProjects('status=failed&max_images_per_project=200')
    const expected = projects.filter(
      (p) => sees('alice', p) && images.some((i) => i.project_id === p.id && i.status === 'failed'),
    )
    expect(listed.map((p) => p.project_id).sort()).toEqual(expected.map((p) => p.id).sort())
    for (const p of listed) {
      expect(p.images.every((i) => i.status === 'failed')).toBe(true)
      expect(p.images).toHaveLength(Math.min(200, p.failed_images))
    }
  })

  it('takes several feedback values as a repeated parameter', async () => {
    const both = await allProjects('feedback=like&feedback=dislike&max_images_per_project=200')
    const verdicts = both.flatMap((p) => p.images.map((i) => i.feedback))
    expect(new Set(verdicts)).toEqual(new Set(['like', 'dislike']))
    const likes = await allProjects('feedback=like&max_images_per_project=200')
    expect(likes.flatMap((p) => p.images).every((i) => i.feedback === 'like')).toBe(true)
    const none = await gallery('feedback=none&per_page=5')
    expect(none.body.projects.flatMap((p) => p.images).every((i) => i.feedback === null)).toBe(true)
    // Each project shows all its judged images, up to the cap.
    const judged = new Map<number, number>()
    for (const i of images) {
      if (i.feedback !== null && sees('alice', rawOf(i.project_id))) {
        judged.set(i.project_id, (judged.get(i.project_id) ?? 0) + 1)
      }
    }
    expect(both.map((p) => [p.project_id, p.images.length]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual(
      [...judged].map(([id, n]) => [id, Math.min(200, n)]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
    )
  })

  it('orders images by filename or quality score, in either order, failed and pending scores last', async () => {
    const big = bigProject()
    const stored = images.filter((i) => i.project_id === big.id)
    const byName = (dir: 1 | -1) => (a: RawImage, b: RawImage) =>
      dir * (a.original_filename < b.original_filename ? -1 : a.original_filename > b.original_filename ? 1 : 0) ||
      dir * (a.job_id < b.job_id ? -1 : a.job_id > b.job_id ? 1 : 0) ||
      dir * (a.image_index - b.image_index) ||
      dir * (a.group_index - b.group_index)
    const key = (i: { job_id: string; image_index: number; group_index: number }) =>
      `${i.job_id}/${i.image_index}/${i.group_index}`
    for (const [order, dir] of [
      ['asc', 1],
      ['desc', -1],
    ] as const) {
      const { body } = await gallery(`project_id=${big.id}&max_images_per_project=200&order=${order}`)
      const expected = [...stored].sort(byName(dir)).slice(0, 200)
      expect(body.projects[0]?.images.map(key)).toEqual(expected.map(key))
      const q = await gallery(`project_id=${big.id}&max_images_per_project=200&order=${order}&sort_by=quality_score`)
      const scores = q.body.projects[0]?.images.map((i) => i.quality_score) ?? []
      const scored = scores.filter((s): s is number => s !== null)
      expect(scores.slice(0, scored.length)).toEqual(scored)
      expect(scored).toEqual([...scored].sort((a, b) => dir * (a - b)))
    }
    const lowFirst = await gallery(`project_id=${big.id}&order=asc&sort_by=quality_score&max_images_per_project=1`)
    const lowest = Math.min(...stored.flatMap((i) => (i.quality_score === null ? [] : [i.quality_score])))
    expect(lowFirst.body.projects[0]?.images[0]?.quality_score).toBe(lowest)
  })

  it('searches project names, keys and ids', async () => {
    const target = projects.find((p) => sees('alice', p) && p.total > 0) as RawProject
    const word = target.name.split(' ').at(-1) as string
    const byName = await allProjects(`search=${encodeURIComponent(word.toLowerCase())}`)
    expect(byName.map((p) => p.project_id)).toContain(target.id)
    expect(
      byName.every(
        (p) =>
          p.project_name.toLowerCase().includes(word.toLowerCase()) ||
          p.project_key.toLowerCase().includes(word.toLowerCase()) ||
          String(p.project_id) === word,
      ),
    ).toBe(true)
    const byKey = await allProjects(`search=${encodeURIComponent(target.key)}`)
    expect(byKey.map((p) => p.project_id)).toEqual([target.id])
    const byId = await allProjects(`search=${target.id}`)
    expect(byId.map((p) => p.project_id)).toContain(target.id)
    expect((await gallery('search=zzzz-nothing')).body.pagination.total).toBe(0)
  })

  it('walks every page of projects in one stable order, newest first, with no repeats or gaps', async () => {
    const walked: number[] = []
    for (let page = 1; ; page++) {
      const { body } = await gallery(`per_page=7&page=${page}&max_images_per_project=1`)
      walked.push(...body.projects.map((p) => p.project_id))
      if (!body.pagination.has_next) break
      expect(body.projects).toHaveLength(7)
    }
    const expected = projects
      .filter((p) => sees('alice', p) && p.total > 0)
      .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id))
      .map((p) => p.id)
    expect(walked).toEqual(expected)
    const beyond = await gallery(`per_page=7&page=${Math.ceil(expected.length / 7) + 1}`)
    expect(beyond.body.projects).toEqual([])
    expect(beyond.body.pagination).toMatchObject({ has_next: false, has_prev: true, total: expected.length })
  })
})

// note: these walk every page of several listings; a busy machine needs more than 5 s.
describe('GET /api/piktid/gallery/by-project: ownership and visibility', { timeout: 30_000 }, () => {
  for (const user of ['alice', 'bob', 'carol'] as const) {
    for (const ownership of ['', 'mine', 'shared'] as const) {
      it(`gives ${user} exactly the ${ownership || 'visible'} projects for ownership=${ownership || '(absent)'}`, async () => {
        const listed = await allProjects(
          ownership ? `ownership=${ownership}&max_images_per_project=1` : 'max_images_per_project=1',
          user,
        )
        const expected = projects.filter(
          (p) =>
            p.total > 0 &&
            sees(user, p) &&
            (ownership === 'mine' ? p.owner === user : ownership === 'shared' ? p.owner !== user : true),
        )
        expect(listed.map((p) => p.project_id).sort((a, b) => a - b)).toEqual(
          expected.map((p) => p.id).sort((a, b) => a - b),
        )
      })
    }
  }

  it('never shows one user’s private project to another, and answers project_id of one with an empty page', async () => {
    const carolsPrivate = projects.find(
      (p) => p.owner === 'carol' && p.visibility === 'private' && p.total > 0,
    ) as RawProject
    const alicesPrivate = projects.find(
      (p) => p.owner === 'alice' && p.visibility === 'private' && p.total > 0,
    ) as RawProject
    for (const [user, hidden] of [
      ['alice', carolsPrivate],
      ['bob', alicesPrivate],
      ['carol', alicesPrivate],
    ] as const) {
      const { status, body } = await gallery(`project_id=${hidden.id}`, user)
      expect(status).toBe(200)
      expect(body).toEqual({
        pagination: { page: 1, per_page: 20, total: 0, pages: 0, has_next: false, has_prev: false },
        projects: [],
      })
      expect((await gallery(`search=${encodeURIComponent(hidden.key)}`, user)).body.projects).toEqual([])
    }
    const own = await gallery(`project_id=${alicesPrivate.id}`)
    expect(own.body.projects.map((p) => p.project_id)).toEqual([alicesPrivate.id])
  })

  it('shows alice’s shared project to bob (same group) but not to carol', async () => {
    const shared = projects.find((p) => p.owner === 'alice' && p.visibility === 'shared' && p.total > 0) as RawProject
    expect((await gallery(`project_id=${shared.id}`, 'bob')).body.projects).toHaveLength(1)
    expect((await gallery(`project_id=${shared.id}`, 'carol')).body.projects).toHaveLength(0)
  })
})

describe('GET /api/piktid/gallery/by-project: bad input and authentication', () => {
  it.each([
    ['per_page=0', 'per_page'],
    ['per_page=101', 'per_page'],
    ['page=0', 'page'],
    ['order=up', 'order'],
    ['project_id=abc', 'project_id'],
    ['status=done', 'status'],
    ['feedback=like&feedback=meh', 'feedback'],
    ['sort_by=created_at', 'sort_by'],
    ['ownership=default', 'ownership'],
    ['max_images_per_project=0', 'max_images_per_project'],
    ['max_images_per_project=201', 'max_images_per_project'],
    ['search=' + 'x'.repeat(201), 'search'],
  ])('rejects %s with the PiktID error envelope naming %s', async (query, field) => {
    const { status, body } = await galleryError(query)
    expect(status).toBe(400)
    expect(body.error).toBe('Invalid request')
    expect(body.detail).toEqual([{ field, message: expect.stringContaining(field), position: 'query' }])
  })

  it('names every bad field at once', async () => {
    const { body } = await galleryError('per_page=500&status=x&feedback=y&max_images_per_project=999&sort_by=z')
    expect(body.detail.map((d) => d.field).sort()).toEqual(
      ['feedback', 'max_images_per_project', 'per_page', 'sort_by', 'status'].sort(),
    )
  })

  it('answers 401 with the PiktID envelope without a valid token, before reading the query', async () => {
    for (const path of ['/api/piktid/gallery/by-project?per_page=0', '/api/piktid/project']) {
      const missing = await getJson<PiktidErrorBody>(fx.app, path, null)
      expect(missing.status).toBe(401)
      expect(missing.body.detail[0]).toMatchObject({ field: 'Authorization', position: 'header' })
      const wrong = await fx.app.request(path, { headers: { authorization: 'Bearer demo-mallory' } })
      expect(wrong.status).toBe(401)
    }
  })
})

describe('GET /api/piktid/project', () => {
  it('lists exactly the caller’s visible projects as id, name and key, newest first', async () => {
    for (const user of ['alice', 'bob', 'carol'] as const) {
      const { status, body } = await getJson<PiktidProjectSummary[]>(fx.app, '/api/piktid/project', user)
      expect(status).toBe(200)
      const expected = projects
        .filter((p) => sees(user, p))
        .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id))
        .map((p) => ({ id: p.id, name: p.name, key: p.key }))
      expect(body).toEqual(expected)
    }
  })

  it('agrees with the gallery: every project with images there is listed here', async () => {
    const listed = new Set(
      (await getJson<PiktidProjectSummary[]>(fx.app, '/api/piktid/project', 'bob')).body.map((p) => p.id),
    )
    for (const p of await allProjects('max_images_per_project=1', 'bob')) expect(listed.has(p.project_id)).toBe(true)
  })
})

describe('generation media', () => {
  it('sends each completed output’s true pixel size (not in the seed), and none for an image without an output', async () => {
    const all = (await allProjects('max_images_per_project=200')).flatMap((p) => p.images)
    const done = all.filter((image) => image.status === 'completed')
    for (const image of all) {
      if (image.status === 'completed') {
        const { width, height } = image.output_dimensions ?? { width: 0, height: 0 }
        expect(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0).toBe(true)
      } else expect(image.output_dimensions).toBeUndefined()
    }
    // Jobs ask for sizes of their own: portrait, square and landscape outputs all occur.
    const sizes = new Map(
      done.map((image) => [`${image.output_dimensions?.width}x${image.output_dimensions?.height}`, image]),
    )
    const aspects = [...sizes.values()].map(
      (image) => (image.output_dimensions?.width ?? 0) / (image.output_dimensions?.height ?? 1),
    )
    expect(aspects.some((a) => a < 1) && aspects.some((a) => a === 1) && aspects.some((a) => a > 1)).toBe(true)
    // Each size as served: the full-size file and its thumbnail have that size and shape.
    for (const image of sizes.values()) {
      const full = await sharp(
        Buffer.from(await (await fx.app.request(image.output.full_size as string)).arrayBuffer()),
      ).metadata()
      expect({ width: full.width, height: full.height }).toEqual(image.output_dimensions)
      const thumb = await sharp(
        Buffer.from(await (await fx.app.request(image.output.thumbnail as string)).arrayBuffer()),
      ).metadata()
      const { width, height } = image.output_dimensions as { width: number; height: number }
      expect(Math.abs((thumb.width ?? 0) / (thumb.height ?? 1) - width / height)).toBeLessThan(0.01)
    }
  })

  it('refuses an unsigned or foreign-signed generation image and has no output for a pending one', async () => {
    const { body } = await gallery('status=pending&per_page=1&max_images_per_project=1')
    const pending = body.projects[0]?.images[0] as PiktidGalleryImage
    expect(pending.output).toEqual({ full_size: null, thumbnail: null })
    const input = pending.inputs[0]?.thumbnail as string
    expect((await fx.app.request(input.split('?')[0] as string)).status).toBe(404)
    const [path] = input.split('?')
    const outputPath = (path as string).replace('gen-input-thumb', 'gen-output-thumb').replace(/-\d\.webp$/, '.webp')
    expect((await fx.app.request(outputPath)).status).toBe(404)
  })

  it('draws the output from its inputs: the same image twice is byte-identical, neighbours differ', async () => {
    const { body } = await gallery('status=completed&per_page=1&max_images_per_project=2')
    const [a, b] = body.projects[0]?.images as PiktidGalleryImage[]
    const bytes = async (url: string | null) => Buffer.from(await (await fx.app.request(url as string)).arrayBuffer())
    const first = await bytes(a?.output.thumbnail ?? null)
    expect(first.equals(await bytes(a?.output.thumbnail ?? null))).toBe(true)
    expect(first.equals(await bytes(b?.output.thumbnail ?? null))).toBe(false)
  })
})
