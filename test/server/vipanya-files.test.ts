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

  it('gives video and audio no download, as no file can be made for them', async () => {
    for (const type of ['video', 'audio']) {
      const res = await fx.app.request(`/api/vipanya/api/v1/assets?asset_type=${type}&per_page=50`, {
        headers: auth('demo-alice'),
      })
      const body = (await res.json()) as VipanyaAssetsPage
      expect(body.data.length).toBeGreaterThan(0)
      for (const a of body.data) {
        expect(a.file_path).toBeNull()
        expect(a.file_size).toBeNull()
      }
    }
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
