import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app'
import { openCatalog } from '../../src/server/db/catalog-db'
import { createMediaStore } from '../../src/server/media/media-store'
import type { PiktidErrorBody } from '../../src/shared/piktid'
import type { PiktidGalleryImage, PiktidGalleryPage } from '../../src/shared/piktid-gallery'
import { createFixture, getJson, TOKENS, type CatalogFixture, type DemoUser } from './fixture'

// POST /api/piktid/gallery/feedback: a verdict is validated, visible-only, idempotent and
// durable.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(200)
})
afterAll(() => fx.close())

interface StoredImage {
  job_id: string
  image_index: number
  group_index: number
  feedback: string | null
  feedback_comment: string | null
  feedback_at: string | null
  owner: string
  visibility: number
  project_id: number
}

const stored = (where: string): StoredImage =>
  fx.catalog.sqlite
    .prepare(
      `SELECT g.job_id, g.image_index, g.group_index, g.feedback, g.feedback_comment, g.feedback_at,
              u.username AS owner, p.visibility, g.project_id
         FROM gallery_images g JOIN projects p ON p.id = g.project_id JOIN users u ON u.id = p.created_by
        WHERE ${where} ORDER BY g.id LIMIT 1`,
    )
    .get() as StoredImage

const reload = (image: { job_id: string; image_index: number; group_index: number }) =>
  stored(
    `g.job_id = '${image.job_id}' AND g.image_index = ${image.image_index} AND g.group_index = ${image.group_index}`,
  )

async function post(body: unknown, user: DemoUser | null = 'alice', app = fx.app) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (user) headers.authorization = `Bearer ${TOKENS[user]}`
  const res = await app.request('/api/piktid/gallery/feedback', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as PiktidGalleryImage & PiktidErrorBody }
}

const keyOf = (i: StoredImage) => ({ job_id: i.job_id, image_index: i.image_index, group_index: i.group_index })

describe('POST /api/piktid/gallery/feedback', () => {
  it('stores a verdict and a comment and returns the updated image, which the gallery then shows', async () => {
    const image = stored(`u.username = 'alice' AND g.status = 'completed' AND g.feedback IS NULL`)
    const { status, body } = await post({ ...keyOf(image), feedback: 'like', feedback_comment: 'Hero shot' })
    expect(status).toBe(200)
    expect(body).toMatchObject({
      ...keyOf(image),
      feedback: 'like',
      feedback_comment: 'Hero shot',
      status: 'completed',
    })
    expect(body.output.thumbnail).toMatch(/^\/media\/gen-output-thumb\//)
    expect(reload(image)).toMatchObject({ feedback: 'like', feedback_comment: 'Hero shot' })
    const { body: page } = await getJson<PiktidGalleryPage>(
      fx.app,
      `/api/piktid/gallery/by-project?project_id=${image.project_id}&feedback=like&max_images_per_project=200`,
    )
    const shown = page.projects[0]?.images.find(
      (i) => i.job_id === image.job_id && i.image_index === image.image_index && i.group_index === image.group_index,
    )
    expect(shown).toMatchObject({ feedback: 'like', feedback_comment: 'Hero shot' })
  })

  it('is idempotent: the same verdict twice answers the same and writes nothing the second time', async () => {
    const image = stored(`u.username = 'alice' AND g.status = 'completed' AND g.feedback IS NULL AND g.id > 100`)
    const first = await post({ ...keyOf(image), feedback: 'dislike', feedback_comment: 'Colour drifted' })
    const at = reload(image).feedback_at
    expect(at).not.toBeNull()
    await new Promise((r) => setTimeout(r, 5))
    const second = await post({ ...keyOf(image), feedback: 'dislike', feedback_comment: 'Colour drifted' })
    expect(second).toEqual(first)
    expect(reload(image).feedback_at).toBe(at)
  })

  it('keeps the comment when it is left out, clears it with null, and clears the verdict with null', async () => {
    const image = stored(`u.username = 'bob' AND p.visibility = 1 AND g.status = 'completed'`)
    await post({ ...keyOf(image), feedback: 'like', feedback_comment: 'Keep the drape' })
    expect((await post({ ...keyOf(image), feedback: 'dislike' })).body).toMatchObject({
      feedback: 'dislike',
      feedback_comment: 'Keep the drape',
    })
    expect((await post({ ...keyOf(image), feedback: null, feedback_comment: null })).body).toMatchObject({
      feedback: null,
      feedback_comment: null,
    })
    expect(reload(image)).toMatchObject({ feedback: null, feedback_comment: null })
  })

  it('lets a group member judge a shared project’s image, but answers 404 for another user’s private one', async () => {
    const shared = stored(`u.username = 'bob' AND p.visibility = 1 AND g.status = 'completed' AND g.id > 500`)
    expect((await post({ ...keyOf(shared), feedback: 'like' }, 'alice')).status).toBe(200)
    expect((await post({ ...keyOf(shared), feedback: 'like' }, 'carol')).status).toBe(404)
    const secret = stored(`u.username = 'carol' AND p.visibility = 0`)
    const before = reload(secret)
    for (const user of ['alice', 'bob'] as const) {
      const { status, body } = await post({ ...keyOf(secret), feedback: 'dislike' }, user)
      expect(status).toBe(404)
      expect(body).toEqual({
        error: 'Not found',
        detail: [{ field: 'job_id', message: expect.stringContaining('not found'), position: 'path' }],
      })
    }
    expect(reload(secret)).toEqual(before)
    const unknown = await post({ job_id: 'job_nothing', image_index: 0, group_index: 0, feedback: 'like' })
    expect(unknown.status).toBe(404)
  })

  it.each([
    ['a verdict outside like/dislike/null', { feedback: 'love' }, 'feedback'],
    ['a body giving no review field at all', { feedback: undefined }, 'body'],
    ['a negative image index', { image_index: -1 }, 'image_index'],
    ['a fractional group index', { group_index: 1.5 }, 'group_index'],
    ['a missing job id', { job_id: undefined }, 'job_id'],
    ['a comment that is not a string', { feedback_comment: 42 }, 'feedback_comment'],
    ['a comment over 2000 characters', { feedback_comment: 'x'.repeat(2001) }, 'feedback_comment'],
    ['an unknown field', { rating: 5 }, 'body'],
  ])('rejects %s with 400 naming %s', async (_name, change, field) => {
    const image = stored(`u.username = 'alice' AND g.status = 'completed'`)
    const { status, body } = await post({ ...keyOf(image), feedback: 'like', ...change })
    expect(status).toBe(400)
    expect(body.error).toBe('Invalid request')
    expect(body.detail.map((d) => d.field)).toEqual([field])
    expect(body.detail[0]?.position).toBe('body')
  })

  it('rejects a body that is not JSON with 400, and a request without a valid token with 401', async () => {
    expect((await post('{"job_id":')).status).toBe(400)
    const image = stored(`u.username = 'alice'`)
    const anonymous = await post({ ...keyOf(image), feedback: 'like' }, null)
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.detail[0]).toMatchObject({ field: 'Authorization', position: 'header' })
    expect(reload(image).feedback_at).toBeNull()
  })

  it('stamps a verdict and a claim with the app’s clock', async () => {
    const clock = new Date('2025-03-04T05:06:07.000Z')
    const app = createApp({ db: fx.catalog, media: fx.media, now: () => clock })
    const image = stored(`u.username = 'alice' AND g.status = 'completed' AND g.feedback IS NULL AND g.id > 150`)
    const retouch = { ...keyOf(image), review_status: 'needs_retouch' }
    expect((await post(retouch, 'alice', app)).status).toBe(200)
    expect(reload(image).feedback_at).toBe(clock.toISOString())
    const res = await app.request('/api/piktid/gallery/claim', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.alice}` },
      body: JSON.stringify({ ...keyOf(image), claim: true }),
    })
    expect(res.status).toBe(200)
    const claimed = (await res.json()) as { retouch_claim: { claimed_at: string } | null }
    expect(claimed.retouch_claim?.claimed_at).toBe(clock.toISOString())
  })

  it('keeps a verdict when the app is started again on the same data folder', async () => {
    const image = stored(`u.username = 'carol' AND g.status = 'completed' AND g.feedback IS NULL`)
    expect((await post({ ...keyOf(image), feedback: 'like', feedback_comment: 'After restart' }, 'carol')).status).toBe(
      200,
    )
    const dataDir = fx.catalog.dataDir
    const again = openCatalog(dataDir)
    try {
      const app = createApp({ db: again, media: createMediaStore(again) })
      const { body } = await getJson<PiktidGalleryPage>(
        app,
        `/api/piktid/gallery/by-project?project_id=${image.project_id}&feedback=like&max_images_per_project=200`,
        'carol',
      )
      expect(
        body.projects[0]?.images.find(
          (i) =>
            i.job_id === image.job_id && i.image_index === image.image_index && i.group_index === image.group_index,
        ),
      ).toMatchObject({
        feedback: 'like',
        feedback_comment: 'After restart',
      })
    } finally {
      again.close()
    }
  })
})

describe('a verdict survives a crash', () => {
  it('is on disk once acknowledged, even when the server process is killed right after', async () => {
    const dataDir = join(fx.dir, 'crash')
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { startServer } from './src/server/server.ts'
         const s = await startServer({ port: 0, dataDir: process.argv[1], demoAssets: 50 })
         console.log('URL ' + s.url)`,
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      let output = ''
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          const match = /URL (\S+)/.exec(output)
          if (match?.[1]) resolve(match[1])
        })
        child.once('exit', () => reject(new Error(`server exited early: ${output}`)))
      })
      const headers = { authorization: `Bearer ${TOKENS.alice}`, 'content-type': 'application/json' }
      const page = (await (
        await fetch(
          `${url}/api/piktid/gallery/by-project?ownership=mine&status=completed&per_page=1&max_images_per_project=1`,
          {
            headers,
          },
        )
      ).json()) as PiktidGalleryPage
      const image = page.projects[0]?.images[0] as PiktidGalleryImage
      const verdict = image.feedback === 'dislike' ? 'like' : 'dislike'
      const res = await fetch(`${url}/api/piktid/gallery/feedback`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          job_id: image.job_id,
          image_index: image.image_index,
          group_index: image.group_index,
          feedback: verdict,
          feedback_comment: 'Written before the crash',
        }),
      })
      expect(res.status).toBe(200)
      child.kill('SIGKILL')
      await once(child, 'exit')

      const reopened = openCatalog(dataDir)
      try {
        const row = reopened.sqlite
          .prepare(
            `SELECT feedback, feedback_comment FROM gallery_images WHERE job_id = ? AND image_index = ? AND group_index = ?`,
          )
          .get(image.job_id, image.image_index, image.group_index)
        expect(row).toEqual({ feedback: verdict, feedback_comment: 'Written before the crash' })
      } finally {
        reopened.close()
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 30_000)
})
