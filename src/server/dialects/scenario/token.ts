import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

// Scenario's `paginationToken` is opaque to callers. Ours is a signed seek position: which
// caller it was issued to, a hash of the filters it belongs to, and the sort key of the last
// row served. The signature makes an edited or truncated token fail verification; the caller
// and filter hash make a token replayed by someone else, or with other filters, fail too. Each
// failure is a 400, never a page of someone else's rows.

export interface SeekPosition {
  /** Sort value (createdAt or updatedAt, as stored) and row id of the last row served. */
  sortValue: string
  id: number
}

interface Payload {
  v: 1
  /** Caller's user id; 0 for public access. */
  u: number
  f: string
  s: string
  i: number
}

const SIGNATURE_LENGTH = 32

type TokenCheck = { ok: true; position: SeekPosition } | { ok: false; message: string }

export interface PaginationTokens {
  issue(callerId: number, filterHash: string, position: SeekPosition): string
  verify(token: string, callerId: number, filterHash: string): TokenCheck
}

/** A short stable hash of a canonical filter description. */
export function filterHash(filters: unknown): string {
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 22)
}

export function createPaginationTokens(catalogSecret: string): PaginationTokens {
  const key = createHmac('sha256', catalogSecret).update('scenario-pagination-token:v1').digest()
  const sign = (body: string): string =>
    createHmac('sha256', key).update(body).digest('base64url').slice(0, SIGNATURE_LENGTH)

  return {
    issue(callerId, hash, position) {
      const payload: Payload = { v: 1, u: callerId, f: hash, s: position.sortValue, i: position.id }
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
      return `${body}.${sign(body)}`
    },
    verify(token, callerId, hash) {
      const invalid = { ok: false, message: 'paginationToken is malformed or has been altered' } as const
      const dot = token.indexOf('.')
      if (dot <= 0) return invalid
      const body = token.slice(0, dot)
      const given = Buffer.from(token.slice(dot + 1))
      const expected = Buffer.from(sign(body))
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid
      let payload: Partial<Payload>
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>
      } catch {
        return invalid
      }
      if (
        payload.v !== 1 ||
        typeof payload.u !== 'number' ||
        typeof payload.f !== 'string' ||
        typeof payload.s !== 'string' ||
        !Number.isSafeInteger(payload.i)
      ) {
        return invalid
      }
      if (payload.u !== callerId) return { ok: false, message: 'paginationToken was issued to other credentials' }
      if (payload.f !== hash) {
        return { ok: false, message: 'paginationToken belongs to a request with other filters or sort order' }
      }
      return { ok: true, position: { sortValue: payload.s, id: payload.i as number } }
    },
  }
}
