// Names of the files in an archive: safe to extract anywhere (no folders, no dot segments, no
// control or direction-changing characters, nothing Windows refuses) and unique, the way a file
// manager numbers a copy: "a.jpg", "a (2).jpg".

/** Longest name in bytes of UTF-8; file systems allow 255, and a copy's " (12)" needs room. */
const MAX_NAME_BYTES = 200

// C0 and C1 controls, DEL, path separators and what Windows refuses in a name; then the
// characters that reverse text direction, which can make "gpj.exe" read as "exe.jpg".
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|\u202a-\u202e\u2066-\u2069]/gu
const LONE_SURROGATE = /[\ud800-\udfff]/gu
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i
const EXTENSION = /\.[a-z0-9]{1,5}$/i

/** Extensions for the types this server's routes answer with, for names that have none. */
const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/json': 'json',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'model/gltf-binary': 'glb',
}

const utf8 = new TextEncoder()

/** `text` cut to at most `maxBytes` of UTF-8, never inside a character. */
function cutToBytes(text: string, maxBytes: number): string {
  let out = ''
  let bytes = 0
  for (const ch of text) {
    const size = utf8.encode(ch).length
    if (bytes + size > maxBytes) break
    out += ch
    bytes += size
  }
  return out
}

/**
 * A name safe to extract as one file: the segments of a path are joined with `_` (dot segments
 * dropped), other unsafe characters become `_`, runs of dots one dot,
 * leading dots and trailing dots or spaces go, a Windows device name gets a `_` in front, and
 * a name without an extension gets the one its `contentType` implies. Never empty.
 */
export function safeEntryName(name: string, contentType?: string | null): string {
  // A path keeps its meaningful segments as one name: "../../etc/passwd" is "etc_passwd".
  const segments = name.split(/[/\\]/).filter((segment) => !/^[. ]*$/.test(segment))
  let safe = segments.join('_').normalize('NFC')
  safe = safe
    .replace(LONE_SURROGATE, '_')
    .replace(UNSAFE, '_')
    .replace(/\.{2,}/g, '.')
  safe = safe
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
  if (safe === '') safe = 'file'
  if (WINDOWS_DEVICE.test(safe)) safe = `_${safe}`
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  const implied = type ? EXTENSION_BY_TYPE[type] : undefined
  if (implied && !EXTENSION.test(safe)) safe = `${safe}.${implied}`
  if (utf8.encode(safe).length <= MAX_NAME_BYTES) return safe
  const ext = EXTENSION.exec(safe)?.[0] ?? ''
  const stem = cutToBytes(safe.slice(0, safe.length - ext.length), MAX_NAME_BYTES - ext.length).trimEnd()
  return `${stem}${ext}`
}

/** Hands out unique names, compared as case-insensitive file systems (Windows, macOS) do. */
export class EntryNames {
  readonly #taken = new Set<string>()

  /** `reserved`: names kept for the archive's own entries. */
  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.#taken.add(name.toLowerCase())
  }

  /** `name` if it is free, else the first free "stem (n).ext" from n = 2. */
  unique(name: string): string {
    let candidate = name
    if (this.#taken.has(candidate.toLowerCase())) {
      const ext = EXTENSION.exec(name)?.[0] ?? ''
      const stem = name.slice(0, name.length - ext.length)
      for (let n = 2; this.#taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`
    }
    this.#taken.add(candidate.toLowerCase())
    return candidate
  }
}
