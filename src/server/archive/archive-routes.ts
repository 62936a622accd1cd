import { Hono } from 'hono'
import { z } from 'zod'
import {
  ARCHIVE_ERRORS_ENTRY,
  ARCHIVE_MAX_BYTES,
  ARCHIVE_MAX_FILES,
  ARCHIVE_MAX_NAME_LENGTH,
  ARCHIVE_MAX_URL_LENGTH,
  archivePathProblem,
  type ArchiveFile,
  type ArchiveRequest,
} from '../../shared/archive'
import { wallClock, type Clock } from '../core/clock'
import { plainErrors, replyJson } from '../core/errors'
import { parseJsonBody } from '../core/params'
import { attachmentDisposition } from '../http/content-disposition'
import { EntryNames, safeEntryName } from './entry-names'
import { ZipWriter } from './zip-writer'
import { readBodyWithin } from '../http/read-body'
import { untilAborted } from '../http/until-aborted'

// POST /api/archive: many files of this server as one ZIP, streamed as it is made. The server
// never fetches an address of its own choosing: each file is a path of its media or proxy
// routes, fetched by dispatching a GET through this same app with the caller's own credentials,
// so the Host check, the gateway token, signed media links, visibility and the proxy's host
// rules all apply to it exactly as they would to the browser asking itself.

/**
 * Largest request body: 5,000 files of typical paths and names take about 1.5 MB, more than the
 * 1 MB other writes are allowed.
 */
export const ARCHIVE_BODY_MAX_BYTES = 4 * 1024 * 1024

/** Headers of the caller's request that travel with each file's request: who they are. */
const FORWARDED_HEADERS = ['authorization', 'cookie', 'x-vitrine-gateway'] as const

export interface ArchiveOptions {
  /** Answers a request as the app would (the app's own `fetch`). */
  dispatch: (request: Request) => Response | Promise<Response>
  maxFiles?: number | undefined
  maxBytes?: number | undefined
  /** Files fetched at once; the next one is on its way while one is written. */
  concurrency?: number | undefined
  /** Archives made at once on this server; more are told to retry. */
  maxArchivesAtOnce?: number | undefined
  /** The time entries are stamped with. */
  now?: Clock | undefined
}

const number = new Intl.NumberFormat('en')

function requestSchema(maxFiles: number): z.ZodType<ArchiveRequest> {
  const file = z.object({
    url: z
      .string()
      .max(ARCHIVE_MAX_URL_LENGTH)
      .superRefine((url, ctx) => {
        const problem = archivePathProblem(url)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      }),
    name: z.string().max(ARCHIVE_MAX_NAME_LENGTH),
  })
  return z.object({
    name: z.string().max(200).optional(),
    files: z
      .array(file)
      .min(1, 'must name at least one file')
      .max(maxFiles, `must name at most ${number.format(maxFiles)} files; select fewer`),
  })
}

type Fetched =
  { ok: true; bytes: Uint8Array; contentType: string | null } | { ok: false; reason: string; fatal?: boolean }

/** Plain words for a route's refusal; its own `error` code follows when it gives one. */
function refusalReason(status: number, code: string | undefined): string {
  const words =
    status === 404
      ? 'not found, or its link has expired'
      : status === 401 || status === 403
        ? 'not allowed'
        : status === 429 || status === 503
          ? 'the server was busy; try again'
          : status >= 500
            ? 'the server could not fetch it'
            : 'it was refused'
  return `${words} (HTTP ${status}${code ? `, ${code}` : ''})`
}

/** The `error` code of a JSON refusal (Scenario's `reason`), if it gives one. */
async function refusalCode(response: Response): Promise<string | undefined> {
  try {
    if (!(response.headers.get('content-type') ?? '').includes('json')) {
      await response.body?.cancel()
      return undefined
    }
    // Refusals are small JSON documents; the proxy caps what it passes back.
    const body = (await response.json()) as { error?: unknown; reason?: unknown } | null
    const code = typeof body?.error === 'string' ? body.error : body?.reason
    return typeof code === 'string' ? code.slice(0, 80) : undefined
  } catch {
    return undefined
  }
}

/** The path without its query: signatures stay out of the list of what was left out. */
function shownPath(url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

function errorsText(archiveName: string, requested: number, left: readonly string[]): Uint8Array {
  const verb = left.length === 1 ? 'was' : 'were'
  const head = `${number.format(left.length)} of ${number.format(requested)} files ${verb} left out of ${archiveName}:`
  return new TextEncoder().encode(`${[head, '', ...left].join('\r\n')}\r\n`)
}

interface ArchiveRun {
  files: readonly ArchiveFile[]
  archiveName: string
  origin: string
  credentials: Headers
  signal: AbortSignal
}

export function createArchiveRoutes(options: ArchiveOptions): Hono {
  const maxFiles = options.maxFiles ?? ARCHIVE_MAX_FILES
  const maxBytes = options.maxBytes ?? ARCHIVE_MAX_BYTES
  const concurrency = Math.max(1, options.concurrency ?? 2)
  const maxArchives = options.maxArchivesAtOnce ?? 4
  const now = options.now ?? wallClock
  const schema = requestSchema(maxFiles)
  const limitReached: Fetched = {
    ok: false,
    reason: `the archive reached its limit of ${number.format(maxBytes)} bytes`,
    fatal: true,
  }
  let running = 0

  /** One file through the app itself; never throws for the file's own failures. */
  const fetchFile = async (
    file: ArchiveFile,
    signal: AbortSignal,
    run: ArchiveRun,
    room: () => number,
  ): Promise<Fetched> => {
    let response: Response
    try {
      const request = new Request(new URL(file.url, run.origin), { headers: run.credentials, signal })
      response = await untilAborted(Promise.resolve(options.dispatch(request)), signal)
    } catch (err) {
      if (signal.aborted) return { ok: false, reason: 'cancelled', fatal: true }
      return { ok: false, reason: `it could not be fetched (${err instanceof Error ? err.message : String(err)})` }
    }
    if (response.status !== 200) {
      return { ok: false, reason: refusalReason(response.status, await refusalCode(response)) }
    }
    try {
      const bytes = await readBodyWithin(response.body, room)
      if (!bytes) return limitReached
      return { ok: true, bytes, contentType: response.headers.get('content-type') }
    } catch (err) {
      if (signal.aborted) return { ok: false, reason: 'cancelled', fatal: true }
      return { ok: false, reason: `it broke off mid-way (${err instanceof Error ? err.message : String(err)})` }
    }
  }

  /**
   * The archive's bytes in order: up to `concurrency` files on their way, each written whole as
   * it arrives in turn; a failed file is left out and listed in `_errors.txt`, the last entry.
   */
  async function* archiveBytes(run: ArchiveRun): AsyncGenerator<Uint8Array> {
    const zip = new ZipWriter(now())
    const names = new EntryNames([ARCHIVE_ERRORS_ENTRY])
    const left: string[] = []
    let stored = 0
    const room = () => maxBytes - stored
    // Stops the files still on their way once the archive is full, or the caller is gone.
    const fetching = new AbortController()
    const stopFetching = () => fetching.abort()
    if (run.signal.aborted) stopFetching()
    run.signal.addEventListener('abort', stopFetching, { once: true })
    const signal = fetching.signal
    const pending: Promise<Fetched>[] = []
    let next = 0
    const fetchNext = () => {
      const file = run.files[next++]
      if (file) pending.push(fetchFile(file, signal, run, room))
    }
    for (let i = 0; i < concurrency; i++) fetchNext()

    for (let i = 0; i < run.files.length; i++) {
      const file = run.files[i]!
      let fetched = await pending.shift()!
      if (run.signal.aborted) return
      // Read while the file before it was still unwritten: it may not fit any more.
      if (fetched.ok && fetched.bytes.length > room()) fetched = limitReached
      if (!fetched.ok) {
        left.push(`${file.name} (${shownPath(file.url)}): ${fetched.reason}`)
        if (fetched.fatal) {
          stopFetching()
          for (const rest of run.files.slice(i + 1)) {
            left.push(`${rest.name} (${shownPath(rest.url)}): ${fetched.reason}`)
          }
          break
        }
        fetchNext()
        continue
      }
      fetchNext()
      stored += fetched.bytes.length
      yield* zip.entry(names.unique(safeEntryName(file.name, fetched.contentType)), fetched.bytes)
    }
    if (left.length > 0) yield* zip.entry(ARCHIVE_ERRORS_ENTRY, errorsText(run.archiveName, run.files.length, left))
    yield zip.finish()
  }

  const routes = new Hono()
  routes.post('/', async (c) => {
    const parsed = await parseJsonBody(c, schema)
    if (!parsed.ok) return replyJson(plainErrors.invalid(parsed.issues, 'body'))
    if (running >= maxArchives) {
      return c.json(
        { error: 'too_many_archives', message: 'Other archives are being made right now; try again in a moment.' },
        429,
        { 'retry-after': '5', 'cache-control': 'no-store' },
      )
    }

    const archiveName = `${safeEntryName(parsed.value.name ?? 'files').replace(/\.zip$/i, '')}.zip`
    const credentials = new Headers()
    for (const name of FORWARDED_HEADERS) {
      const value = c.req.header(name)
      if (value !== undefined) credentials.set(name, value)
    }
    // Stops every file's request when the caller goes away or stops reading (see release).
    const stop = new AbortController()
    const run: ArchiveRun = {
      files: parsed.value.files,
      archiveName,
      origin: new URL(c.req.url).origin,
      credentials,
      signal: stop.signal,
    }

    running++
    let released = false
    const release = () => {
      if (released) return
      released = true
      running--
      stop.abort()
    }
    const bytes = archiveBytes(run)
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await bytes.next()
          if (done) {
            release()
            controller.close()
          } else {
            controller.enqueue(value)
          }
        } catch (err) {
          release()
          controller.error(err)
        }
      },
      cancel() {
        // The files on their way are told to stop; the generator ends once the one it awaits does.
        release()
        void bytes.return(undefined)
      },
    })
    const requestSignal = c.req.raw.signal
    if (requestSignal.aborted) release()
    requestSignal.addEventListener('abort', release, { once: true })

    return new Response(body, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': attachmentDisposition(archiveName),
        'cache-control': 'no-store, no-transform',
      },
    })
  })
  return routes
}
