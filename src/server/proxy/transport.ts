import { lookup as dnsLookup } from 'node:dns/promises'
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { Readable } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'

// The proxy's own HTTP client. It resolves a host once, checks every address it resolves to,
// and connects to exactly the address it checked (a custom `lookup`), so a host cannot answer
// the check with a public address and the connection with an internal one (DNS rebinding).
// TLS still names the host (SNI and certificate check), and `Host` is the URL's.

export interface ResolvedAddress {
  address: string
  family: number
}

/** Every address a host name resolves to; `dns.lookup` by default, stubbed in tests. */
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>

export const resolveWithDns: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true })

function ipv4Private(b: readonly number[]): boolean {
  const [a = 0, b1 = 0, c = 0] = b
  return (
    a === 0 || // 0.0.0.0/8 "this network"
    a === 10 || // RFC 1918
    a === 127 || // loopback
    (a === 100 && b1 >= 64 && b1 <= 127) || // 100.64.0.0/10 carrier-grade NAT
    (a === 169 && b1 === 254) || // link-local (cloud metadata lives here)
    (a === 172 && b1 >= 16 && b1 <= 31) || // RFC 1918
    (a === 192 && b1 === 168) || // RFC 1918
    (a === 192 && b1 === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 198 && (b1 === 18 || b1 === 19)) || // benchmarking
    (a === 198 && b1 === 51 && c === 100) || // TEST-NET-2
    (a === 203 && b1 === 0 && c === 113) || // TEST-NET-3
    a >= 224 // multicast, reserved, broadcast
  )
}

/** An IPv6 address as its 16 bytes (`::`, an embedded dotted quad and zone ids handled). */
function ipv6Bytes(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '')
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (quad) {
    const [, a, b, c, d] = quad.map(Number)
    text = `${text.slice(0, quad.index)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const left = groups(head)
  const right = tail === undefined ? [] : groups(tail)
  const missing = 8 - left.length - right.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined
  const all = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16))
  if (all.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return undefined
  return all.flatMap((g) => [g >> 8, g & 0xff])
}

/**
 * Whether an address is anything but a public unicast one: loopback, link-local, private
 * (RFC 1918, ULA fc00::/7), carrier-grade NAT, "this network", documentation, multicast, and
 * IPv4 addresses inside IPv6 (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64, 6to4) by the
 * IPv4 address they carry. Anything unparseable counts as private.
 */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address.replace(/%.*$/, ''))
  if (kind === 4) return ipv4Private(address.split('.').map(Number))
  if (kind !== 6) return true
  const b = ipv6Bytes(address)
  if (!b) return true
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0)
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return ipv4Private(b.slice(12)) // mapped
  if (zeros(0, 12)) return true // ::, ::1 and the deprecated IPv4-compatible form
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    return zeros(4, 12) ? ipv4Private(b.slice(12)) : true // NAT64, well-known and local-use
  }
  if (b[0] === 0x20 && b[1] === 0x02) return ipv4Private(b.slice(2, 6)) // 6to4
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return true // documentation
  if (b[0] === 0x01 && b[1] === 0x00 && zeros(2, 8)) return true // discard-only 100::/64
  const first = b[0] ?? 0
  const second = b[1] ?? 0
  return (
    (first & 0xfe) === 0xfc || // unique local fc00::/7
    (first === 0xfe && (second & 0xc0) === 0x80) || // link-local fe80::/10
    (first === 0xfe && (second & 0xc0) === 0xc0) || // site-local fec0::/10 (deprecated)
    first === 0xff // multicast
  )
}

/** Why a host may not be reached, or the checked addresses to connect to (in resolver order). */
export type Vetted =
  { ok: true; addresses: readonly ResolvedAddress[] } | { ok: false; reason: 'private' | 'unresolved' }

/**
 * Resolves a URL's host once and checks every address: one private address is enough to refuse
 * a host unless `allowPrivate`. The connection then uses only these addresses.
 */
export async function vetHost(url: URL, allowPrivate: boolean, resolve: ResolveHost): Promise<Vetted> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: readonly ResolvedAddress[]
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }]
  else {
    try {
      addresses = await resolve(hostname)
    } catch {
      return { ok: false, reason: 'unresolved' }
    }
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolved' }
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) return { ok: false, reason: 'private' }
  return { ok: true, addresses }
}

export interface Agents {
  http: HttpAgent
  https: HttpsAgent
}

/**
 * One pair of keep-alive agents per source: a pooled connection was made to an address checked
 * under that source's rules, so it is never lent to a source with stricter ones.
 */
export function createAgents(): Agents {
  return { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }
}

export interface PinnedResponse {
  status: number
  headers: Headers
  body: ReadableStream<Uint8Array> | null
}

function decoded(res: IncomingMessage): Readable {
  switch ((res.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(createGunzip())
    case 'deflate':
      return res.pipe(createInflate())
    case 'br':
      return res.pipe(createBrotliDecompress())
    default:
      return res
  }
}

/**
 * Sends one request to `url`, connecting only to the checked `addresses` (the first that answers,
 * as Node tries them in turn); redirects are the caller's.
 */
export function sendPinned(
  url: URL,
  init: { method: string; headers: Headers; body?: Uint8Array | undefined; signal: AbortSignal },
  addresses: readonly ResolvedAddress[],
  agents: Agents,
): Promise<PinnedResponse> {
  const https = url.protocol === 'https:'
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const [first] = addresses
    if (options.all) callback(null, [...addresses])
    else if (first) callback(null, first.address, first.family)
    else callback(new Error('no checked address'), '', 0)
  }
  const headers: Record<string, string> = Object.fromEntries(init.headers)
  headers['accept-encoding'] = 'gzip, deflate, br'
  if (init.body) headers['content-length'] = String(init.body.byteLength)
  return new Promise((resolvePromise, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || (https ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: init.method,
        headers,
        agent: https ? agents.https : agents.http,
        lookup: pinned,
        signal: init.signal,
      },
      (res) => {
        const out = new Headers()
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue
          for (const one of Array.isArray(value) ? value : [value]) out.append(name, one)
        }
        const stream = decoded(res)
        if (stream !== res) {
          out.delete('content-encoding')
          out.delete('content-length')
        }
        resolvePromise({
          status: res.statusCode ?? 502,
          headers: out,
          body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
        })
      },
    )
    req.on('error', reject)
    req.end(init.body ? Buffer.from(init.body) : undefined)
  })
}
