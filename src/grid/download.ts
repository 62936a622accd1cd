import { ARCHIVE_ERRORS_ENTRY, ARCHIVE_PATH, archivePathProblem, type ArchiveRequest } from '../shared/archive'
import { ZipEntries } from './zip-entries'

export interface DownloadFile {
  url: string
  name: string
}

/** Saves `href` (a file's link, or a Blob URL) under `name` through `<a download>`. */
export function saveAs(href: string, name: string): void {
  const link = document.createElement('a')
  link.href = href
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}

/**
 * The path an archive request names for `url`, or undefined when the server cannot fetch it:
 * only its own media and proxy routes go into an archive (a source kept in the browser may
 * serve its files from another origin).
 */
export function archivePathOf(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url, globalThis.location.href)
  } catch {
    return undefined
  }
  if (parsed.origin !== globalThis.location.origin) return undefined
  const path = parsed.pathname + parsed.search
  return archivePathProblem(path) === undefined ? path : undefined
}

export interface ArchiveProgress {
  /** Files complete in the archive so far (its list of errors not counted). */
  files: number
  bytes: number
}

export interface Archive {
  blob: Blob
  /** The name the server gave it. */
  name: string
  /** Files it holds; the rest are listed in its `_errors.txt`. */
  files: number
}

/** The name in `filename*` (RFC 5987), else in `filename`, of a Content-Disposition header. */
function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1]
  if (extended) {
    try {
      return decodeURIComponent(extended)
    } catch {
      // Fall through to the plain form.
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1]
}

async function refusalMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown }
    if (typeof body.message === 'string') return body.message
  } catch {
    // Not JSON: the status says enough.
  }
  return `The server could not make the archive (HTTP ${response.status}).`
}

/**
 * Asks the server for one ZIP of `request.files` and reads it whole, reporting files and bytes
 * as they arrive. Aborting `signal` ends the request, and the server stops fetching files.
 */
export async function fetchArchive(
  request: ArchiveRequest,
  signal: AbortSignal,
  progress: (p: ArchiveProgress) => void,
): Promise<Archive> {
  const response = await fetch(ARCHIVE_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
    signal,
  })
  if (!response.ok || !response.body) throw new Error(await refusalMessage(response))
  const entries = new ZipEntries()
  const chunks: Uint8Array[] = []
  let bytes = 0
  const files = () => entries.names.filter((name) => name !== ARCHIVE_ERRORS_ENTRY).length
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    bytes += value.length
    entries.push(value)
    progress({ files: files(), bytes })
  }
  return {
    blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }),
    name: dispositionName(response.headers.get('content-disposition')) ?? `${request.name ?? 'files'}.zip`,
    files: files(),
  }
}
