import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The files behind Vipanya's non-image assets. The catalog lists PDFs and documents without
 * storing them, so each is made from its row on first request: a small valid PDF with the title
 * on every page, or a plain-text document. Both depend on the row only, so they are the same
 * every time and can be cached and served as immutable. Video and audio are short clips shipped
 * in ./samples, one per format the library lists.
 */

export interface VipanyaFileRow {
  title: string
  slug: string
  description: string
  asset_type: string
  page_count: number | null
  /** The catalogued path (`/uploads/assets/<slug>.<ext>`); null when the asset has no file. */
  file_path: string | null
}

export interface VipanyaFile {
  bytes: Buffer
  contentType: string
  filename: string
  /** Made from the row (and worth caching), rather than read from a shipped sample. */
  made: boolean
}

/** A file served as it is: no image is drawn of it, so it has no long side (0). */
const servedAsIs = <E extends string, T extends string>(ext: E, contentType: T) =>
  ({ ext, contentType, longSide: 0 }) as const

/** Media kinds of Vipanya files: the first segment of their URL, with its extension and type. */
export const VIPANYA_FILE_KINDS = {
  'file-pdf': servedAsIs('pdf', 'application/pdf'),
  'file-txt': servedAsIs('txt', 'text/plain; charset=utf-8'),
  'file-webm': servedAsIs('webm', 'video/webm'),
  'file-mp4': servedAsIs('mp4', 'video/mp4'),
  'file-ogg': servedAsIs('ogg', 'audio/ogg'),
  'file-mp3': servedAsIs('mp3', 'audio/mpeg'),
  'file-m4a': servedAsIs('m4a', 'audio/mp4'),
  'file-wav': servedAsIs('wav', 'audio/wav'),
} as const

export type VipanyaFileKind = keyof typeof VIPANYA_FILE_KINDS

export function isVipanyaFileKind(kind: string): kind is VipanyaFileKind {
  return Object.hasOwn(VIPANYA_FILE_KINDS, kind)
}

interface VipanyaSample {
  type: 'video' | 'audio'
  kind: VipanyaFileKind
  durationSeconds: number
  width: number | null
  height: number | null
}

/**
 * The shipped clips, by extension (made once with ffmpeg: a 4 s test pattern with a tone as VP9
 * and Opus in WebM, and as H.264 and AAC in MP4; a 4 s tone as Opus in Ogg, MP3, AAC in M4A and
 * 8-bit PCM in WAV). Length and frame size are the files' own, so a player and the API agree.
 */
export const VIPANYA_SAMPLES = {
  webm: { type: 'video', kind: 'file-webm', durationSeconds: 4, width: 320, height: 180 },
  mp4: { type: 'video', kind: 'file-mp4', durationSeconds: 4, width: 320, height: 180 },
  ogg: { type: 'audio', kind: 'file-ogg', durationSeconds: 4, width: null, height: null },
  mp3: { type: 'audio', kind: 'file-mp3', durationSeconds: 4, width: null, height: null },
  m4a: { type: 'audio', kind: 'file-m4a', durationSeconds: 4, width: null, height: null },
  wav: { type: 'audio', kind: 'file-wav', durationSeconds: 4, width: null, height: null },
} as const satisfies Record<string, VipanyaSample>

export type VipanyaSampleFormat = keyof typeof VIPANYA_SAMPLES

const sampleBytes = new Map<VipanyaSampleFormat, Buffer>()

/** A shipped clip's bytes, read once. */
export function vipanyaSampleBytes(format: VipanyaSampleFormat): Buffer {
  let bytes = sampleBytes.get(format)
  if (!bytes) {
    // A path from this module's own, not `new URL('./samples/…', import.meta.url)`: a bundler
    // (Vite, under the in-process component tests) rewrites that form into a web asset address.
    bytes = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'samples', `sample.${format}`))
    sampleBytes.set(format, bytes)
  }
  return bytes
}

/**
 * The clip a video or audio row plays: the one in its catalogued format, else the type's first
 * (a catalog made before the clips were shipped lists formats, like `.mov`, that have none).
 */
export function vipanyaSampleFor(
  row: Pick<VipanyaFileRow, 'asset_type' | 'file_path'>,
): { format: VipanyaSampleFormat; sample: VipanyaSample } | undefined {
  if (row.file_path === null || (row.asset_type !== 'video' && row.asset_type !== 'audio')) return undefined
  const formats = Object.keys(VIPANYA_SAMPLES) as VipanyaSampleFormat[]
  const listed = /\.([a-z0-9]+)$/i.exec(row.file_path)?.[1]?.toLowerCase()
  const format =
    formats.find((f) => f === listed && VIPANYA_SAMPLES[f].type === row.asset_type) ??
    formats.find((f) => VIPANYA_SAMPLES[f].type === row.asset_type)
  return format && { format, sample: VIPANYA_SAMPLES[format] }
}

/** The media kind a row's file is served as, or undefined when it has none. */
export function vipanyaFileKind(row: Pick<VipanyaFileRow, 'asset_type' | 'file_path'>): VipanyaFileKind | undefined {
  if (row.file_path === null) return undefined
  if (row.asset_type === 'pdf') return 'file-pdf'
  if (row.asset_type === 'document') return 'file-txt'
  return vipanyaSampleFor(row)?.sample.kind
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

/** The file for a row, or undefined when it has none. */
export function vipanyaFile(row: VipanyaFileRow): VipanyaFile | undefined {
  const kind = vipanyaFileKind(row)
  if (!kind) return undefined
  const { ext, contentType } = VIPANYA_FILE_KINDS[kind]
  const filename = `${row.slug}.${ext}`
  const played = vipanyaSampleFor(row)
  if (played) return { bytes: vipanyaSampleBytes(played.format), contentType, filename, made: false }
  const bytes =
    row.asset_type === 'pdf'
      ? renderPdf(row.title, row.page_count ?? 1)
      : renderTextDocument(row.title, row.description)
  return { bytes, contentType, filename, made: true }
}
