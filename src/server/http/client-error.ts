import type { Socket } from 'node:net'
import { LOCKED_CSP } from './security-headers'

// Node's HTTP parser answers malformed requests (400) and oversized headers (431) itself, before
// the app sees them, so those answers would go out without the headers every other response has.
// This writes them instead, with the same headers and the connection closed, as Node would.

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  500: 'Internal Server Error',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
}

function statusFor(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408
  return 400
}

/** For `server.on('clientError', answerClientError)`. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // Nothing can be answered on a connection that is gone, or whose response already started.
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
  if (error.code === 'ECONNRESET' || !socket.writable || started) {
    socket.destroy()
    return
  }
  const status = statusFor(error.code)
  const body = `${REASONS[status]}\n`
  socket.end(
    [
      `HTTP/1.1 ${status} ${REASONS[status]}`,
      'Content-Type: text/plain; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: strict-origin-when-cross-origin',
      'X-Frame-Options: DENY',
      `Content-Security-Policy: ${LOCKED_CSP}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}

/**
 * For the node server's `errorHandler`: requests it cannot turn into a Request (a backslash in the
 * path, a malformed Host, a bad absolute URL) get 400, and a failure outside the app 500, each
 * with the headers every response carries.
 */
export function requestErrorResponse(error: unknown): Response {
  const status = error instanceof Error && error.name === 'RequestError' ? 400 : 500
  return new Response(`${REASONS[status]}\n`, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
      'content-security-policy': LOCKED_CSP,
    },
  })
}
