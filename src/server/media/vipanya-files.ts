/**
 * The files behind Vipanya's non-image assets. The catalog lists PDFs and documents without
 * storing them, so each is made from its row on first request: a small valid PDF with the title
 * on every page, or a plain-text document. Both depend on the row only, so they are the same
 * every time and can be cached and served as immutable.
 */

export interface VipanyaFileRow {
  title: string
  slug: string
  description: string
  asset_type: string
  page_count: number | null
}

export interface VipanyaFile {
  bytes: Buffer
  contentType: string
  filename: string
}

export const VIPANYA_FILE_TYPES = {
  pdf: { kind: 'file-pdf', ext: 'pdf', contentType: 'application/pdf' },
  document: { kind: 'file-txt', ext: 'txt', contentType: 'text/plain; charset=utf-8' },
} as const

export type VipanyaFileType = keyof typeof VIPANYA_FILE_TYPES

export function hasVipanyaFile(type: string): type is VipanyaFileType {
  return Object.hasOwn(VIPANYA_FILE_TYPES, type)
}

/** Pages a made PDF has at most, so a row claiming thousands still gives a small file. */
const MAX_PDF_PAGES = 400

/** Text in a PDF literal string: ASCII only, with `\`, `(` and `)` escaped. */
function pdfText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[\\()]/g, (ch) => `\\${ch}`)
    .slice(0, 200)
}

/** A minimal PDF 1.4: one Helvetica font, one page per page, title and page number on each. */
export function renderPdf(title: string, pageCount: number): Buffer {
  const pages = Math.min(MAX_PDF_PAGES, Math.max(1, Math.floor(pageCount)))
  const heading = pdfText(title) || 'Untitled'
  // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
  const objects: string[] = []
  const kids: string[] = []
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  for (let i = 0; i < pages; i++) {
    const page = 4 + i * 2
    kids.push(`${page} 0 R`)
    const stream = `BT /F1 18 Tf 56 760 Td (${heading}) Tj /F1 11 Tf 0 -24 Td (Page ${i + 1} of ${pages}) Tj ET`
    objects[page] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${page + 1} 0 R >>`
    objects[page + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`

  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(out, 'latin1')
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`
  }
  const xref = Buffer.byteLength(out, 'latin1')
  // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, CR LF.
  out += `xref\n0 ${objects.length}\n0000000000 65535 f\r\n`
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n\r\n`
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** A plain-text document: the title, underlined, then the description. */
function renderTextDocument(title: string, description: string): Buffer {
  const heading = title.trim() || 'Untitled'
  const body = description.trim()
  return Buffer.from(
    `${heading}\n${'='.repeat(Math.min(80, [...heading].length))}\n\n${body}${body ? '\n' : ''}`,
    'utf8',
  )
}

/** The file for a row, or undefined when its type has none to make. */
export function vipanyaFile(row: VipanyaFileRow): VipanyaFile | undefined {
  if (!hasVipanyaFile(row.asset_type)) return undefined
  const spec = VIPANYA_FILE_TYPES[row.asset_type]
  const bytes =
    row.asset_type === 'pdf'
      ? renderPdf(row.title, row.page_count ?? 1)
      : renderTextDocument(row.title, row.description)
  return { bytes, contentType: spec.contentType, filename: `${row.slug}.${spec.ext}` }
}
