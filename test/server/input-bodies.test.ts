import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFixture, TOKENS, type CatalogFixture } from './fixture'
import { tableChecksum } from './fuzz-support'

// JSON bodies of the writes (PiktID feedback, Vipanya create): text that cannot be stored as
// sent (NUL, lone surrogates) is a 400 naming the field, every other code point is kept exactly,
// and a body that is not an object is a 400 in the dialect's envelope. A refused write changes
// nothing.

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(300)
})
afterAll(() => fx.close())

const tableSum = (table: string) => tableChecksum(fx.catalog, table)

async function send(path: string, body: string) {
  const res = await fx.app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS.alice}`, 'content-type': 'application/json' },
    body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

interface ImageKey {
  job_id: string
  image_index: number
  group_index: number
}

const aliceImage = (): ImageKey =>
  fx.catalog.sqlite
    .prepare(
      `SELECT g.job_id, g.image_index, g.group_index FROM gallery_images g
         JOIN projects p ON p.id = g.project_id JOIN users u ON u.id = p.created_by
        WHERE u.username = 'alice' ORDER BY g.id LIMIT 1`,
    )
    .get() as ImageKey

const NOT_OBJECTS = ['null', '[]', '"text"', '12', 'true', '{', '', `${'['.repeat(100_000)}${']'.repeat(100_000)}`]

describe('POST /api/piktid/gallery/feedback bodies', () => {
  const feedback = (body: unknown) => send('/api/piktid/gallery/feedback', JSON.stringify(body))

  it('refuses NUL and lone surrogates in job_id and feedback_comment, by field, changing nothing', async () => {
    const image = aliceImage()
    const before = tableSum('gallery_images')
    const cases = [
      [{ ...image, job_id: `${image.job_id}\u0000`, feedback: 'like' }, 'job_id'],
      [{ ...image, feedback: 'like', feedback_comment: 'nice\u0000shot' }, 'feedback_comment'],
      [{ ...image, feedback: 'like', feedback_comment: 'half \ud800 pair' }, 'feedback_comment'],
      [{ ...image, feedback: 'like', feedback_comment: '\udfff' }, 'feedback_comment'],
    ] as const
    for (const [body, field] of cases) {
      const { status, body: reply } = await feedback(body)
      expect(status, JSON.stringify(body)).toBe(400)
      expect(reply).toMatchObject({ error: 'Invalid request', detail: [{ field, position: 'body' }] })
    }
    expect(tableSum('gallery_images')).toBe(before)
  })

  it('keeps every other code point of a comment exactly as sent', async () => {
    const comment = 'Line one\nline two\t\u202eRTL\u202c, 😀 写真 \u00a0é\u0301 \uffff'
    const { status, body } = await feedback({ ...aliceImage(), feedback: 'like', feedback_comment: comment })
    expect(status).toBe(200)
    expect(body.feedback_comment).toBe(comment)
  })

  it('answers a body that is not a JSON object with a 400 in PiktID’s envelope, changing nothing', async () => {
    const before = tableSum('gallery_images')
    for (const text of NOT_OBJECTS) {
      const { status, body } = await send('/api/piktid/gallery/feedback', text)
      expect(status, text.slice(0, 20)).toBe(400)
      expect(body).toMatchObject({ error: 'Invalid request', detail: [{ field: 'body', position: 'body' }] })
    }
    expect(tableSum('gallery_images')).toBe(before)
  })
})

describe('POST /api/vipanya/api/v1/assets bodies', () => {
  const create = (body: unknown) => send('/api/vipanya/api/v1/assets', JSON.stringify(body))

  it('refuses NUL and lone surrogates in title, description and external_url, by field, changing nothing', async () => {
    const before = tableSum('vipanya_assets')
    const cases = [
      [{ title: 'Deck\u0000v2', asset_type: 'pdf' }, 'title'],
      [{ title: '\ud83d', asset_type: 'pdf' }, 'title'],
      [{ title: 'Deck', description: 'a\u0000b', asset_type: 'pdf' }, 'description'],
      [{ title: 'Deck', description: 'x\udc00', asset_type: 'document' }, 'description'],
      [{ title: 'Repo', asset_type: 'git', external_url: 'https://example.com/\u0000' }, 'external_url'],
    ] as const
    for (const [body, field] of cases) {
      const { status, body: reply } = await create(body)
      expect(status, JSON.stringify(body)).toBe(400)
      expect(reply).toMatchObject({ error: 'Validation failed', field })
    }
    expect(tableSum('vipanya_assets')).toBe(before)
  })

  it('keeps every other code point of a title and description exactly as sent', async () => {
    const title = '\u202eevil\u202c 😀 写真 é\u0301'
    const description = 'two\nlines\twith tab \uffff'
    const { status, body } = await create({ title, description, asset_type: 'document' })
    expect(status).toBe(201)
    expect(body.data).toMatchObject({ title, description })
  })

  it('answers a body that is not a JSON object with a 400 in Vipanya’s envelope, changing nothing', async () => {
    const before = tableSum('vipanya_assets')
    for (const text of NOT_OBJECTS) {
      const { status, body } = await send('/api/vipanya/api/v1/assets', text)
      expect(status, text.slice(0, 20)).toBe(400)
      expect(body).toMatchObject({ error: 'Validation failed', field: 'body' })
    }
    expect(tableSum('vipanya_assets')).toBe(before)
  })
})
