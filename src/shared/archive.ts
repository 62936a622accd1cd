// One ZIP of many files, made by the server (POST /api/archive): the request's shape, its limits
// and which addresses it may name. The client checks a selection with the same rule the server
// applies, so it can say what was left out before it asks.

/** Where the app asks for an archive. */
export const ARCHIVE_PATH = '/api/archive'

/** Most files one archive holds. */
export const ARCHIVE_MAX_FILES = 5000

/**
 * Most bytes of files one archive holds. It keeps every offset and size under ZIP's 32-bit
 * fields (with 5,000 entries' headers), so no archive needs ZIP64.
 */
export const ARCHIVE_MAX_BYTES = 4_000_000_000

/** Longest `url` and `name` the request may carry. */
export const ARCHIVE_MAX_URL_LENGTH = 2048
export const ARCHIVE_MAX_NAME_LENGTH = 1000

/** The entry, last in the archive, that lists the files left out and why. */
export const ARCHIVE_ERRORS_ENTRY = '_errors.txt'

export interface ArchiveFile {
  /** A path on this server: its media (`/media/…`) or its proxy (`/api/proxy/…`). */
  url: string
  /** The file's name in the archive; the server makes it safe and unique. */
  name: string
}

export interface ArchiveRequest {
  /** The archive's own name, without `.zip`; "files" when absent. */
  name?: string | undefined
  files: ArchiveFile[]
}

/** The routes whose answers are files an archive may hold; every other address is refused. */
const FILE_ROUTES = ['/media/', '/api/proxy/'] as const

/** Encoded `.`, `/`, `\` and `%`: each could turn into a separator or a dot segment once decoded. */
const ENCODED_TRICK = /%(?:2e|2f|5c|25|00)/i

/**
 * Why `path` may not be fetched into an archive, or undefined when it may: a path of this
 * server's media or proxy routes, already in the canonical form a URL parser gives it (so no dot
 * segments, backslashes, fragments, spaces or other characters the parser would rewrite), with
 * no encoded separators, dots or percent signs in its path part. Absolute URLs and `//host`
 * forms are refused: the server fetches only from itself.
 */
export function archivePathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > ARCHIVE_MAX_URL_LENGTH) {
    return `must be a path of 1 to ${ARCHIVE_MAX_URL_LENGTH} characters`
  }
  if (!path.startsWith('/') || path.startsWith('//')) return 'must be a path on this server, not an absolute URL'
  if (!FILE_ROUTES.some((prefix) => path.startsWith(prefix))) {
    return `must be a path under ${FILE_ROUTES.join(' or ')}`
  }
  if (!/^[\x21-\x7e]+$/.test(path)) return 'must hold only printable ASCII (percent-encode the rest)'
  const query = path.indexOf('?')
  const pathPart = query === -1 ? path : path.slice(0, query)
  if (pathPart.includes('//') || ENCODED_TRICK.test(pathPart) || pathPart.includes('@')) {
    return 'must not hold empty segments, @, or encoded dots, slashes or percent signs'
  }
  // What a URL parser makes of it must be exactly it: dot segments, backslashes, fragments and
  // anything else the parser would rewrite all differ here.
  const base = 'http://archive.invalid'
  let parsed: URL
  try {
    parsed = new URL(path, base)
  } catch {
    return 'is not a valid path'
  }
  if (parsed.origin !== base || parsed.pathname + parsed.search !== path) {
    return 'must be a canonical path (no dot segments, backslashes or fragments)'
  }
  return undefined
}
