import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { openCatalog } from '../../src/server/db/catalog-db'
import { createMediaStore } from '../../src/server/media/media-store'
import type { PiktidErrorBody } from '../../src/shared/piktid'
import type {
  PiktidAnnotation,
  PiktidGalleryImage,
  PiktidGalleryPage,
  PiktidGalleryProject,
} from '../../src/shared/piktid-gallery'
import { createFixture, getJson, TOKENS, type CatalogFixture, type DemoUser } from './fixture'

// The bundled server's QA review (not in seed 002): review status and annotations in the
// feedback write, the review_status filter, retouch claims, and reading a project past the
// image cap with images_offset. Checked against the catalog as stored.

let fx: CatalogFixture
beforeAll(() => {
  // The gallery does not grow with the asset count: a small fixture has projects of 1,400 images.
  fx = createFixture(50)
})
afterAll(() => fx.close())

interface ImageKey {
  job_id: string
  image_index: number
  group_index: number
}

interface StoredImage extends ImageKey {
  id: number
  project_id: number
  owner: string
  visibility: number
  review_status: string | null
  review_annotations: string | null
  retouch_claim: string | null
  feedback_at: string | null
}

const sql = <T>(text: string, ...args: unknown[]) => fx.catalog.sqlite.prepare(text).all(...args) as T[]

/** The first image (by id) matching `where`, as stored. */
function stored(where: string): StoredImage {
  const [row] = sql<StoredImage>(
    `SELECT g.id, g.job_id, g.image_index, g.group_index, g.project_id, u.username AS owner, p.visibility,
            g.review_status, g.review_annotations, g.retouch_claim, g.feedback_at
       FROM gallery_images g JOIN projects p ON p.id = g.project_id JOIN users u ON u.id = p.created_by
      WHERE ${where} ORDER BY g.id LIMIT 1`,
  )
  if (!row) throw new Error(`no image where ${where}`)
  return row
}

const reload = (image: StoredImage) => stored(`g.id = ${image.id}`)
const keyOf = (i: ImageKey): ImageKey => ({ job_id: i.job_id, image_index: i.image_index, group_index: i.group_index })
const sameKey = (a: ImageKey) => (b: ImageKey) =>
  a.job_id === b.job_id && a.image_index === b.image_index && a.group_index === b.group_index

/** Rows changed through the app's connection so far: unchanged means nothing was written. */
const changes = () => (fx.catalog.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n

async function post(path: string, body: unknown, user: DemoUser | null = 'alice', app = fx.app) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (user) headers.authorization = `Bearer ${TOKENS[user]}`
  const res = await app.request(`/api/piktid/gallery/${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as PiktidGalleryImage & PiktidErrorBody }
}

const feedback = (body: unknown, user: DemoUser | null = 'alice') => post('feedback', body, user)
const claim = (body: unknown, user: DemoUser | null = 'alice') => post('claim', body, user)

const byProject = (query: string, user: DemoUser = 'alice', app = fx.app) =>
  getJson<PiktidGalleryPage & PiktidErrorBody>(app, `/api/piktid/gallery/by-project?${query}`, user)

/** Every image of one project under `query`, read 200 at a time with images_offset. */
async function walkProject(
  projectId: number,
  query = '',
  user: DemoUser = 'alice',
): Promise<{ images: PiktidGalleryImage[]; project: PiktidGalleryProject | undefined; requests: number }> {
  const images: PiktidGalleryImage[] = []
  let project: PiktidGalleryProject | undefined
  let requests = 0
  for (let offset = 0; ; offset += 200) {
    const { status, body } = await byProject(
      `project_id=${projectId}&max_images_per_project=200&images_offset=${offset}${query ? `&${query}` : ''}`,
      user,
    )
    requests += 1
    expect(status).toBe(200)
    const page = body.projects[0]
    if (!page) break
    if (project) expect(page.matching_images, 'matching_images changed while walking').toBe(project.matching_images)
    project ??= page
    images.push(...page.images)
    if (page.images.length < 200) break
  }
  return { images, project, requests }
}

/** The image as the gallery shows it in its project, wherever it sits past the cap. */
async function shown(image: StoredImage, user: DemoUser = 'alice'): Promise<PiktidGalleryImage | undefined> {
  return (await walkProject(image.project_id, '', user)).images.find(sameKey(image))
}

const box = (over: Partial<PiktidAnnotation> = {}): PiktidAnnotation => ({
  x: 0.1,
  y: 0.2,
  w: 0.3,
  h: 0.4,
  note: 'Left cuff frays',
  tag: 'garment',
  ...over,
})

describe('review status and annotations in POST /gallery/feedback', () => {
  it('stores them, answers the whole image with them, and the gallery shows them', async () => {
    const image = stored(`u.username = 'alice' AND g.review_status IS NULL AND g.status = 'completed'`)
    const annotations = [box(), box({ x: 0.5, y: 0.5, w: 0, h: 0, note: 'Sixth finger', tag: 'hands' })]
    const { status, body } = await feedback({
      ...keyOf(image),
      review_status: 'needs_retouch',
      review_annotations: annotations,
    })
    expect(status).toBe(200)
    expect(body).toMatchObject({ ...keyOf(image), review_status: 'needs_retouch', review_annotations: annotations })
    expect(body.output.full_size).toMatch(/^\/media\/gen-output\//)
    expect(reload(image)).toMatchObject({
      review_status: 'needs_retouch',
      review_annotations: JSON.stringify(annotations),
    })
    expect(await shown(image)).toEqual(body)
  })

  it('is idempotent: the same write twice answers the same and writes nothing the second time', async () => {
    const image = stored(`u.username = 'alice' AND g.review_status IS NULL AND g.id > 2000`)
    const write = { ...keyOf(image), review_status: 'approved', review_annotations: [box({ tag: 'fit' })] }
    const first = await feedback(write)
    expect(first.status).toBe(200)
    const at = reload(image).feedback_at
    expect(at).not.toBeNull()
    const before = changes()
    await new Promise((r) => setTimeout(r, 5))
    const second = await feedback(write)
    expect(second).toEqual(first)
    expect(changes()).toBe(before)
    expect(reload(image).feedback_at).toBe(at)
  })

  it('keeps a field left out, clears it with null, and reads an empty list of annotations as none', async () => {
    const image = stored(`u.username = 'bob' AND p.visibility = 1 AND g.review_status IS NULL AND g.id > 3000`)
    await feedback({ ...keyOf(image), review_status: 'needs_retouch', review_annotations: [box()] })
    expect((await feedback({ ...keyOf(image), feedback: 'dislike' })).body).toMatchObject({
      feedback: 'dislike',
      review_status: 'needs_retouch',
      review_annotations: [box()],
    })
    expect((await feedback({ ...keyOf(image), review_annotations: [] })).body).toMatchObject({
      review_status: 'needs_retouch',
      review_annotations: null,
    })
    expect((await feedback({ ...keyOf(image), review_status: null })).body).toMatchObject({
      feedback: 'dislike',
      review_status: null,
      review_annotations: null,
    })
    expect(reload(image)).toMatchObject({ review_status: null, review_annotations: null })
  })

  it.each([
    ['an unknown status', { review_status: 'rejected' }, 'review_status'],
    ['more than 50 annotations', { review_annotations: Array.from({ length: 51 }, () => box()) }, 'review_annotations'],
    [
      'a note over 500 characters',
      { review_annotations: [box({ note: 'x'.repeat(501) })] },
      'review_annotations.0.note',
    ],
    ['an unknown tag', { review_annotations: [box(), box({ tag: 'shoes' as 'face' })] }, 'review_annotations.1.tag'],
    ['a coordinate below 0', { review_annotations: [box({ y: -0.5 })] }, 'review_annotations.0.y'],
    // Both the coordinate and the whole annotation (it leaves the image) are named.
    [
      'a pin past the edge',
      { review_annotations: [box(), box({ x: 0.2, y: 1.01, w: 0, h: 0 })] },
      ['review_annotations.1.y', 'review_annotations.1'],
    ],
    ['a negative size', { review_annotations: [box({ h: -0.1 })] }, 'review_annotations.0.h'],
    ['a box running off the image', { review_annotations: [box({ x: 0.8, w: 0.3 })] }, 'review_annotations.0'],
    [
      'an annotation with an unknown field',
      { review_annotations: [{ ...box(), colour: 'red' }] },
      'review_annotations.0',
    ],
    ['annotations that are not a list', { review_annotations: box() }, 'review_annotations'],
    ['an unknown field', { review_state: 'approved' }, 'body'],
    ['no review field at all', {}, 'body'],
  ])('refuses %s with 400 naming %s, writing nothing', async (_name, change, named) => {
    const image = stored(`u.username = 'alice' AND g.status = 'completed' AND g.id > 4000`)
    const before = changes()
    const { status, body } = await feedback({ ...keyOf(image), ...change })
    expect(status).toBe(400)
    expect(body.error).toBe('Invalid request')
    const fields = [named].flat()
    expect(body.detail.map((d) => d.field)).toEqual(fields)
    for (const [n, field] of fields.entries()) {
      expect(body.detail[n]).toMatchObject({ position: 'body', message: expect.stringContaining(field) })
    }
    expect(changes()).toBe(before)
  })

  it('answers 404 for an image the caller cannot see, writing nothing', async () => {
    const secret = stored(`u.username = 'carol' AND p.visibility = 0`)
    const before = changes()
    const { status, body } = await feedback({ ...keyOf(secret), review_status: 'approved' }, 'alice')
    expect(status).toBe(404)
    expect(body).toEqual({
      error: 'Not found',
      detail: [{ field: 'job_id', message: expect.stringContaining('not found'), position: 'path' }],
    })
    expect(changes()).toBe(before)
  })
})

/** Ground truth: the keys of a project's images in the gallery's default order, under `where`. */
function expectedKeys(projectId: number, where = '1 = 1', order = 'desc'): string[] {
  const dir = order === 'asc' ? 'ASC' : 'DESC'
  return sql<ImageKey>(
    `SELECT job_id, image_index, group_index FROM gallery_images WHERE project_id = ? AND ${where}
      ORDER BY original_filename ${dir}, job_id ${dir}, image_index ${dir}, group_index ${dir}`,
    projectId,
  ).map((k) => `${k.job_id}/${k.image_index}/${k.group_index}`)
}
const keysOf = (images: ImageKey[]) => images.map((k) => `${k.job_id}/${k.image_index}/${k.group_index}`)

/** alice's largest project: well past the 200-image cap, with every review status in it. */
const bigProject = () =>
  sql<{ project_id: number; n: number }>(
    `SELECT g.project_id, count(*) AS n FROM gallery_images g JOIN projects p ON p.id = g.project_id
       JOIN users u ON u.id = p.created_by WHERE u.username = 'alice'
      GROUP BY g.project_id ORDER BY n DESC LIMIT 1`,
  )[0]!

describe('the review_status filter of GET /gallery/by-project (not in the seed)', () => {
  it.each([
    [['approved'], `review_status = 'approved'`],
    [['needs_retouch'], `review_status = 'needs_retouch'`],
    [['none'], `review_status IS NULL`],
    [['approved', 'none'], `(review_status = 'approved' OR review_status IS NULL)`],
    [['needs_retouch', 'approved'], `review_status IS NOT NULL`],
  ])('review_status=%j gives exactly the matching images of a project, in order', async (values, where) => {
    const { project_id } = bigProject()
    const query = values.map((v) => `review_status=${v}`).join('&')
    const { images, project } = await walkProject(project_id, query)
    const expected = expectedKeys(project_id, where)
    expect(expected.length).toBeGreaterThan(0)
    expect(keysOf(images)).toEqual(expected)
    expect(project?.matching_images).toBe(expected.length)
  })

  it('combines with the other filters, and counts every listed project’s matches', async () => {
    const { body } = await byProject('review_status=needs_retouch&feedback=none&status=completed&per_page=100')
    const where = `review_status = 'needs_retouch' AND feedback IS NULL AND status = 'completed'`
    const counts = new Map(
      sql<{ project_id: number; n: number }>(
        `SELECT project_id, count(*) AS n FROM gallery_images WHERE ${where} GROUP BY project_id`,
      ).map((r) => [r.project_id, r.n]),
    )
    expect(body.projects.length).toBeGreaterThan(0)
    for (const p of body.projects) {
      expect(p.matching_images, p.project_key).toBe(counts.get(p.project_id))
      expect(p.images.length).toBe(Math.min(50, counts.get(p.project_id) ?? 0))
      for (const i of p.images) expect(i).toMatchObject({ review_status: 'needs_retouch', feedback: null })
    }
  })

  it('follows a review write, made here or by another connection to the catalog (a request worker)', async () => {
    const { project_id } = bigProject()
    const image = stored(`g.project_id = ${project_id} AND g.review_status IS NULL AND g.id % 7 = 3`)
    const approved = async (app = fx.app) =>
      (await byProject(`project_id=${project_id}&review_status=approved`, 'alice', app)).body.projects[0]
        ?.matching_images ?? 0
    const before = await approved()
    await feedback({ ...keyOf(image), review_status: 'approved' })
    expect(await approved()).toBe(before + 1)

    const other = openCatalog(fx.catalog.dataDir)
    try {
      const worker = createApp({ db: other, media: createMediaStore(other) })
      expect(await approved(worker)).toBe(before + 1)
      // Written through the other connection: this one's counts must follow.
      expect((await post('feedback', { ...keyOf(image), review_status: null }, 'alice', worker)).status).toBe(200)
      expect(await approved()).toBe(before)
      expect(await approved(worker)).toBe(before)
    } finally {
      other.close()
    }
  })

  it.each(['rejected', 'APPROVED', 'null'])('refuses review_status=%j with 400 naming it', async (value) => {
    const { status, body } = await byProject(`review_status=${value}`)
    expect(status).toBe(400)
    expect(body.detail).toEqual([
      { field: 'review_status', message: expect.stringContaining('review_status'), position: 'query' },
    ])
  })
})

describe('POST /gallery/claim (not in the seed)', () => {
  /** An image of alice's shared project that needs retouch and is not claimed. */
  const open = (extra = '1 = 1') =>
    stored(
      `u.username = 'alice' AND p.visibility = 1 AND g.review_status = 'needs_retouch' AND g.retouch_claim IS NULL AND ${extra}`,
    )

  it('takes an image for the caller, again without rewriting it, and releases it', async () => {
    const image = open()
    const started = Date.now()
    const taken = await claim({ ...keyOf(image), claim: true })
    expect(taken.status).toBe(200)
    expect(taken.body).toMatchObject({ ...keyOf(image), review_status: 'needs_retouch' })
    const held = taken.body.retouch_claim
    expect(held?.claimed_by).toBe('alice')
    expect(Date.parse(held?.claimed_at ?? '')).toBeGreaterThanOrEqual(started - 1000)
    expect(new Date(held?.claimed_at ?? '').toISOString()).toBe(held?.claimed_at)
    expect(JSON.parse(reload(image).retouch_claim ?? 'null')).toEqual(held)
    expect(await shown(image)).toEqual(taken.body)

    const before = changes()
    await new Promise((r) => setTimeout(r, 5))
    const again = await claim({ ...keyOf(image), claim: true })
    expect(again).toEqual(taken)
    expect(changes()).toBe(before)

    const released = await claim({ ...keyOf(image), claim: false })
    expect(released.status).toBe(200)
    expect(released.body).toEqual({ ...taken.body, retouch_claim: null })
    expect(reload(image).retouch_claim).toBeNull()
    const settled = changes()
    expect(await claim({ ...keyOf(image), claim: false })).toEqual(released)
    expect(changes()).toBe(settled)
  })

  it('refuses another user’s take or release of a held image with 409 naming the holder, writing nothing', async () => {
    const image = open('g.id % 5 = 1')
    const taken = await claim({ ...keyOf(image), claim: true }, 'alice')
    const since = taken.body.retouch_claim?.claimed_at ?? ''
    const before = changes()
    for (const take of [true, false]) {
      const { status, body } = await claim({ ...keyOf(image), claim: take }, 'bob')
      expect(status).toBe(409)
      expect(body).toEqual({
        error: 'Conflict',
        detail: [{ field: 'claim', message: expect.stringContaining(`by alice since ${since}`), position: 'body' }],
      })
      expect(body.detail[0]?.message).toContain(take ? 'work on' : 'release')
    }
    expect(changes()).toBe(before)
    expect(JSON.parse(reload(image).retouch_claim ?? 'null')).toEqual(taken.body.retouch_claim)
  })

  it('names the holder of a claim the catalog already had', async () => {
    const held = stored(`u.username = 'alice' AND p.visibility = 1 AND g.retouch_claim LIKE '%"claimed_by":"bob"%'`)
    const holder = JSON.parse(held.retouch_claim ?? '') as { claimed_by: string; claimed_at: string }
    const { status, body } = await claim({ ...keyOf(held), claim: true }, 'alice')
    expect(status).toBe(409)
    expect(body.detail[0]?.message).toContain(`claimed for retouch by bob since ${holder.claimed_at}`)
  })

  it.each([
    ['approved', `g.review_status = 'approved'`, 'is approved'],
    ['not reviewed', `g.review_status IS NULL`, 'is not reviewed'],
  ])(
    'refuses to take an image that is %s (only needs_retouch can be claimed), writing nothing',
    async (_n, where, says) => {
      const image = stored(`u.username = 'alice' AND g.retouch_claim IS NULL AND g.id > 5000 AND ${where}`)
      const before = changes()
      const { status, body } = await claim({ ...keyOf(image), claim: true })
      expect(status).toBe(409)
      expect(body.error).toBe('Conflict')
      expect(body.detail[0]?.message).toContain(says)
      expect(body.detail[0]?.message).toContain('needs_retouch')
      expect(changes()).toBe(before)
      expect(reload(image).retouch_claim).toBeNull()
    },
  )

  it('answers 404 for an image the caller cannot see, or that does not exist, writing nothing', async () => {
    const secret = stored(`u.username = 'carol' AND p.visibility = 0 AND g.review_status = 'needs_retouch'`)
    const shared = stored(`u.username = 'alice' AND p.visibility = 1 AND g.review_status = 'needs_retouch'`)
    const before = changes()
    for (const [image, user] of [
      [secret, 'alice'],
      [secret, 'bob'],
      [shared, 'carol'],
      [{ job_id: 'job_nothing', image_index: 0, group_index: 0 }, 'alice'],
    ] as const) {
      for (const take of [true, false]) {
        const { status, body } = await claim({ ...keyOf(image), claim: take }, user)
        expect(status, `${user} ${image.job_id}`).toBe(404)
        expect(body).toEqual({
          error: 'Not found',
          detail: [{ field: 'job_id', message: expect.stringContaining('not found'), position: 'path' }],
        })
      }
    }
    expect(changes()).toBe(before)
  })

  it.each([
    ['a missing claim', { claim: undefined }, 'claim'],
    ['a claim that is not a boolean', { claim: 'yes' }, 'claim'],
    ['a negative image index', { image_index: -1 }, 'image_index'],
    ['a missing job id', { job_id: undefined }, 'job_id'],
    ['an unknown field', { claimed_by: 'bob' }, 'body'],
  ])('refuses %s with 400 naming %s, writing nothing', async (_name, change, field) => {
    const image = open('g.id % 5 = 2')
    const before = changes()
    const { status, body } = await claim({ ...keyOf(image), claim: true, ...change })
    expect(status).toBe(400)
    expect(body.detail.map((d) => d.field)).toEqual([field])
    expect(body.detail[0]?.position).toBe('body')
    expect(changes()).toBe(before)
  })

  it('refuses a body that is not JSON with 400 and a request without a valid token with 401', async () => {
    const image = open('g.id % 5 = 3')
    const before = changes()
    expect((await claim('{"job_id":')).status).toBe(400)
    const anonymous = await claim({ ...keyOf(image), claim: true }, null)
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.detail[0]).toMatchObject({ field: 'Authorization', position: 'header' })
    expect(changes()).toBe(before)
  })

  it('keeps a claim when the app is started again on the same data folder', async () => {
    const image = open('g.id % 5 = 4')
    const taken = await claim({ ...keyOf(image), claim: true })
    const again = openCatalog(fx.catalog.dataDir)
    try {
      const app = createApp({ db: again, media: createMediaStore(again) })
      const { status, body } = await post('claim', { ...keyOf(image), claim: true }, 'bob', app)
      expect(status).toBe(409)
      expect(body.detail[0]?.message).toContain(`by alice since ${taken.body.retouch_claim?.claimed_at ?? '?'}`)
    } finally {
      again.close()
    }
  })
})

describe('images_offset and matching_images (not in the seed)', () => {
  it('reads a project larger than the cap to its last image: each once, in order, as many as matching_images', async () => {
    const { project_id, n } = bigProject()
    expect(n).toBeGreaterThan(600)
    const { images, project, requests } = await walkProject(project_id)
    expect(requests).toBe(Math.ceil((n + 1) / 200))
    expect(keysOf(images)).toEqual(expectedKeys(project_id))
    expect(new Set(keysOf(images)).size).toBe(n)
    expect(project).toMatchObject({ total_images: n, matching_images: n })
  })

  it('walks a filtered, re-sorted project the same way', async () => {
    const { project_id } = bigProject()
    const { images, project } = await walkProject(project_id, 'status=completed&sort_by=quality_score&order=asc')
    const expected = sql<ImageKey>(
      `SELECT job_id, image_index, group_index FROM gallery_images WHERE project_id = ? AND status = 'completed'
        ORDER BY quality_score ASC, job_id ASC, image_index ASC, group_index ASC`,
      project_id,
    )
    expect(expected.length).toBeGreaterThan(200)
    expect(keysOf(images)).toEqual(keysOf(expected))
    expect(project?.matching_images).toBe(expected.length)
  })

  it('answers no images past the end, the counts still given', async () => {
    const { project_id, n } = bigProject()
    const { body } = await byProject(`project_id=${project_id}&images_offset=${n}`)
    expect(body.projects[0]).toMatchObject({ total_images: n, matching_images: n, images: [] })
  })

  it.each(['-1', '1.5', 'x'])('refuses images_offset=%s with 400 naming it', async (value) => {
    const { status, body } = await byProject(`images_offset=${value}`)
    expect(status).toBe(400)
    expect(body.detail.map((d) => d.field)).toEqual(['images_offset'])
  })
})
