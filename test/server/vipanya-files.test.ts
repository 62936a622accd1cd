import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderPdf } from '../../src/server/media/vipanya-files'
import type { VipanyaAsset, VipanyaAssetBody, VipanyaAssetsPage } from '../../src/shared/vipanya'
import { createFixture, type CatalogFixture } from './fixture'

let fx: CatalogFixture
beforeAll(() => {
  fx = createFixture(2000)
})
afterAll(() => fx.close())

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

async function firstOf(type: string, token = 'demo-alice'): Promise<VipanyaAsset> {
  const res = await fx.app.request(`/api/vipanya/api/v1/assets?asset_type=${type}&per_page=20`, {
    headers: auth(token),
  })
  expect(res.status).toBe(200)
  const body = (await res.json()) as VipanyaAssetsPage
  const asset = body.data.find((a) => a.file_path !== null)
  if (!asset) throw new Error(`no ${type} asset with a file in the fixture`)
  return asset
}

const download = (path: string, headers: Record<string, string> = {}) => fx.app.request(path, { headers })

/** Extension each clip type is served under. */
const extOf: Record<string, string> = {
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
}

/** The media type a file's own bytes say it is, from its container's signature. */
function sniff(bytes: Buffer): string {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1')
  if (bytes.readUInt32BE(0) === 0x1a45dfa3) return ascii(0, 64).includes('webm') ? 'video/webm' : 'video/x-matroska'
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12)
    return brand === 'M4A ' ? 'audio/mp4' : ascii(8, 40).includes('avc1') ? 'video/mp4' : brand
  }
  if (ascii(0, 4) === 'OggS') return 'audio/ogg'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav'
  if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg'
  return 'unknown'
}

/** Checks every xref offset points at its `n 0 obj` and startxref points at `xref`. */
function checkPdfStructure(bytes: Buffer): number {
  const text = bytes.toString('latin1')
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1])
  expect(text.slice(startxref, startxref + 4)).toBe('xref')
  const entries = [...text.slice(startxref).matchAll(/(\d{10}) 00000 n\r\n/g)].map((m) => Number(m[1]))
  entries.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`))
  return Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(text)?.[1])
}

describe('Vipanya file downloads', () => {
  it('serves a PDF asset as a signed, well-formed PDF named after its slug', async () => {
    const pdf = await firstOf('pdf')
    expect(pdf.file_path).toMatch(/^\/media\/file-pdf\/[0-9a-f-]+\.pdf\?e=\d+&s=/)
    const res = await download(pdf.file_path as string)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="${pdf.slug}.pdf"`)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true)
    expect(bytes.length).toBe(pdf.file_size)
    expect(pdf.mime_type).toBe('application/pdf')
    expect(checkPdfStructure(bytes)).toBe(Math.min(400, pdf.page_count ?? 1))
  })

  it('makes each PDF once, then serves the cached copy with the same ETag and 304s', async () => {
    const pdf = await firstOf('pdf', 'demo-bob')
    const first = await download(pdf.file_path as string)
    const made = fx.renders.filter((r) => r.kind === 'file-pdf' && r.id === pdf.id).length
    expect(made).toBe(1)
    const again = await download(pdf.file_path as string)
    expect(Buffer.from(await again.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()))
    expect(fx.renders.filter((r) => r.kind === 'file-pdf' && r.id === pdf.id).length).toBe(made)
    const etag = first.headers.get('etag') as string
    expect(again.headers.get('etag')).toBe(etag)
    expect((await download(pdf.file_path as string, { 'if-none-match': etag })).status).toBe(304)
  })

  it('writes the title and page numbers into the PDF, escaping PDF string syntax', () => {
    const text = renderPdf('Q3 (draft) \\ notes', 3).toString('latin1')
    expect(text).toContain('(Q3 \\(draft\\) \\\\ notes) Tj')
    expect(text).toContain('(Page 3 of 3) Tj')
    expect(checkPdfStructure(renderPdf('x', 3))).toBe(3)
  })

  it('serves a document as plain text holding its title and description', async () => {
    const doc = await firstOf('document')
    expect(doc.file_path).toMatch(/^\/media\/file-txt\/[0-9a-f-]+\.txt\?e=\d+&s=/)
    expect(doc.mime_type).toBe('text/plain')
    const res = await download(doc.file_path as string)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.get('content-disposition')).toContain(`filename="${doc.slug}.txt"`)
    const text = await res.text()
    expect(text.startsWith(`${doc.title}\n`)).toBe(true)
    expect(text).toContain(doc.description.trim())
    expect(Buffer.byteLength(text)).toBe(doc.file_size)
  })

  it('refuses an unsigned, tampered or wrong-kind URL', async () => {
    const pdf = await firstOf('pdf')
    const path = pdf.file_path as string
    const bare = path.split('?')[0] as string
    expect((await download(bare)).status).toBe(404)
    expect((await download(`${bare}?s=${'A'.repeat(22)}`)).status).toBe(404)
    const doc = await firstOf('document')
    const docSig = (doc.file_path as string).split('?')[1] as string
    expect((await download(`${bare}?${docSig}`)).status).toBe(404)
    // A PDF asked for as a text file is not there, whatever the signature.
    expect((await download(`/media/file-txt/${pdf.id}.txt?${docSig}`)).status).toBe(404)
  })

  it('keeps a private asset private: its URL is signed and only listed to its owner', async () => {
    const row = fx.catalog.sqlite
      .prepare(
        `SELECT v.uuid, u.username FROM vipanya_assets v JOIN users u ON u.id = v.owner_id
          WHERE v.is_public = 0 AND v.is_published = 1 AND v.asset_type = 'pdf' LIMIT 1`,
      )
      .get() as { uuid: string; username: string }
    const other = row.username === 'bob' ? 'demo-carol' : 'demo-bob'
    const hidden = await fx.app.request(`/api/vipanya/api/v1/assets/${row.uuid}`, { headers: auth(other) })
    expect(hidden.status).toBe(404)
    expect((await download(`/media/file-pdf/${row.uuid}.pdf`)).status).toBe(404)
    const owner = await fx.app.request(`/api/vipanya/api/v1/assets/${row.uuid}`, {
      headers: auth(`demo-${row.username}`),
    })
    const asset = ((await owner.json()) as VipanyaAssetBody).data
    expect((await download(asset.file_path as string)).status).toBe(200)
  })

  it('serves every video and audio asset as a real clip whose size, type and name match the listing', async () => {
    const seen = new Set<string>()
    for (const type of ['video', 'audio'] as const) {
      const res = await fx.app.request(`/api/vipanya/api/v1/assets?asset_type=${type}&per_page=100`, {
        headers: auth('demo-alice'),
      })
      const body = (await res.json()) as VipanyaAssetsPage
      expect(body.data.length).toBeGreaterThan(0)
      for (const a of body.data) {
        const ext = extOf[a.mime_type ?? '']
        expect(ext, `${a.mime_type} of ${a.id}`).toBeDefined()
        expect(a.mime_type?.startsWith(`${type}/`)).toBe(true)
        expect(a.file_path).toMatch(new RegExp(`^/media/file-${ext}/${a.id}\\.${ext}\\?e=\\d+&s=`))
        const file = await download(a.file_path as string)
        expect(file.status).toBe(200)
        expect(file.headers.get('content-type')).toBe(a.mime_type)
        expect(file.headers.get('accept-ranges')).toBe('bytes')
        expect(file.headers.get('content-disposition')).toContain(`attachment; filename="${a.slug}.${ext}"`)
        const bytes = Buffer.from(await file.arrayBuffer())
        expect(bytes.length).toBe(a.file_size)
        expect(Number(file.headers.get('content-length'))).toBe(a.file_size)
        expect(sniff(bytes), a.mime_type ?? '').toBe(a.mime_type)
        expect(a.duration_seconds).toBe(4)
        if (type === 'video') expect([a.width, a.height]).toEqual([320, 180])
        seen.add(a.mime_type as string)
      }
    }
    expect([...seen].some((m) => m.startsWith('video/')) && [...seen].some((m) => m.startsWith('audio/'))).toBe(true)
  })

  it('answers a byte range with a 206 of exactly those bytes, and a range past the end with a 416', async () => {
    const video = await firstOf('video')
    const path = video.file_path as string
    const whole = Buffer.from(await (await download(path)).arrayBuffer())
    const size = whole.length
    const etag = (await download(path)).headers.get('etag') as string

    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, size - 1],
      ['bytes=-10', size - 10, size - 1],
      [`bytes=${size - 5}-${size + 1000}`, size - 5, size - 1],
    ]
    for (const [range, start, end] of cases) {
      const res = await download(path, { range })
      expect(res.status, range).toBe(206)
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`)
      expect(Number(res.headers.get('content-length'))).toBe(end - start + 1)
      expect(res.headers.get('content-type')).toBe(video.mime_type)
      expect(Buffer.from(await res.arrayBuffer())).toEqual(whole.subarray(start, end + 1))
    }

    const past = await download(path, { range: `bytes=${size}-` })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`)
    expect((await download(path, { range: 'bytes=-0' })).status).toBe(416)

    // Whole file: a stale If-Range, several ranges, another unit or nonsense.
    const wholeFile: Record<string, string>[] = [
      { range: 'bytes=0-9', 'if-range': '"not-this-one"' },
      { range: 'bytes=0-9,20-29' },
      { range: 'items=0-9' },
      { range: 'bytes=9-0' },
    ]
    for (const headers of wholeFile) {
      const res = await download(path, headers)
      expect(res.status, JSON.stringify(headers)).toBe(200)
      expect(Buffer.from(await res.arrayBuffer()).length).toBe(size)
    }
    const fresh = await download(path, { range: 'bytes=0-9', 'if-range': etag })
    expect(fresh.status).toBe(206)
  })

  it('plays a format the clips lack (a catalog from before them lists .mov) as the WebM clip', async () => {
    const row = fx.catalog.sqlite
      .prepare(
        `SELECT uuid, slug FROM vipanya_assets WHERE asset_type = 'video' AND is_public = 1 AND is_published = 1`,
      )
      .get() as { uuid: string; slug: string }
    const before = fx.catalog.sqlite.prepare('SELECT file_path FROM vipanya_assets WHERE uuid = ?').get(row.uuid) as {
      file_path: string
    }
    fx.catalog.sqlite
      .prepare('UPDATE vipanya_assets SET file_path = ?, mime_type = ? WHERE uuid = ?')
      .run(`/uploads/assets/${row.slug}.mov`, 'video/quicktime', row.uuid)
    try {
      const res = await fx.app.request(`/api/vipanya/api/v1/assets/${row.uuid}`, { headers: auth('demo-alice') })
      const asset = ((await res.json()) as VipanyaAssetBody).data
      expect(asset.mime_type).toBe('video/webm')
      const file = await download(asset.file_path as string)
      expect(file.headers.get('content-type')).toBe('video/webm')
      expect(sniff(Buffer.from(await file.arrayBuffer()))).toBe('video/webm')
    } finally {
      fx.catalog.sqlite
        .prepare('UPDATE vipanya_assets SET file_path = ? WHERE uuid = ?')
        .run(before.file_path, row.uuid)
    }
  })

  it('gives a video created through the API no file, as nothing was uploaded', async () => {
    const res = await fx.app.request('/api/vipanya/api/v1/assets', {
      method: 'POST',
      headers: { ...auth('demo-alice'), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Recorded call', asset_type: 'video' }),
    })
    expect(res.status).toBe(201)
    const asset = ((await res.json()) as VipanyaAssetBody).data
    expect(asset.file_path).toBeNull()
    expect(asset.file_size).toBeNull()
  })

  it('still serves images as signed JPEGs without an attachment header', async () => {
    const image = await firstOf('image')
    expect(image.file_path).toMatch(/^\/media\/original\//)
    const res = await download(image.file_path as string)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('content-disposition')).toBeNull()
  })
})
